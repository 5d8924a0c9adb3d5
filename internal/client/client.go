// Package client talks to the UCloud and Zenlayer image APIs: signing, retries, paging and logging live here,
// so the provider's data sources make one call and map the result.
package client

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"math/rand/v2"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-log/tflog"
	"golang.org/x/net/http/httpproxy"
)

const (
	// DefaultConcurrency is how many page requests are in flight at most after the first page.
	DefaultConcurrency = 10
	// DefaultPageSize is the UCloud Limit per page: the default of UCloud's own CLI (`ucloud image list --limit`).
	// A server that caps Limit lower is noticed from the first page's length and paged at its cap.
	DefaultPageSize = 500

	defaultUserAgent      = "terraform-provider-imagepick/dev"
	defaultRequestTimeout = 30 * time.Second
	defaultBackoffBase    = 200 * time.Millisecond
	defaultBackoffMax     = 5 * time.Second
)

// Options tunes both clients. Zero values mean the defaults named on each field; the unexported ones are for
// tests.
type Options struct {
	UserAgent      string        // whole User-Agent value; default "terraform-provider-imagepick/dev"
	MaxRetries     int           // retries after the first attempt; negative => 0. Caller passes the default (3).
	RequestTimeout time.Duration // per attempt; 0 => 30s
	Concurrency    int           // concurrent page requests after the first page; 0 => DefaultConcurrency
	PageSize       int           // UCloud Limit per page; 0 => DefaultPageSize
	// HTTPClient nil => own client: cloned http.DefaultTransport, proxy via httpproxy.FromEnvironment(). Either way
	// redirects are never followed (a given client is copied, not modified).
	HTTPClient *http.Client

	backoffBase time.Duration    // 0 => 200ms; backoff = min(backoffMax, base*2^n) with full jitter
	backoffMax  time.Duration    // 0 => 5s
	now         func() time.Time // nil => time.Now (Zenlayer x-zc-timestamp, Retry-After dates)
}

func (o Options) withDefaults() Options {
	if o.UserAgent == "" {
		o.UserAgent = defaultUserAgent
	}
	if o.MaxRetries < 0 {
		o.MaxRetries = 0
	}
	if o.RequestTimeout <= 0 {
		o.RequestTimeout = defaultRequestTimeout
	}
	if o.Concurrency <= 0 {
		o.Concurrency = DefaultConcurrency
	}
	if o.PageSize <= 0 {
		o.PageSize = DefaultPageSize
	}
	if o.backoffBase <= 0 {
		o.backoffBase = defaultBackoffBase
	}
	if o.backoffMax <= 0 {
		o.backoffMax = defaultBackoffMax
	}
	if o.backoffMax < o.backoffBase {
		o.backoffMax = o.backoffBase
	}
	if o.HTTPClient == nil {
		o.HTTPClient = newHTTPClient(o.Concurrency)
	}
	o.HTTPClient = withoutRedirects(o.HTTPClient)
	if o.now == nil {
		o.now = time.Now
	}
	return o
}

// newHTTPClient clones http.DefaultTransport rather than mutating it, and reads the proxy settings on every
// request so a changed environment (tests, wrappers) is honoured. TLS verification is never switched off.
func newHTTPClient(concurrency int) *http.Client {
	base, ok := http.DefaultTransport.(*http.Transport)
	if !ok {
		base = &http.Transport{}
	}
	t := base.Clone()
	t.Proxy = proxyFromEnvironment
	t.TLSClientConfig = &tls.Config{MinVersion: tls.VersionTLS12}
	t.MaxIdleConnsPerHost = concurrency + 1 // keep the paging connections alive between pages
	t.OnProxyConnectResponse = func(_ context.Context, proxy *url.URL, _ *http.Request, resp *http.Response) error {
		if resp.StatusCode == http.StatusProxyAuthRequired {
			return &proxyConnectError{proxy: proxy.Host}
		}
		return nil
	}
	return &http.Client{Transport: t}
}

// proxyConnectError is a proxy's 407 to the CONNECT of an https request.
type proxyConnectError struct{ proxy string }

func (e *proxyConnectError) Error() string { return "the proxy " + e.proxy + " answered 407" }

// withoutRedirects returns a shallow copy of c that hands every 3xx back instead of following it (the caller's
// client is not modified): a redirect would carry the signed request to whatever host it names.
func withoutRedirects(c *http.Client) *http.Client {
	copied := *c
	copied.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	return &copied
}

