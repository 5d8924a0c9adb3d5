package client

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
)

// Paging always ends, within about two requests per page and never more than maxListingRequests, whatever the
// server answers.

type pagedItem struct{ ID, Name string }

func pagedItemID(i *pagedItem) string { return i.ID }

func pagedItems(from, n int) []pagedItem {
	out := make([]pagedItem, n)
	for i := range out {
		out[i] = pagedItem{ID: fmt.Sprintf("id-%09d", from+i), Name: "image"}
	}
	return out
}

// countingFetcher wraps fetch, counting calls and recording every (offset, limit) asked for.
type countingFetcher struct {
	calls atomic.Int64
	mu    sync.Mutex
	asked [][2]int
	fetch pageFetcher[pagedItem]
}

func (f *countingFetcher) do(ctx context.Context, offset, limit int) (int, []pagedItem, error) {
	f.calls.Add(1)
	f.mu.Lock()
	f.asked = append(f.asked, [2]int{offset, limit})
	f.mu.Unlock()
	return f.fetch(ctx, offset, limit)
}

func testListing(f *countingFetcher, byPageNumber bool) pagedListing[pagedItem] {
	return pagedListing[pagedItem]{cloud: "UCloud", action: "DescribeImage", pageSize: 100, concurrency: 4,
		byPageNumber: byPageNumber, fetch: f.do, idOf: pagedItemID}
}

func TestPaging_EndsSoonWhateverTheServerSays(t *testing.T) {
	tests := []struct {
		name        string
		fetch       pageFetcher[pagedItem]
		maxRequests int64
		wantText    string
	}{
		{
			name: "ignores Offset, TotalCount 1e12",
			fetch: func(_ context.Context, _, limit int) (int, []pagedItem, error) {
				return 1e12, pagedItems(0, limit), nil
			},
			maxRequests: 2, wantText: "TotalCount 1000000000000 needs 10000000000 pages of 100, more than the 500 requests",
		},
		{
			name: "ignores Offset, TotalCount 1000",
			fetch: func(_ context.Context, _, limit int) (int, []pagedItem, error) {
				return 1000, pagedItems(0, limit), nil
			},
			maxRequests: 2 * (1 + 4), wantText: "brought no image not seen before",
		},
		{
			name: "invents new images forever, TotalCount 1e12",
			fetch: func(_ context.Context, offset, limit int) (int, []pagedItem, error) {
				return 1e12, pagedItems(offset, limit), nil
			},
			maxRequests: 2, wantText: "more than the 500 requests one listing may make",
		},
		{
			// Planned pages fit, but every later page brings one new image: follow-ups would never end.
			name: "one new image per request",
			fetch: func() pageFetcher[pagedItem] {
				var next atomic.Int64
				return func(_ context.Context, offset, limit int) (int, []pagedItem, error) {
					if offset == 0 {
						return 20000, pagedItems(0, limit), nil
					}
					return 20000, pagedItems(int(1e6+next.Add(1)), 1), nil
				}
			}(),
			maxRequests: maxListingRequests, wantText: "within",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := &countingFetcher{fetch: tt.fetch}
			got, err := testListing(f, false).list(context.Background())
			if !errors.Is(err, ErrListChanged) || got != nil {
				t.Fatalf("got %d items, err = %v; want ErrListChanged", len(got), err)
			}
			if !strings.Contains(err.Error(), tt.wantText) {
				t.Errorf("error %q does not contain %q", err, tt.wantText)
			}
			if n := f.calls.Load(); n > tt.maxRequests {
				t.Errorf("%d requests, want at most %d", n, tt.maxRequests)
			}
		})
	}
}

func TestPaging_RequestCeilingIsExact(t *testing.T) {
	var next atomic.Int64
	f := &countingFetcher{fetch: func(_ context.Context, offset, limit int) (int, []pagedItem, error) {
		if offset == 0 {
			return 20000, pagedItems(0, limit), nil
		}
		return 20000, pagedItems(int(1e6+next.Add(1)), 1), nil // one new image per request
	}}
	_, err := testListing(f, false).list(context.Background())
	// 200 pages: the first read may make 2*200+2 = 402 requests, the second the rest of the 500.
	if n := f.calls.Load(); n != maxListingRequests {
		t.Errorf("%d requests, want exactly %d", n, maxListingRequests)
	}
	for _, want := range []string{"read 1: the pages did not add up within 402 requests", "at most 500 per listing",
		"read 2: the pages did not add up within 98 requests"} {
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("error %v does not contain %q", err, want)
		}
	}
}

