// Command imagepick-emulator serves the offline emulator of the UCloud and Zenlayer (BMC and ZEC) image APIs on a local port,
// for the demo and for users' own tests. It prints its base URL as the first line on stdout.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/imagepick/terraform-provider-imagepick/internal/emulator"
)

const name = "imagepick-emulator"

// version is set by the release build (GoReleaser ldflags -X main.version=...).
var version = "dev"

// shutdownTimeout bounds how long in-flight requests may take once a signal arrives.
const shutdownTimeout = 5 * time.Second

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

type config struct {
	listen                          string
	ucloudPublicKey                 string
	ucloudPrivateKey                string
	zenlayerAccessKeyID             string
	zenlayerAccessKeyPassword       string
	catalogFile                     string
	generateUHost                   int
	generateRegion, generateZone    string
	limitCap                        int
	zecPageSizeCap                  int
	latency                         time.Duration
	throttleEvery, unavailableEvery int
	truncateEvery                   int
	seed                            int64
	clockSkew                       time.Duration
	verbose                         bool
	printVersion                    bool
	exportCatalog                   bool
}

func parseFlags(args []string, stderr io.Writer) (config, error) {
	var c config
	flags := flag.NewFlagSet(name, flag.ContinueOnError)
	flags.SetOutput(stderr)
	flags.StringVar(&c.listen, "listen", "127.0.0.1:0", "address to listen on (port 0 picks a free port)")
	flags.StringVar(&c.ucloudPublicKey, "ucloud-public-key", emulator.DefaultUCloudPublicKey, "UCloud public key the emulator accepts")
	flags.StringVar(&c.ucloudPrivateKey, "ucloud-private-key", emulator.DefaultUCloudPrivateKey, "UCloud private key for that public key")
	flags.StringVar(&c.zenlayerAccessKeyID, "zenlayer-access-key-id", emulator.DefaultZenlayerAccessKeyID, "Zenlayer access key id the emulator accepts")
	flags.StringVar(&c.zenlayerAccessKeyPassword, "zenlayer-access-key-password", emulator.DefaultZenlayerAccessKeyPassword, "Zenlayer access key password for that id")
	flags.StringVar(&c.catalogFile, "catalog", "", "catalog JSON file (default: the built-in catalog)")
	flags.IntVar(&c.generateUHost, "generate-uhost", 0, "replace the UHost images with N generated ones (for benchmarks)")
	flags.StringVar(&c.generateRegion, "generate-region", "cn-bj2", "region of the generated UHost images")
	flags.StringVar(&c.generateZone, "generate-zone", "cn-bj2-02", "zone of the generated UHost images")
	flags.IntVar(&c.limitCap, "limit-cap", 0, "silent cap on the UCloud Limit parameter (0: none)")
	flags.IntVar(&c.zecPageSizeCap, "zec-page-size-cap", 0, "silent cap on the Zenlayer ZEC pageSize parameter, below the API's 1000 (0: none)")
	flags.DurationVar(&c.latency, "latency", 0, "delay added before every API answer")
	flags.IntVar(&c.throttleEvery, "throttle-every", 0, "throttle every Nth API request (0: never)")
	flags.IntVar(&c.unavailableEvery, "unavailable-every", 0, "answer every Nth API request with HTTP 503 (0: never)")
	flags.IntVar(&c.truncateEvery, "truncate-every", 0, "cut every Nth API answer in half (0: never)")
	flags.Int64Var(&c.seed, "seed", 0, "seed for request IDs")
	flags.DurationVar(&c.clockSkew, "clock-skew", 0, "Zenlayer timestamp window (0: 5m; negative: not checked)")
	flags.BoolVar(&c.verbose, "v", false, "log each request to stderr")
	flags.BoolVar(&c.printVersion, "version", false, "print the version and exit")
	flags.BoolVar(&c.exportCatalog, "export-catalog", false,
		"write the catalog it would serve (built-in, -catalog, -generate-uhost) to stdout as -catalog JSON and exit")
	if err := flags.Parse(args); err != nil {
		return c, err
	}
	if flags.NArg() > 0 {
		return c, fmt.Errorf("unexpected arguments: %v", flags.Args())
	}
	return c, nil
}

