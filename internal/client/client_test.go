package client

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// recordSleeps replaces the backoff wait with a recorder, so delays are asserted without waiting.
func recordSleeps(tr *transport) *[]time.Duration {
	var mu sync.Mutex
	var delays []time.Duration
	tr.sleep = func(ctx context.Context, d time.Duration) error {
		mu.Lock()
		defer mu.Unlock()
		delays = append(delays, d)
		return ctx.Err()
	}
	return &delays
}

func TestOptions_Defaults(t *testing.T) {
	o := Options{MaxRetries: -3}.withDefaults()
	if o.UserAgent != "terraform-provider-imagepick/dev" || o.MaxRetries != 0 || o.RequestTimeout != 30*time.Second ||
		o.Concurrency != 10 || o.PageSize != 500 || o.backoffBase != 200*time.Millisecond || o.backoffMax != 5*time.Second ||
		o.HTTPClient == nil || o.now == nil {
		t.Errorf("defaults = %+v", o)
	}
	tr := o.HTTPClient.Transport.(*http.Transport)
	if tr == http.DefaultTransport || tr.TLSClientConfig == nil || tr.TLSClientConfig.InsecureSkipVerify || tr.Proxy == nil {
		t.Errorf("own transport not set up safely: %+v", tr)
	}
}

func TestBackoff_RetryAfter(t *testing.T) {
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	tests := []struct {
		name       string
		retryAfter string
		backoffMax time.Duration
		want       time.Duration
	}{
		{name: "seconds", retryAfter: "2", backoffMax: 5 * time.Second, want: 2 * time.Second},
		{name: "seconds capped by backoffMax", retryAfter: "120", backoffMax: time.Second, want: time.Second},
		{name: "HTTP date", retryAfter: now.Add(3 * time.Second).Format(http.TimeFormat), backoffMax: 5 * time.Second, want: 3 * time.Second},
		{name: "HTTP date in the past", retryAfter: now.Add(-time.Minute).Format(http.TimeFormat), backoffMax: 5 * time.Second, want: 0},
		{name: "zero", retryAfter: "0", backoffMax: 5 * time.Second, want: 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv, count := newScriptedServer(t,
				canned{status: 429, header: map[string]string{"Retry-After": tt.retryAfter}},
				canned{body: okPage})
			opts := testOptions()
			opts.backoffMax = tt.backoffMax
			opts.now = func() time.Time { return now }
			c := newTestUCloud(srv.URL, opts)
			delays := recordSleeps(c.t)
			if _, err := c.describeImage(context.Background(), DescribeImageRequest{}, 0, 0); err != nil {
				t.Fatal(err)
			}
			if count.Load() != 2 || len(*delays) != 1 || (*delays)[0] != tt.want {
				t.Errorf("attempts %d, delays %v; want 2, [%v]", count.Load(), *delays, tt.want)
			}
		})
	}
}

func TestBackoff_ExponentialFullJitter(t *testing.T) {
	srv, _ := newScriptedServer(t, canned{status: 503})
	opts := testOptions()
	opts.MaxRetries = 8
	opts.backoffBase = 100 * time.Millisecond
	opts.backoffMax = time.Second
	c := newTestUCloud(srv.URL, opts)
	delays := recordSleeps(c.t)
	if _, err := c.describeImage(context.Background(), DescribeImageRequest{}, 0, 0); err == nil {
		t.Fatal("no error")
	}
	if len(*delays) != 8 {
		t.Fatalf("delays = %v, want 8", *delays)
	}
	for n, d := range *delays {
		ceiling := min(time.Second, 100*time.Millisecond<<n)
		if d < 0 || d > ceiling {
			t.Errorf("retry %d waited %v, want within [0, %v]", n, d, ceiling)
		}
	}
}

func TestDo_PerAttemptTimeout(t *testing.T) {
	var count atomic.Int64
	release := make(chan struct{})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if count.Add(1) == 1 {
			select { // hangs until the client gives up on this attempt (or the test ends)
			case <-r.Context().Done():
			case <-release:
			}
			return
		}
		fmt.Fprint(w, okPage)
	}))
	t.Cleanup(srv.Close)
	t.Cleanup(func() { close(release) }) // runs first
	opts := testOptions()
	opts.RequestTimeout = 100 * time.Millisecond
	if _, err := newTestUCloud(srv.URL, opts).describeImage(context.Background(), DescribeImageRequest{}, 0, 0); err != nil {
		t.Fatal(err)
	}
	if count.Load() != 2 {
		t.Errorf("attempts = %d, want 2", count.Load())
	}
}

