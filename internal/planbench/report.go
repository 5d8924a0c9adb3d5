package main

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/imagepick/terraform-provider-imagepick/internal/client"
)

// reportInput is everything BENCHMARKS.md is made from.
type reportInput struct {
	Machine                    machine
	Options                    options
	Providers                  []provider // the baseline first if any, the provider under test last
	Plans                      []cellResult
	Client, Paging, Conversion benchOutput
}

// Target thresholds, as issue 8 states them.
const (
	targetImages        = 20000
	targetReadWall      = 1500 * time.Millisecond
	targetSerialWall    = 10 * time.Second
	targetPlanImages    = 2000
	targetPlanK         = 5
	targetPlanOverhead  = 250 * time.Millisecond
	targetRSSBytes      = 100_000_000
	targetConversionCPU = 50 * time.Millisecond
	defaultConcurrency  = client.DefaultConcurrency
)

// verdict is one row of the targets table.
type verdict struct {
	Target, Measured string
	Met              *bool // nil: not measured
}

func (v verdict) status() string {
	switch {
	case v.Met == nil:
		return "not measured"
	case *v.Met:
		return "**met**"
	default:
		return "**missed**"
	}
}

func judged(ok bool) *bool { return &ok }

func ceilDiv(a, b int) int { return (a + b - 1) / b }

// roundTrips is 1 + ceil((ceil(n/p) - 1)/c): the first page, then the rest c at a time.
func roundTrips(n, p, c int) int {
	pages := max(1, ceilDiv(n, p))
	return 1 + ceilDiv(pages-1, c)
}

