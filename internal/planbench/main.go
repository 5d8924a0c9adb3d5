// Command planbench is the end-to-end half of `make bench`: it times `terraform plan` of generated configurations
// (K data sources, and the named scenarios of config.go) over generated UHost catalogs, served by the in-process
// emulator with added latency, and writes BENCHMARKS.md from those figures plus the `go test -bench` outputs that
// scripts/bench.sh passes in. It measures and reports; it judges nothing.
//
// It builds the provider and a wrapper (./rsswrap) that Terraform starts instead, through a temporary
// dev_overrides CLI configuration (TF_CLI_CONFIG_FILE; nothing in HOME is read or changed). The wrapper runs the
// real provider and records its peak RSS and CPU time. With -baseline-provider every cell is also planned with
// that provider, in turn, and the report puts both side by side. Everything lives in a temporary directory removed
// on exit, also on Ctrl-C. It runs on unix systems only (procgroup_other.go).
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"
)

type options struct {
	out, terraform, label                     string
	runs                                      int
	images, dataSources                       []int
	scenarios                                 []string
	latency                                   time.Duration
	baseline, baselineLabel                   string // provider to compare with; empty: none
	clientBench, pagingBench, conversionBench string
}

func main() {
	var opts options
	var images, dataSources, scenarioList string
	flag.StringVar(&opts.out, "out", "BENCHMARKS.md", "report to write; empty: print only (run from the repository root)")
	flag.StringVar(&opts.terraform, "terraform", "terraform", "terraform binary")
	flag.IntVar(&opts.runs, "runs", 3, "timed plans per cell and provider (the median is reported)")
	flag.StringVar(&images, "images", "200,2000,20000", "catalog sizes (UHost images)")
	flag.StringVar(&dataSources, "k", "0,1,5,20", "data sources per configuration; empty: no K matrix")
	flag.StringVar(&scenarioList, "scenarios", scenarioNames(), "named cells over 3,000 images; empty: none")
	flag.StringVar(&opts.label, "label", "working tree", "what the provider under test is, for the report")
	flag.StringVar(&opts.baseline, "baseline-provider", "", "provider binary to compare with, planned in the same run; empty: none")
	flag.StringVar(&opts.baselineLabel, "baseline-label", "baseline", "what the baseline provider is, for the report")
	flag.DurationVar(&opts.latency, "latency", 50*time.Millisecond, "emulator latency added to every answer")
	flag.StringVar(&opts.clientBench, "client-bench", "", "go test -bench output of BenchmarkListUHostImages (internal/client)")
	flag.StringVar(&opts.pagingBench, "paging-bench", "", "go test -bench output of BenchmarkPagingConcurrency (internal/client)")
	flag.StringVar(&opts.conversionBench, "conversion-bench", "", "go test -bench output of BenchmarkUHostImagesConversion (internal/provider)")
	flag.Parse()

	var err error
	if opts.images, err = parseInts(images); err == nil {
		opts.dataSources, err = parseInts(dataSources)
	}
	opts.scenarios = splitList(scenarioList)
	if err == nil && opts.runs < 1 {
		err = errors.New("-runs must be at least 1")
	}
	if err != nil {
		fmt.Fprintf(os.Stderr, "planbench: %s\n", err)
		os.Exit(2)
	}

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	err = run(ctx, opts)
	interrupted := ctx.Err() != nil
	stop()
	switch {
	case interrupted:
		fmt.Fprintln(os.Stderr, "planbench: interrupted; temporary files removed")
		os.Exit(130)
	case err != nil:
		fmt.Fprintf(os.Stderr, "planbench: %s\n", err)
		os.Exit(1)
	}
}

func run(ctx context.Context, opts options) error {
	if err := checkPlatform(); err != nil {
		return err
	}
	work, err := os.MkdirTemp("", "imagepick-planbench-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(work)

	cells, err := planCells(opts.images, opts.dataSources, opts.scenarios)
	if err != nil {
		return err
	}
	machine := describeMachine(ctx, opts.terraform)
	fmt.Printf("==> machine: %s, %d cores, %s; %s; Terraform %s\n", machine.CPU, machine.Cores, machine.Memory, machine.Go, machine.Terraform)

	// The wrapper sits where dev_overrides looks for the provider and runs whichever IMAGEPICK_RSSWRAP_TARGET names.
	fmt.Println("==> building the RSS wrapper and the provider")
	wrapperDir := filepath.Join(work, "wrapper")
	current := filepath.Join(work, "provider", providerBinary)
	for out, pkg := range map[string]string{filepath.Join(wrapperDir, providerBinary): "./internal/planbench/rsswrap", current: "."} {
		cmd := exec.CommandContext(ctx, "go", "build", "-o", out, pkg)
		cmd.Stdout, cmd.Stderr = os.Stderr, os.Stderr
		if err := cmd.Run(); err != nil {
			return fmt.Errorf("go build %s: %w", pkg, err)
		}
	}
	var providers []provider
	if opts.baseline != "" {
		path, err := filepath.Abs(opts.baseline)
		if err == nil {
			_, err = os.Stat(path)
		}
		if err != nil {
			return fmt.Errorf("-baseline-provider: %w: build it first, or leave the flag out", err)
		}
		providers = append(providers, provider{label: opts.baselineLabel, path: path})
	}
	providers = append(providers, provider{label: opts.label, path: current})

	results, err := runCells(ctx, opts, cells, providers, wrapperDir, work)
	if err != nil {
		return err
	}
	text := renderReport(reportInput{Machine: machine, Options: opts, Providers: providers, Plans: results,
		Client: readBenchFile(opts.clientBench), Paging: readBenchFile(opts.pagingBench),
		Conversion: readBenchFile(opts.conversionBench)})
	if opts.out == "" {
		fmt.Print(text)
		return nil
	}
	fmt.Printf("==> writing %s\n", opts.out)
	return os.WriteFile(opts.out, []byte(text), 0o644)
}

// providerBinary is the name dev_overrides looks for in the directory it names.
const providerBinary = "terraform-provider-imagepick"

func splitList(list string) []string {
	var out []string
	for _, f := range strings.Split(list, ",") {
		if f = strings.TrimSpace(f); f != "" {
			out = append(out, f)
		}
	}
	return out
}

func parseInts(list string) ([]int, error) {
	var out []int
	for _, f := range splitList(list) {
		n, err := strconv.Atoi(f)
		if err != nil || n < 0 {
			return nil, fmt.Errorf("not a list of non-negative numbers: %q", list)
		}
		out = append(out, n)
	}
	return out, nil
}
