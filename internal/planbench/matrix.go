package main

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"time"

	"github.com/imagepick/terraform-provider-imagepick/internal/emulator"
)

// provider is one provider binary under test; the report compares the first with the last.
type provider struct {
	label string // "3c05b06", "working tree", ...
	path  string
}

// measurement is one provider's timed runs of one cell.
type measurement struct {
	Walls      []time.Duration // one per run, sorted
	CPUs       []time.Duration // provider CPU (user + system, all provider processes) per run, sorted
	Requests   []int64         // DescribeImage requests the emulator served, per run
	PeakRSSKiB int64           // highest peak RSS of any provider process in any run; 0 if none started
	Err        string          // why the cell failed with this provider; its remaining runs were skipped
}

func (m measurement) ok() bool { return m.Err == "" && len(m.Walls) > 0 }

func (m measurement) wall() time.Duration { return medianDuration(m.Walls) }

func (m measurement) cpu() time.Duration { return medianDuration(m.CPUs) }

// cellResult is one cell with every provider's measurement, in the order of the providers.
type cellResult struct {
	Cell             cell
	Queries          []serverQuery
	QueryImages      int // images the largest of its server-side queries returns
	ExpectedRequests int64
	Available        int // images of the catalog in the default status ("Available")
	Runs             int
	Results          []measurement
}

// current is the measurement of the provider under test (the last one); empty for a cell that was not run.
func (r cellResult) current() measurement {
	if len(r.Results) == 0 {
		return measurement{}
	}
	return r.Results[len(r.Results)-1]
}

// requestsExact reports whether every run of the provider under test made exactly the expected requests.
func (r cellResult) requestsExact() bool {
	m := r.current()
	for _, n := range m.Requests {
		if n != r.ExpectedRequests {
			return false
		}
	}
	return len(m.Requests) > 0
}

func medianDuration(values []time.Duration) time.Duration {
	sorted := append([]time.Duration(nil), values...)
	sort.Slice(sorted, func(i, j int) bool { return sorted[i] < sorted[j] })
	n := len(sorted)
	switch {
	case n == 0:
		return 0
	case n%2 == 1:
		return sorted[n/2]
	default:
		return (sorted[n/2-1] + sorted[n/2]) / 2
	}
}

// runCells plans every cell: per catalog size one emulator and one untimed warm-up plan per provider, then per
// cell opts.runs rounds, each planning once with every provider (the first provider alternates between rounds,
// so drift of the machine hits both alike), with the emulator's counters reset before each plan.
func runCells(ctx context.Context, opts options, cells []cell, providers []provider, wrapperDir, work string) ([]cellResult, error) {
	cliConfig := filepath.Join(work, "terraformrc")
	rc := fmt.Sprintf("provider_installation {\n  dev_overrides {\n    \"imagepick/imagepick\" = %s\n  }\n  direct {}\n}\n",
		strconv.Quote(wrapperDir))
	if err := os.WriteFile(cliConfig, []byte(rc), 0o600); err != nil {
		return nil, err
	}
	p := planner{terraform: opts.terraform, cliConfig: cliConfig}

	var results []cellResult
	for start := 0; start < len(cells); {
		n := cells[start].images
		end := start
		for end < len(cells) && cells[end].images == n {
			end++
		}
		catalog := emulator.GenerateCatalog(n, benchRegion, benchZone, benchSeed)
		emu := emulator.New(emulator.Options{Latency: opts.latency, Catalog: catalog})
		baseURL, stopServer, err := serve(emu)
		if err != nil {
			return nil, err
		}
		fmt.Printf("==> %d images, emulator at %s, latency %s\n", n, baseURL, opts.latency)
		warmUp(ctx, p, providers, filepath.Join(work, fmt.Sprintf("warmup-%d", n)), baseURL)
		for i, c := range cells[start:end] {
			dir := filepath.Join(work, fmt.Sprintf("images-%d-cell-%d", n, i))
			r, err := runCell(ctx, p, opts.runs, c, providers, catalog, emu, baseURL, dir)
			if err != nil {
				stopServer()
				return nil, err
			}
			results = append(results, r)
		}
		stopServer()
		start = end
	}
	return results, nil
}

