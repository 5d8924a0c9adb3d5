package client

import (
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"errors"
	"fmt"
	"io"
	"log"
	"math/big"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// Transport security: TLS verification is always on for https, the proxy variables and SSL_CERT_FILE are honoured,
// and plain http is used only when the base URL says so.

// envTLSChildURL tells TestTransport_SSLCertFileChild, run as a subprocess, which server to call.
const envTLSChildURL = "IMAGEPICK_TLS_CHILD_URL"

// transportHandler answers both APIs: UCloud at "/", Zenlayer at "/api/v2/bmc".
func transportHandler(served *atomic.Int64) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		served.Add(1)
		if r.URL.Path == "/api/v2/bmc" {
			fmt.Fprint(w, okZenlayer)
			return
		}
		fmt.Fprint(w, okPage)
	})
}

// transportCalls makes one call of every kind the provider makes, each returning its error.
func transportCalls(baseURL string, opts Options) map[string]func() error {
	ctx := context.Background()
	uc := newTestUCloud(baseURL, opts)
	zc := newTestZenlayer(baseURL, opts)
	return map[string]func() error{
		"DescribeImage": func() error {
			_, err := uc.describeImage(ctx, DescribeImageRequest{Region: "cn-bj2"}, 0, 0)
			return err
		},
		"ListUHostImages": func() error {
			_, err := uc.ListUHostImages(ctx, DescribeImageRequest{Region: "cn-bj2"})
			return err
		},
		"DescribePHostImage": func() error {
			_, err := uc.describePHostImage(ctx, DescribePHostImageRequest{Region: "cn-bj2", Zone: "cn-bj2-05"}, 0, 0)
			return err
		},
		"DescribeImages": func() error { _, err := zc.DescribeImages(ctx, DescribeImagesRequest{}); return err },
	}
}

// isCertificateError reports a failed certificate verification anywhere in err's chain.
func isCertificateError(err error) bool {
	var verifyErr *tls.CertificateVerificationError
	var authorityErr x509.UnknownAuthorityError
	return errors.As(err, &verifyErr) || errors.As(err, &authorityErr)
}

// newQuietTLSServer is an httptest TLS server (self-signed certificate) that counts handshakes and keeps the
// handshake failures the tests cause out of the output.
func newQuietTLSServer(t *testing.T, handler http.Handler) (*httptest.Server, *atomic.Int64) {
	t.Helper()
	var connections atomic.Int64
	srv := httptest.NewUnstartedServer(handler)
	srv.Config.ErrorLog = log.New(io.Discard, "", 0)
	srv.Config.ConnState = func(_ net.Conn, state http.ConnState) {
		if state == http.StateNew {
			connections.Add(1)
		}
	}
	srv.StartTLS()
	t.Cleanup(srv.Close)
	return srv, &connections
}

func TestTransport_TLSVerificationAlwaysOn(t *testing.T) {
	var served atomic.Int64
	srv, connections := newQuietTLSServer(t, transportHandler(&served))
	// Every option the provider can set, at its zero value and at others: none switches verification off. (Only a
	// caller-supplied HTTPClient could, and the provider never supplies one.)
	for name, opts := range map[string]Options{
		"zero":         {},
		"fast retries": testOptions(),
		"every option": {UserAgent: "x", MaxRetries: 10, RequestTimeout: time.Minute, Concurrency: 1, PageSize: 1,
			backoffBase: time.Millisecond, backoffMax: time.Millisecond, now: time.Now},
	} {
		for call, do := range transportCalls(srv.URL, opts) {
			before := connections.Load()
			err := do()
			if !isCertificateError(err) {
				t.Errorf("%s, %s: err = %v, want a certificate verification error", name, call, err)
				continue
			}
			// A certificate error does not heal by itself: one handshake, no retries.
			if n := connections.Load() - before; n != 1 || strings.Contains(err.Error(), "giving up") {
				t.Errorf("%s, %s: %d connections, err = %v; want 1 attempt", name, call, n, err)
			}
		}
	}
	if served.Load() != 0 {
		t.Errorf("the server answered %d requests over an unverified connection", served.Load())
	}
}

