package client

import (
	"context"
	"errors"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

func TestListUHostImages_Coalesced(t *testing.T) {
	f := &fakeUCloud{images: testUHostImages(250), delay: 5 * time.Millisecond}
	srv := newFakeUCloudServer(t, f)
	c := newTestUCloud(srv.URL, testOptions())
	req := DescribeImageRequest{Region: "cn-bj2", Zone: "cn-bj2-04", ImageIDs: []string{"a", "b"}}

	const callers = 20
	results := make([][]UHostImage, callers)
	var wg sync.WaitGroup
	for i := range callers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			got, err := c.ListUHostImages(context.Background(), req)
			if err != nil {
				t.Error(err)
			}
			results[i] = got
		}()
	}
	wg.Wait()
	if got := f.requests.Load(); got != 3 {
		t.Errorf("%d concurrent identical calls made %d requests, want 3 (one listing)", callers, got)
	}
	for i, r := range results {
		if len(r) != 250 {
			t.Errorf("caller %d got %d images", i, len(r))
		}
	}
	// Answered already: served from the result.
	if _, err := c.ListUHostImages(context.Background(), req); err != nil || f.requests.Load() != 3 {
		t.Errorf("later identical call: err %v, requests %d, want 3", err, f.requests.Load())
	}
	// Different parameters are separate listings.
	for _, other := range []DescribeImageRequest{
		{Region: "cn-bj2", Zone: "cn-bj2-04", ImageIDs: []string{"a", "c"}},
		{Region: "cn-bj2", Zone: "cn-bj2-04", ImageIDs: []string{"a", "b"}, PriceSet: true},
		{Region: "cn-bj2", Zone: "cn-bj2-03", ImageIDs: []string{"a", "b"}},
	} {
		before := f.requests.Load()
		if _, err := c.ListUHostImages(context.Background(), other); err != nil {
			t.Fatal(err)
		}
		if f.requests.Load()-before != 3 {
			t.Errorf("%+v: %d requests, want 3", other, f.requests.Load()-before)
		}
	}
	// Another client value does not share the result.
	before := f.requests.Load()
	if _, err := newTestUCloud(srv.URL, testOptions()).ListUHostImages(context.Background(), req); err != nil {
		t.Fatal(err)
	}
	if f.requests.Load()-before != 3 {
		t.Errorf("new client: %d requests, want 3", f.requests.Load()-before)
	}
}

func TestListPHostImages_Coalesced(t *testing.T) {
	var requests atomic.Int64
	srv := newUCloudHandlerServer(t, func(params ucloudParams) string {
		requests.Add(1)
		return `{"RetCode":0,"TotalCount":1,"ImageSet":[{"ImageId":"pimg-1"}]}`
	})
	c := newTestUCloud(srv.URL, testOptions())
	for range 5 {
		if _, err := c.ListPHostImages(context.Background(), DescribePHostImageRequest{Region: "cn-bj2", Zone: "cn-bj2-05"}); err != nil {
			t.Fatal(err)
		}
	}
	if requests.Load() != 1 {
		t.Errorf("requests = %d, want 1", requests.Load())
	}
}

func TestDescribeImages_Coalesced(t *testing.T) {
	srv, count := newScriptedServer(t, canned{body: okZenlayer})
	c := newTestZenlayer(srv.URL, testOptions())
	var wg sync.WaitGroup
	for range 10 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if _, err := c.DescribeImages(context.Background(), DescribeImagesRequest{Catalog: "centos"}); err != nil {
				t.Error(err)
			}
		}()
	}
	wg.Wait()
	if count.Load() != 1 {
		t.Errorf("requests = %d, want 1", count.Load())
	}
	if _, err := c.DescribeImages(context.Background(), DescribeImagesRequest{Catalog: "ubuntu"}); err != nil || count.Load() != 2 {
		t.Errorf("different filter: err %v, requests %d, want 2", err, count.Load())
	}
}

func TestCoalesce_ErrorsAreNotCached(t *testing.T) {
	srv, count := newScriptedServer(t, canned{body: `{"RetCode":171,"Message":"Signature VerifyAC Error"}`},
		canned{body: `{"RetCode":0,"TotalCount":0,"ImageSet":[]}`})
	c := newTestUCloud(srv.URL, testOptions())
	if _, err := c.ListUHostImages(context.Background(), DescribeImageRequest{Region: "cn-bj2"}); err == nil {
		t.Fatal("first call: no error")
	}
	if _, err := c.ListUHostImages(context.Background(), DescribeImageRequest{Region: "cn-bj2"}); err != nil {
		t.Fatalf("second call: %v", err)
	}
	if count.Load() != 2 {
		t.Errorf("requests = %d, want 2", count.Load())
	}
}

func TestCoalesce_WaiterSurvivesCancelledLeader(t *testing.T) {
	var c coalescer
	leaderStarted := make(chan struct{})
	leaderCtx, cancelLeader := context.WithCancel(context.Background())
	var fetches atomic.Int64
	fetch := func(ctx context.Context) (any, error) {
		if fetches.Add(1) == 1 {
			close(leaderStarted)
			<-ctx.Done()
			return nil, ctx.Err()
		}
		return "fresh", nil
	}
	leaderErr := make(chan error, 1)
	go func() {
		_, err := c.do(leaderCtx, "k", fetch)
		leaderErr <- err
	}()
	<-leaderStarted
	waiter := make(chan any, 1)
	go func() {
		v, err := c.do(context.Background(), "k", fetch)
		if err != nil {
			t.Error(err)
		}
		waiter <- v
	}()
	cancelLeader()
	if err := <-leaderErr; !errors.Is(err, context.Canceled) {
		t.Errorf("leader err = %v", err)
	}
	if v := <-waiter; v != "fresh" {
		t.Errorf("waiter got %v, want fresh", v)
	}
}

func TestCoalesce_WaiterHonoursItsContext(t *testing.T) {
	var c coalescer
	release := make(chan struct{})
	started := make(chan struct{})
	go c.do(context.Background(), "k", func(context.Context) (any, error) {
		close(started)
		<-release
		return 1, nil
	})
	<-started
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := c.do(ctx, "k", nil); !errors.Is(err, context.Canceled) {
		t.Errorf("err = %v, want context.Canceled", err)
	}
	close(release)
}

func TestCoalesceKey_HoldsNoSecret(t *testing.T) {
	c := NewUCloud("http://x", UCloudCredentials{PublicKey: "pub-key-123", PrivateKey: "priv-key-456"}, Options{})
	key := c.coalesceKey("DescribeImage", DescribeImageRequest{Region: "cn-bj2"}.filterParams())
	for _, secret := range []string{"pub-key-123", "priv-key-456"} {
		if strings.Contains(key, secret) {
			t.Errorf("key %q holds %q", key, secret)
		}
	}
}