func proxyFromEnvironment(req *http.Request) (*url.URL, error) {
	return httpproxy.FromEnvironment().ProxyFunc()(req.URL)
}

// transport is the HTTP plumbing one client value uses: retries, backoff, logging and secret masking.
type transport struct {
	opts    Options
	secrets []string // masked in logs and scrubbed from server messages
	// sleep waits between attempts; tests replace it to observe the delays without waiting.
	sleep func(ctx context.Context, d time.Duration) error
}

func newTransport(opts Options, secrets ...string) *transport {
	var kept []string
	for _, s := range secrets {
		if s != "" { // masking "" would mangle every log line
			kept = append(kept, s)
		}
	}
	return &transport{opts: opts.withDefaults(), secrets: kept, sleep: sleepContext}
}

// apiCall is one logical API call as the retry loop sees it.
type apiCall struct {
	cloud, action, region string
	// newRequest builds a freshly signed request for each attempt; signed lists the values derived from a secret
	// (signature, Authorization) that must be scrubbed from anything the server says back.
	newRequest func(ctx context.Context) (req *http.Request, signed []string, err error)
	// decode turns one answer into the caller's result, charging the images it decodes to budget; items and
	// requestID are for the log.
	decode func(status int, header http.Header, body []byte, budget *byteBudget) (items int, requestID string, err error)
}

// maskedContext makes every tflog call below drop secrets, whatever field or message they end up in.
func (t *transport) maskedContext(ctx context.Context) context.Context {
	ctx = tflog.MaskFieldValuesWithFieldKeys(ctx, "authorization", "signature")
	if len(t.secrets) > 0 {
		ctx = tflog.MaskAllFieldValuesStrings(ctx, t.secrets...)
		ctx = tflog.MaskMessageStrings(ctx, t.secrets...)
	}
	return ctx
}

// do runs call with up to 1+MaxRetries attempts. Non-retryable errors come back as they are; when every attempt
// failed with a retryable error the last one is wrapped in a "giving up after N attempts" error. Either way the
// error carries the number of attempts made, for Attempts.
func (t *transport) do(ctx context.Context, call apiCall) error {
	attempts, err := t.retry(t.maskedContext(ctx), call)
	if err == nil {
		return nil
	}
	return &attemptsError{attempts: attempts, err: err}
}

// retry is do's loop; it returns the number of attempts made and the error to report.
func (t *transport) retry(ctx context.Context, call apiCall) (int, error) {
	maxAttempts := t.opts.MaxRetries + 1
	for attempt := 1; ; attempt++ {
		retryAfter, err := t.attempt(ctx, call, attempt)
		if err == nil {
			return attempt, nil
		}
		if ctx.Err() != nil {
			return attempt, fmt.Errorf("%s %s: %w", call.cloud, call.action, context.Cause(ctx))
		}
		if !isRetryable(err) {
			return attempt, err
		}
		if attempt >= maxAttempts {
			return attempt, &retriesExhaustedError{cloud: call.cloud, action: call.action, attempts: attempt, last: err}
		}
		if err := t.sleep(ctx, t.backoff(attempt-1, retryAfter)); err != nil {
			return attempt, fmt.Errorf("%s %s: %w", call.cloud, call.action, err)
		}
	}
}

