package client

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"
)

const (
	testZenlayerAccessKeyID = "AKIDzenlayerTEST0001"
	testZenlayerPassword    = "zenlayerTESTpassword0001"
	okZenlayer              = `{"requestId":"T-1","response":{"requestId":"T-1","images":[{"imageId":"bd5faa16","imageName":"CentOS7.4-x86_64","catalog":"centos","imageType":"PUBLIC_IMAGE","osType":"linux"}]}}`
)

func newTestZenlayer(url string, opts Options) *Zenlayer {
	return NewZenlayer(url, ZenlayerCredentials{AccessKeyID: testZenlayerAccessKeyID, AccessKeyPassword: testZenlayerPassword}, opts)
}

// TestDescribeImages_WireFormat verifies a request the way the emulator does: from the raw received values.
func TestDescribeImages_WireFormat(t *testing.T) {
	tests := []struct {
		name     string
		req      DescribeImagesRequest
		wantBody string
	}{
		{name: "no filters", wantBody: `{}`},
		{name: "catalog and instance type", req: DescribeImagesRequest{Catalog: "centos", InstanceTypeID: "S9I"},
			wantBody: `{"catalog":"centos","instanceTypeId":"S9I"}`},
		{name: "all six in SDK order", req: DescribeImagesRequest{ImageIDs: []string{"bd5faa16-39d2-4bbf-a5c8-b95a193b1626"},
			ImageName: "CentOS7.4-x86_64", Catalog: "centos", ImageType: "PUBLIC_IMAGE", OsType: "linux", InstanceTypeID: "M6C"},
			wantBody: `{"imageIds":["bd5faa16-39d2-4bbf-a5c8-b95a193b1626"],"imageName":"CentOS7.4-x86_64","catalog":"centos","imageType":"PUBLIC_IMAGE","osType":"linux","instanceTypeId":"M6C"}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			checked := make(chan error, 1)
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				body, _ := io.ReadAll(r.Body)
				checked <- checkZenlayerRequest(r, body, tt.wantBody)
				io.WriteString(w, okZenlayer)
			}))
			t.Cleanup(srv.Close)
			opts := testOptions()
			opts.now = func() time.Time { return time.Unix(1700000000, 0) }
			opts.UserAgent = "imagepick-test/1"
			images, err := newTestZenlayer(srv.URL+"/", opts).DescribeImages(context.Background(), tt.req)
			if err != nil {
				t.Fatal(err)
			}
			if err := <-checked; err != nil {
				t.Error(err)
			}
			if len(images) != 1 || images[0] != (BMCImage{ImageID: "bd5faa16", ImageName: "CentOS7.4-x86_64",
				Catalog: "centos", ImageType: "PUBLIC_IMAGE", OsType: "linux"}) {
				t.Errorf("images = %+v", images)
			}
		})
	}
}

func checkZenlayerRequest(r *http.Request, body []byte, wantBody string) error {
	want := map[string]string{
		"Content-Type": "application/json", "x-zc-version": "2026-02-01", "x-zc-action": "DescribeImages",
		"x-zc-service": "bmc", "x-zc-signature-method": "ZC2-HMAC-SHA256", "x-zc-timestamp": "1700000000",
		"User-Agent": "imagepick-test/1",
	}
	for k, v := range want {
		if got := r.Header.Get(k); got != v {
			return errors.New(k + " = " + got + ", want " + v)
		}
	}
	if r.Method != http.MethodPost || r.URL.Path != "/api/v2/bmc" || r.URL.RawQuery != "" {
		return errors.New("wrong method or path: " + r.Method + " " + r.URL.String())
	}
	if string(body) != wantBody {
		return errors.New("body = " + string(body) + ", want " + wantBody)
	}
	signature := zenlayerSignature(testZenlayerPassword, zenlayerStringToSign(r.Header.Get("x-zc-timestamp"),
		zenlayerCanonicalRequest(r.Header.Get("Content-Type"), r.Host, body)))
	if got := r.Header.Get("Authorization"); got != zenlayerAuthorization(testZenlayerAccessKeyID, signature) {
		return errors.New("Authorization does not verify")
	}
	return nil
}

func TestDescribeImages_ResignsEveryAttempt(t *testing.T) {
	var mu sync.Mutex
	var timestamps []string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		defer mu.Unlock()
		timestamps = append(timestamps, r.Header.Get("x-zc-timestamp"))
		if len(timestamps) < 3 {
			w.WriteHeader(http.StatusTooManyRequests)
			io.WriteString(w, `{"requestId":"T-2","code":"REQUEST_LIMIT_EXCEEDED","message":"slow down"}`)
			return
		}
		io.WriteString(w, okZenlayer)
	}))
	t.Cleanup(srv.Close)
	clock := int64(1700000000)
	opts := testOptions()
	opts.now = func() time.Time { clock++; return time.Unix(clock, 0) }
	if _, err := newTestZenlayer(srv.URL, opts).DescribeImages(context.Background(), DescribeImagesRequest{}); err != nil {
		t.Fatal(err)
	}
	mu.Lock()
	defer mu.Unlock()
	if len(timestamps) != 3 || timestamps[0] == timestamps[1] || timestamps[1] == timestamps[2] {
		t.Errorf("timestamps = %v, want three different", timestamps)
	}
}

func TestDescribeImages_ErrorClasses(t *testing.T) {
	envelope := func(status int, code string) canned {
		return canned{status: status, body: `{"requestId":"T-9","code":"` + code + `","message":"msg ` + code + `"}`}
	}
	tests := []struct {
		name         string
		answer       canned
		wantAttempts int64
		wantAPI      bool
		wantAuth     bool
		wantStatus   int
		wantCode     string
		wantText     string
	}{
		{name: "429 REQUEST_LIMIT_EXCEEDED", answer: envelope(429, "REQUEST_LIMIT_EXCEEDED"), wantAttempts: 4, wantAPI: true, wantStatus: 429, wantCode: "REQUEST_LIMIT_EXCEEDED",
			wantText: "Zenlayer DescribeImages: giving up after 4 attempts: Zenlayer DescribeImages: HTTP 429 REQUEST_LIMIT_EXCEEDED: msg REQUEST_LIMIT_EXCEEDED (request id T-9)"},
		{name: "500 INTERNAL_SERVER_ERROR", answer: envelope(500, "INTERNAL_SERVER_ERROR"), wantAttempts: 4, wantAPI: true, wantStatus: 500, wantCode: "INTERNAL_SERVER_ERROR"},
		{name: "503 SERVICE_TEMPORARY_UNAVAILABLE", answer: envelope(503, "SERVICE_TEMPORARY_UNAVAILABLE"), wantAttempts: 4, wantAPI: true, wantStatus: 503, wantCode: "SERVICE_TEMPORARY_UNAVAILABLE"},
		{name: "502 not JSON", answer: canned{status: 502, body: "<html>"}, wantAttempts: 4, wantAPI: true, wantStatus: 502},
		{name: "504 empty", answer: canned{status: 504}, wantAttempts: 4, wantAPI: true, wantStatus: 504},
		{name: "connection dropped", answer: canned{dropConn: true}, wantAttempts: 4, wantText: "request failed"},
		{name: "200 body cut short", answer: canned{body: okZenlayer, cutBody: true}, wantAttempts: 4, wantText: "unexpected EOF"},
		{name: "200 truncated JSON", answer: canned{body: okZenlayer[:50]}, wantAttempts: 4, wantText: "cut short"},
		{name: "401", answer: envelope(401, "AUTH_FAILED"), wantAttempts: 1, wantAPI: true, wantAuth: true, wantStatus: 401, wantCode: "AUTH_FAILED"},
		{name: "403 no body", answer: canned{status: 403}, wantAttempts: 1, wantAPI: true, wantAuth: true, wantStatus: 403},
		{name: "400 signature code", answer: envelope(400, "INVALID_SIGNATURE"), wantAttempts: 1, wantAPI: true, wantAuth: true, wantStatus: 400, wantCode: "INVALID_SIGNATURE"},
		{name: "404 INVALID_INSTANCE_TYPE_NOT_FOUND", answer: envelope(404, "INVALID_INSTANCE_TYPE_NOT_FOUND"), wantAttempts: 1, wantAPI: true, wantStatus: 404, wantCode: "INVALID_INSTANCE_TYPE_NOT_FOUND",
			wantText: "Zenlayer DescribeImages: HTTP 404 INVALID_INSTANCE_TYPE_NOT_FOUND: msg INVALID_INSTANCE_TYPE_NOT_FOUND (request id T-9)"},
		{name: "400 MISSING_PARAMETER", answer: envelope(400, "MISSING_PARAMETER"), wantAttempts: 1, wantAPI: true, wantStatus: 400, wantCode: "MISSING_PARAMETER"},
		{name: "400 with a retryable code", answer: envelope(400, "INTERNAL_SERVER_ERROR"), wantAttempts: 1, wantAPI: true, wantStatus: 400, wantCode: "INTERNAL_SERVER_ERROR"},
		{name: "200 with error code", answer: envelope(200, "INVALID_ZONE_NOT_FOUND"), wantAttempts: 1, wantAPI: true, wantStatus: 200, wantCode: "INVALID_ZONE_NOT_FOUND"},
		{name: "200 with retryable error code", answer: envelope(200, "SERVICE_TEMPORARY_UNAVAILABLE"), wantAttempts: 4, wantAPI: true, wantStatus: 200, wantCode: "SERVICE_TEMPORARY_UNAVAILABLE"},
		{name: "200 without response", answer: canned{body: `{"requestId":"T-3"}`}, wantAttempts: 1, wantText: `no "response" object (request id T-3)`},
		{name: "200 response null", answer: canned{body: `{"requestId":"T-3","response":null}`}, wantAttempts: 1, wantText: `no "response"`},
		{name: "200 empty", answer: canned{}, wantAttempts: 1, wantText: "empty body"},
		{name: "200 HTML", answer: canned{body: "<html></html>"}, wantAttempts: 1, wantText: "not JSON"},
		{name: "200 images wrong type", answer: canned{body: `{"response":{"images":{"imageId":"x"}}}`}, wantAttempts: 1, wantText: "response.images is not an array"},
		{name: "200 image field wrong type", answer: canned{body: `{"response":{"images":[{"imageId":7}]}}`}, wantAttempts: 1, wantText: "response.images[0]: imageId is a JSON number, not a string"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv, count := newScriptedServer(t, tt.answer)
			_, err := newTestZenlayer(srv.URL, testOptions()).DescribeImages(context.Background(), DescribeImagesRequest{})
			if err == nil {
				t.Fatal("no error")
			}
			if got := count.Load(); got != tt.wantAttempts {
				t.Errorf("attempts = %d, want %d (err: %v)", got, tt.wantAttempts, err)
			}
			if Attempts(err) != int(tt.wantAttempts) || Retryable(err) != (tt.wantAttempts > 1) {
				t.Errorf("Attempts = %d, Retryable = %v; want %d, %v", Attempts(err), Retryable(err), tt.wantAttempts, tt.wantAttempts > 1)
			}
			var apiErr *APIError
			if gotAPI := errors.As(err, &apiErr); gotAPI != tt.wantAPI {
				t.Fatalf("errors.As(*APIError) = %v, want %v (err: %v)", gotAPI, tt.wantAPI, err)
			}
			if apiErr != nil {
				if (apiErr.Kind == KindAuth) != tt.wantAuth || Retryable(apiErr) != (tt.wantAttempts > 1) {
					t.Errorf("IsAuth = %v, Retryable = %v", (apiErr.Kind == KindAuth), Retryable(apiErr))
				}
				if apiErr.HTTPStatus != tt.wantStatus || apiErr.Code != tt.wantCode {
					t.Errorf("HTTPStatus, Code = %d, %q; want %d, %q", apiErr.HTTPStatus, apiErr.Code, tt.wantStatus, tt.wantCode)
				}
				if strings.HasPrefix(tt.answer.body, `{"requestId"`) && apiErr.RequestID != "T-9" {
					t.Errorf("RequestID = %q", apiErr.RequestID)
				}
			}
			if !strings.Contains(err.Error(), tt.wantText) {
				t.Errorf("error %q does not contain %q", err, tt.wantText)
			}
		})
	}
}

func TestDescribeImages_EmptyResult(t *testing.T) {
	for _, body := range []string{`{"requestId":"T","response":{"requestId":"T","images":[]}}`, `{"response":{}}`} {
		srv, _ := newScriptedServer(t, canned{body: body})
		images, err := newTestZenlayer(srv.URL, testOptions()).DescribeImages(context.Background(), DescribeImagesRequest{})
		if err != nil || images == nil || len(images) != 0 {
			t.Errorf("%s: images = %#v, err = %v; want empty, nil", body, images, err)
		}
	}
}

// The documented URL of the API ends in /api/v2/bmc; a user who copies it as the base URL reaches the same
// endpoint, not /api/v2/bmc/api/v2/bmc.
func TestNewZenlayer_BaseURLEndingInAPIPath(t *testing.T) {
	for base, want := range map[string]string{
		"https://console.zenlayer.com":               "https://console.zenlayer.com/api/v2/bmc",
		"https://console.zenlayer.com/":              "https://console.zenlayer.com/api/v2/bmc",
		"https://console.zenlayer.com/api/v2/bmc":    "https://console.zenlayer.com/api/v2/bmc",
		"https://console.zenlayer.com/api/v2/bmc/":   "https://console.zenlayer.com/api/v2/bmc",
		"https://console.zenlayer.com/api/v2/bmc//":  "https://console.zenlayer.com/api/v2/bmc",
		"http://127.0.0.1:8080/gateway/api/v2/bmc":   "http://127.0.0.1:8080/gateway/api/v2/bmc",
		"http://127.0.0.1:8080/gateway/":             "http://127.0.0.1:8080/gateway/api/v2/bmc",
		"https://console.zenlayer.com/api/v2/bmcx":   "https://console.zenlayer.com/api/v2/bmcx/api/v2/bmc",
		"https://console.zenlayer.com/api/v2/bmc/v2": "https://console.zenlayer.com/api/v2/bmc/v2/api/v2/bmc",
	} {
		if got := newTestZenlayer(base, testOptions()).endpoint; got != want {
			t.Errorf("NewZenlayer(%q) posts to %q, want %q", base, got, want)
		}
	}

	var paths []string
	var mu sync.Mutex
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		paths = append(paths, r.URL.Path)
		mu.Unlock()
		io.WriteString(w, okZenlayer)
	}))
	t.Cleanup(srv.Close)
	for _, base := range []string{srv.URL + "/api/v2/bmc", srv.URL + "/api/v2/bmc/"} {
		if _, err := newTestZenlayer(base, testOptions()).DescribeImages(context.Background(), DescribeImagesRequest{}); err != nil {
			t.Errorf("base URL %s: %v", base, err)
		}
	}
	mu.Lock()
	defer mu.Unlock()
	if len(paths) != 2 || paths[0] != "/api/v2/bmc" || paths[1] != "/api/v2/bmc" {
		t.Errorf("requests went to %q, want /api/v2/bmc twice", paths)
	}
}
