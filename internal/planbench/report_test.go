package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func ms(values ...int) []time.Duration {
	out := make([]time.Duration, len(values))
	for i, v := range values {
		out[i] = time.Duration(v) * time.Millisecond
	}
	return out
}

// sideBySide is one catalog planned with a baseline and the provider under test: the floor, one list whose
// figures halve, and an ID-only cell that the baseline cannot plan.
func sideBySide() reportInput {
	return reportInput{
		Options:   options{latency: 50 * time.Millisecond, runs: 3},
		Providers: []provider{{label: "commit abc1234"}, {label: "working tree"}},
		Plans: []cellResult{
			{Cell: cell{name: "K = 0", images: 3000}, Results: []measurement{
				{Walls: ms(100, 100, 100), CPUs: ms(20, 20, 20), Requests: []int64{0, 0, 0}, PeakRSSKiB: 20 * 1024},
				{Walls: ms(100, 100, 100), CPUs: ms(20, 20, 20), Requests: []int64{0, 0, 0}, PeakRSSKiB: 20 * 1024},
			}},
			{Cell: cell{name: "full-lists", scenario: true, images: 3000, specs: scenarios[0].specs},
				ExpectedRequests: 6, Results: []measurement{
					{Walls: ms(2200, 2000, 2100), CPUs: ms(1800, 1800, 1900), Requests: []int64{30, 30, 30}, PeakRSSKiB: 164 * 1024},
					{Walls: ms(1000, 1100, 1200), CPUs: ms(300, 300, 300), Requests: []int64{6, 6, 6}, PeakRSSKiB: 60 * 1024},
				}},
			{Cell: cell{name: "ids", scenario: true, images: 3000, specs: scenarios[2].specs},
				ExpectedRequests: 6, Results: []measurement{
					{Err: `terraform plan: exit status 1: Error: Invalid data source`},
					{Walls: ms(400, 450, 500), CPUs: ms(50, 50, 50), Requests: []int64{6, 6, 6}, PeakRSSKiB: 30 * 1024},
				}},
		},
	}
}

func TestRenderPlans(t *testing.T) {
	single := sideBySide()
	single.Providers = single.Providers[1:]
	for i := range single.Plans {
		single.Plans[i].Results = single.Plans[i].Results[1:]
	}
	tests := []struct {
		name          string
		in            reportInput
		want, wantNot []string
	}{
		{
			name: "with a baseline: both side by side, with ratios and the floor",
			in:   sideBySide(),
			want: []string{
				"Provider under test: working tree; **baseline**: commit abc1234",
				"| Cell | Images | Requests | Expected | Wall, baseline | Wall | ÷ | Provider CPU, baseline | Provider CPU | ÷ | Peak RSS, baseline | Peak RSS | ÷ |",
				"| K = 0 | 3,000 | 0 | 0 | 0.100 s | 0.100 s | 1.00× | 0.020 s | 0.020 s | 1.00× | 20.0 MiB | 20.0 MiB | 1.00× |",
				"| full-lists | 3,000 | 30 vs 6 | 6 | 2.10 s (+2.00 s) | 1.10 s (+1.00 s) | 0.52× | 1.80 s (+1.78 s) | 0.300 s (+0.280 s) | 0.17× | 164.0 MiB | 60.0 MiB | 0.37× |",
				"| ids | 3,000 | — vs 6 | 6 | error (1) | 0.450 s (+0.350 s) | — | error (1) |",
				"1. ids over 3,000 images with commit abc1234: terraform plan: exit status 1: Error: Invalid data source",
				"- **full-lists** (3,000 images): three unfiltered",
			},
			wantNot: []string{"**picks**"},
		},
		{
			name:    "without a baseline: one column per figure, no ratios",
			in:      single,
			want:    []string{"Provider: working tree.", "| Expected | Wall | Provider CPU | Peak RSS |", "| 6 | 1.10 s (+1.00 s) | 0.300 s (+0.280 s) | 60.0 MiB |"},
			wantNot: []string{"÷", "error (", "baseline"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var b strings.Builder
			renderPlans(&b, tt.in)
			got := b.String()
			for _, w := range tt.want {
				if !strings.Contains(got, w) {
					t.Errorf("report lacks\n%s\nin\n%s", w, got)
				}
			}
			for _, w := range tt.wantNot {
				if strings.Contains(got, w) {
					t.Errorf("report has %q:\n%s", w, got)
				}
			}
		})
	}
}

func TestRenderReport_NoVerdictsAndMissingBenchmarks(t *testing.T) {
	in := sideBySide()
	in.Client = readBenchFile("")
	got := renderReport(in)
	for _, w := range []string{"## End to end", "Not measured in this run (not run).", "BENCH_BASELINE=<git rev> make bench"} {
		if !strings.Contains(got, w) {
			t.Errorf("report lacks %q", w)
		}
	}
	for _, w := range []string{"Target", "met**", "missed"} {
		if strings.Contains(got, w) {
			t.Errorf("report judges (%q): the harness measures and reports only", w)
		}
	}
}

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
		{name: "runs of one provider differ", results: []measurement{{Requests: []int64{6, 7, 6}}}, want: "6/7"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := formatRequests(cellResult{Results: tt.results}); got != tt.want {
				t.Errorf("formatRequests() = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestMedianDuration(t *testing.T) {
	tests := []struct {
		values []time.Duration
		want   time.Duration
	}{
		{nil, 0},
		{[]time.Duration{3, 1, 2}, 2},
		{[]time.Duration{4, 1, 3, 2}, 2}, // (2 + 3) / 2, truncated
		{[]time.Duration{10, 30}, 20},
	}
	for _, tt := range tests {
		if got := medianDuration(tt.values); got != tt.want {
			t.Errorf("medianDuration(%v) = %v, want %v", tt.values, got, tt.want)
		}
	}
}

func TestBenchOutput(t *testing.T) {
	file := filepath.Join(t.TempDir(), "client.txt")
	text := "goos: linux\nBenchmarkList/images=1000-2  \t 3\t 4506789 ns/op\t 10.00 requests/op\nBenchmarkList/images=1000-2\nPASS\n"
	if err := os.WriteFile(file, []byte(text), 0o600); err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	renderBench(&b, "T", "intro", readBenchFile(file))
	if want := "```text\nBenchmarkList/images=1000-2  \t 3\t 4506789 ns/op\t 10.00 requests/op\n```"; !strings.Contains(b.String(), want) {
		t.Errorf("renderBench() =\n%s\nwant it to hold\n%s", b.String(), want)
	}
	if got := readBenchFile(filepath.Join(t.TempDir(), "none.txt")); got.missing == "" || len(got.lines) > 0 {
		t.Errorf("readBenchFile(missing file) = %+v, want why it is missing", got)
	}
}