// catalogFetcher serves a fixed catalog by offset and limit, capping limit at limitCap when set.
func catalogFetcher(catalog []pagedItem, limitCap int) pageFetcher[pagedItem] {
	return func(_ context.Context, offset, limit int) (int, []pagedItem, error) {
		if limitCap > 0 {
			limit = min(limit, limitCap)
		}
		end := min(offset+limit, len(catalog))
		if offset >= end {
			return len(catalog), []pagedItem{}, nil
		}
		return len(catalog), append([]pagedItem(nil), catalog[offset:end]...), nil
	}
}

func TestPaging_ByPageNumber(t *testing.T) {
	catalog := pagedItems(0, 1234)
	tests := []struct {
		name         string
		limitCap     int
		wantRequests int64
	}{
		{name: "page size honoured", wantRequests: 13},
		{name: "server caps the page size at 40", limitCap: 40, wantRequests: 31},
		{name: "server caps the page size at 7", limitCap: 7, wantRequests: 177},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := &countingFetcher{fetch: catalogFetcher(catalog, tt.limitCap)}
			got, err := testListing(f, true).list(context.Background())
			if err != nil {
				t.Fatal(err)
			}
			if len(got) != len(catalog) || got[0].ID != catalog[0].ID || got[len(got)-1].ID != catalog[len(catalog)-1].ID {
				t.Fatalf("got %d items, want the catalog of %d", len(got), len(catalog))
			}
			if n := f.calls.Load(); n != tt.wantRequests {
				t.Errorf("%d requests, want %d", n, tt.wantRequests)
			}
			for _, asked := range f.asked {
				if asked[0]%asked[1] != 0 {
					t.Errorf("asked for offset %d with limit %d: not a page number", asked[0], asked[1])
				}
			}
		})
	}
}

func TestPaging_ByPageNumber_ShortPageIsADisagreement(t *testing.T) {
	catalog := pagedItems(0, 1000)
	// The server caps only the pages after the first: a short page that is not the last.
	f := &countingFetcher{fetch: func(ctx context.Context, offset, limit int) (int, []pagedItem, error) {
		if offset > 0 {
			limit = min(limit, 30)
		}
		return catalogFetcher(catalog, 0)(ctx, offset, limit)
	}}
	_, err := testListing(f, true).list(context.Background())
	if !errors.Is(err, ErrListChanged) || !strings.Contains(err.Error(), "had 30 images, not 100") {
		t.Fatalf("err = %v; want ErrListChanged naming the short page", err)
	}
	for _, asked := range f.asked {
		if asked[0]%asked[1] != 0 {
			t.Errorf("asked for offset %d with limit %d: not a page number", asked[0], asked[1])
		}
	}
	if n := f.calls.Load(); n > 2*(1+4) {
		t.Errorf("%d requests, want at most %d", n, 2*(1+4))
	}
}

func TestPaging_RepeatedIDs(t *testing.T) {
	catalog := pagedItems(0, 250)
	t.Run("identical repeats are kept once", func(t *testing.T) {
		f := &countingFetcher{fetch: func(ctx context.Context, offset, limit int) (int, []pagedItem, error) {
			total, page, err := catalogFetcher(catalog, 0)(ctx, offset, limit)
			return total, append(page, catalog[0], page[0]), err // an earlier page's image and one of its own again
		}}
		got, err := testListing(f, false).list(context.Background())
		if err != nil || len(got) != 250 {
			t.Fatalf("got %d items, err = %v; want 250", len(got), err)
		}
	})
	t.Run("a repeat with other content is a changed list", func(t *testing.T) {
		f := &countingFetcher{fetch: func(ctx context.Context, offset, limit int) (int, []pagedItem, error) {
			total, page, err := catalogFetcher(catalog, 0)(ctx, offset, limit)
			if offset == 200 {
				page = append(page, pagedItem{ID: catalog[0].ID, Name: "renamed"})
			}
			return total, page, err
		}}
		got, err := testListing(f, false).list(context.Background())
		if !errors.Is(err, ErrListChanged) || got != nil {
			t.Fatalf("got %d items, err = %v; want ErrListChanged", len(got), err)
		}
		want := fmt.Sprintf("image %q came back twice with different content", catalog[0].ID)
		if strings.Count(err.Error(), want) != 2 {
			t.Errorf("error %q does not say %q for both reads", err, want)
		}
	})
}

