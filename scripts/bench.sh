#!/usr/bin/env bash
# make bench: the client benchmarks (go test -bench, internal/client), the local-work benchmark of the UHost data
# source (internal/provider), then the end-to-end terraform plan matrix (internal/planbench), which writes
# BENCHMARKS.md from all of them. Raw go test outputs are kept in .bench/ (ignored by git); everything else lives
# in temporary directories removed on exit, also on Ctrl-C. Nothing in HOME is read or changed.
#
# Knobs: BENCH_RUNS (timed plans per cell, default 3), BENCH_CLIENT_BENCHTIME (default 3x).
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
fail() { echo "bench: $*" >&2; exit 1; }

command -v terraform >/dev/null 2>&1 || fail "terraform not found on PATH: install Terraform >= 1.4 and retry"
command -v go >/dev/null 2>&1 || fail "go not found on PATH: install Go >= 1.26 and retry"

runs=${BENCH_RUNS:-3}
client_benchtime=${BENCH_CLIENT_BENCHTIME:-3x}
out="$root/.bench"
work=$(mktemp -d "${TMPDIR:-/tmp}/imagepick-bench.XXXXXX")
cleanup() { rm -rf "$work"; }
trap cleanup EXIT
trap 'echo "bench: interrupted" >&2; exit 130' INT TERM

mkdir -p "$out"
cd "$root"

echo "==> client: BenchmarkListUHostImages (100 to 50,000 images, 0 and 50 ms latency)"
go test -run '^$' -bench '^BenchmarkListUHostImages$' -benchtime "$client_benchtime" -benchmem -timeout 30m \
  ./internal/client | tee "$out/client.txt"

echo "==> client: BenchmarkPagingConcurrency (20,000 images at 50 ms: serial, then bounded concurrency)"
go test -run '^$' -bench '^BenchmarkPagingConcurrency$/.*/.*/concurrency=1$' -benchtime 1x -benchmem -timeout 10m \
  ./internal/client | tee "$out/paging.txt"
go test -run '^$' -bench '^BenchmarkPagingConcurrency$/.*/.*/concurrency=10$' -benchtime "$client_benchtime" -benchmem \
  -timeout 10m ./internal/client | tee -a "$out/paging.txt"

echo "==> provider: BenchmarkUHostImagesConversion (local work on 20,000 images)"
go test -run '^$' -bench '^BenchmarkUHostImagesConversion$' -benchmem -timeout 10m ./internal/provider \
  | tee "$out/conversion.txt"

echo "==> end to end: terraform plan matrix"
go build -o "$work/planbench" ./internal/planbench
"$work/planbench" -root "$root" -out BENCHMARKS.md -runs "$runs" \
  -client-bench "$out/client.txt" -paging-bench "$out/paging.txt" -conversion-bench "$out/conversion.txt"
