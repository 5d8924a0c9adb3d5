package client

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// zecFake is a ZEC DescribeImages server over n images "img-0000".."img-<n-1>", paged by pageNum/pageSize with
// pageSize capped at sizeCap. before may answer a request itself (a fault) by returning true.
type zecFake struct {
	n, sizeCap int
	before     func(w http.ResponseWriter, page, calls int) bool
	calls      atomic.Int64
	mu         sync.Mutex
	bodies     []map[string]any
	totalShift func(calls int) int // added to TotalCount; nil => 0
}

func (f *zecFake) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	calls := int(f.calls.Add(1))
	raw, _ := io.ReadAll(r.Body)
	var body map[string]any
	_ = json.Unmarshal(raw, &body)
	f.mu.Lock()
	f.bodies = append(f.bodies, body)
	f.mu.Unlock()
	page, _ := body["pageNum"].(float64)
	size, _ := body["pageSize"].(float64)
	if f.before != nil && f.before(w, int(page), calls) {
		return
	}
	if r.URL.Path != "/api/v2/zec" || r.Header.Get("x-zc-service") != "zec" || r.Header.Get("x-zc-version") != "2025-09-01" {
		w.WriteHeader(http.StatusNotFound)
		io.WriteString(w, `{"requestId":"T-x","code":"NOT_FOUND","message":"`+r.URL.Path+`"}`)
		return
	}
	pageSize := min(int(size), f.sizeCap)
	start := (int(page) - 1) * pageSize
	var items []string
	for i := start; i < min(start+pageSize, f.n); i++ {
		items = append(items, fmt.Sprintf(`{"imageId":"img-%04d","imageName":"n%d","imageSize":"20",`+
			`"tags":{"tags":[{"key":"team","value":"a"}]}}`, i, i))
	}
	total := f.n
	if f.totalShift != nil {
		total += f.totalShift(calls)
	}
	fmt.Fprintf(w, `{"requestId":"T-%d","response":{"requestId":"T-%d","totalCount":%d,"dataSet":[%s]}}`,
		calls, calls, total, strings.Join(items, ","))
}

func listZEC(t *testing.T, f *zecFake, req ZECImagesRequest) ([]ZECImage, error) {
	t.Helper()
	srv := httptest.NewServer(f)
	t.Cleanup(srv.Close)
	return newTestZenlayer(srv.URL, testOptions()).ListZECImages(context.Background(), req)
}

func checkAllZEC(t *testing.T, images []ZECImage, n int) {
	t.Helper()
	if len(images) != n {
		t.Fatalf("%d images, want %d", len(images), n)
	}
	for i, img := range images {
		if want := fmt.Sprintf("img-%04d", i); img.ImageID != want {
			t.Fatalf("images[%d] = %s, want %s (sorted by ID, none missing)", i, img.ImageID, want)
		}
	}
}

func TestListZECImages_PagesOfTheMaximumSize(t *testing.T) {
	f := &zecFake{n: 2500, sizeCap: 1000}
	images, err := listZEC(t, f, ZECImagesRequest{ZoneID: "asia-east-1a"})
	if err != nil {
		t.Fatal(err)
	}
	checkAllZEC(t, images, 2500)
	if images[0].ImageSize != 20 || images[0].Tags["team"] != "a" {
		t.Errorf("image = %+v", images[0])
	}
	seen := map[float64]bool{}
	for _, body := range f.bodies {
		if body["pageSize"] != float64(ZECPageSize) || body["zoneId"] != "asia-east-1a" {
			t.Errorf("request body %v: want pageSize %d and the zone", body, ZECPageSize)
		}
		seen[body["pageNum"].(float64)] = true
	}
	if len(seen) != 3 || !seen[1] || !seen[2] || !seen[3] {
		t.Errorf("pages asked for: %v, want 1, 2 and 3", seen)
	}
}

// A server that caps pageSize below the one asked for still yields every image.
func TestListZECImages_ServerCapsPageSize(t *testing.T) {
	f := &zecFake{n: 212, sizeCap: 100}
	images, err := listZEC(t, f, ZECImagesRequest{})
	if err != nil {
		t.Fatal(err)
	}
	checkAllZEC(t, images, 212)
	for _, body := range f.bodies[1:] {
		if body["pageSize"] != float64(100) {
			t.Errorf("later page asked with pageSize %v, want the server's cap 100", body["pageSize"])
		}
	}
}

