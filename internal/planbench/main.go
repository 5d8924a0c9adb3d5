// Command planbench is the end-to-end half of `make bench`: it times `terraform plan` of generated configurations
// with K data sources over generated UHost catalogs, served by the in-process emulator with added latency, and
// writes BENCHMARKS.md from those figures plus the `go test -bench` outputs that scripts/bench.sh passes in.
//
// It builds the provider and a wrapper (./rsswrap) that Terraform starts instead through a temporary dev_overrides
// CLI configuration (TF_CLI_CONFIG_FILE; nothing in HOME is read or changed). The wrapper runs the real provider
// and records its peak RSS. Everything lives in a temporary directory removed on exit, also on Ctrl-C.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"os/signal"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"
)

type options struct {
	root            string
	out             string
	terraform       string
	runs            int
	images          []int
	dataSources     []int
	latency         time.Duration
	clientBench     string
	pagingBench     string
	conversionBench string
}

func main() {
	var opts options
	var images, dataSources string
	flag.StringVar(&opts.root, "root", ".", "repository root (where main.go of the provider is)")
	flag.StringVar(&opts.out, "out", "BENCHMARKS.md", "report to write (relative to -root); empty: print only")
	flag.StringVar(&opts.terraform, "terraform", "terraform", "terraform binary")
	flag.IntVar(&opts.runs, "runs", 3, "timed plans per cell (the median is reported); at least 3 for the report")
	flag.StringVar(&images, "images", "200,2000,20000", "catalog sizes (UHost images)")
	flag.StringVar(&dataSources, "k", "0,1,5,20", "data sources per configuration")
	flag.DurationVar(&opts.latency, "latency", 50*time.Millisecond, "emulator latency added to every answer")
	flag.StringVar(&opts.clientBench, "client-bench", "", "go test -bench output of BenchmarkListUHostImages (internal/client)")
	flag.StringVar(&opts.pagingBench, "paging-bench", "", "go test -bench output of BenchmarkPagingConcurrency (internal/client)")
	flag.StringVar(&opts.conversionBench, "conversion-bench", "", "go test -bench output of BenchmarkUHostImagesConversion (internal/provider)")
	flag.Parse()

	var err error
	if opts.images, err = parseInts(images); err == nil {
		opts.dataSources, err = parseInts(dataSources)
	}
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
	root, err := filepath.Abs(opts.root)
	if err != nil {
		return err
	}
	work, err := os.MkdirTemp("", "imagepick-planbench-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(work)

	machine := describeMachine(ctx, opts.terraform)
	fmt.Printf("==> machine: %s, %d cores, %s; %s; Terraform %s\n", machine.CPU, machine.Cores, machine.Memory, machine.Go, machine.Terraform)

	fmt.Println("==> building the provider and the RSS wrapper")
	bins, err := buildBinaries(ctx, root, work)
	if err != nil {
		return err
	}

	results, err := runMatrix(ctx, opts, bins, work)
	if err != nil {
		return err
	}
	printTable(os.Stdout, results)

	report := reportInput{
		Machine:    machine,
		Options:    opts,
		Plans:      results,
		Client:     readBenchFile(opts.clientBench),
		Paging:     readBenchFile(opts.pagingBench),
		Conversion: readBenchFile(opts.conversionBench),
	}
	text := renderReport(report)
	if opts.out == "" {
		fmt.Print(text)
		return nil
	}
	out := opts.out
	if !filepath.IsAbs(out) {
		out = filepath.Join(root, out)
	}
	if err := os.WriteFile(out, []byte(text), 0o644); err != nil {
		return err
	}
	fmt.Printf("==> wrote %s\n", out)
	return nil
}

func parseInts(list string) ([]int, error) {
	var out []int
	for _, f := range strings.Split(list, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(f))
		if err != nil || n < 0 {
			return nil, fmt.Errorf("not a list of non-negative numbers: %q", list)
		}
		out = append(out, n)
	}
	return out, nil
}
