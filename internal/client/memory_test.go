package client

import (
	"bytes"
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// One listing holds at most maxListingBytes of answers, all its concurrent pages together, whatever the server
// sends; an answer that does not fit is a malformed answer, not retried.

const hugeAnswer = 500 << 20

// streamHuge writes a JSON answer that starts well and then pads ImageSet with whitespace up to size bytes, from
// one reused buffer, so the test server holds no such answer in memory. It stops when the client hangs up.
func streamHuge(w http.ResponseWriter, prefix string, size int64, declareLength bool) {
	if declareLength {
		w.Header().Set("Content-Length", strconv.FormatInt(size, 10))
	}
	pad := bytes.Repeat([]byte(" "), 64<<10)
	written, _ := fmt.Fprint(w, prefix)
	for n := int64(written); n < size; n += int64(len(pad)) {
		if _, err := w.Write(pad[:min(int64(len(pad)), size-n)]); err != nil {
			return
		}
	}
}

// heapPeak samples the heap until stop is called and returns the highest HeapAlloc above the starting one.
func heapPeak() (stop func() uint64) {
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	base, peak := m.HeapAlloc, m.HeapAlloc
	done := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		var m runtime.MemStats
		for {
			runtime.ReadMemStats(&m)
			peak = max(peak, m.HeapAlloc)
			select {
			case <-done:
				return
			case <-time.After(2 * time.Millisecond):
			}
		}
	}()
	return func() uint64 {
		close(done)
		wg.Wait()
		return peak - base
	}
}

func TestListUHostImages_ConcurrentHugePagesStayWithinTheBudget(t *testing.T) {
	var mu sync.Mutex
	perOffset := map[string]int{}
	srv := newUCloudHandlerServerStreaming(t, func(w http.ResponseWriter, params ucloudParams) {
		mu.Lock()
		perOffset[params["Offset"]]++
		mu.Unlock()
		if params["Offset"] == "0" {
			page := `{"RetCode":0,"TotalCount":5000,"ImageSet":[`
			for i := range 500 {
				page += fmt.Sprintf(`{"ImageId":"uimage-%05d"},`, i)
			}
			fmt.Fprint(w, strings.TrimSuffix(page, ",")+"]}")
			return
		}
		streamHuge(w, `{"RetCode":0,"TotalCount":5000,"ImageSet":[`, hugeAnswer, false)
	})
	opts := testOptions()
	opts.PageSize = 500
	opts.Concurrency = 9 // the nine later pages at once
	stop := heapPeak()
	_, err := newTestUCloud(srv.URL, opts).ListUHostImages(context.Background(), DescribeImageRequest{Region: "cn-bj2"})
	peak := stop()

	if err == nil {
		t.Fatal("no error; want the answers refused as too large")
	}
	for _, want := range []string{"malformed response (HTTP 200) from " + srv.URL + "/", "does not fit in the 64 MiB one listing may hold",
		"check that base_url points at the API"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q does not contain %q", err, want)
		}
	}
	if Attempts(err) != 1 || Retryable(err) {
		t.Errorf("%d attempts, retryable %v; want 1, false", Attempts(err), Retryable(err))
	}
	mu.Lock()
	defer mu.Unlock()
	for offset, n := range perOffset {
		if n != 1 {
			t.Errorf("offset %s asked for %d times, want once", offset, n)
		}
	}
	const slack = 16 << 20 // the test's own servers, connections and sampling
	if peak > maxListingBytes+slack {
		t.Errorf("heap grew by %d MiB, want at most %d MiB", peak>>20, (maxListingBytes+slack)>>20)
	}
	t.Logf("heap peak %d MiB above the start over %d pages", peak>>20, len(perOffset))
}

func TestDescribeImages_OneHugeAnswer(t *testing.T) {
	for _, declared := range []bool{true, false} {
		t.Run(fmt.Sprintf("Content-Length declared %v", declared), func(t *testing.T) {
			var requests atomic.Int64
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				requests.Add(1)
				streamHuge(w, `{"requestId":"T","response":{"requestId":"T","images":[`, hugeAnswer, declared)
			}))
			t.Cleanup(srv.Close)
			stop := heapPeak()
			_, err := newTestZenlayer(srv.URL, testOptions()).DescribeImages(context.Background(), DescribeImagesRequest{})
			peak := stop()
			if err == nil || !strings.Contains(err.Error(), "from "+srv.URL+"/api/v2/bmc: the answer does not fit in the 64 MiB") {
				t.Fatalf("err = %v; want the answer refused, naming the URL and the limit", err)
			}
			if requests.Load() != 1 || Attempts(err) != 1 {
				t.Errorf("%d requests, %d attempts; want 1 (a malformed answer is not retried)", requests.Load(), Attempts(err))
			}
			if peak > maxListingBytes+16<<20 {
				t.Errorf("heap grew by %d MiB", peak>>20)
			}
		})
	}
}

// Empty objects decode to hundreds of times their size: the images an answer decodes to count too.
func TestDescribeImage_ImagesCountAgainstTheBudget(t *testing.T) {
	body := `{"RetCode":0,"TotalCount":1,"ImageSet":[` + strings.Repeat(`{},`, 4<<20) + `{}]}`
	srv, count := newScriptedServer(t, canned{body: body})
	_, err := newTestUCloud(srv.URL, testOptions()).describeImage(context.Background(), DescribeImageRequest{}, 0, 0)
	if err == nil || !strings.Contains(err.Error(), "ImageSet decodes to more than the 64 MiB one listing may hold") {
		t.Fatalf("err = %v", err)
	}
	if count.Load() != 1 {
		t.Errorf("%d requests, want 1", count.Load())
	}
}

// newUCloudHandlerServerStreaming is newUCloudHandlerServer for handlers that write their answer themselves.
func newUCloudHandlerServerStreaming(t *testing.T, answer func(w http.ResponseWriter, params ucloudParams)) *httptest.Server {
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
		answer(w, params)
	}))
	t.Cleanup(srv.Close)
	return srv
}
