#!/usr/bin/env bash
# make demo: build the provider and the emulator, start the emulator on loopback, apply examples/demo with the
# fresh provider through a temporary dev_overrides CLI configuration, print the outputs, and clean up whatever
# happens (Terraform failing, Ctrl-C). Nothing outside a temporary directory is written.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
fail() { echo "demo: $*" >&2; exit 1; }

command -v terraform >/dev/null 2>&1 || fail "terraform not found on PATH: install Terraform >= 1.4 and retry"
command -v go >/dev/null 2>&1 || fail "go not found on PATH: install Go >= 1.26 and retry"

work=$(mktemp -d "${TMPDIR:-/tmp}/imagepick-demo.XXXXXX")
# shellcheck source=scripts/lib.sh
. "$root/scripts/lib.sh"
cleanup() {
  stop_children
  rm -rf "$work"
}
trap cleanup EXIT
trap 'echo "demo: interrupted" >&2; exit 130' INT TERM

echo "==> building the provider and the emulator"
echo "    the first build on a machine downloads the Go modules and compiles the dependencies: this can take a few minutes"
echo "    building the provider (go build .)"
run go -C "$root" build -o "$work/bin/terraform-provider-imagepick" . || fail "building the provider failed (see above)"
echo "    building the emulator (go build ./cmd/imagepick-emulator)"
run go -C "$root" build -o "$work/bin/imagepick-emulator" ./cmd/imagepick-emulator || fail "building the emulator failed (see above)"

echo "==> starting the emulator"
listen="127.0.0.1:${IMAGEPICK_DEMO_PORT:-0}"
start_emulator "$listen"
echo "    emulator at $base_url"

cp "$root"/examples/demo/*.tf "$work/"

use_emulator
export UCLOUD_REGION=cn-bj2

echo "==> terraform apply (examples/demo)"
if ! run terraform -chdir="$work" apply -auto-approve -input=false -no-color -compact-warnings \
  -state="$work/terraform.tfstate" >"$work/apply.log" 2>&1; then
  cat "$work/apply.log" >&2
  fail "terraform apply failed (its output is above)"
fi
grep -E '^Apply complete' "$work/apply.log" | sed 's/^/    /'

echo "==> chosen images"
terraform -chdir="$work" output -no-color -state="$work/terraform.tfstate" || fail "terraform output failed"
if command -v curl >/dev/null 2>&1; then
  echo "==> emulator request counts: $(curl -fsS "$base_url/_emulator/stats" 2>/dev/null || echo unavailable)"
fi