// A UCloud server that ignores Offset and claims 1e12 images: the listing ends after a handful of requests.
func TestListUHostImages_ServerIgnoringOffset(t *testing.T) {
	for _, total := range []int64{1e12, 5000} {
		var requests atomic.Int64
		srv := newUCloudHandlerServer(t, func(params ucloudParams) string {
			requests.Add(1)
			limit, _ := strconv.Atoi(params["Limit"])
			page, _ := json.Marshal(testUHostImages(limit))
			return fmt.Sprintf(`{"RetCode":0,"TotalCount":%d,"ImageSet":%s}`, total, page)
		})
		opts := testOptions()
		opts.Concurrency = 10
		_, err := newTestUCloud(srv.URL, opts).ListUHostImages(context.Background(), DescribeImageRequest{Region: "cn-bj2"})
		if !errors.Is(err, ErrListChanged) {
			t.Fatalf("TotalCount %d: err = %v; want ErrListChanged", total, err)
		}
		if n := requests.Load(); n > 2*(1+10) {
			t.Errorf("TotalCount %d: %d requests, want at most %d", total, n, 2*(1+10))
		}
	}
}

// An ID repeated with other content in one Zenlayer answer: read once more, then a clear error; identical repeats
// are kept once.
func TestDescribeImages_RepeatedIDs(t *testing.T) {
	const a = `{"imageId":"a","imageName":"CentOS","catalog":"centos","imageType":"PUBLIC_IMAGE","osType":"linux"}`
	const b = `{"imageId":"b","imageName":"Ubuntu","catalog":"ubuntu","imageType":"PUBLIC_IMAGE","osType":"linux"}`
	const aRenamed = `{"imageId":"a","imageName":"Other","catalog":"centos","imageType":"PUBLIC_IMAGE","osType":"linux"}`
	answer := func(images ...string) canned {
		return canned{body: `{"requestId":"T","response":{"requestId":"T","images":[` + strings.Join(images, ",") + `]}}`}
	}
	srv, count := newScriptedServer(t, answer(a, b, a, a))
	got, err := newTestZenlayer(srv.URL, testOptions()).DescribeImages(context.Background(), DescribeImagesRequest{})
	if err != nil || len(got) != 2 || got[0].ImageID != "a" || got[1].ImageID != "b" || count.Load() != 1 {
		t.Fatalf("got %v, err = %v, %d requests; want a and b once, in one request", got, err, count.Load())
	}

	srv, count = newScriptedServer(t, answer(a, b, aRenamed))
	got, err = newTestZenlayer(srv.URL, testOptions()).DescribeImages(context.Background(), DescribeImagesRequest{})
	if !errors.Is(err, ErrListChanged) || got != nil || count.Load() != 2 {
		t.Fatalf("got %v, err = %v, %d requests; want ErrListChanged after 2", got, err, count.Load())
	}
	if !strings.Contains(err.Error(), `image "a" came back twice with different content`) ||
		strings.Contains(err.Error(), "TotalCount") {
		t.Errorf("error %q", err)
	}

	// A conflict on the first read only: the second read is used.
	srv, _ = newScriptedServer(t, answer(a, aRenamed), answer(a, b))
	got, err = newTestZenlayer(srv.URL, testOptions()).DescribeImages(context.Background(), DescribeImagesRequest{})
	if err != nil || len(got) != 2 {
		t.Fatalf("got %v, err = %v; want the second read", got, err)
	}
}