// warmUp plans one small configuration with every provider, untimed, so that no timed plan pays for cold caches.
func warmUp(ctx context.Context, p planner, providers []provider, dir, baseURL string) {
	if err := writeModule(dir, configuration(baseURL, matrixSpecs(1))); err != nil {
		fmt.Printf("    warm-up skipped: %s\n", err)
		return
	}
	for _, prov := range providers {
		if _, err := p.plan(ctx, dir, prov.path); err != nil && ctx.Err() == nil {
			fmt.Printf("    warm-up with %s failed: %s\n", prov.label, err)
		}
	}
}

func runCell(ctx context.Context, p planner, runs int, c cell, providers []provider, catalog *emulator.Catalog,
	emu *emulator.Server, baseURL, dir string) (cellResult, error) {
	r := cellResult{
		Cell:             c,
		Queries:          distinctQueries(c.specs),
		ExpectedRequests: expectedRequests(c.specs, catalog),
		Available:        available(catalog),
		Runs:             runs,
		Results:          make([]measurement, len(providers)),
	}
	for _, q := range r.Queries {
		r.QueryImages = max(r.QueryImages, matching(q, catalog))
	}
	if err := writeModule(dir, configuration(baseURL, c.specs)); err != nil {
		return r, err
	}
	for run := 0; run < runs; run++ {
		for i := range providers {
			at := (i + run) % len(providers)
			m := &r.Results[at]
			if m.Err != "" {
				continue
			}
			emu.Reset()
			pm, err := p.plan(ctx, dir, providers[at].path)
			switch {
			case ctx.Err() != nil:
				return r, ctx.Err()
			case errors.Is(err, errPlanFailed):
				m.Err = err.Error()
				continue
			case err != nil:
				return r, fmt.Errorf("%s over %d images with %s: %w", c.name, c.images, providers[at].label, err)
			}
			m.Walls = append(m.Walls, pm.wall)
			m.CPUs = append(m.CPUs, pm.usage.cpu)
			m.Requests = append(m.Requests, emu.Stats().Requests["DescribeImage"])
			m.PeakRSSKiB = max(m.PeakRSSKiB, pm.usage.peakRSSKiB)
		}
	}
	width := 0
	for _, p := range providers {
		width = max(width, len(p.label))
	}
	for i, m := range r.Results {
		sort.Slice(m.Walls, func(a, b int) bool { return m.Walls[a] < m.Walls[b] })
		sort.Slice(m.CPUs, func(a, b int) bool { return m.CPUs[a] < m.CPUs[b] })
		if m.Err != "" {
			fmt.Printf("    %-14s %-*s  error: %s\n", c.name, width, providers[i].label, m.Err)
			continue
		}
		fmt.Printf("    %-14s %-*s  wall %7.3fs  cpu %7.3fs  peak RSS %-10s requests %v (expected %d)\n", c.name, width,
			providers[i].label, m.wall().Seconds(), m.cpu().Seconds(), formatKiB(m.PeakRSSKiB), m.Requests, r.ExpectedRequests)
	}
	return r, nil
}

// available counts the catalog's images that the data sources' default status filter keeps.
func available(catalog *emulator.Catalog) int {
	n := 0
	for _, img := range catalog.UHost {
		if img.Region == benchRegion && img.State == "Available" {
			n++
		}
	}
	return n
}

// serve starts the emulator on a free loopback port.
func serve(h http.Handler) (string, func(), error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", nil, err
	}
	srv := &http.Server{Handler: h, ReadHeaderTimeout: 10 * time.Second}
	go func() { _ = srv.Serve(ln) }()
	stop := func() {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		_ = srv.Shutdown(ctx)
	}
	return "http://" + ln.Addr().String(), stop, nil
}

func formatKiB(kib int64) string {
	if kib == 0 {
		return "—"
	}
	return fmt.Sprintf("%.1f MiB", float64(kib)/1024)
}
