package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/imagepick/terraform-provider-imagepick/internal/emulator"
)

// planResult is one cell of the matrix: K data sources over a catalog of Images images.
type planResult struct {
	Images, K        int
	Queries          []serverQuery
	ExpectedRequests int64
	Walls            []time.Duration // one per timed run, sorted
	Requests         []int64         // DescribeImage requests the emulator served, one per timed run
	PeakRSSKiB       int64           // highest peak RSS of any provider process in any run; 0 if none started
	ProviderStarts   int             // provider processes per run (the most seen in one run)
}

func (r planResult) median() time.Duration { return medianDuration(r.Walls) }

// requestsExact reports whether every run made exactly the expected number of requests.
func (r planResult) requestsExact() bool {
	for _, n := range r.Requests {
		if n != r.ExpectedRequests {
			return false
		}
	}
	return len(r.Requests) > 0
}

func medianDuration(sorted []time.Duration) time.Duration {
	n := len(sorted)
	switch {
	case n == 0:
		return 0
	case n%2 == 1:
		return sorted[n/2]
	default:
		return (sorted[n/2-1] + sorted[n/2]) / 2
	}
}

// runMatrix runs every (images, K) cell: per catalog size one emulator, one untimed warm-up plan, then opts.runs
// timed plans per K with the emulator's counters reset before each.
func runMatrix(ctx context.Context, opts options, bins binaries, work string) ([]planResult, error) {
	cliConfig := filepath.Join(work, "terraformrc")
	rc := fmt.Sprintf("provider_installation {\n  dev_overrides {\n    \"imagepick/imagepick\" = %s\n  }\n  direct {}\n}\n",
		strconv.Quote(bins.wrapperDir))
	if err := os.WriteFile(cliConfig, []byte(rc), 0o600); err != nil {
		return nil, err
	}

	var results []planResult
	for _, n := range opts.images {
		catalog := emulator.GenerateCatalog(n, benchRegion, benchZone, benchSeed)
		emu := emulator.New(emulator.Options{Latency: opts.latency, Catalog: catalog})
		baseURL, stopServer, err := serve(emu)
		if err != nil {
			return nil, err
		}
		cellResults, err := runCatalog(ctx, opts, bins, work, cliConfig, n, catalog, emu, baseURL)
		stopServer()
		if err != nil {
			return nil, err
		}
		results = append(results, cellResults...)
	}
	return results, nil
}

func runCatalog(ctx context.Context, opts options, bins binaries, work, cliConfig string, n int,
	catalog *emulator.Catalog, emu *emulator.Server, baseURL string) ([]planResult, error) {
	fmt.Printf("==> %d images, emulator at %s, latency %s\n", n, baseURL, opts.latency)
	p := planner{terraform: opts.terraform, provider: bins.provider, cliConfig: cliConfig}

	warm := filepath.Join(work, fmt.Sprintf("warmup-%d", n))
	if err := writeModule(warm, configuration(baseURL, dataSourceSpecs(1))); err != nil {
		return nil, err
	}
	if _, err := p.plan(ctx, warm); err != nil {
		return nil, fmt.Errorf("warm-up plan over %d images: %w", n, err)
	}

	var results []planResult
	for _, k := range opts.dataSources {
		specs := dataSourceSpecs(k)
		dir := filepath.Join(work, fmt.Sprintf("images-%d-k-%d", n, k))
		if err := writeModule(dir, configuration(baseURL, specs)); err != nil {
			return nil, err
		}
		r := planResult{Images: n, K: k, Queries: distinctQueries(specs), ExpectedRequests: expectedRequests(specs, catalog)}
		for i := 0; i < opts.runs; i++ {
			emu.Reset()
			m, err := p.plan(ctx, dir)
			if err != nil {
				return nil, fmt.Errorf("plan with %d data sources over %d images: %w", k, n, err)
			}
			r.Walls = append(r.Walls, m.wall)
			r.Requests = append(r.Requests, emu.Stats().Requests["DescribeImage"])
			r.PeakRSSKiB = max(r.PeakRSSKiB, m.peakRSSKiB)
			r.ProviderStarts = max(r.ProviderStarts, m.providerStarts)
		}
		sort.Slice(r.Walls, func(i, j int) bool { return r.Walls[i] < r.Walls[j] })
		fmt.Printf("    K=%-3d median %7.3fs  requests %v (expected %d)  peak RSS %s\n",
			k, r.median().Seconds(), r.Requests, r.ExpectedRequests, formatKiB(r.PeakRSSKiB))
		results = append(results, r)
	}
	return results, nil
}

