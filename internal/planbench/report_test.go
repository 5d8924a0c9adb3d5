package main

import (
	"fmt"
	"reflect"
	"testing"
	"time"
)

func TestFormatRequests(t *testing.T) {
	tests := []struct {
		name    string
		results []measurement
		want    string
	}{
		{name: "nothing planned", results: []measurement{{}, {}}, want: "—"},
		{name: "every run agrees", results: []measurement{{Requests: []int64{30, 30}}, {Requests: []int64{30, 30}}}, want: "30"},
		{name: "providers differ", results: []measurement{{Requests: []int64{30, 30}}, {Requests: []int64{23, 24}}}, want: "30 vs 23/24"},
		{name: "one provider failed", results: []measurement{{Err: "x"}, {Requests: []int64{23, 24}}}, want: "— vs 23/24"},
		{name: "each provider agrees with itself", results: []measurement{{Requests: []int64{30, 30}}, {Requests: []int64{6, 6}}}, want: "30 vs 6"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := formatRequests(cellResult{Results: tt.results}); got != tt.want {
				t.Errorf("formatRequests() = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestRoundTrips(t *testing.T) {
	tests := []struct{ images, pageSize, want int }{
		{0, 500, 1},      // one request even when nothing matches
		{500, 500, 1},    // one page
		{3000, 500, 2},   // 6 pages: the first, then 5 at once
		{20000, 500, 5},  // 40 pages: the first, then 39 at 10 at a time
		{3000, 100, 4},   // 30 pages: the first, then 29 at 10 at a time
		{20000, 100, 21}, // 200 pages
	}
	for _, tt := range tests {
		if got := roundTrips(tt.images, tt.pageSize, 10); got != tt.want {
			t.Errorf("roundTrips(%d, %d, 10) = %d, want %d", tt.images, tt.pageSize, got, tt.want)
		}
	}
}

func TestParseBench(t *testing.T) {
	text := `goos: linux
BenchmarkListUHostImages/images=1000/latency=0s-2         	       3	   4506789 ns/op	        10.00 requests/op	 1234 B/op	  56 allocs/op
BenchmarkBroken-2   x   1 ns/op
PASS
`
	want := []benchLine{{
		Name:       "BenchmarkListUHostImages/images=1000/latency=0s",
		Iterations: 3,
		Metrics: []benchMetric{{Value: 4506789, Unit: "ns/op"}, {Value: 10, Unit: "requests/op"},
			{Value: 1234, Unit: "B/op"}, {Value: 56, Unit: "allocs/op"}},
	}}
	if got := parseBench(text); !reflect.DeepEqual(got, want) {
		t.Errorf("parseBench() = %+v, want %+v", got, want)
	}
	if n, ok := imagesInName(want[0].Name); !ok || n != 1000 {
		t.Errorf("imagesInName(%q) = %d, %v; want 1000, true", want[0].Name, n, ok)
	}
}

func TestFindPagingCase(t *testing.T) {
	paging := benchOutput{Lines: parseBench(`BenchmarkPagingConcurrency/images=20000/latency=50ms/limit=100/concurrency=10-2   3   1230881000 ns/op   200.0 requests/op
BenchmarkPagingConcurrency/images=20000/latency=50ms/limit=100/concurrency=1-2   1   11115361000 ns/op   200.0 requests/op
BenchmarkPagingConcurrency/images=20000/latency=50ms/limit=500/concurrency=10-2   3   394367000 ns/op   40.00 requests/op
`)}
	tests := []struct {
		limit, concurrency int
		want               time.Duration // ns/op of the line found; 0: none
	}{
		{100, 1, 11115361000}, // not the concurrency=10 line before it
		{500, 10, 394367000},
		{50, 10, 0}, // not limit=500
	}
	for _, tt := range tests {
		l, ok := paging.find(fmt.Sprintf("limit=%d", tt.limit), fmt.Sprintf("concurrency=%d", tt.concurrency))
		switch {
		case ok != (tt.want != 0):
			t.Errorf("limit %d, concurrency %d: found %v (%q), want %v", tt.limit, tt.concurrency, ok, l.Name, tt.want != 0)
		case ok && nsPerOp(l) != tt.want:
			t.Errorf("limit %d, concurrency %d: found %q", tt.limit, tt.concurrency, l.Name)
		case ok:
			if limit, named := limitInName(l.Name); !named || limit != tt.limit {
				t.Errorf("limitInName(%q) = %d, %v; want %d", l.Name, limit, named, tt.limit)
			}
		}
	}
}
