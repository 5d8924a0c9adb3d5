package client

import (
	"context"
	"sort"

	"github.com/hashicorp/terraform-plugin-log/tflog"
)

// pageFetcher fetches one Offset/Limit page: the TotalCount the server reports and the items it returned.
type pageFetcher[T any] func(ctx context.Context, offset, limit int) (total int, items []T, err error)

// pageJob is one planned request; emptyRetried marks a range that already came back empty once.
type pageJob struct {
	offset, limit int
	emptyRetried  bool
}

type pageResult[T any] struct {
	job   pageJob
	items []T
	err   error
}

// listAllPages reads every page of an Offset/Limit listing.
//
// The first page (Offset 0, Limit pageSize) tells TotalCount; the rest is planned from it and fetched with at
// most concurrency requests in flight, so N items cost exactly ceil(N/pageSize) requests from a well-behaved
// server. A server may cap Limit silently: the first page's length is then the page size used for planning, and
// any later page shorter than expected gets a follow-up request for the missing range. Misbehaving servers stay
// bounded: TotalCount is taken from the first page only (a total that grows while paging is ignored), and a range
// that comes back empty is asked once more; if it is still empty, paging ends there with what was received.
// Items are de-duplicated by ID (a server may repeat items across pages) and sorted by ID, so the result does not
// depend on the server's order.
func listAllPages[T any](ctx context.Context, pageSize, concurrency int, fetch pageFetcher[T], idOf func(*T) string) ([]T, error) {
	total, first, err := fetch(ctx, 0, pageSize)
	if err != nil {
		return nil, err
	}
	total = max(total, 0)
	seen := make(map[string]struct{}, min(total, 1<<16))
	all := make([]T, 0, min(max(total, len(first)), 1<<16))
	add := func(items []T) {
		for i := range items {
			id := idOf(&items[i])
			if _, dup := seen[id]; dup {
				continue
			}
			seen[id] = struct{}{}
			all = append(all, items[i])
		}
	}
	add(first)

	step := min(pageSize, len(first)) // the effective page size, below pageSize if the server caps Limit
	if step == 0 || len(first) >= total {
		return sortByID(all, idOf), nil
	}

	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	planEnd := total          // where planned paging stops; lowered when a range stays empty
	nextPlanned := len(first) // planned jobs are generated lazily: a huge bogus TotalCount costs no memory
	var followUps []pageJob
	nextJob := func() (pageJob, bool) {
		for len(followUps) > 0 {
			job := followUps[0]
			followUps = followUps[1:]
			if job.offset < planEnd {
				return job, true
			}
		}
		if nextPlanned < planEnd {
			job := pageJob{offset: nextPlanned, limit: step}
			nextPlanned += step
			return job, true
		}
		return pageJob{}, false
	}

	results := make(chan pageResult[T], concurrency)
	inFlight := 0
	var firstErr error
	for {
		for firstErr == nil && inFlight < concurrency {
			job, ok := nextJob()
			if !ok {
				break
			}
			inFlight++
			go func() {
				_, items, err := fetch(ctx, job.offset, job.limit)
				results <- pageResult[T]{job: job, items: items, err: err}
			}()
		}
		if inFlight == 0 {
			break
		}
		r := <-results
		inFlight--
		if firstErr != nil {
			continue // draining: every goroutine reports before we return, so none is left behind
		}
		if r.err != nil {
			firstErr = r.err
			cancel()
			continue
		}
		add(r.items)
		expected := min(r.job.limit, total-r.job.offset)
		switch n := len(r.items); {
		case n >= expected:
		case n == 0 && !r.job.emptyRetried:
			followUps = append(followUps, pageJob{offset: r.job.offset, limit: r.job.limit, emptyRetried: true})
		case n == 0:
			planEnd = min(planEnd, r.job.offset)
			tflog.Warn(ctx, "page empty before TotalCount; paging ends here", map[string]interface{}{
				"offset": r.job.offset, "total_count": total, "items": len(all),
			})
		default:
			followUps = append(followUps, pageJob{offset: r.job.offset + n, limit: expected - n})
		}
	}
	if firstErr != nil {
		return nil, firstErr
	}
	return sortByID(all, idOf), nil
}

func sortByID[T any](items []T, idOf func(*T) string) []T {
	// sort.Slice compares in place; SortFunc would copy two large structs per comparison.
	sort.Slice(items, func(i, j int) bool { return idOf(&items[i]) < idOf(&items[j]) })
	return items
}
