package client

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"sort"
	"sync"

	"github.com/hashicorp/terraform-plugin-log/tflog"
	"golang.org/x/sync/errgroup"
)

// maxListingRequests bounds the requests of one listing, both reads together, whatever the server answers. At the
// default page of 500 it allows catalogs of over a hundred thousand images.
const maxListingRequests = 500

// pageFetcher fetches one page: the TotalCount the server reports and the items it returned. offset and limit
// count items; for a page-number API, offset is always a multiple of limit (page number offset/limit+1).
type pageFetcher[T any] func(ctx context.Context, offset, limit int) (total int, items []T, err error)

// pagedListing says how to read one listing.
type pagedListing[T any] struct {
	cloud, action string
	pageSize      int  // items asked for per page
	concurrency   int  // page requests in flight at most after the first page
	byPageNumber  bool // the API takes page numbers: only aligned pages are fetched, a short page is final
	fetch         pageFetcher[T]
	idOf          func(*T) string
}

// list reads every page and returns the items sorted by ID.
//
// Paging has no snapshot: images created or deleted while the pages are read shift the later pages, so an image
// can be skipped or seen twice. A read whose pages disagree (see read) is therefore thrown away and the listing
// read once more from scratch; if that read disagrees too, the error is a *listChangedError (errors.Is
// ErrListChanged). A partial list is never returned, and the two reads together make at most maxListingRequests.
func (l pagedListing[T]) list(ctx context.Context) ([]T, error) {
	var reads []listRead
	spent := 0
	for len(reads) < 2 && spent < maxListingRequests {
		items, read, err := l.read(ctx, maxListingRequests-spent)
		spent += read.Requests
		if err != nil {
			return nil, err
		}
		if read.Problem == "" {
			return sortByID(items, l.idOf), nil
		}
		reads = append(reads, read)
		tflog.Warn(ctx, "image list changed while it was read", map[string]interface{}{
			"cloud": l.cloud, "action": l.action, "read": len(reads), "problem": read.Problem,
			"total_counts": read.Totals, "items": read.Received, "requests": read.Requests,
		})
	}
	return nil, &listChangedError{Cloud: l.cloud, Action: l.action, Reads: reads}
}

// errDisagreed stops a read's other pages once one disagreed; the disagreement itself is in the read's facts.
var errDisagreed = errors.New("the pages disagreed")

// read reads a listing once, making at most budget requests. Its listRead has a Problem when the pages disagreed:
// a TotalCount other than the first page's, a page that is empty or brings no image not seen before while
// TotalCount is not reached, an ID repeated with other content, more requests than the pages need (two per
// planned page), or, at the end, a number of distinct images other than TotalCount.
//
// The first page tells TotalCount; the rest is planned from it and fetched concurrently, so N items cost
// ceil(N/pageSize) requests from a well-behaved server. A server may cap the page size silently: the first page's
// length is then the page size used. With offsets, a later page that is short but not empty gets a follow-up for
// the missing range; with page numbers, every page is asked for whole, and a short one before the last is a
// disagreement.
func (l pagedListing[T]) read(ctx context.Context, budget int) ([]T, listRead, error) {
	ctx = withByteBudget(ctx, newByteBudget())
	r := &pageRead[T]{set: distinct[T]{idOf: l.idOf}, maxRequests: budget}
	total, first, err := r.fetch(ctx, l.fetch, 0, l.pageSize)
	if err != nil {
		return nil, r.facts, err
	}
	total = max(total, 0)
	r.facts.Totals = []int{total}
	r.set.items = make([]T, 0, min(total, 1<<16))
	r.add(0, first)
	step := min(l.pageSize, len(first)) // the effective page size, below pageSize if the server caps it
	switch {
	case r.facts.Problem != "": // an ID repeated with other content within the first page
	case len(first) == 0 && total > 0:
		r.disagree("the first page was empty although TotalCount is %d", total)
	case step > 0 && len(first) < total:
		l.readRest(ctx, r, total, step)
	}
	if r.err != nil {
		return nil, r.facts, r.err
	}
	if r.facts.Problem == "" && len(r.set.items) != total {
		r.disagree("%d distinct images arrived for TotalCount %d", len(r.set.items), total)
	}
	if r.facts.Problem != "" {
		return nil, r.facts, nil
	}
	return r.set.items, r.facts, nil
}

// readRest fetches the pages after the first, at most concurrency at a time; the first failure stops the others.
func (l pagedListing[T]) readRest(ctx context.Context, r *pageRead[T], total, step int) {
	pages := ceilDiv(total, step)
	if pages > maxListingRequests {
		r.disagree("TotalCount %d needs %d pages of %d, more than the %d requests one listing may make",
			total, pages, step, maxListingRequests)
		return
	}
	r.maxRequests = min(r.maxRequests, 2*pages+2)
	g, gctx := errgroup.WithContext(ctx)
	g.SetLimit(max(l.concurrency, 1))
	for offset := step; offset < total && gctx.Err() == nil; offset += step {
		limit := step // a page-number API is always asked for whole pages, the last one too
		if !l.byPageNumber {
			limit = min(step, total-offset)
		}
		g.Go(func() error { return l.readRange(gctx, r, total, offset, limit) })
	}
	err := g.Wait()
	if err == nil || errors.Is(err, errDisagreed) {
		err = context.Cause(ctx) // nil unless the caller gave up before every page was asked for
	}
	r.mu.Lock()
	r.err = err
	r.mu.Unlock()
}

