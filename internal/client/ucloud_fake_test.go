package client

import (
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"strconv"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// fakeUCloud serves DescribeImage pages from a fixed image list and can misbehave the ways real servers do.
type fakeUCloud struct {
	images     []UHostImage // served in this order
	limitCap   int          // silent cap on Limit; 0 => none
	laterCap   int          // silent cap on Limit for Offset > 0 only
	duplicate  bool         // every page after the first also repeats the previous page's last image
	shuffle    bool         // each page's items come back in a random order
	extraTotal int          // TotalCount reports this many images that do not exist
	growTotal  bool         // TotalCount grows by 10 on every request
	delay      time.Duration
	// block, when set, holds every request after the first until the request's context ends.
	block bool

	requests    atomic.Int64
	inFlight    atomic.Int64
	maxInFlight atomic.Int64
	badSigs     atomic.Int64

	mu    sync.Mutex
	pages []string // "offset/limit" in arrival order
}

func newFakeUCloudServer(t *testing.T, f *fakeUCloud) *httptest.Server {
	t.Helper()
	srv := httptest.NewServer(f)
	t.Cleanup(srv.Close)
	return srv
}

func testUHostImages(n int) []UHostImage {
	images := make([]UHostImage, n)
	for i := range images {
		images[i] = UHostImage{ImageID: fmt.Sprintf("uimage-%05d", i), ImageName: fmt.Sprintf("image %d", i),
			Zone: "cn-bj2-04", OsType: "Linux", ImageType: "Base", State: "Available", CreateTime: int64(1700000000 + i)}
	}
	return images
}

func (f *fakeUCloud) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	n := f.inFlight.Add(1)
	defer f.inFlight.Add(-1)
	for {
		m := f.maxInFlight.Load()
		if n <= m || f.maxInFlight.CompareAndSwap(m, n) {
			break
		}
	}
	count := f.requests.Add(1)
	if err := r.ParseForm(); err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	params := ucloudParams{}
	for k := range r.PostForm {
		params[k] = r.PostForm.Get(k)
	}
	w.Header().Set("X-UCLOUD-REQUEST-UUID", "req-"+strconv.FormatInt(count, 10))
	if ucloudSignature(params, testUCloudPrivateKey) != r.PostForm.Get("Signature") {
		f.badSigs.Add(1)
		fmt.Fprint(w, `{"Action":"DescribeImageResponse","RetCode":171,"Message":"Signature VerifyAC Error"}`)
		return
	}
	offset, _ := strconv.Atoi(params["Offset"])
	limit := 20
	if v, ok := params["Limit"]; ok {
		limit, _ = strconv.Atoi(v)
	}
	if f.limitCap > 0 {
		limit = min(limit, f.limitCap)
	}
	if f.laterCap > 0 && offset > 0 {
		limit = min(limit, f.laterCap)
	}
	f.mu.Lock()
	f.pages = append(f.pages, fmt.Sprintf("%d/%d", offset, limit))
	f.mu.Unlock()
	if f.block && count > 1 {
		<-r.Context().Done()
		return
	}
	if f.delay > 0 {
		time.Sleep(f.delay)
	}
	var page []UHostImage
	if offset < len(f.images) {
		page = append(page, f.images[offset:min(offset+limit, len(f.images))]...)
	}
	if f.duplicate && offset > 0 && offset <= len(f.images) {
		page = append(page, f.images[offset-1])
	}
	if f.shuffle {
		rand.Shuffle(len(page), func(i, j int) { page[i], page[j] = page[j], page[i] })
	}
	total := len(f.images) + f.extraTotal
	if f.growTotal {
		total += 10 * int(count)
	}
	if page == nil {
		page = []UHostImage{}
	}
	json.NewEncoder(w).Encode(map[string]any{
		"Action": "DescribeImageResponse", "RetCode": 0, "TotalCount": total, "ImageSet": page,
	})
}

// testOptions keeps retries fast and never waits for real in backoff, and pages by 100, not DefaultPageSize, so
// that catalogs of a few hundred images span several pages.
func testOptions() Options {
	return Options{MaxRetries: 3, PageSize: 100, backoffBase: time.Millisecond, backoffMax: 2 * time.Millisecond}
}

func newTestUCloud(url string, opts Options) *UCloud {
	return NewUCloud(url, UCloudCredentials{PublicKey: testUCloudPublicKey, PrivateKey: testUCloudPrivateKey}, opts)
}

// throttleEvery answers RetCode 153 (HTTP 200) to every nth request and passes the others to next.
func throttleEvery(n int64, next http.Handler) http.Handler {
	var count atomic.Int64
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if count.Add(1)%n == 0 {
			fmt.Fprint(w, `{"Action":"DescribeImageResponse","RetCode":153,"Message":"throttled"}`)
			return
		}
		next.ServeHTTP(w, r)
	})
}

// newUCloudHandlerServer answers every correctly signed request with answer(params) as an HTTP 200 body.
func newUCloudHandlerServer(t *testing.T, answer func(params ucloudParams) string) *httptest.Server {
	t.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if err := r.ParseForm(); err != nil {
			http.Error(w, err.Error(), http.StatusBadRequest)
			return
		}
		params := ucloudParams{}
		for k := range r.PostForm {
			params[k] = r.PostForm.Get(k)
		}
		if ucloudSignature(params, testUCloudPrivateKey) != params["Signature"] {
			fmt.Fprint(w, `{"RetCode":171,"Message":"Signature VerifyAC Error"}`)
			return
		}
		fmt.Fprint(w, answer(params))
	}))
	t.Cleanup(srv.Close)
	return srv
}
