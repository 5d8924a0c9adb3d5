package main

import (
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

// sideBySide is a report of one catalog planned with a baseline and the provider under test: the floor, one
// list whose figures halve, and the ID-only cell that the baseline cannot plan.
func sideBySide() reportInput {
	floor := cell{name: "K = 0", images: 3000}
	above, _ := findScenario("above")
	ids, _ := findScenario("ids")
	return reportInput{
		Options:   options{latency: 50 * time.Millisecond, runs: 3},
		Providers: []provider{{label: "commit 3c05b06"}, {label: "working tree"}},
		Plans: []cellResult{
			{Cell: floor, Runs: 3, Results: []measurement{
				{Walls: ms(100, 100, 100), CPUs: ms(20, 20, 20), Requests: []int64{0, 0, 0}, PeakRSSKiB: 20 * 1024},
				{Walls: ms(100, 100, 100), CPUs: ms(20, 20, 20), Requests: []int64{0, 0, 0}, PeakRSSKiB: 20 * 1024},
			}},
			{Cell: cell{name: above.title, scenario: "above", images: 3000, specs: above.specs()},
				Queries: []serverQuery{{}}, ExpectedRequests: 6, QueryImages: 3000, Runs: 3, Available: 2394,
				Results: []measurement{
					{Walls: ms(2000, 2100, 2200), CPUs: ms(1800, 1800, 1900), Requests: []int64{30, 30, 30}, PeakRSSKiB: 164 * 1024},
					{Walls: ms(1000, 1100, 1200), CPUs: ms(300, 300, 300), Requests: []int64{6, 6, 6}, PeakRSSKiB: 60 * 1024},
				}},
			{Cell: cell{name: ids.title, scenario: "ids", images: 3000, specs: ids.specs()},
				Queries: []serverQuery{{}}, ExpectedRequests: 6, QueryImages: 3000, Runs: 3,
				Results: []measurement{
					{Err: `terraform plan: exit status 1: Error: Invalid data source: The provider imagepick/imagepick does not support data source "imagepick_uhost_image_ids".`},
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
		name    string
		in      reportInput
		want    []string
		wantNot []string
	}{
		{
			name: "before and after side by side, with ratios and the floor",
			in:   sideBySide(),
			want: []string{
				"**before** = commit 3c05b06, **after** = working tree",
				"| Cell | Images | Distinct queries | Requests | Expected | Runs | Wall, before | Wall, after | ÷ | Provider CPU, before | Provider CPU, after | ÷ | Peak RSS, before | Peak RSS, after | ÷ |",
				"| K = 0 | 3,000 | 0 | 0 | 0 | 3 | 0.100 s | 0.100 s | 1.00× | 0.020 s | 0.020 s | 1.00× | 20.0 MiB | 20.0 MiB | 1.00× |",
				"| the plan above | 3,000 | 1 (`region-wide`) | 30 vs 6 | 6 | 3 | 2.10 s (+2.00 s) | 1.10 s (+1.00 s) | 0.52× | 1.80 s (+1.78 s) | 0.300 s (+0.280 s) | 0.17× | 164.0 MiB | 60.0 MiB | 0.37× |",
				"| ids | 3,000 | 1 (`region-wide`) | 6 | 6 | 3 | error (1) | 0.450 s (+0.350 s) | — | error (1) |",
				"1. ids over 3,000 images with commit 3c05b06: terraform plan: exit status 1: Error: Invalid data source",
				"The 3,000-image catalog has 2,394 images in status `Available`",
			},
		},
		{
			name:    "one provider: one column per figure, no ratios",
			in:      single,
			want:    []string{"Provider: working tree.", "| Runs | Wall | Provider CPU | Peak RSS |", "| 3 | 1.10 s (+1.00 s) | 0.300 s (+0.280 s) | 60.0 MiB |"},
			wantNot: []string{"÷", "error ("},
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

func TestIssue12Verdicts(t *testing.T) {
	met := func(v verdict) string { return v.status() }
	got := sideBySide().issue12Verdicts()
	want := []struct{ target, measured, status string }{
		{"provider CPU ≤ 0.400 s", "0.300 s (median of 3 plans", "**met**"},
		{"provider peak RSS ≤ 84.0 MiB", "60.0 MiB", "**met**"},
		{"wall ≤ 0.65 × the baseline's", "1.10 s vs 2.10 s (commit 3c05b06): 0.52 ×", "**met**"},
		// floor 0.100 s + 2 round trips (6 pages of 500 at concurrency 10) × 50 ms + 0.300 s = 0.500 s
		{"three ID-only lookups", "0.450 s; floor 0.100 s + 2 round trips × 50ms + 0.300 s = 0.500 s", "**met**"},
	}
	if len(got) != len(want) {
		t.Fatalf("%d verdicts, want %d: %+v", len(got), len(want), got)
	}
	for i, w := range want {
		if !strings.Contains(got[i].Target, w.target) || !strings.Contains(got[i].Measured, w.measured) || met(got[i]) != w.status {
			t.Errorf("verdict %d = %q / %q / %s; want %q / %q / %s", i, got[i].Target, got[i].Measured, met(got[i]), w.target, w.measured, w.status)
		}
	}

	failed := sideBySide()
	failed.Plans[2].Results[1] = measurement{Err: "terraform plan: exit status 1: Error: Invalid data source"}
	if v := failed.issue12Verdicts()[3]; v.status() != "**missed**" || !strings.Contains(v.Measured, "the cell failed") {
		t.Errorf("failed ID-only cell: verdict %q / %s, want missed with the error", v.Measured, v.status())
	}
}

func TestIssue12VerdictsWithoutScenarios(t *testing.T) {
	in := sideBySide()
	in.Plans = in.Plans[:1] // the floor only: -scenarios ""
	for _, v := range in.issue12Verdicts() {
		if v.status() != "not measured" {
			t.Errorf("verdict %q = %s (%s), want not measured", v.Target, v.status(), v.Measured)
		}
	}
}