// A 503 on page 2 is retried and the listing completes.
func TestListZECImages_RetriesAFailedPage(t *testing.T) {
	var failed atomic.Bool
	f := &zecFake{n: 212, sizeCap: 100, before: func(w http.ResponseWriter, page, _ int) bool {
		if page == 2 && failed.CompareAndSwap(false, true) {
			w.WriteHeader(http.StatusServiceUnavailable)
			io.WriteString(w, `{"requestId":"T-503","code":"SERVICE_TEMPORARY_UNAVAILABLE","message":"retry later"}`)
			return true
		}
		return false
	}}
	images, err := listZEC(t, f, ZECImagesRequest{})
	if err != nil {
		t.Fatal(err)
	}
	if !failed.Load() {
		t.Fatal("page 2 never failed")
	}
	checkAllZEC(t, images, 212)
}

// A page that keeps failing ends the listing with that error instead of a partial list or a hang.
func TestListZECImages_PageFailingForGood(t *testing.T) {
	f := &zecFake{n: 212, sizeCap: 100, before: func(w http.ResponseWriter, page, _ int) bool {
		if page == 3 {
			w.WriteHeader(http.StatusServiceUnavailable)
			return true
		}
		return false
	}}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	srv := httptest.NewServer(f)
	t.Cleanup(srv.Close)
	images, err := newTestZenlayer(srv.URL, testOptions()).ListZECImages(ctx, ZECImagesRequest{})
	var apiErr *APIError
	if !errors.As(err, &apiErr) || apiErr.HTTPStatus != http.StatusServiceUnavailable || images != nil {
		t.Fatalf("images %d, err %v: want the 503 and no images", len(images), err)
	}
}

// TotalCount changing between pages is reported, never a partial or doubled list.
func TestListZECImages_TotalChangesWhileRead(t *testing.T) {
	f := &zecFake{n: 212, sizeCap: 100, totalShift: func(calls int) int {
		if calls%3 == 0 {
			return 1
		}
		return 0
	}}
	images, err := listZEC(t, f, ZECImagesRequest{})
	var changed *listChangedError
	if !errors.As(err, &changed) || !errors.Is(err, ErrListChanged) || images != nil {
		t.Fatalf("images %d, err %v: want a listChangedError", len(images), err)
	}
	if !strings.Contains(err.Error(), "TotalCount changed") {
		t.Errorf("error %q does not say what changed", err)
	}
}

// pageNum cannot express an offset that is not a multiple of the page size: that is an error, not a wrong page.
func TestDescribeZECPage_UnalignedOffset(t *testing.T) {
	f := &zecFake{n: 10, sizeCap: 100}
	srv := httptest.NewServer(f)
	t.Cleanup(srv.Close)
	_, _, err := newTestZenlayer(srv.URL, testOptions()).describeZECPage(context.Background(), ZECImagesRequest{}, 150, 100)
	if err == nil || !strings.Contains(err.Error(), "multiple of the page size") {
		t.Fatalf("err = %v", err)
	}
	if f.calls.Load() != 0 {
		t.Error("a request was sent")
	}
	if _, _, err := newTestZenlayer(srv.URL, testOptions()).describeZECPage(context.Background(), ZECImagesRequest{}, 200, 100); err != nil {
		t.Fatalf("aligned offset: %v", err)
	}
}

func TestListZECImages_WireFormat(t *testing.T) {
	checked := make(chan error, 1)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		want := `{"zoneId":"asia-east-1a","imageIds":["img-1"],"imageName":"Ubuntu","category":"Ubuntu",` +
			`"imageType":"PUBLIC_IMAGE","imageSource":"OFFICIAL","osType":"linux","imageStatus":"AVAILABLE",` +
			`"tagKeys":["team"],"tags":[{"key":"env","value":"prod"}],"pageNum":1,"pageSize":1000}`
		err := checkZenlayerSigned(r, body, want, "zec", "2025-09-01", "/api/v2/zec")
		checked <- err
		io.WriteString(w, `{"requestId":"T-1","response":{"requestId":"T-1","totalCount":0,"dataSet":[]}}`)
	}))
	t.Cleanup(srv.Close)
	opts := testOptions()
	opts.now = func() time.Time { return time.Unix(1700000000, 0) }
	// the documented URL of the BMC API as base URL still reaches ZEC beside it
	images, err := newTestZenlayer(srv.URL+"/api/v2/bmc/", opts).ListZECImages(context.Background(), ZECImagesRequest{
		ZoneID: "asia-east-1a", ImageIDs: []string{"img-1"}, ImageName: "Ubuntu", Category: "Ubuntu",
		ImageType: "PUBLIC_IMAGE", ImageSource: "OFFICIAL", OsType: "linux", ImageStatus: "AVAILABLE",
		TagKeys: []string{"team"}, Tags: []ZECTag{{Key: "env", Value: "prod"}},
	})
	if err != nil {
		t.Fatal(err)
	}
	if err := <-checked; err != nil {
		t.Error(err)
	}
	if images == nil || len(images) != 0 {
		t.Errorf("images = %#v, want empty", images)
	}
}

