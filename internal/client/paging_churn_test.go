package client_test

import (
	"context"
	"errors"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/imagepick/terraform-provider-imagepick/internal/client"
	"github.com/imagepick/terraform-provider-imagepick/internal/emulator"
)

// A catalog that changes while it is read.
//
// The emulator's Churn creates and deletes images between pages. One change during a read must be followed by a
// clean re-read that returns the catalog exactly as it is afterwards; changes that never stop must end in
// ErrListChanged, never in a partial list; a server that caps Limit and fails now and then must still give the
// exact list.
func TestListImages_CatalogChangesWhileRead(t *testing.T) {
	const images = 250
	tests := []struct {
		name        string
		phost       bool
		pageSize    int
		limitCap    int
		faults      emulator.Faults
		churn       emulator.Churn
		wantImages  int  // in the final catalog
		wantChanged bool // ErrListChanged
	}{
		{name: "no change", pageSize: 20, wantImages: images},
		{name: "one deletion during the first read", pageSize: 20, churn: emulator.Churn{Every: 2, Limit: 1},
			wantImages: images - 1},
		// The first page is answered after the deletion, the second after the insertion: TotalCount goes back to
		// 250, but the pages still disagree. (Every: 1 keeps both changes inside the first read, whatever the timing.)
		{name: "a deletion and an insertion during the first read", pageSize: 20, churn: emulator.Churn{Every: 1, Limit: 2},
			wantImages: images},
		{name: "continuous churn", pageSize: 20, churn: emulator.Churn{Every: 3}, wantChanged: true},
		{name: "silent Limit cap and faults", pageSize: 100, limitCap: 30,
			faults: emulator.Faults{ThrottleEvery: 4, TruncateEvery: 5, UnavailableEvery: 7}, wantImages: images},
		{name: "silent Limit cap, faults and one change", pageSize: 100, limitCap: 30,
			faults: emulator.Faults{ThrottleEvery: 4, TruncateEvery: 5, UnavailableEvery: 7},
			churn:  emulator.Churn{Every: 3, Limit: 1}, wantImages: images - 1},
		{name: "silent Limit cap and continuous churn", pageSize: 100, limitCap: 30, churn: emulator.Churn{Every: 4},
			wantChanged: true},
		{name: "phost: one deletion", phost: true, pageSize: 1, churn: emulator.Churn{Every: 2, Limit: 1}, wantImages: -1},
		{name: "phost: continuous churn", phost: true, pageSize: 1, churn: emulator.Churn{Every: 2}, wantChanged: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			emu := emulator.New(emulator.Options{
				Catalog:  emulator.GenerateCatalog(images, "cn-bj2", "cn-bj2-02", 3),
				LimitCap: tt.limitCap,
				Faults:   tt.faults,
				Churn:    tt.churn,
			})
			srv := httptest.NewServer(emu)
			t.Cleanup(srv.Close)
			opts := client.Options{MaxRetries: 6, PageSize: tt.pageSize, Concurrency: 4,
				BackoffBase: time.Millisecond, BackoffMax: time.Millisecond}
			// A new client value per read: one client answers a repeated query from its coalescing cache.
			list := func() ([]string, error) { return listIDs(srv.URL, opts, tt.phost) }

			got, err := list()
			if tt.wantChanged {
				var changed *client.ListChangedError
				if !errors.Is(err, client.ErrListChanged) || !errors.As(err, &changed) || got != nil {
					t.Fatalf("got %d images, err = %v; want no list and ErrListChanged", len(got), err)
				}
				if len(changed.Reads) != 2 || client.Attempts(err) != 0 || client.Retryable(err) ||
					!strings.Contains(err.Error(), "the image list changed while it was read; run the plan again") ||
					!strings.Contains(err.Error(), "TotalCount seen: ") {
					t.Errorf("reads %d, Attempts %d, Retryable %v, err = %v", len(changed.Reads), client.Attempts(err),
						client.Retryable(err), err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			after, err := list() // the catalog as it is now: the churn's Limit is spent
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(got, after) {
				t.Errorf("the list read during the change differs from the final catalog:\n got %d: %v\nwant %d: %v",
					len(got), got, len(after), after)
			}
			if tt.wantImages >= 0 && len(got) != tt.wantImages {
				t.Errorf("got %d images, want %d", len(got), tt.wantImages)
			}
			if tt.churn.Limit == 0 {
				want := catalogIDs(emulator.GenerateCatalog(images, "cn-bj2", "cn-bj2-02", 3))
				if !slices.Equal(got, want) {
					t.Errorf("got %d images, want the whole catalog of %d", len(got), len(want))
				}
			}
		})
	}
}

// listIDs lists cn-bj2 UHost images, or the PHost images of cn-bj2-05, with a fresh client and returns their IDs.
func listIDs(baseURL string, opts client.Options, phost bool) ([]string, error) {
	c := client.NewUCloud(baseURL, client.UCloudCredentials{
		PublicKey:  emulator.DefaultUCloudPublicKey,
		PrivateKey: emulator.DefaultUCloudPrivateKey,
	}, opts)
	var ids []string
	if phost {
		images, err := c.ListPHostImages(context.Background(), client.DescribePHostImageRequest{Region: "cn-bj2", Zone: "cn-bj2-05"})
		for _, img := range images {
			ids = append(ids, img.ImageID)
		}
		return ids, err
	}
	images, err := c.ListUHostImages(context.Background(), client.DescribeImageRequest{Region: "cn-bj2"})
	for _, img := range images {
		ids = append(ids, img.ImageID)
	}
	return ids, err
}

func catalogIDs(c *emulator.Catalog) []string {
	var ids []string
	for _, img := range c.UHost {
		if img.Region == "cn-bj2" {
			ids = append(ids, img.ImageID)
		}
	}
	slices.Sort(ids)
	return ids
}
