package client

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"runtime"
	"strconv"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// benchUHostServer is a minimal DescribeImage fake for benchmarks: pre-generated images, pages encoded once and
// cached, an optional latency before every answer. It does not check signatures.
type benchUHostServer struct {
	images   []UHostImage
	latency  time.Duration
	requests atomic.Int64

	mu    sync.Mutex
	pages map[[2]int][]byte
}

func (s *benchUHostServer) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	s.requests.Add(1)
	if err := r.ParseForm(); err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	offset, _ := strconv.Atoi(r.PostForm.Get("Offset"))
	limit, _ := strconv.Atoi(r.PostForm.Get("Limit"))
	key := [2]int{offset, limit}
	s.mu.Lock()
	page, ok := s.pages[key]
	if !ok {
		end := min(max(offset, 0)+max(limit, 0), len(s.images))
		set := s.images[min(max(offset, 0), end):end]
		page, _ = json.Marshal(map[string]any{"Action": "DescribeImageResponse", "RetCode": 0,
			"TotalCount": len(s.images), "ImageSet": set})
		s.pages[key] = page
	}
	s.mu.Unlock()
	if s.latency > 0 {
		time.Sleep(s.latency)
	}
	w.Header().Set("X-UCLOUD-REQUEST-UUID", "bench")
	w.Write(page)
}

func benchUHostImages(n int) []UHostImage {
	images := make([]UHostImage, n)
	for i := range images {
		images[i] = UHostImage{Zone: "cn-bj2-04", ImageID: fmt.Sprintf("uimage-%06d", i),
			ImageName: fmt.Sprintf("Ubuntu 22.04 build %d", i), Tag: "Default", OsType: "Linux", OsName: "Ubuntu 22.04 64位",
			ImageType: "Base", Features: []string{"NetEnhnced", "CloudInit", "HotPlug"}, State: "Available",
			CreateTime: int64(1700000000 + i), ImageSize: 20, MaintainEol: "2027/04/30", SceneCategories: []string{"Featured"}}
	}
	return images
}

// BenchmarkListUHostImages lists a whole catalog through a fresh client per operation (so coalescing does not
// answer from memory). requests/op is what the server saw; round-trips is the computed critical path: the first
// page plus ceil(remaining pages / Concurrency) waves. allocs/image counts every allocation in the process
// (client and in-process fake server) divided by images listed.
func BenchmarkListUHostImages(b *testing.B) {
	for _, images := range []int{100, 1000, 10000, 50000} {
		catalog := benchUHostImages(images)
		for _, latency := range []time.Duration{0, 50 * time.Millisecond} {
			b.Run(fmt.Sprintf("images=%d/latency=%s", images, latencyName(latency)), func(b *testing.B) {
				srv := &benchUHostServer{images: catalog, latency: latency, pages: map[[2]int][]byte{}}
				ts := httptest.NewServer(srv)
				defer ts.Close()
				opts := Options{MaxRetries: 3, backoffBase: time.Millisecond}.withDefaults()
				pages := max((images+opts.PageSize-1)/opts.PageSize, 1)
				roundTrips := 1 + (pages-1+opts.Concurrency-1)/opts.Concurrency
				// Warm the server's page cache and the connection pool outside the measurement.
				warm := NewUCloud(ts.URL, UCloudCredentials{PublicKey: "pk", PrivateKey: "sk"}, opts)
				if _, err := warm.ListUHostImages(context.Background(), DescribeImageRequest{Region: "cn-bj2"}); err != nil {
					b.Fatal(err)
				}
				srv.requests.Store(0)
				var before, after runtime.MemStats
				runtime.ReadMemStats(&before)
				b.ReportAllocs()
				b.ResetTimer()
				for range b.N {
					c := NewUCloud(ts.URL, UCloudCredentials{PublicKey: "pk", PrivateKey: "sk"}, opts)
					got, err := c.ListUHostImages(context.Background(), DescribeImageRequest{Region: "cn-bj2"})
					if err != nil {
						b.Fatal(err)
					}
					if len(got) != images {
						b.Fatalf("got %d images, want %d", len(got), images)
					}
				}
				b.StopTimer()
				runtime.ReadMemStats(&after)
				b.ReportMetric(float64(srv.requests.Load())/float64(b.N), "requests/op")
				b.ReportMetric(float64(roundTrips), "round-trips")
				b.ReportMetric(float64(after.Mallocs-before.Mallocs)/float64(b.N*images), "allocs/image")
			})
		}
	}
}

func latencyName(d time.Duration) string {
	if d == 0 {
		return "0"
	}
	return d.String()
}