func (in reportInput) verdicts() []verdict {
	var out []verdict

	// Requests per query: the client benchmarks that report requests/op, and every plan.
	var checks, bad []string
	for _, src := range []benchOutput{in.Client, in.Paging} {
		for _, l := range src.Lines {
			req, ok := l.metric("requests/op")
			n, okN := imagesInName(l.Name)
			if !ok || !okN {
				continue
			}
			limit, named := limitInName(l.Name)
			if !named {
				limit = pageSize
			}
			want := float64(max(1, ceilDiv(n, limit)))
			checks = append(checks, l.Name)
			if req != want {
				bad = append(bad, fmt.Sprintf("%s: %g requests/op, want %g", l.Name, req, want))
			}
		}
	}
	planned := 0
	for _, p := range in.Plans {
		if m := p.current(); m.ok() {
			planned++
			if !p.requestsExact() {
				bad = append(bad, fmt.Sprintf("plan %q over %d images: requests %v, want %d", p.Cell.name, p.Cell.images, m.Requests, p.ExpectedRequests))
			}
		}
	}
	measured := fmt.Sprintf("%d client benchmark cases and %d plan cells checked", len(checks), planned)
	if len(bad) > 0 {
		measured += ": " + strings.Join(bad, "; ")
	} else {
		measured += ": every one made exactly ⌈N/P⌉ requests per query"
	}
	out = append(out, verdict{
		Target: fmt.Sprintf("requests for one query over N images: ⌈N/P⌉ (+ retries), P the Limit: %d by default "+
			"(issue 8 stated it for P = %d)", pageSize, officialPageSize),
		Measured: measured, Met: optionalMet(len(checks)+planned > 0, len(bad) == 0)})

	// 20,000 images at 50 ms with the defaults, and serial paging as the UCloud provider does it.
	rt := roundTrips(targetImages, pageSize, defaultConcurrency)
	serialPages := ceilDiv(targetImages, officialPageSize)
	v := verdict{Target: fmt.Sprintf("%s images at 50 ms latency read in < %s (defaults: %d round trips = 1 + ⌈(%d − 1)/%d⌉; "+
		"serial paging at Limit %d needs %d × 50 ms = %s)",
		thousands(targetImages), formatSeconds(targetReadWall), rt, ceilDiv(targetImages, pageSize), defaultConcurrency,
		officialPageSize, serialPages, formatSeconds(time.Duration(serialPages)*50*time.Millisecond))}
	images, latency := fmt.Sprintf("images=%d", targetImages), "latency=50ms"
	if l, ok := in.Paging.find(images, latency, fmt.Sprintf("limit=%d", pageSize), fmt.Sprintf("concurrency=%d", defaultConcurrency)); ok {
		wall := nsPerOp(l)
		v.Measured = fmt.Sprintf("%s per read with the defaults (latency alone: %s)", formatSeconds(wall),
			formatSeconds(time.Duration(rt)*50*time.Millisecond))
		if s, ok := in.Paging.find(images, latency, fmt.Sprintf("limit=%d", officialPageSize), "concurrency=1"); ok {
			v.Measured += fmt.Sprintf("; serial paging at Limit %d measured %s", officialPageSize, formatSeconds(nsPerOp(s)))
		}
		v.Met = judged(wall < targetReadWall)
	}
	out = append(out, v)

	// One fetch per distinct query per plan.
	v = verdict{Target: "K data sources with the same server-side query: exactly one fetch per plan"}
	var cells, exact int
	for _, p := range in.Plans {
		if !p.Cell.isFloor() && p.current().ok() {
			cells++
			if p.requestsExact() {
				exact++
			}
		}
	}
	if cells > 0 {
		v.Measured = fmt.Sprintf("%d of %d plan cells with data sources served exactly one fetch per distinct query (Σ ⌈N_q/P⌉ requests)", exact, cells)
		v.Met = judged(exact == cells)
	}
	out = append(out, v)

	// Plan overhead of K=5 over 2,000 images.
	v = verdict{Target: fmt.Sprintf("plan with K = %d over %s images at 50 ms within %s of the K = 0 plan", targetPlanK, thousands(targetPlanImages), formatSeconds(targetPlanOverhead))}
	k0, ok0 := in.plan(targetPlanImages, 0)
	k5, ok5 := in.plan(targetPlanImages, targetPlanK)
	if ok0 && ok5 {
		d := k5.wall() - k0.wall()
		v.Measured = fmt.Sprintf("K = 0: %s, K = %d: %s (medians): +%s", formatSeconds(k0.wall()), targetPlanK,
			formatSeconds(k5.wall()), formatSeconds(d))
		v.Met = judged(d <= targetPlanOverhead)
	}
	out = append(out, v)

	// Peak RSS at 20,000 images.
	v = verdict{Target: fmt.Sprintf("provider peak RSS at %s images < 100 MB", thousands(targetImages))}
	var peak int64
	peakK := -1
	for _, p := range in.Plans {
		if m := p.current(); p.Cell.scenario == "" && p.Cell.images == targetImages && m.PeakRSSKiB > peak {
			peak, peakK = m.PeakRSSKiB, len(p.Cell.specs)
		}
	}
	if peak > 0 {
		v.Measured = fmt.Sprintf("%.1f MB (%s) at K = %d, the highest of the %s-image plans", float64(peak)*1024/1e6, formatKiB(peak), peakK, thousands(targetImages))
		v.Met = judged(peak*1024 < targetRSSBytes)
	}
	out = append(out, v)

	// Local work on 20,000 images.
	v = verdict{Target: fmt.Sprintf("local filtering, sorting and state conversion of %s images < %s of CPU", thousands(targetImages), formatSeconds(targetConversionCPU))}
	if l, ok := in.Conversion.find("case=all", "phase=direct"); ok {
		v.Measured = fmt.Sprintf("%s per read keeping all %s images, state written for the wire (through the framework's values: %s)",
			formatSeconds(nsPerOp(l)), thousands(targetImages), formatConversion(in.Conversion, "case=all", "phase=framework"))
		if t, ok := in.Conversion.find("case=typical", "phase=direct"); ok {
			kept, _ := t.metric("images-kept")
			v.Measured += fmt.Sprintf("; %s when name_regex keeps %g", formatSeconds(nsPerOp(t)), kept)
		}
		v.Met = judged(nsPerOp(l) < targetConversionCPU)
	}
	out = append(out, v)
	return append(out, in.issue12Verdicts()...)
}

func optionalMet(measured, ok bool) *bool {
	if !measured {
		return nil
	}
	return judged(ok)
}

func formatConversion(o benchOutput, parts ...string) string {
	if l, ok := o.find(parts...); ok {
		return formatSeconds(nsPerOp(l))
	}
	return "not measured"
}

// plan is the provider under test's measurement of the K matrix cell (images, k).
func (in reportInput) plan(images, k int) (measurement, bool) {
	for _, p := range in.Plans {
		if p.Cell.scenario == "" && p.Cell.images == images && len(p.Cell.specs) == k && p.current().ok() {
			return p.current(), true
		}
	}
	return measurement{}, false
}

