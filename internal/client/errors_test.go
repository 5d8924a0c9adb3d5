package client

import (
	"context"
	"errors"
	"io"
	"log"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
)

func TestUCloudErrorKind(t *testing.T) {
	tests := []struct {
		status int
		code   string
		want   ErrorKind
	}{
		{200, "171", KindAuth},
		{200, "174", KindAuth},
		{200, "292", KindAuth},
		{200, "299", KindAuth},
		{503, "171", KindAuth}, // an auth RetCode wins over the status
		{401, "", KindAuth},    // a gateway's 401 page: no RetCode
		{403, "", KindAuth},
		{403, "230", KindParameter}, // a RetCode that is not auth: the status does not make it one
		{200, "150", KindUnavailable},
		{200, "153", KindThrottled},
		{429, "", KindThrottled},
		{500, "", KindUnavailable},
		{502, "", KindUnavailable},
		{503, "", KindUnavailable},
		{504, "", KindUnavailable},
		{200, "2000", KindProduct},
		{200, "8889", KindProduct},
		{200, "220", KindParameter},
		{200, "230", KindParameter},
		{200, "240", KindParameter},
		{200, "160", KindOther},
		{200, "161", KindOther},
		{200, "110", KindOther},
		{200, "130", KindOther},
		{400, "", KindOther},
		{404, "", KindOther},
		{400, "153", KindOther}, // other 4xx: the request itself is wrong, so nothing that would be retried
		{400, "8889", KindOther},
		{400, "230", KindParameter},
	}
	for _, tt := range tests {
		if got := ucloudErrorKind(tt.status, tt.code); got != tt.want {
			t.Errorf("HTTP %d RetCode %q: kind %q, want %q", tt.status, tt.code, got, tt.want)
		}
	}
}

func TestZenlayerErrorKind(t *testing.T) {
	tests := []struct {
		status int
		code   string
		want   ErrorKind
	}{
		{401, "AUTH_FAILED", KindAuth},
		{403, "", KindAuth},
		{400, "INVALID_SIGNATURE", KindAuth}, // an auth-named code wins over the parameter prefix
		{200, "INVALID_ACCESS_KEY", KindAuth},
		{429, "REQUEST_LIMIT_EXCEEDED", KindThrottled},
		{200, "REQUEST_LIMIT_EXCEEDED", KindThrottled},
		{500, "INTERNAL_SERVER_ERROR", KindUnavailable},
		{503, "SERVICE_TEMPORARY_UNAVAILABLE", KindUnavailable},
		{200, "SERVICE_TEMPORARY_UNAVAILABLE", KindUnavailable},
		{502, "", KindUnavailable},
		{404, "INVALID_INSTANCE_TYPE_NOT_FOUND", KindInstanceTypeNotFound},
		{200, "INVALID_INSTANCE_TYPE_NOT_FOUND", KindInstanceTypeNotFound},
		{400, "MISSING_PARAMETER", KindParameter},
		{400, "INVALID_PARAMETER", KindParameter},
		{200, "INVALID_ZONE_NOT_FOUND", KindParameter},
		{400, "INTERNAL_SERVER_ERROR", KindOther}, // a retryable code under a 4xx: sending it again cannot help
		{400, "UNSUPPORTED_OPERATION", KindOther},
		{404, "", KindOther},
	}
	for _, tt := range tests {
		if got := zenlayerErrorKind(tt.status, tt.code); got != tt.want {
			t.Errorf("HTTP %d %q: kind %q, want %q", tt.status, tt.code, got, tt.want)
		}
	}
}