func TestTransport_PlainHTTPOnlyWhenAsked(t *testing.T) {
	var served atomic.Int64
	plain := httptest.NewServer(transportHandler(&served))
	t.Cleanup(plain.Close)
	plainHost := strings.TrimPrefix(plain.URL, "http://")

	// https:// to a server that speaks only plain http fails; the client never falls back to http.
	for call, do := range transportCalls("https://"+plainHost, testOptions()) {
		if err := do(); err == nil {
			t.Errorf("%s over https to a plain-http server: no error", call)
		}
	}
	if served.Load() != 0 {
		t.Fatalf("the plain-http server answered %d requests meant for https", served.Load())
	}
	// http:// is used when, and because, the base URL says so.
	for call, do := range transportCalls(plain.URL, testOptions()) {
		if err := do(); err != nil {
			t.Errorf("%s over http: %v", call, err)
		}
	}
	if served.Load() == 0 {
		t.Error("the plain-http server received nothing over http")
	}
}

// proxyRecorder is a forward proxy that records what it was asked for: absolute URLs of plain-http requests,
// CONNECT targets of https ones (refused, so no tunnel is needed).
type proxyRecorder struct {
	mu      sync.Mutex
	targets []string
}

func (p *proxyRecorder) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if r.Method == http.MethodConnect {
		p.targets = append(p.targets, "CONNECT "+r.Host)
		http.Error(w, "tunnels refused by the test proxy", http.StatusForbidden)
		return
	}
	p.targets = append(p.targets, r.Method+" "+r.URL.Scheme+"://"+r.URL.Host+r.URL.Path)
	if r.URL.Path == "/api/v2/bmc" {
		fmt.Fprint(w, okZenlayer)
		return
	}
	fmt.Fprint(w, okPage)
}

func (p *proxyRecorder) seen() []string {
	p.mu.Lock()
	defer p.mu.Unlock()
	return append([]string(nil), p.targets...)
}

// setProxyEnv sets (or clears, with "") both spellings of the proxy variables for this test.
func setProxyEnv(t *testing.T, httpProxy, httpsProxy, noProxy string) {
	for name, value := range map[string]string{"HTTP_PROXY": httpProxy, "HTTPS_PROXY": httpsProxy, "NO_PROXY": noProxy} {
		t.Setenv(name, value)
		t.Setenv(strings.ToLower(name), value)
	}
	t.Setenv("REQUEST_METHOD", "") // under CGI, HTTP_PROXY is ignored
}

// The target hosts are names, not loopback addresses: Go never proxies requests to localhost or 127.0.0.1. Only
// the proxy is dialled, so the names are never resolved.
func TestTransport_HTTPProxy(t *testing.T) {
	proxy := &proxyRecorder{}
	srv := httptest.NewServer(proxy)
	t.Cleanup(srv.Close)
	setProxyEnv(t, "", "", "")
	opts := testOptions()
	opts.MaxRetries = 0
	calls := transportCalls("http://api.imagepick.example", opts) // clients built before the proxy is set
	setProxyEnv(t, srv.URL, "", "")
	for call, do := range calls {
		if err := do(); err != nil {
			t.Errorf("%s through HTTP_PROXY: %v", call, err)
		}
	}
	seen := proxy.seen()
	for _, want := range []string{"POST http://api.imagepick.example/", "POST http://api.imagepick.example/api/v2/bmc"} {
		if !containsString(seen, want) {
			t.Errorf("the proxy did not receive %q; it received %q", want, seen)
		}
	}
}

func TestTransport_HTTPSProxy(t *testing.T) {
	proxy := &proxyRecorder{}
	srv := httptest.NewServer(proxy)
	t.Cleanup(srv.Close)
	setProxyEnv(t, "", "", "")
	opts := testOptions()
	opts.MaxRetries = 0
	calls := transportCalls("https://api.imagepick.example", opts)
	setProxyEnv(t, "", srv.URL, "")
	for call, do := range calls {
		if err := do(); err == nil {
			t.Errorf("%s: no error, although the proxy refuses tunnels", call)
		}
	}
	seen := proxy.seen()
	if len(seen) == 0 {
		t.Fatal("HTTPS_PROXY was not used")
	}
	for _, target := range seen {
		if target != "CONNECT api.imagepick.example:443" {
			t.Errorf("the proxy was asked for %q; want only tunnels to api.imagepick.example:443", target)
		}
	}
}