// checkZenlayerSigned checks the routing headers, the body and the signature of a Zenlayer request.
func checkZenlayerSigned(r *http.Request, body []byte, wantBody, service, version, path string) error {
	for k, v := range map[string]string{"x-zc-service": service, "x-zc-version": version, "x-zc-action": "DescribeImages",
		"Content-Type": "application/json"} {
		if got := r.Header.Get(k); got != v {
			return fmt.Errorf("%s = %q, want %q", k, got, v)
		}
	}
	if r.Method != http.MethodPost || r.URL.Path != path {
		return fmt.Errorf("%s %s, want POST %s", r.Method, r.URL.Path, path)
	}
	if string(body) != wantBody {
		return fmt.Errorf("body\n%s\nwant\n%s", body, wantBody)
	}
	signature := zenlayerSignature(testZenlayerPassword, zenlayerStringToSign(r.Header.Get("x-zc-timestamp"),
		zenlayerCanonicalRequest("application/json", r.Host, body)))
	if r.Header.Get("Authorization") != zenlayerAuthorization(testZenlayerAccessKeyID, signature) {
		return errors.New("Authorization does not verify")
	}
	return nil
}

func TestDecodeZECImages(t *testing.T) {
	ok := func(dataSet string) []byte {
		return []byte(`{"requestId":"T-1","response":{"requestId":"T-1","totalCount":1,"dataSet":[` + dataSet + `]}}`)
	}
	full := `{"imageId":"img-1","imageName":"Ubuntu 22.04","imageType":"PUBLIC_IMAGE","imageSource":"OFFICIAL",` +
		`"imageSize":"20","imageDescription":"d","imageVersion":"Server 22.04 LTS","imageStatus":"AVAILABLE",` +
		`"nicNetworkType":["vf","virtio"],"category":"Ubuntu","osType":"linux",` +
		`"tags":{"tags":[{"key":"env","value":"prod"},{"key":"team","value":""}]}}`
	total, images, requestID, err := decodeZECImages(200, ok(full), newByteBudget())
	if err != nil || total != 1 || requestID != "T-1" || len(images) != 1 {
		t.Fatalf("total %d, images %v, id %q, err %v", total, images, requestID, err)
	}
	img := images[0]
	if img.ImageSize != 20 || img.ImageVersion != "Server 22.04 LTS" || len(img.NicNetworkType) != 2 ||
		len(img.Tags) != 2 || img.Tags["env"] != "prod" || img.ImageSource != "OFFICIAL" || img.Category != "Ubuntu" {
		t.Errorf("image = %+v", img)
	}

	for _, tt := range []struct {
		size string
		want float64
	}{{`"40"`, 40}, {`40`, 40}, {`"2.5"`, 2.5}, {`""`, 0}, {`null`, 0}, {`" 8 "`, 8}} {
		_, images, _, err := decodeZECImages(200, ok(`{"imageId":"img-1","imageSize":`+tt.size+`}`), newByteBudget())
		if err != nil || images[0].ImageSize != tt.want || images[0].Tags != nil {
			t.Errorf("imageSize %s: %v, %v; want %v and no tags", tt.size, images, err, tt.want)
		}
	}
	for _, size := range []string{`"twenty"`, `"-1"`, `true`, `{}`} {
		_, _, _, err := decodeZECImages(200, ok(`{"imageId":"img-7","imageSize":`+size+`}`), newByteBudget())
		if err == nil || !strings.Contains(err.Error(), `image "img-7": imageSize`) {
			t.Errorf("imageSize %s: err = %v, want one naming the image and the field", size, err)
		}
	}

	for _, tt := range []struct {
		name   string
		status int
		body   string
		kind   ErrorKind
	}{
		{"zone not found", 404, `{"requestId":"T-2","code":"INVALID_ZONE_NOT_FOUND","message":"no zone"}`, KindZoneNotFound},
		{"throttled", 429, `{"requestId":"T-3","code":"REQUEST_LIMIT_EXCEEDED","message":"slow"}`, KindThrottled},
		{"auth", 401, `{"requestId":"T-4","code":"AUTH_FAILED","message":"no"}`, KindAuth},
		{"html 503", 503, `<html>busy</html>`, KindUnavailable},
		{"bad parameter", 400, `{"requestId":"T-5","code":"INVALID_PARAMETER","message":"pageSize"}`, KindParameter},
	} {
		_, _, _, err := decodeZECImages(tt.status, []byte(tt.body), newByteBudget())
		var apiErr *APIError
		if !errors.As(err, &apiErr) || apiErr.Kind != tt.kind || apiErr.HTTPStatus != tt.status {
			t.Errorf("%s: err = %v, want kind %s", tt.name, err, tt.kind)
		}
	}
	for _, body := range []string{`{"requestId":"T-6"}`, `{"requestId":"T-6","response":{"dataSet":[]}}`,
		`{"requestId":"T-6","response":{"totalCount":1,"dataSet":[`, `<html>`} {
		_, _, _, err := decodeZECImages(200, []byte(body), newByteBudget())
		var bad *malformedResponseError
		if !errors.As(err, &bad) {
			t.Errorf("%s: err = %v, want malformed", body, err)
		}
	}
}