// The kind reaches the caller through each decoder, and Retryable/IsAuth follow it with no per-cloud rule.
func TestAPIError_KindThroughTheDecoders(t *testing.T) {
	ucloudBody := func(code string) canned { return canned{body: `{"RetCode":` + code + `,"Message":"m"}`} }
	zenlayerBody := func(status int, code string) canned {
		return canned{status: status, body: `{"requestId":"T-1","code":"` + code + `","message":"m"}`}
	}
	tests := []struct {
		name      string
		zenlayer  bool
		answer    canned
		want      ErrorKind
		retryable bool
	}{
		{name: "UCloud 171", answer: ucloudBody("171"), want: KindAuth},
		{name: "UCloud 230", answer: ucloudBody("230"), want: KindParameter},
		{name: "UCloud 8889", answer: ucloudBody("8889"), want: KindProduct, retryable: true},
		{name: "UCloud 153", answer: ucloudBody("153"), want: KindThrottled, retryable: true},
		{name: "UCloud HTTP 503 page", answer: canned{status: 503, body: "<html>"}, want: KindUnavailable, retryable: true},
		{name: "Zenlayer instance type", zenlayer: true, answer: zenlayerBody(404, "INVALID_INSTANCE_TYPE_NOT_FOUND"),
			want: KindInstanceTypeNotFound},
		{name: "Zenlayer parameter", zenlayer: true, answer: zenlayerBody(400, "INVALID_PARAMETER"), want: KindParameter},
		{name: "Zenlayer 429", zenlayer: true, answer: zenlayerBody(429, "REQUEST_LIMIT_EXCEEDED"), want: KindThrottled, retryable: true},
		{name: "Zenlayer 401", zenlayer: true, answer: zenlayerBody(401, "AUTH_FAILED"), want: KindAuth},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv, _ := newScriptedServer(t, tt.answer)
			opts := testOptions()
			opts.MaxRetries = 0
			var err error
			if tt.zenlayer {
				_, err = newTestZenlayer(srv.URL, opts).DescribeImages(context.Background(), DescribeImagesRequest{})
			} else {
				_, err = newTestUCloud(srv.URL, opts).describeImage(context.Background(), DescribeImageRequest{Region: "cn-bj2"}, 0, 0)
			}
			var apiErr *APIError
			if !errors.As(err, &apiErr) {
				t.Fatalf("err = %v, want an *APIError", err)
			}
			if apiErr.Kind != tt.want || Retryable(apiErr) != tt.retryable || (apiErr.Kind == KindAuth) != (tt.want == KindAuth) {
				t.Errorf("Kind %q, Retryable %v, IsAuth %v; want %q, %v, %v",
					apiErr.Kind, Retryable(apiErr), (apiErr.Kind == KindAuth), tt.want, tt.retryable, tt.want == KindAuth)
			}
		})
	}
}

func TestAttempts(t *testing.T) {
	tests := []struct {
		name          string
		script        []canned
		maxRetries    int
		wantAttempts  int
		wantRetryable bool
		wantText      string
	}{
		{name: "not retried", script: []canned{{body: `{"RetCode":171,"Message":"x"}`}}, maxRetries: 3,
			wantAttempts: 1, wantText: "UCloud DescribeImage: RetCode 171: x"},
		{name: "malformed body", script: []canned{{body: "<html>"}}, maxRetries: 3,
			wantAttempts: 1, wantText: "malformed response"},
		{name: "every attempt failed", script: []canned{{status: 503}}, maxRetries: 2,
			wantAttempts: 3, wantRetryable: true, wantText: "giving up after 3 attempts"},
		{name: "retryable with no retries allowed", script: []canned{{status: 503}}, maxRetries: 0,
			wantAttempts: 1, wantRetryable: true, wantText: "giving up after 1 attempt: "},
		{name: "retried, then refused", script: []canned{{status: 503}, {body: `{"RetCode":230,"Message":"Params [Zone] not available"}`}},
			maxRetries: 3, wantAttempts: 2, wantText: "RetCode 230"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv, count := newScriptedServer(t, tt.script...)
			opts := testOptions()
			opts.MaxRetries = tt.maxRetries
			_, err := newTestUCloud(srv.URL, opts).describeImage(context.Background(), DescribeImageRequest{Region: "cn-bj2"}, 0, 0)
			if err == nil {
				t.Fatal("no error")
			}
			if Attempts(err) != tt.wantAttempts || int(count.Load()) != tt.wantAttempts {
				t.Errorf("Attempts = %d, server saw %d; want %d", Attempts(err), count.Load(), tt.wantAttempts)
			}
			if Retryable(err) != tt.wantRetryable {
				t.Errorf("Retryable = %v, want %v", Retryable(err), tt.wantRetryable)
			}
			if !strings.Contains(err.Error(), tt.wantText) {
				t.Errorf("error %q does not contain %q", err, tt.wantText)
			}
		})
	}
	for _, err := range []error{nil, errors.New("other"), &listChangedError{Cloud: "UCloud", Action: "DescribeImage"}} {
		if Attempts(err) != 0 || Retryable(err) {
			t.Errorf("%v: Attempts = %d, Retryable = %v; want 0, false", err, Attempts(err), Retryable(err))
		}
	}
}