func TestTransport_NoProxy(t *testing.T) {
	setProxyEnv(t, "http://proxy.imagepick.example:3128", "http://proxy.imagepick.example:3128", "api.ucloud.example,.zenlayer.example")
	uc := newTestUCloud("https://api.ucloud.example", testOptions())
	transport, ok := uc.t.opts.HTTPClient.Transport.(*http.Transport)
	if !ok {
		t.Fatalf("the client's transport is a %T", uc.t.opts.HTTPClient.Transport)
	}
	for _, tc := range []struct {
		target string
		proxy  string // "" => direct
	}{
		{"https://api.ucloud.example/", ""},
		{"https://console.zenlayer.example/api/v2/bmc", ""},
		{"http://api.ucloud.example/", ""},
		{"https://api.ucloud-global.example/", "http://proxy.imagepick.example:3128"},
		{"http://other.example/", "http://proxy.imagepick.example:3128"},
	} {
		target, err := url.Parse(tc.target)
		if err != nil {
			t.Fatal(err)
		}
		proxy, err := transport.Proxy(&http.Request{URL: target})
		if err != nil {
			t.Fatalf("%s: %v", tc.target, err)
		}
		got := ""
		if proxy != nil {
			got = proxy.String()
		}
		if got != tc.proxy {
			t.Errorf("proxy for %s = %q, want %q", tc.target, got, tc.proxy)
		}
	}
}

// TestTransport_SSLCertFile runs the calls in a subprocess (Go loads the system roots once per process) whose
// SSL_CERT_FILE holds the test server's certificate: they must then succeed, and fail with an unrelated file.
func TestTransport_SSLCertFile(t *testing.T) {
	var served atomic.Int64
	srv, _ := newQuietTLSServer(t, transportHandler(&served))
	dir, emptyDir := t.TempDir(), t.TempDir() // SSL_CERT_DIR must not see the files: Go would load them all
	trusted := filepath.Join(dir, "trusted.pem")
	if err := os.WriteFile(trusted, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: srv.Certificate().Raw}), 0o600); err != nil {
		t.Fatal(err)
	}
	// httptest servers all share one certificate, so the unrelated one is made here.
	unrelated := filepath.Join(dir, "unrelated.pem")
	if err := os.WriteFile(unrelated, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: selfSignedCertificate(t)}), 0o600); err != nil {
		t.Fatal(err)
	}

	run := func(certFile string) (string, error) {
		cmd := exec.Command(os.Args[0])
		cmd.Env = append(os.Environ(), "SSL_CERT_FILE="+certFile, "SSL_CERT_DIR="+emptyDir, envTLSChildURL+"="+srv.URL,
			"HTTPS_PROXY=", "https_proxy=")
		out, err := cmd.CombinedOutput()
		return string(out), err
	}
	if out, err := run(trusted); err != nil || !strings.Contains(out, sslCertFileChildOK) {
		t.Errorf("with SSL_CERT_FILE naming the server's certificate: %v\n%s", err, out)
	}
	if out, err := run(unrelated); err == nil || !strings.Contains(out, "certificate") {
		t.Errorf("with SSL_CERT_FILE naming another certificate: %v, want certificate errors\n%s", err, out)
	}
	if served.Load() == 0 {
		t.Error("the server received nothing from the subprocess")
	}
}

// selfSignedCertificate returns a fresh self-signed certificate for 127.0.0.1, in DER.
func selfSignedCertificate(t *testing.T) []byte {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	template := &x509.Certificate{
		SerialNumber:          big.NewInt(1),
		Subject:               pkix.Name{CommonName: "unrelated test CA"},
		NotBefore:             time.Now().Add(-time.Hour),
		NotAfter:              time.Now().Add(time.Hour),
		IPAddresses:           []net.IP{net.IPv4(127, 0, 0, 1)},
		KeyUsage:              x509.KeyUsageDigitalSignature | x509.KeyUsageCertSign,
		ExtKeyUsage:           []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
		IsCA:                  true,
		BasicConstraintsValid: true,
	}
	der, err := x509.CreateCertificate(rand.Reader, template, template, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	return der
}

// TestMain doubles as the subprocess of TestTransport_SSLCertFile: with envTLSChildURL set, it makes the calls
// under the SSL_CERT_FILE it was given and exits instead of running the tests.
func TestMain(m *testing.M) {
	if baseURL := os.Getenv(envTLSChildURL); baseURL != "" {
		os.Exit(sslCertFileChild(baseURL))
	}
	os.Exit(m.Run())
}

func sslCertFileChild(baseURL string) int {
	opts := testOptions()
	opts.MaxRetries = 0
	failed := false
	for call, do := range transportCalls(baseURL, opts) {
		if err := do(); err != nil {
			fmt.Fprintf(os.Stderr, "%s: %v\n", call, err)
			failed = true
		}
	}
	if failed {
		return 1
	}
	fmt.Println(sslCertFileChildOK)
	return 0
}

const sslCertFileChildOK = "ssl-cert-file child: every call succeeded"

func containsString(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}