func run(args []string, stdout, stderr io.Writer) int {
	c, err := parseFlags(args, stderr)
	if errors.Is(err, flag.ErrHelp) {
		return 0
	}
	if err != nil {
		fmt.Fprintf(stderr, "%s: %v\n", name, err)
		return 2
	}
	if c.printVersion {
		fmt.Fprintln(stdout, name, version)
		return 0
	}
	catalog, err := loadCatalog(c)
	if err != nil {
		fmt.Fprintf(stderr, "%s: %v\n", name, err)
		return 1
	}
	if c.exportCatalog {
		if err := emulator.WriteCatalog(stdout, catalog); err != nil {
			fmt.Fprintf(stderr, "%s: %v\n", name, err)
			return 1
		}
		return 0
	}
	var handler http.Handler = emulator.New(emulator.Options{
		UCloudKeys:   map[string]string{c.ucloudPublicKey: c.ucloudPrivateKey},
		ZenlayerKeys: map[string]string{c.zenlayerAccessKeyID: c.zenlayerAccessKeyPassword},
		Catalog:      catalog,
		LimitCap:     c.limitCap,
		ZECPageSize:  c.zecPageSizeCap,
		Latency:      c.latency,
		Faults: emulator.Faults{
			Seed:             c.seed,
			ThrottleEvery:    c.throttleEvery,
			UnavailableEvery: c.unavailableEvery,
			TruncateEvery:    c.truncateEvery,
		},
		ClockSkew: c.clockSkew,
	})
	logger := log.New(stderr, name+": ", log.LstdFlags)
	if c.verbose {
		handler = logRequests(handler, logger)
	}

	listener, err := net.Listen("tcp", c.listen)
	if err != nil {
		fmt.Fprintf(stderr, "%s: listen %s: %v\n", name, c.listen, rootCause(err))
		return 1
	}
	if _, err := fmt.Fprintln(stdout, baseURL(listener.Addr())); err != nil {
		listener.Close()
		return 1
	}
	if f, ok := stdout.(interface{ Sync() error }); ok {
		_ = f.Sync() // a pipe reports an error here; the line is already written
	}

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	server := &http.Server{Handler: handler, ReadHeaderTimeout: 10 * time.Second, ErrorLog: logger}
	served := make(chan error, 1)
	go func() { served <- server.Serve(listener) }()

	select {
	case err := <-served:
		fmt.Fprintf(stderr, "%s: serve: %v\n", name, err)
		return 1
	case <-ctx.Done():
	}
	shutdownCtx, cancel := context.WithTimeout(context.Background(), shutdownTimeout)
	defer cancel()
	if err := server.Shutdown(shutdownCtx); err != nil {
		fmt.Fprintf(stderr, "%s: shutdown: %v\n", name, err)
		return 1
	}
	return 0
}

func loadCatalog(c config) (*emulator.Catalog, error) {
	catalog := emulator.DefaultCatalog()
	if c.catalogFile != "" {
		loaded, err := emulator.LoadCatalog(c.catalogFile)
		if err != nil {
			return nil, err
		}
		catalog = loaded
	}
	if c.generateUHost > 0 {
		catalog.UHost = emulator.GenerateCatalog(c.generateUHost, c.generateRegion, c.generateZone, c.seed).UHost
	}
	return catalog, nil
}

// rootCause turns "listen tcp 127.0.0.1:8080: bind: address already in use" into "address already in use".
func rootCause(err error) error {
	var syscallErr *os.SyscallError
	if errors.As(err, &syscallErr) {
		return syscallErr.Err
	}
	var opErr *net.OpError
	if errors.As(err, &opErr) && opErr.Err != nil {
		return opErr.Err
	}
	return err
}

// baseURL names the listener as clients should reach it; an unspecified address means loopback works.
func baseURL(addr net.Addr) string {
	tcp, ok := addr.(*net.TCPAddr)
	if !ok {
		return "http://" + addr.String()
	}
	host := tcp.IP.String()
	if tcp.IP.IsUnspecified() {
		host = "127.0.0.1"
	}
	return "http://" + net.JoinHostPort(host, fmt.Sprint(tcp.Port))
}

// statusRecorder remembers the status code for the request log.
type statusRecorder struct {
	http.ResponseWriter
	status int
}

func (r *statusRecorder) WriteHeader(status int) {
	r.status = status
	r.ResponseWriter.WriteHeader(status)
}

// logRequests logs method, path, action, status and duration; never parameters, signatures or Authorization.
func logRequests(next http.Handler, logger *log.Logger) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		recorder := &statusRecorder{ResponseWriter: w, status: http.StatusOK}
		next.ServeHTTP(recorder, r)
		action := r.Header.Get("X-Zc-Action")
		if action == "" {
			action = r.URL.Query().Get("Action")
		}
		if action == "" {
			action = "-"
		}
		logger.Printf("%s %s %s %d %s", r.Method, r.URL.Path, action, recorder.status, time.Since(start).Round(time.Microsecond))
	})
}