// readRange reads the items from offset on, up to limit and TotalCount: one page, and with offsets follow-ups while
// the server sends less.
func (l pagedListing[T]) readRange(ctx context.Context, r *pageRead[T], total, offset, limit int) error {
	for {
		pageTotal, items, err := r.fetch(ctx, l.fetch, offset, limit)
		if err != nil {
			return err
		}
		switch n, expected := len(items), min(limit, total-offset); {
		case pageTotal != total:
			return r.halt("TotalCount changed from %d to %d", total, pageTotal)
		case n == 0:
			return r.halt("the page at offset %d was empty although TotalCount is %d", offset, total)
		case !r.add(offset, items):
			return r.halt("the page at offset %d brought no image not seen before (the server may ignore "+
				"the page asked for)", offset)
		case n >= expected:
			return nil
		case l.byPageNumber:
			return r.halt("the page at offset %d had %d images, not %d, although TotalCount is %d",
				offset, n, expected, total)
		default:
			offset, limit = offset+n, limit-n
		}
	}
}

// pageRead is one read of a listing, shared by its concurrent pages.
type pageRead[T any] struct {
	mu          sync.Mutex
	set         distinct[T]
	facts       listRead
	maxRequests int
	err         error // the failure that ended the read, if any
}

// fetch makes one request unless the read has spent its requests, which is a disagreement.
func (r *pageRead[T]) fetch(ctx context.Context, fetch pageFetcher[T], offset, limit int) (int, []T, error) {
	if err := ctx.Err(); err != nil { // another page failed or disagreed while this one waited for its turn
		return 0, nil, err
	}
	r.mu.Lock()
	if r.facts.Requests >= r.maxRequests {
		r.mu.Unlock()
		return 0, nil, r.halt("the pages did not add up within %d requests (two per page, at most %d per listing)",
			r.maxRequests, maxListingRequests)
	}
	r.facts.Requests++
	r.mu.Unlock()
	return fetch(ctx, offset, limit)
}

// add keeps the page's new items and reports whether there was one; an ID repeated with other content is a
// disagreement.
func (r *pageRead[T]) add(offset int, items []T) bool {
	r.mu.Lock()
	defer r.mu.Unlock()
	added := false
	for i := range items {
		isNew, conflict := r.set.add(&items[i])
		if conflict != "" {
			r.disagreeLocked("the page at offset %d: %s", offset, conflict)
			return true // the conflict is the problem, not the lack of news
		}
		added = added || isNew
	}
	r.facts.Received = len(r.set.items)
	return added
}

// disagree keeps the first problem of a read: the later ones are its consequences.
func (r *pageRead[T]) disagree(format string, args ...any) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.disagreeLocked(format, args...)
}

func (r *pageRead[T]) disagreeLocked(format string, args ...any) {
	if r.facts.Problem == "" {
		r.facts.Problem = fmt.Sprintf(format, args...)
	}
}

// halt is disagree for a page: it returns errDisagreed, which stops the read's other pages.
func (r *pageRead[T]) halt(format string, args ...any) error {
	r.disagree(format, args...)
	return errDisagreed
}

// distinct keeps one item per ID: a repeat with identical content is dropped, one with other content is a
// conflict, which callers treat like a catalog that changed while read.
type distinct[T any] struct {
	idOf  func(*T) string
	index map[string]int
	items []T
}

// add keeps item unless its ID was seen; conflict describes a repeat whose content differs.
func (d *distinct[T]) add(item *T) (isNew bool, conflict string) {
	if d.index == nil {
		d.index = make(map[string]int)
	}
	id := d.idOf(item)
	if i, seen := d.index[id]; seen {
		if !reflect.DeepEqual(&d.items[i], item) {
			return false, fmt.Sprintf("image %q came back twice with different content", id)
		}
		return false, ""
	}
	d.index[id] = len(d.items)
	d.items = append(d.items, *item)
	return true, ""
}

// ceilDiv is ⌈a/b⌉ for a > 0, b > 0, without overflowing on a huge TotalCount.
func ceilDiv(a, b int) int { return (a-1)/b + 1 }

func sortByID[T any](items []T, idOf func(*T) string) []T {
	// sort.Slice compares in place; SortFunc would copy two large structs per comparison.
	sort.Slice(items, func(i, j int) bool { return idOf(&items[i]) < idOf(&items[j]) })
	return items
}