// Secrets never reach an error, even when the server echoes the request.
func TestListZECImages_ErrorsCarryNoSecret(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusBadRequest)
		msg, _ := json.Marshal("bad request " + r.Header.Get("Authorization") + " " + testZenlayerPassword)
		fmt.Fprintf(w, `{"requestId":"T-9","code":"INVALID_PARAMETER","message":%s}`, msg)
	}))
	t.Cleanup(srv.Close)
	_, err := newTestZenlayer(srv.URL, testOptions()).ListZECImages(context.Background(), ZECImagesRequest{ZoneID: "z"})
	if err == nil {
		t.Fatal("no error")
	}
	for _, secret := range []string{testZenlayerPassword, "Signature=", "ZC2-HMAC-SHA256 Credential"} {
		if strings.Contains(err.Error(), secret) {
			t.Errorf("error %q contains %q", err, secret)
		}
	}
}

// Identical listings on one client are read once; a different filter is read again.
func TestListZECImages_Coalesced(t *testing.T) {
	f := &zecFake{n: 5, sizeCap: 1000}
	srv := httptest.NewServer(f)
	t.Cleanup(srv.Close)
	c := newTestZenlayer(srv.URL, testOptions())
	for range 3 {
		if _, err := c.ListZECImages(context.Background(), ZECImagesRequest{ZoneID: "a"}); err != nil {
			t.Fatal(err)
		}
	}
	if got := f.calls.Load(); got != 1 {
		t.Errorf("%d requests for three identical listings, want 1", got)
	}
	if _, err := c.ListZECImages(context.Background(), ZECImagesRequest{ZoneID: "b"}); err != nil {
		t.Fatal(err)
	}
	if got := f.calls.Load(); got != 2 {
		t.Errorf("%d requests after another zone, want 2", got)
	}
}

// FuzzDecodeZECResponse: any status and body gives an error or a total with a non-nil image list, never a panic.
func FuzzDecodeZECResponse(f *testing.F) {
	ok := `{"requestId":"T-1","response":{"requestId":"T-1","totalCount":1,"dataSet":[{"imageId":"img-1","imageSize":"20","tags":{"tags":[{"key":"a","value":"b"}]}}]}}`
	f.Add(200, []byte(ok))
	f.Add(200, []byte(ok[:70]))
	f.Add(200, []byte(`{"response":{"totalCount":1,"dataSet":[{"imageId":"img-1","imageSize":"x"}]}}`))
	f.Add(200, []byte(`{"response":{"totalCount":-5,"dataSet":null}}`))
	f.Add(404, []byte(`{"requestId":"T","code":"INVALID_ZONE_NOT_FOUND","message":"m"}`))
	f.Add(503, []byte("<html>"))
	f.Fuzz(func(t *testing.T, status int, body []byte) {
		_, images, _, err := decodeZECImages(status, body, newByteBudget())
		if err != nil {
			var apiErr *APIError
			var badErr *malformedResponseError
			if !errors.As(err, &apiErr) && !errors.As(err, &badErr) {
				t.Fatalf("unexpected error type %T: %v", err, err)
			}
			if images != nil {
				t.Fatalf("error with images: %v", images)
			}
			return
		}
		if status != http.StatusOK || images == nil {
			t.Fatalf("HTTP %d decoded as success with images %v", status, images)
		}
	})
}