// serve starts the emulator on a free loopback port.
func serve(h http.Handler) (string, func(), error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", nil, err
	}
	srv := &http.Server{Handler: h, ReadHeaderTimeout: 10 * time.Second}
	go func() { _ = srv.Serve(ln) }()
	stop := func() {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		_ = srv.Shutdown(ctx)
	}
	return "http://" + ln.Addr().String(), stop, nil
}

func writeModule(dir, config string) error {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(dir, "main.tf"), []byte(config), 0o600)
}

// planner runs terraform plan with the benchmark's CLI configuration and a clean environment.
type planner struct {
	terraform, provider, cliConfig string
}

type planMeasure struct {
	wall           time.Duration
	peakRSSKiB     int64
	providerStarts int
}

func (p planner) plan(ctx context.Context, dir string) (planMeasure, error) {
	var m planMeasure
	rssFile := filepath.Join(dir, "rss.txt")
	_ = os.Remove(rssFile)

	cmd := exec.CommandContext(ctx, p.terraform, "plan", "-input=false", "-lock=false", "-refresh=true", "-no-color")
	cmd.Dir = dir
	cmd.Env = append(cleanEnv(),
		"TF_CLI_CONFIG_FILE="+p.cliConfig,
		"TF_DATA_DIR="+filepath.Join(dir, ".terraform"),
		"TF_IN_AUTOMATION=1",
		"CHECKPOINT_DISABLE=1",
		"IMAGEPICK_RSSWRAP_TARGET="+p.provider,
		"IMAGEPICK_RSSWRAP_FILE="+rssFile,
	)
	var output bytes.Buffer
	cmd.Stdout, cmd.Stderr = &output, &output
	// Terraform gets its own process group, so a Ctrl-C at the terminal reaches only this program, which then
	// asks Terraform once to stop (a second SIGINT would make it exit without stopping its providers).
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	cmd.Cancel = func() error { return cmd.Process.Signal(os.Interrupt) }
	cmd.WaitDelay = 20 * time.Second

	start := time.Now()
	err := cmd.Run()
	m.wall = time.Since(start)
	if err != nil && cmd.Process != nil {
		// Whatever a stopped or failed Terraform left behind in its group (its providers) goes with it.
		_ = syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
	}
	if ctx.Err() != nil {
		return m, ctx.Err()
	}
	if err != nil {
		return m, fmt.Errorf("terraform plan: %w\n%s", err, tail(output.String(), 40))
	}
	m.peakRSSKiB, m.providerStarts, err = readRSS(rssFile)
	return m, err
}

// cleanEnv is this process's environment without settings that would change what Terraform or the provider do.
func cleanEnv() []string {
	var env []string
	for _, kv := range os.Environ() {
		name, _, _ := strings.Cut(kv, "=")
		if strings.HasPrefix(name, "TF_") || strings.HasPrefix(name, "UCLOUD_") ||
			strings.HasPrefix(name, "ZENLAYERCLOUD_") || name == "CHECKPOINT_DISABLE" ||
			strings.HasPrefix(name, "IMAGEPICK_RSSWRAP_") {
			continue
		}
		env = append(env, kv)
	}
	return env
}

// readRSS returns the highest peak RSS the wrapper recorded and how many provider processes it saw.
func readRSS(name string) (int64, int, error) {
	data, err := os.ReadFile(name)
	if errors.Is(err, os.ErrNotExist) {
		return 0, 0, nil // Terraform did not start the provider
	}
	if err != nil {
		return 0, 0, err
	}
	var peak int64
	starts := 0
	for _, line := range strings.Fields(string(data)) {
		kib, err := strconv.ParseInt(line, 10, 64)
		if err != nil {
			return 0, 0, fmt.Errorf("%s: bad line %q", name, line)
		}
		peak = max(peak, kib)
		starts++
	}
	return peak, starts, nil
}

func tail(s string, lines int) string {
	parts := strings.Split(strings.TrimRight(s, "\n"), "\n")
	if len(parts) > lines {
		parts = parts[len(parts)-lines:]
	}
	return strings.Join(parts, "\n")
}

func formatKiB(kib int64) string {
	if kib == 0 {
		return "—"
	}
	return fmt.Sprintf("%.1f MiB", float64(kib)/1024)
}