// scenario is the result of the named cell.
func (in reportInput) scenario(name string) (cellResult, bool) {
	for _, p := range in.Plans {
		if p.Cell.scenario == name {
			return p, true
		}
	}
	return cellResult{}, false
}

// floor is the K = 0 cell of the same catalog as r.
func (in reportInput) floor(r cellResult) (cellResult, bool) {
	for _, p := range in.Plans {
		if p.Cell.images == r.Cell.images && p.Cell.isFloor() {
			return p, true
		}
	}
	return cellResult{}, false
}

func nsPerOp(l benchLine) time.Duration {
	v, _ := l.metric("ns/op")
	return time.Duration(v)
}

// limitInName finds the Limit a benchmark pages with, when its name states one (".../limit=100/...").
func limitInName(name string) (int, bool) {
	for _, part := range strings.Split(name, "/") {
		if rest, ok := strings.CutPrefix(part, "limit="); ok {
			n, err := strconv.Atoi(rest)
			return n, err == nil
		}
	}
	return 0, false
}

// imagesInName finds the image count in a benchmark name such as ".../images=1000/..." or ".../1000_images".
func imagesInName(name string) (int, bool) {
	for _, part := range strings.FieldsFunc(name, func(r rune) bool { return r == '/' || r == ',' }) {
		lower := strings.ToLower(part)
		for _, cut := range []string{"images=", "images_", "images-", "n="} {
			if rest, ok := strings.CutPrefix(lower, cut); ok {
				if n, err := strconv.Atoi(strings.Trim(rest, "_-")); err == nil {
					return n, true
				}
			}
		}
		for _, cut := range []string{"_images", "-images", "images"} {
			if rest, ok := strings.CutSuffix(lower, cut); ok {
				if n, err := strconv.Atoi(rest); err == nil {
					return n, true
				}
			}
		}
	}
	return 0, false
}

func formatSeconds(d time.Duration) string {
	switch {
	case d >= 10*time.Second:
		return fmt.Sprintf("%.1f s", d.Seconds())
	case d >= time.Second:
		return fmt.Sprintf("%.2f s", d.Seconds())
	default:
		return fmt.Sprintf("%.3f s", d.Seconds())
	}
}

func formatQueries(qs []serverQuery) string {
	if len(qs) == 0 {
		return "0"
	}
	names := make([]string, len(qs))
	for i, q := range qs {
		names[i] = "`" + q.String() + "`"
	}
	return fmt.Sprintf("%d (%s)", len(qs), strings.Join(names, ", "))
}

// formatRequests lists the requests per plan of every provider's runs: one number when all agree.
func formatRequests(r cellResult) string {
	var all []int64
	for _, m := range r.Results {
		all = append(all, m.Requests...)
	}
	if len(all) == 0 {
		return "—"
	}
	if uniform(all) {
		return strconv.FormatInt(all[0], 10)
	}
	parts := make([]string, len(r.Results))
	for i, m := range r.Results {
		s := make([]string, len(m.Requests))
		for j, n := range m.Requests {
			s[j] = strconv.FormatInt(n, 10)
		}
		switch {
		case len(s) == 0:
			parts[i] = "—"
		case uniform(m.Requests):
			parts[i] = s[0]
		default:
			parts[i] = strings.Join(s, "/")
		}
	}
	return strings.Join(parts, " vs ")
}

func uniform(ns []int64) bool {
	for _, n := range ns {
		if n != ns[0] {
			return false
		}
	}
	return true
}

// formatMetric renders one go test metric; ns/op becomes ms/op.
func formatMetric(m benchMetric) (string, string) {
	if m.Unit == "ns/op" {
		return "ms/op", strconv.FormatFloat(m.Value/1e6, 'f', 3, 64)
	}
	if m.Value == math.Trunc(m.Value) && math.Abs(m.Value) < 1e15 {
		return m.Unit, strconv.FormatInt(int64(m.Value), 10)
	}
	return m.Unit, strconv.FormatFloat(m.Value, 'g', 4, 64)
}

// thousands writes n with comma separators, as the issue's figures are written (20,000).
func thousands(n int) string {
	s := strconv.Itoa(n)
	for i := len(s) - 3; i > 0 && s[i-1] != '-'; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}
