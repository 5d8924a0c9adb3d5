package main

import (
	"context"
	"errors"
	"fmt"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"time"

	"github.com/imagepick/terraform-provider-imagepick/internal/emulator"
)

// provider is one provider binary; with a baseline, the baseline comes first and the provider under test last.
type provider struct{ label, path string }

// measurement is one provider's timed runs of one cell.
type measurement struct {
	Walls      []time.Duration // one per run
	CPUs       []time.Duration // provider CPU (user + system, all provider processes) per run
	Requests   []int64         // DescribeImage requests the emulator served, per run
	PeakRSSKiB int64           // highest peak RSS of any provider process in any run; 0 if none started
	Err        string          // why the cell failed with this provider; its remaining runs were skipped
}

func (m measurement) ok() bool            { return m.Err == "" && len(m.Walls) > 0 }
func (m measurement) wall() time.Duration { return medianDuration(m.Walls) }
func (m measurement) cpu() time.Duration  { return medianDuration(m.CPUs) }

// cellResult is one cell with every provider's measurement, in the order of the providers.
type cellResult struct {
	Cell             cell
	ExpectedRequests int64
	Results          []measurement
}

// medianDuration is the median of values (the mean of the middle two for an even count).
func medianDuration(values []time.Duration) time.Duration {
	sorted := slices.Sorted(slices.Values(values))
	if n := len(sorted); n%2 == 1 {
		return sorted[n/2]
	} else if n > 0 {
		return (sorted[n/2-1] + sorted[n/2]) / 2
	}
	return 0
}

// runCells plans every cell: per catalog size one emulator and one untimed warm-up plan per provider (so that no
// timed plan pays for cold caches), then per cell opts.runs rounds, each planning once with every provider (which
// goes first alternates, so drift of the machine hits both alike), the emulator's counters reset before each plan.
func runCells(ctx context.Context, opts options, cells []cell, providers []provider, wrapperDir, work string) ([]cellResult, error) {
	cliConfig := filepath.Join(work, "terraformrc")
	rc := fmt.Sprintf("provider_installation {\n  dev_overrides {\n    \"imagepick/imagepick\" = %s\n  }\n  direct {}\n}\n",
		strconv.Quote(wrapperDir))
	if err := os.WriteFile(cliConfig, []byte(rc), 0o600); err != nil {
		return nil, err
	}
	p := planner{terraform: opts.terraform, cliConfig: cliConfig}
	var results []cellResult
	var catalog *emulator.Catalog
	var emu *emulator.Server
	var srv *httptest.Server
	defer func() {
		if srv != nil {
			srv.Close()
		}
	}()
	for i, c := range cells {
		if i == 0 || c.images != cells[i-1].images {
			if srv != nil {
				srv.Close()
			}
			catalog = emulator.GenerateCatalog(c.images, benchRegion, benchZone, benchSeed)
			emu = emulator.New(emulator.Options{Latency: opts.latency, Catalog: catalog})
			srv = httptest.NewServer(emu)
			fmt.Printf("==> %d images, emulator at %s, latency %s\n", c.images, srv.URL, opts.latency)
			warmUp := filepath.Join(work, fmt.Sprintf("warmup-%d", c.images))
			if err := writeModule(warmUp, configuration(srv.URL, matrixSpecs(1))); err != nil {
				return nil, err
			}
			for _, prov := range providers {
				if _, _, err := p.plan(ctx, warmUp, prov.path); err != nil && ctx.Err() == nil {
					fmt.Printf("    warm-up with %s failed: %s\n", prov.label, err)
				}
			}
		}
		r := cellResult{Cell: c, ExpectedRequests: expectedRequests(c.specs, catalog), Results: make([]measurement, len(providers))}
		err := measure(ctx, p, opts.runs, &r, providers, emu, configuration(srv.URL, c.specs), filepath.Join(work, fmt.Sprintf("cell-%d", i)))
		if err != nil {
			return nil, err
		}
		results = append(results, r)
	}
	return results, nil
}

// measure plans the cell's configuration runs times with every provider and fills r.Results.
func measure(ctx context.Context, p planner, runs int, r *cellResult, providers []provider, emu *emulator.Server, config, dir string) error {
	c := r.Cell
	if err := writeModule(dir, config); err != nil {
		return err
	}
	for run := range runs {
		for i := range providers {
			at := (i + run) % len(providers)
			m := &r.Results[at]
			if m.Err != "" {
				continue
			}
			emu.Reset()
			wall, usage, err := p.plan(ctx, dir, providers[at].path)
			switch {
			case ctx.Err() != nil:
				return ctx.Err()
			case errors.Is(err, errPlanFailed):
				m.Err = err.Error()
				continue
			case err != nil:
				return fmt.Errorf("%s over %d images with %s: %w", c.name, c.images, providers[at].label, err)
			}
			m.Walls = append(m.Walls, wall)
			m.CPUs = append(m.CPUs, usage.cpu)
			m.Requests = append(m.Requests, emu.Stats().Requests["DescribeImage"])
			m.PeakRSSKiB = max(m.PeakRSSKiB, usage.peakRSSKiB)
		}
	}
	for i, m := range r.Results {
		if m.Err != "" {
			fmt.Printf("    %-10s %s: error: %s\n", c.name, providers[i].label, m.Err)
		} else {
			fmt.Printf("    %-10s %s: wall %.3fs, cpu %.3fs, peak RSS %s, requests %v (expected %d)\n", c.name, providers[i].label,
				m.wall().Seconds(), m.cpu().Seconds(), formatKiB(float64(m.PeakRSSKiB)), m.Requests, r.ExpectedRequests)
		}
	}
	return nil
}