// attempt sends one request and decodes its answer. retryAfter is the server's Retry-After, or -1.
func (t *transport) attempt(ctx context.Context, call apiCall, attempt int) (retryAfter time.Duration, err error) {
	start := time.Now()
	status, items, requestID := 0, 0, ""
	retryAfter = -1
	defer func() {
		fields := map[string]interface{}{
			"cloud":       call.cloud,
			"action":      call.action,
			"region":      call.region,
			"attempt":     attempt,
			"http_status": status,
			"request_id":  requestID,
			"duration_ms": time.Since(start).Milliseconds(),
			"items":       items,
		}
		if err != nil {
			fields["error"] = err.Error()
		}
		tflog.Debug(ctx, "imagepick API request", fields)
	}()

	attemptCtx, cancel := context.WithTimeout(ctx, t.opts.RequestTimeout)
	defer cancel()
	req, signed, err := call.newRequest(attemptCtx)
	if err != nil {
		return retryAfter, err
	}
	req.Header.Set("User-Agent", t.opts.UserAgent)
	resp, err := t.opts.HTTPClient.Do(req)
	if err != nil {
		var connectErr *proxyConnectError
		if errors.As(err, &connectErr) {
			return retryAfter, &proxyAuthError{cloud: call.cloud, action: call.action, proxy: connectErr.proxy}
		}
		return retryAfter, newNetworkError(call.cloud, call.action, err)
	}
	defer resp.Body.Close()
	status = resp.StatusCode
	retryAfter = parseRetryAfter(resp.Header.Get("Retry-After"), t.opts.now())
	if err := t.refuse(call, req, resp); err != nil {
		return retryAfter, err
	}
	budget := budgetFrom(ctx)
	body, read, err := readBody(resp.Body, resp.ContentLength, budget)
	if err != nil {
		return retryAfter, bodyError(call.cloud, call.action, status, req.URL, read, err)
	}
	items, requestID, err = call.decode(status, resp.Header, body, budget)
	budget.give(int64(len(body))) // the answer is garbage once decoded; its images stay charged
	var apiErr *APIError
	if errors.As(err, &apiErr) {
		apiErr.Message = t.scrub(apiErr.Message, signed)
	}
	var badErr *malformedResponseError
	if errors.As(err, &badErr) {
		badErr.url = redactedURL(req.URL)
	}
	return retryAfter, err
}

// refuse turns the answers that are not the API's into errors before their body is read: a redirect, which is
// never followed, and a proxy's 407.
func (t *transport) refuse(call apiCall, req *http.Request, resp *http.Response) error {
	switch status := resp.StatusCode; {
	case status >= 300 && status < 400:
		location, _ := resp.Location() // resolved against the request URL; nil when absent or unreadable
		where := ""
		if location != nil {
			where = redactedURL(location)
		}
		return &redirectError{cloud: call.cloud, action: call.action, status: status, location: where}
	case status == http.StatusProxyAuthRequired:
		return &proxyAuthError{cloud: call.cloud, action: call.action, proxy: t.proxyHost(req)}
	}
	return nil
}

// proxyHost names the proxy req went through, host[:port] only, or "" when there was none or it is unknown.
func (t *transport) proxyHost(req *http.Request) string {
	rt := t.opts.HTTPClient.Transport
	if rt == nil {
		rt = http.DefaultTransport
	}
	tr, ok := rt.(*http.Transport)
	if !ok || tr.Proxy == nil {
		return ""
	}
	proxy, err := tr.Proxy(req)
	if err != nil || proxy == nil {
		return ""
	}
	return proxy.Host
}

// scrub removes our secrets and this attempt's signed values from text a server sent back (a server or proxy
// could echo the request).
func (t *transport) scrub(s string, signed []string) string {
	for _, secret := range append(signed, t.secrets...) {
		if secret != "" {
			s = strings.ReplaceAll(s, secret, "***")
		}
	}
	return s
}

// backoff is full jitter over min(backoffMax, backoffBase*2^retry); a server's Retry-After wins, capped too.
func (t *transport) backoff(retry int, retryAfter time.Duration) time.Duration {
	if retryAfter >= 0 {
		return min(retryAfter, t.opts.backoffMax)
	}
	ceiling := t.opts.backoffMax
	if retry < 32 {
		if d := t.opts.backoffBase << retry; d > 0 && d < ceiling {
			ceiling = d
		}
	}
	return time.Duration(rand.Int64N(int64(ceiling) + 1))
}

// parseRetryAfter reads delay-seconds or an HTTP date; -1 when absent or unreadable.
func parseRetryAfter(value string, now time.Time) time.Duration {
	if value == "" {
		return -1
	}
	if seconds, err := strconv.Atoi(value); err == nil {
		if seconds < 0 {
			return -1
		}
		seconds = min(seconds, 86400) // backoffMax caps it anyway; this only avoids overflow
		return time.Duration(seconds) * time.Second
	}
	when, err := http.ParseTime(value)
	if err != nil {
		return -1
	}
	return max(when.Sub(now), 0)
}

func sleepContext(ctx context.Context, d time.Duration) error {
	if d <= 0 {
		return ctx.Err()
	}
	timer := time.NewTimer(d)
	defer timer.Stop()
	select {
	case <-ctx.Done():
		return context.Cause(ctx)
	case <-timer.C:
		return nil
	}
}