func TestAttempts_CertificateFailure(t *testing.T) {
	var served atomic.Int64
	srv, connections := newQuietTLSServer(t, transportHandler(&served))
	for call, do := range transportCalls(srv.URL, testOptions()) {
		before := connections.Load()
		err := do()
		if !isCertificateError(err) || Attempts(err) != 1 || Retryable(err) || connections.Load()-before != 1 {
			t.Errorf("%s: Attempts %d, Retryable %v, %d connections, err = %v; want a certificate error after 1 attempt",
				call, Attempts(err), Retryable(err), connections.Load()-before, err)
		}
	}
}

// An https:// base URL that reaches a plain-http server (the emulator, usually) fails at once and says why.
func TestTransport_PlainHTTPServerNotRetried(t *testing.T) {
	var served, connections atomic.Int64
	plain := httptest.NewUnstartedServer(transportHandler(&served))
	plain.Config.ErrorLog = log.New(io.Discard, "", 0)
	plain.Config.ConnState = func(_ net.Conn, state http.ConnState) {
		if state == http.StateNew {
			connections.Add(1)
		}
	}
	plain.Start()
	t.Cleanup(plain.Close)
	for call, do := range transportCalls("https://"+strings.TrimPrefix(plain.URL, "http://"), testOptions()) {
		before := connections.Load()
		err := do()
		if !errors.Is(err, ErrPlainHTTPServer) {
			t.Errorf("%s: err = %v, want ErrPlainHTTPServer", call, err)
			continue
		}
		if n := connections.Load() - before; n != 1 || Attempts(err) != 1 || Retryable(err) {
			t.Errorf("%s: %d connections, Attempts %d, Retryable %v; want 1, 1, false", call, n, Attempts(err), Retryable(err))
		}
		for _, want := range []string{"speaks plain http", "http:// base URL", "check the port"} {
			if !strings.Contains(err.Error(), want) {
				t.Errorf("%s: error %q does not say %q", call, err, want)
			}
		}
	}
	if served.Load() != 0 {
		t.Errorf("the plain-http server answered %d requests meant for https", served.Load())
	}
}

func TestListChangedError(t *testing.T) {
	tests := []struct {
		name string
		err  *listChangedError
		want string
	}{
		{name: "changed twice", err: &listChangedError{Cloud: "UCloud", Action: "DescribeImage", Reads: []listRead{
			{Totals: []int{250, 249}, Received: 100, Problem: "TotalCount changed from 250 to 249"},
			{Totals: []int{249, 250}, Received: 100, Problem: "TotalCount changed from 249 to 250"},
		}}, want: "UCloud DescribeImage: the image list changed while it was read; run the plan again (read 1: TotalCount " +
			"changed from 250 to 249; read 2: TotalCount changed from 249 to 250; TotalCount seen: 250, 249)"},
		{name: "a count the pages never reach", err: &listChangedError{Cloud: "UCloud", Action: "DescribePHostImage", Reads: []listRead{
			{Totals: []int{500}, Received: 250, Problem: "the page at offset 300 was empty although TotalCount is 500"},
			{Totals: []int{500}, Received: 250, Problem: "the page at offset 400 was empty although TotalCount is 500"},
		}}, want: "UCloud DescribePHostImage: the image list changed while it was read; run the plan again (read 1: the page " +
			"at offset 300 was empty although TotalCount is 500; read 2: the page at offset 400 was empty although TotalCount " +
			"is 500; TotalCount seen: 500; both reads agreed on TotalCount 500 and 250 images, so the server may count images " +
			"it never returns)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.err.Error(); got != tt.want {
				t.Errorf("Error() =\n%s\nwant\n%s", got, tt.want)
			}
			if !errors.Is(tt.err, ErrListChanged) || errors.Is(tt.err, ErrPlainHTTPServer) {
				t.Error("errors.Is does not match ErrListChanged alone")
			}
		})
	}
}
