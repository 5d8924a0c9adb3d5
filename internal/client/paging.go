package client

import (
	"context"
	"fmt"
	"sort"

	"github.com/hashicorp/terraform-plugin-log/tflog"
)

// pageFetcher fetches one Offset/Limit page: the TotalCount the server reports and the items it returned.
type pageFetcher[T any] func(ctx context.Context, offset, limit int) (total int, items []T, err error)

// pageJob is one planned request.
type pageJob struct{ offset, limit int }

type pageResult[T any] struct {
	job   pageJob
	total int
	items []T
	err   error
}

// listAllPages reads every page of an Offset/Limit listing and returns the items sorted by ID.
//
// Offset/Limit paging has no snapshot: images created or deleted while the pages are read shift the later pages,
// so an image can be skipped or seen twice. A read whose pages disagree (see readPages) is therefore thrown away
// and the listing read once more from scratch; if that read disagrees too, the error is a *ListChangedError
// (errors.Is ErrListChanged). A partial list is never returned.
func listAllPages[T any](ctx context.Context, cloud, action string, pageSize, concurrency int,
	fetch pageFetcher[T], idOf func(*T) string) ([]T, error) {
	var reads []ListRead
	for len(reads) < 2 {
		items, read, err := readPages(ctx, pageSize, concurrency, fetch, idOf)
		if err != nil {
			return nil, err
		}
		if read.Problem == "" {
			return sortByID(items, idOf), nil
		}
		reads = append(reads, read)
		tflog.Warn(ctx, "image list changed while it was read", map[string]interface{}{
			"cloud": cloud, "action": action, "read": len(reads), "problem": read.Problem,
			"total_counts": read.Totals, "items": read.Received,
		})
	}
	return nil, &ListChangedError{Cloud: cloud, Action: action, Reads: reads}
}

// readPages reads a listing once. Its ListRead has a Problem when the pages disagreed:
//   - a page reports a TotalCount other than the first page's (images were created or deleted meanwhile; the
//     pages after the change are shifted, which is how items get skipped or duplicated across a page boundary);
//   - a page comes back empty before TotalCount is reached;
//   - at the end, the distinct items received are not TotalCount.
//
// The first page (Offset 0, Limit pageSize) tells TotalCount; the rest is planned from it and fetched with at
// most concurrency requests in flight, so N items cost exactly ceil(N/pageSize) requests from a well-behaved
// server. A server may cap Limit silently: the first page's length is then the page size used for planning, and a
// later page that is short but not empty gets a follow-up request for the missing range, which is a cap, not a
// change. Items are de-duplicated by ID, since a server may repeat an item across pages.
func readPages[T any](ctx context.Context, pageSize, concurrency int, fetch pageFetcher[T],
	idOf func(*T) string) ([]T, ListRead, error) {
	total, first, err := fetch(ctx, 0, pageSize)
	if err != nil {
		return nil, ListRead{}, err
	}
	total = max(total, 0)
	r := newPageRead(idOf, total)
	r.add(first)

	step := min(pageSize, len(first)) // the effective page size, below pageSize if the server caps Limit
	switch {
	case len(first) == 0 && total > 0:
		r.disagree("the first page was empty although TotalCount is %d", total)
		return nil, r.facts, nil
	case step == 0 || len(first) >= total:
		r.checkComplete(total)
		return r.items, r.facts, nil
	}

	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	nextPlanned := len(first) // planned jobs are generated lazily: a huge bogus TotalCount costs no memory
	var followUps []pageJob
	nextJob := func() (pageJob, bool) {
		if len(followUps) > 0 {
			job := followUps[0]
			followUps = followUps[1:]
			return job, true
		}
		if nextPlanned < total {
			job := pageJob{offset: nextPlanned, limit: step}
			nextPlanned += step
			return job, true
		}
		return pageJob{}, false
	}

	results := make(chan pageResult[T], concurrency)
	inFlight := 0
	var firstErr error
	stopped := func() bool { return firstErr != nil || r.facts.Problem != "" }
	for {
		for !stopped() && inFlight < concurrency {
			job, ok := nextJob()
			if !ok {
				break
			}
			inFlight++
			go func() {
				total, items, err := fetch(ctx, job.offset, job.limit)
				results <- pageResult[T]{job: job, total: total, items: items, err: err}
			}()
		}
		if inFlight == 0 {
			break
		}
		res := <-results
		inFlight--
		if stopped() {
			continue // draining: every goroutine reports before we return, so none is left behind
		}
		if res.err != nil {
			firstErr = res.err
			cancel()
			continue
		}
		r.sawTotal(res.total)
		if res.total != total {
			r.disagree("TotalCount changed from %d to %d", total, res.total)
			cancel()
			continue
		}
		r.add(res.items)
		expected := min(res.job.limit, total-res.job.offset)
		switch n := len(res.items); {
		case n >= expected:
		case n == 0:
			r.disagree("the page at offset %d was empty although TotalCount is %d", res.job.offset, total)
			cancel()
		default:
			followUps = append(followUps, pageJob{offset: res.job.offset + n, limit: expected - n})
		}
	}
	if firstErr != nil {
		return nil, ListRead{}, firstErr
	}
	r.checkComplete(total)
	if r.facts.Problem != "" {
		return nil, r.facts, nil
	}
	return r.items, r.facts, nil
}

// pageRead collects one read of a listing: the distinct items so far and the facts a ListChangedError reports.
type pageRead[T any] struct {
	idOf  func(*T) string
	seen  map[string]struct{}
	items []T
	facts ListRead
}

func newPageRead[T any](idOf func(*T) string, total int) *pageRead[T] {
	r := &pageRead[T]{
		idOf:  idOf,
		seen:  make(map[string]struct{}, min(total, 1<<16)),
		items: make([]T, 0, min(total, 1<<16)),
	}
	r.sawTotal(total)
	return r
}

func (r *pageRead[T]) add(items []T) {
	for i := range items {
		id := r.idOf(&items[i])
		if _, dup := r.seen[id]; dup {
			continue
		}
		r.seen[id] = struct{}{}
		r.items = append(r.items, items[i])
	}
	r.facts.Received = len(r.items)
}

// sawTotal records a TotalCount the first time it is reported.
func (r *pageRead[T]) sawTotal(total int) {
	for _, seen := range r.facts.Totals {
		if seen == total {
			return
		}
	}
	r.facts.Totals = append(r.facts.Totals, total)
}

// disagree keeps the first problem of a read: the later ones are its consequences.
func (r *pageRead[T]) disagree(format string, args ...any) {
	if r.facts.Problem == "" {
		r.facts.Problem = fmt.Sprintf(format, args...)
	}
}

func (r *pageRead[T]) checkComplete(total int) {
	if len(r.items) != total {
		r.disagree("%d distinct images arrived for TotalCount %d", len(r.items), total)
	}
}

func sortByID[T any](items []T, idOf func(*T) string) []T {
	// sort.Slice compares in place; SortFunc would copy two large structs per comparison.
	sort.Slice(items, func(i, j int) bool { return idOf(&items[i]) < idOf(&items[j]) })
	return items
}
