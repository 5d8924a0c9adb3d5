package client

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
)

// A 3xx is never followed: the signed form body and the Authorization header go to base_url's host and nowhere else,
// and never over http when base_url is https.

// newCountingServer answers both APIs successfully on loopback and counts requests.
func newCountingServer(t *testing.T) (*httptest.Server, *atomic.Int64) {
	t.Helper()
	var served atomic.Int64
	srv := httptest.NewServer(transportHandler(&served))
	t.Cleanup(srv.Close)
	return srv, &served
}

// redirectTo answers every request with status and a Location on target that carries a signature-like query.
func redirectTo(status int, target string) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Location", target+r.URL.Path+"?Signature=leaked&Authorization=leaked")
		w.WriteHeader(status)
	})
}

func TestRedirects_NeverFollowed(t *testing.T) {
	// The target listens on 127.0.0.1; "another host" names it as localhost, a host other than base_url's.
	targets := map[string]func(url string) string{
		"another port": func(url string) string { return url },
		"another host": func(url string) string { return strings.Replace(url, "127.0.0.1", "localhost", 1) },
	}
	for _, status := range []int{301, 302, 307, 308} {
		for where, targetURL := range targets {
			t.Run(fmt.Sprintf("%d to %s", status, where), func(t *testing.T) {
				target, served := newCountingServer(t)
				url := targetURL(target.URL)
				redirector := httptest.NewServer(redirectTo(status, url))
				t.Cleanup(redirector.Close)
				checkRedirectRefused(t, redirector.URL, testOptions(), status, url, served)
			})
		}
		t.Run(fmt.Sprintf("%d from https to http", status), func(t *testing.T) {
			target, served := newCountingServer(t)
			redirector := httptest.NewTLSServer(redirectTo(status, target.URL))
			t.Cleanup(redirector.Close)
			opts := testOptions()
			opts.HTTPClient = redirector.Client() // trusts the test certificate
			checkRedirectRefused(t, redirector.URL, opts, status, target.URL, served)
			if redirector.Client().CheckRedirect != nil {
				t.Error("the caller's http.Client was modified")
			}
		})
	}
}

// checkRedirectRefused makes every kind of call against base and checks that none reached the target.
func checkRedirectRefused(t *testing.T, base string, opts Options, status int, target string, served *atomic.Int64) {
	t.Helper()
	ctx := context.Background()
	uc := newTestUCloud(base, opts)
	zc := newTestZenlayer(base, opts)
	calls := map[string]func() error{
		"UCloud listing": func() error {
			_, err := uc.ListUHostImages(ctx, DescribeImageRequest{Region: "cn-bj2"})
			return err
		},
		"UPHost listing": func() error {
			_, err := uc.ListPHostImages(ctx, DescribePHostImageRequest{Region: "cn-bj2"})
			return err
		},
		"Zenlayer": func() error { _, err := zc.DescribeImages(ctx, DescribeImagesRequest{}); return err },
	}
	for name, call := range calls {
		err := call()
		if err == nil {
			t.Fatalf("%s: no error; want the redirect refused", name)
		}
		text := err.Error()
		for _, want := range []string{fmt.Sprintf("HTTP %d", status), "to " + target + "/", "set base_url to the final address"} {
			if !strings.Contains(text, want) {
				t.Errorf("%s: error %q does not contain %q", name, text, want)
			}
		}
		if strings.Contains(text, "leaked") {
			t.Errorf("%s: error %q repeats the Location's query", name, text)
		}
		if Attempts(err) != 1 || Retryable(err) {
			t.Errorf("%s: %d attempts, retryable %v; want 1, false", name, Attempts(err), Retryable(err))
		}
	}
	if n := served.Load(); n != 0 {
		t.Errorf("the redirect target received %d requests, want 0", n)
	}
}
