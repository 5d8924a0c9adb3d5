package client

import (
	"context"
	"errors"
	"math/rand/v2"
	"net/http/httptest"
	"runtime"
	"sort"
	"sync/atomic"
	"testing"
	"time"
)

func TestListUHostImages_Paging(t *testing.T) {
	tests := []struct {
		name         string
		images       int
		pageSize     int
		setup        func(f *fakeUCloud)
		wantImages   int
		wantRequests int // 0 => only bounded (checked by maxRequests)
		maxRequests  int
		wantChanged  bool // the pages never agree: ErrListChanged after two reads, never a partial list
	}{
		{name: "exact multiple", images: 300, pageSize: 100, wantImages: 300, wantRequests: 3},
		{name: "one more", images: 301, pageSize: 100, wantImages: 301, wantRequests: 4},
		{name: "one less", images: 299, pageSize: 100, wantImages: 299, wantRequests: 3},
		{name: "zero", images: 0, pageSize: 100, wantImages: 0, wantRequests: 1},
		{name: "single short page", images: 7, pageSize: 100, wantImages: 7, wantRequests: 1},
		{name: "page size one", images: 5, pageSize: 1, wantImages: 5, wantRequests: 5},
		{name: "default page size: 500", images: 1201, wantImages: 1201, wantRequests: 3},
		{name: "default page size, server caps Limit at 100", images: 1201, setup: func(f *fakeUCloud) { f.limitCap = 100 },
			wantImages: 1201, wantRequests: 13},
		{name: "server caps Limit below page size", images: 250, pageSize: 100, setup: func(f *fakeUCloud) { f.limitCap = 20 },
			wantImages: 250, wantRequests: 13},
		{name: "server caps Limit only after the first page", images: 250, pageSize: 100,
			setup: func(f *fakeUCloud) { f.laterCap = 30 }, wantImages: 250, maxRequests: 12},
		{name: "overlapping pages", images: 250, pageSize: 100, setup: func(f *fakeUCloud) { f.duplicate = true },
			wantImages: 250, wantRequests: 3},
		{name: "shuffled pages", images: 250, pageSize: 100, setup: func(f *fakeUCloud) { f.shuffle = true },
			wantImages: 250, wantRequests: 3},
		// These three returned what had arrived, with only a log line; now they fail after reading twice.
		{name: "TotalCount grows while paging", images: 300, pageSize: 100, setup: func(f *fakeUCloud) { f.growTotal = true },
			wantChanged: true, maxRequests: 10},
		{name: "TotalCount larger than the data", images: 250, pageSize: 100, setup: func(f *fakeUCloud) { f.extraTotal = 250 },
			wantChanged: true, maxRequests: 20},
		{name: "huge bogus TotalCount", images: 30, pageSize: 10, setup: func(f *fakeUCloud) { f.extraTotal = 1 << 30 },
			wantChanged: true, maxRequests: 40},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := &fakeUCloud{}
			if tt.setup != nil {
				tt.setup(f)
			}
			f.images = testUHostImages(tt.images)
			if f.shuffle { // a server order that is not sorted by ID either
				rand.New(rand.NewPCG(1, 2)).Shuffle(len(f.images), func(i, j int) {
					f.images[i], f.images[j] = f.images[j], f.images[i]
				})
			}
			srv := newFakeUCloudServer(t, f)
			opts := testOptions()
			opts.PageSize = tt.pageSize
			opts.Concurrency = 4
			c := newTestUCloud(srv.URL, opts)
			got, err := c.ListUHostImages(context.Background(), DescribeImageRequest{Region: "cn-bj2"})
			if tt.wantChanged {
				if !errors.Is(err, ErrListChanged) || got != nil {
					t.Fatalf("got %d images, err = %v; want no list and ErrListChanged", len(got), err)
				}
				if requests := int(f.requests.Load()); requests > tt.maxRequests {
					t.Errorf("requests = %d, want at most %d", requests, tt.maxRequests)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if len(got) != tt.wantImages {
				t.Fatalf("got %d images, want %d", len(got), tt.wantImages)
			}
			if !sort.SliceIsSorted(got, func(i, j int) bool { return got[i].ImageID < got[j].ImageID }) {
				t.Error("result not sorted by ImageID")
			}
			want := testUHostImages(tt.images)
			for i := range want {
				if got[i].ImageID != want[i].ImageID {
					t.Fatalf("image %d = %s, want %s", i, got[i].ImageID, want[i].ImageID)
				}
			}
			requests := int(f.requests.Load())
			if tt.wantRequests > 0 && requests != tt.wantRequests {
				t.Errorf("requests = %d, want %d (pages %v)", requests, tt.wantRequests, f.pages)
			}
			if tt.maxRequests > 0 && requests > tt.maxRequests {
				t.Errorf("requests = %d, want at most %d (pages %v)", requests, tt.maxRequests, f.pages)
			}
			if f.badSigs.Load() != 0 {
				t.Errorf("%d requests had a bad signature", f.badSigs.Load())
			}
		})
	}
}