func TestDo_ContextCancelledDuringBackoff(t *testing.T) {
	srv, count := newScriptedServer(t, canned{status: 503})
	opts := testOptions()
	opts.backoffBase, opts.backoffMax = time.Hour, time.Hour
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() {
		_, err := newTestUCloud(srv.URL, opts).describeImage(ctx, DescribeImageRequest{}, 0, 0)
		done <- err
	}()
	for count.Load() == 0 {
		time.Sleep(time.Millisecond)
	}
	cancel()
	select {
	case err := <-done:
		if !errors.Is(err, context.Canceled) || !strings.HasPrefix(err.Error(), "UCloud DescribeImage: ") {
			t.Errorf("err = %v, want a UCloud DescribeImage context.Canceled", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("did not return after cancel")
	}
	if count.Load() != 1 {
		t.Errorf("attempts = %d, want 1", count.Load())
	}
}

func TestDo_UserAgent(t *testing.T) {
	got := make(chan string, 2)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		got <- r.Header.Get("User-Agent")
		fmt.Fprint(w, okPage)
	}))
	t.Cleanup(srv.Close)
	opts := testOptions()
	opts.UserAgent = "terraform-provider-imagepick/1.2.3 terraform/1.9.0"
	if _, err := newTestUCloud(srv.URL, opts).describeImage(context.Background(), DescribeImageRequest{}, 0, 0); err != nil {
		t.Fatal(err)
	}
	if ua := <-got; ua != opts.UserAgent {
		t.Errorf("User-Agent = %q", ua)
	}
}

func TestDo_ProxyFromEnvironmentPerRequest(t *testing.T) {
	var proxied atomic.Int64
	proxy := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Host == "api.ucloud.example" { // a proxy sees the absolute URL
			proxied.Add(1)
		}
		fmt.Fprint(w, okPage)
	}))
	t.Cleanup(proxy.Close)
	c := newTestUCloud("http://api.ucloud.example", testOptions()) // client built before the environment is set
	for _, k := range []string{"HTTP_PROXY", "http_proxy"} {
		t.Setenv(k, proxy.URL)
	}
	for _, k := range []string{"NO_PROXY", "no_proxy", "HTTPS_PROXY", "https_proxy"} {
		t.Setenv(k, "")
	}
	if _, err := c.describeImage(context.Background(), DescribeImageRequest{}, 0, 0); err != nil {
		t.Fatal(err)
	}
	if proxied.Load() != 1 {
		t.Errorf("proxied = %d, want 1", proxied.Load())
	}
}

func TestDo_TLSVerificationStaysOn(t *testing.T) {
	var served atomic.Int64
	srv := httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		served.Add(1)
		fmt.Fprint(w, okPage)
	}))
	srv.Config.ErrorLog = nil
	t.Cleanup(srv.Close)
	c := newTestUCloud(srv.URL, testOptions()) // own client: the test server's self-signed certificate is unknown
	delays := recordSleeps(c.t)
	_, err := c.describeImage(context.Background(), DescribeImageRequest{}, 0, 0)
	if err == nil || !strings.Contains(err.Error(), "certificate") {
		t.Fatalf("err = %v, want a certificate error", err)
	}
	if served.Load() != 0 || len(*delays) != 0 {
		t.Errorf("served %d, retried %d times; want 0, 0", served.Load(), len(*delays))
	}
	// A caller-supplied client that trusts the server works.
	opts := testOptions()
	opts.HTTPClient = srv.Client()
	if _, err := newTestUCloud(srv.URL, opts).describeImage(context.Background(), DescribeImageRequest{}, 0, 0); err != nil {
		t.Fatal(err)
	}
}

func TestAPIError_Error(t *testing.T) {
	tests := []struct {
		err  APIError
		want string
	}{
		{APIError{Cloud: "UCloud", Action: "DescribeImage", HTTPStatus: 200, Code: "171", Message: "Signature VerifyAC Error", RequestID: "abc", codeName: "RetCode"},
			"UCloud DescribeImage: RetCode 171: Signature VerifyAC Error (request id abc)"},
		{APIError{Cloud: "UCloud", Action: "DescribePHostImage", HTTPStatus: 503, Message: "Service Unavailable"},
			"UCloud DescribePHostImage: HTTP 503: Service Unavailable"},
		{APIError{Cloud: "Zenlayer", Action: "DescribeImages", HTTPStatus: 404, Code: "INVALID_INSTANCE_TYPE_NOT_FOUND", Message: "not found", RequestID: "T-1"},
			"Zenlayer DescribeImages: HTTP 404 INVALID_INSTANCE_TYPE_NOT_FOUND: not found (request id T-1)"},
		{APIError{Cloud: "Zenlayer", Action: "DescribeImages"}, "Zenlayer DescribeImages: API error"},
	}
	for _, tt := range tests {
		if got := tt.err.Error(); got != tt.want {
			t.Errorf("Error() = %q, want %q", got, tt.want)
		}
	}
}
