#!/usr/bin/env bash
# make bench: the client benchmarks (go test -bench, internal/client), the local-work benchmark of the UHost data
# source (internal/provider), then the end-to-end terraform plan matrix (internal/planbench), which writes
# BENCHMARKS.md from all of them. The plans run with the working tree's provider and, when BENCH_BASELINE names a
# git revision, side by side in the same run with that revision's provider, exported with `git archive` (git state
# is not touched) and built in a temporary directory. Raw go test outputs are kept in .bench/ (ignored by git);
# everything else lives in temporary directories removed on exit, also on Ctrl-C. Nothing in HOME is read or changed.
#
# Knobs: BENCH_RUNS (timed plans per cell and provider, default 3), BENCH_CLIENT_BENCHTIME (default 3x),
# BENCH_BASELINE (git revision to compare with; unset: no comparison), BENCH_PLAN_FLAGS (more planbench flags,
# e.g. "-images 200 -k 0,1 -scenarios ids" for a quick run; see go run ./internal/planbench -h).
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
fail() { echo "bench: $*" >&2; exit 1; }

command -v terraform >/dev/null 2>&1 || fail "terraform not found on PATH: install Terraform >= 1.4 and retry"
command -v go >/dev/null 2>&1 || fail "go not found on PATH: install Go >= 1.26 and retry"

runs=${BENCH_RUNS:-3}
client_benchtime=${BENCH_CLIENT_BENCHTIME:-3x}
baseline=${BENCH_BASELINE:-}
out="$root/.bench"
work=$(mktemp -d "${TMPDIR:-/tmp}/imagepick-bench.XXXXXX")
cleanup() { rm -rf "$work"; }
trap cleanup EXIT
trap 'echo "bench: interrupted" >&2; exit 130' INT TERM

mkdir -p "$out"
cd "$root"

baseline_args=()
if [ -n "$baseline" ]; then
  commit=$(git rev-parse --verify --quiet "$baseline^{commit}") ||
    fail "BENCH_BASELINE=$baseline is not a commit of this repository: give a revision git knows, or leave it unset"
  short=$(git rev-parse --short "$commit")
  echo "==> baseline: building the provider of $short"
  mkdir -p "$work/baseline-src"
  git archive --format=tar "$commit" | tar -x -C "$work/baseline-src"
  (cd "$work/baseline-src" && go build -o "$work/baseline/terraform-provider-imagepick" .) ||
    fail "the provider of $short does not build: pick another BENCH_BASELINE, or leave it unset"
  baseline_args=(-baseline-provider "$work/baseline/terraform-provider-imagepick" -baseline-label "commit $short")
fi
label="working tree at $(git rev-parse --short HEAD 2>/dev/null || echo 'an unknown commit')"
if [ -n "$(git status --porcelain --untracked-files=no 2>/dev/null || true)" ]; then
  label="$label + uncommitted changes"
fi

echo "==> client: BenchmarkListUHostImages (100 to 50,000 images, 0 and 50 ms latency)"
go test -run '^$' -bench '^BenchmarkListUHostImages$' -benchtime "$client_benchtime" -benchmem -timeout 30m \
  ./internal/client | tee "$out/client.txt"

echo "==> client: BenchmarkPagingConcurrency (20,000 images at 50 ms: serial at Limit 100, then bounded concurrency)"
go test -run '^$' -bench '^BenchmarkPagingConcurrency$/.*/.*/.*/concurrency=1$' -benchtime 1x -benchmem -timeout 10m \
  ./internal/client | tee "$out/paging.txt"
go test -run '^$' -bench '^BenchmarkPagingConcurrency$/.*/.*/.*/concurrency=10$' -benchtime "$client_benchtime" -benchmem \
  -timeout 10m ./internal/client | tee -a "$out/paging.txt"

echo "==> provider: BenchmarkUHostImagesConversion (local work on 20,000 images)"
go test -run '^$' -bench '^BenchmarkUHostImagesConversion$' -benchmem -timeout 10m ./internal/provider \
  | tee "$out/conversion.txt"

echo "==> end to end: terraform plan cells"
go build -o "$work/planbench" ./internal/planbench
# shellcheck disable=SC2086 # BENCH_PLAN_FLAGS is a list of flags, split on purpose
"$work/planbench" -out BENCHMARKS.md -runs "$runs" -label "$label" ${baseline_args[@]+"${baseline_args[@]}"} \
  -client-bench "$out/client.txt" -paging-bench "$out/paging.txt" -conversion-bench "$out/conversion.txt" \
  ${BENCH_PLAN_FLAGS:-}
