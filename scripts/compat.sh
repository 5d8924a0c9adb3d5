#!/usr/bin/env bash
# make compat: run `make demo`, the module test and the release check with each Terraform and OpenTofu version the
# README promises. A version that is not on PATH is built from source through the Go module proxy into a cache
# folder, once (minutes per version; later runs reuse it). Prints one line per version and step with its time,
# and exits non-zero when any step failed.
#
#   COMPAT_TERRAFORM  Terraform versions (default: 1.4.7 1.11.4; empty for none)
#   COMPAT_TOFU       OpenTofu versions (default: 1.10.10; empty for none)
#   COMPAT_DIR        the cache folder (default: ${XDG_CACHE_HOME:-$HOME/.cache}/imagepick-compat)
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
terraform_versions=${COMPAT_TERRAFORM-1.4.7 1.11.4}
tofu_versions=${COMPAT_TOFU-1.10.10}
cache=${COMPAT_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/imagepick-compat}
fail() { echo "compat: $*" >&2; exit 1; }

command -v go >/dev/null 2>&1 || fail "go not found on PATH: install Go >= 1.26 and retry"
mkdir -p "$cache"
work=$(mktemp -d "${TMPDIR:-/tmp}/imagepick-compat.XXXXXX")
# shellcheck source=scripts/lib.sh
. "$root/scripts/lib.sh"
cleanup() {
  stop_children
  chmod -R u+w "$work" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
trap 'echo "compat: interrupted" >&2; exit 130' INT TERM

# cli_version BINARY: the x.y.z it reports (Terraform and OpenTofu both print "<Name> vX.Y.Z" first).
# sed reads the whole output: head would close the pipe early, and pipefail would count the CLI's SIGPIPE.
cli_version() { "$1" version 2>/dev/null | sed -nE '1s/^[A-Za-z]+ v([0-9]+\.[0-9]+\.[0-9]+).*/\1/p'; }

# terraform_binary VERSION: the terraform on PATH when it is that version, else the cached build (built if missing).
terraform_binary() {
  local v=$1 bin="$cache/terraform-$1/terraform"
  if command -v terraform >/dev/null 2>&1 && [ "$(cli_version "$(command -v terraform)")" = "$v" ]; then
    command -v terraform
    return
  fi
  if [ ! -x "$bin" ]; then
    echo "==> compat: building Terraform $v from the Go module proxy into $cache/terraform-$v (a few minutes)" >&2
    # Terraform's go.mod has no replace directive, so go install of a version works; -mod=mod ignores a vendor dir.
    run env GOFLAGS=-mod=mod GOBIN="$cache/terraform-$v" go install "github.com/hashicorp/terraform@v$v" >&2 ||
      fail "building Terraform $v failed (see above)"
  fi
  echo "$bin"
}

# tofu_binary VERSION: the tofu on PATH when it is that version, else the cached build (built if missing).
tofu_binary() {
  local v=$1 bin="$cache/tofu-$1/tofu" dir
  if command -v tofu >/dev/null 2>&1 && [ "$(cli_version "$(command -v tofu)")" = "$v" ]; then
    command -v tofu
    return
  fi
  if [ ! -x "$bin" ]; then
    echo "==> compat: building OpenTofu $v from the Go module proxy into $cache/tofu-$v (a few minutes)" >&2
    # OpenTofu's go.mod has a replace directive, which go install pkg@version refuses: build inside the module.
    dir=$(cd "$work" && go mod download -json "github.com/opentofu/opentofu@v$v" | sed -nE 's/^[[:space:]]*"Dir": "(.*)",?$/\1/p')
    [ -n "$dir" ] || fail "go mod download github.com/opentofu/opentofu@v$v gave no module folder"
    cp -R "$dir" "$work/opentofu-$v"
    chmod -R u+w "$work/opentofu-$v"
    run go -C "$work/opentofu-$v" build -ldflags "-X github.com/opentofu/opentofu/version.dev=no" \
      -o "$cache/tofu-$v/tofu" ./cmd/tofu >&2 || fail "building OpenTofu $v failed (see above)"
  fi
  echo "$bin"
}

results=()
failed=0
# step LABEL COMMAND...: runs a check, records its outcome and time; the output goes to the log only on failure.
step() {
  local label=$1 start=$SECONDS log="$work/step.log"
  shift
  if run "$@" >"$log" 2>&1; then
    results+=("$(printf '%-18s %-14s pass  %4ss' "$cli_label" "$label" $((SECONDS - start)))")
  else
    cat "$log" >&2
    results+=("$(printf '%-18s %-14s FAIL  %4ss' "$cli_label" "$label" $((SECONDS - start)))")
    failed=1
  fi
}

# check NAME BINARY: demo and module test with BINARY as `terraform` on PATH, then the release check.
check() {
  local name=$1 binary=$2 version shim
  version=$(cli_version "$binary")
  cli_label="$name $version"
  shim="$work/path-$name-$version"
  mkdir -p "$shim"
  ln -sf "$binary" "$shim/terraform"
  echo "==> compat: $cli_label ($binary)"
  step "make demo" env PATH="$shim:$PATH" bash "$root/scripts/demo.sh"
  IFS=. read -r major minor _ <<<"$version"
  if [ "$major" -gt 1 ] || [ "$minor" -ge 6 ]; then
    step "module test" env PATH="$shim:$PATH" bash "$root/scripts/module-test.sh"
  else
    results+=("$(printf '%-18s %-14s n/a   (terraform test needs >= 1.6)' "$cli_label" "module test")")
  fi
  if [ "$name" = tofu ]; then
    step "release-check" env TERRAFORM= TOFU="$binary" bash "$root/scripts/release-check.sh"
  else
    step "release-check" env TERRAFORM="$binary" TOFU= bash "$root/scripts/release-check.sh"
  fi
}

for v in $terraform_versions; do
  start=$SECONDS
  bin=$(terraform_binary "$v")
  [ $((SECONDS - start)) -gt 5 ] && results+=("$(printf '%-18s %-14s done  %4ss' "terraform $v" "build" $((SECONDS - start)))")
  check terraform "$bin"
done
for v in $tofu_versions; do
  start=$SECONDS
  bin=$(tofu_binary "$v")
  [ $((SECONDS - start)) -gt 5 ] && results+=("$(printf '%-18s %-14s done  %4ss' "tofu $v" "build" $((SECONDS - start)))")
  check tofu "$bin"
done

echo "==> compat: results ($(uname -s | tr '[:upper:]' '[:lower:]')/$(uname -m), Go $(go env GOVERSION | sed 's/^go//'))"
printf '    %s\n' "${results[@]}"
[ "$failed" -eq 0 ] || fail "a step failed (its output is above)"