func TestListUHostImages_ConcurrencyBound(t *testing.T) {
	for _, concurrency := range []int{1, 3} {
		f := &fakeUCloud{images: testUHostImages(2000), delay: 2 * time.Millisecond}
		srv := newFakeUCloudServer(t, f)
		opts := testOptions()
		opts.Concurrency = concurrency
		got, err := newTestUCloud(srv.URL, opts).ListUHostImages(context.Background(), DescribeImageRequest{Region: "cn-bj2"})
		if err != nil {
			t.Fatal(err)
		}
		if len(got) != 2000 || f.requests.Load() != 20 {
			t.Fatalf("concurrency %d: %d images in %d requests, want 2000 in 20", concurrency, len(got), f.requests.Load())
		}
		if m := f.maxInFlight.Load(); m > int64(concurrency) {
			t.Errorf("concurrency %d: %d requests in flight", concurrency, m)
		}
	}
}

func TestListUHostImages_RetriesPages(t *testing.T) {
	f := &fakeUCloud{images: testUHostImages(250)}
	srv := httptest.NewServer(throttleEvery(3, f))
	t.Cleanup(srv.Close)
	opts := testOptions()
	opts.MaxRetries = 5
	got, err := newTestUCloud(srv.URL, opts).ListUHostImages(context.Background(), DescribeImageRequest{Region: "cn-bj2"})
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 250 {
		t.Fatalf("got %d images, want 250", len(got))
	}
}

func TestListUHostImages_ContextCancelledMidPaging(t *testing.T) {
	before := runtime.NumGoroutine()
	f := &fakeUCloud{images: testUHostImages(1000), block: true}
	srv := newFakeUCloudServer(t, f)
	opts := testOptions()
	opts.Concurrency = 4
	c := newTestUCloud(srv.URL, opts)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() {
		_, err := c.ListUHostImages(ctx, DescribeImageRequest{Region: "cn-bj2"})
		done <- err
	}()
	for wait := time.Now().Add(10 * time.Second); f.inFlight.Load() < 4; runtime.Gosched() {
		if time.Now().After(wait) { // the first page answered, four blocked pages in flight
			t.Fatalf("%d pages in flight, want 4", f.inFlight.Load())
		}
	}
	cancel()
	select {
	case err := <-done:
		if !errors.Is(err, context.Canceled) {
			t.Fatalf("err = %v, want context.Canceled", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("ListUHostImages did not return after cancel")
	}
	if m := f.maxInFlight.Load(); m > 4 {
		t.Errorf("%d requests in flight, want at most 4", m)
	}
	srv.Close()
	c.t.opts.HTTPClient.CloseIdleConnections()
	deadline := time.Now().Add(5 * time.Second)
	for runtime.NumGoroutine() > before && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	if n := runtime.NumGoroutine(); n > before {
		t.Errorf("goroutines: %d before, %d after", before, n)
	}
}

func TestListPHostImages_Paging(t *testing.T) {
	var requests atomic.Int64
	srv := newUCloudHandlerServer(t, func(params ucloudParams) string {
		requests.Add(1)
		if params["ImageId.0"] != "pimg-a" || params["MachineType"] != "Hello" || params["Cluster"] != "25G" {
			return `{"RetCode":230,"Message":"Params [ImageId.0] not available"}`
		}
		switch params["Offset"] {
		case "0":
			return `{"RetCode":0,"TotalCount":3,"ImageSet":[{"ImageId":"pimg-c","CreateTime":"1700000000"},{"ImageId":"pimg-a","CreateTime":1700000001}]}`
		case "2":
			return `{"RetCode":"0","TotalCount":3,"ImageSet":[{"ImageId":"pimg-b","Support":["Hello"],"ImageSize":20}]}`
		}
		return `{"RetCode":0,"TotalCount":3,"ImageSet":[]}`
	})
	opts := testOptions()
	opts.PageSize = 2
	got, err := newTestUCloud(srv.URL, opts).ListPHostImages(context.Background(), DescribePHostImageRequest{
		Region: "cn-bj2", Zone: "cn-bj2-05", ImageIDs: []string{"pimg-a"}, MachineType: "Hello", Cluster: "25G"})
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 3 || got[0].ImageID != "pimg-a" || got[1].ImageID != "pimg-b" || got[2].ImageID != "pimg-c" {
		t.Fatalf("got %+v", got)
	}
	if got[0].CreateTime != "1700000001" || got[2].CreateTime != "1700000000" || got[1].ImageSize != 20 {
		t.Errorf("fields not decoded: %+v", got)
	}
	if requests.Load() != 2 {
		t.Errorf("requests = %d, want 2", requests.Load())
	}
}
