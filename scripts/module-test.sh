#!/usr/bin/env bash
# make test: run `terraform test` in examples/module-test against the emulator serving its catalog.json, with the
# freshly built provider through a temporary dev_overrides CLI configuration. Then prove the tests are not
# vacuous: served the same catalog with every image moved out of the module's reach, every run must fail.
# Nothing is written outside a temporary directory; the emulator is always stopped; Ctrl-C exits 130.
#
# IMAGEPICK_PROVIDER_SOURCE builds the provider from another checkout (default: this repository).
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
example="$root/examples/module-test"
provider_source="${IMAGEPICK_PROVIDER_SOURCE:-$root}"
fail() { echo "module-test: $*" >&2; exit 1; }

command -v terraform >/dev/null 2>&1 || fail "terraform not found on PATH: install Terraform >= 1.6 and retry"
command -v go >/dev/null 2>&1 || fail "go not found on PATH: install Go >= 1.26 and retry"
tf_version=$(terraform version -json 2>/dev/null | sed -n 's/.*"terraform_version": *"\([0-9]*\)\.\([0-9]*\).*/\1 \2/p')
read -r tf_major tf_minor <<<"${tf_version:-0 0}"
if [ "$tf_major" -lt 1 ] || { [ "$tf_major" -eq 1 ] && [ "$tf_minor" -lt 6 ]; }; then
  fail "terraform test needs Terraform >= 1.6, and $(command -v terraform) is ${tf_major}.${tf_minor}: upgrade it and retry"
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/imagepick-module-test.XXXXXX")
# shellcheck source=scripts/lib.sh
. "$root/scripts/lib.sh"
# Files terraform may create in the example when run there; removed at exit unless they were there before.
leftovers=()
for f in .terraform.lock.hcl .terraform terraform.tfstate; do
  [ -e "$example/$f" ] || leftovers+=("$example/$f")
done
cleanup() {
  stop_children
  rm -rf "$work" ${leftovers[@]+"${leftovers[@]}"}
}
trap cleanup EXIT
trap 'echo "module-test: interrupted" >&2; exit 130' INT TERM

# terraform_test LOG: runs terraform test in the example; its status is terraform's.
terraform_test() {
  run terraform -chdir="$example" test -no-color >"$1" 2>&1
}

echo "==> module test: building the provider and the emulator"
run go -C "$provider_source" build -o "$work/bin/terraform-provider-imagepick" . ||
  fail "building the provider in $provider_source failed (see above)"
run go -C "$root" build -o "$work/bin/imagepick-emulator" ./cmd/imagepick-emulator ||
  fail "building the emulator failed (see above)"

echo "==> module test: terraform test in examples/module-test"
start_emulator 127.0.0.1:0 -catalog "$example/catalog.json"
use_emulator
if ! terraform_test "$work/test.log"; then
  cat "$work/test.log" >&2
  fail "terraform test failed in examples/module-test (its output is above)"
fi
summary=$(grep -E '^Success! [0-9]+ passed, 0 failed' "$work/test.log" || true)
case "$summary" in
  "" | "Success! 0 passed"*)
    cat "$work/test.log" >&2
    fail "terraform test ran no run block in examples/module-test (its output is above)"
    ;;
esac
echo "    $summary"
stop_emulator

# The same catalog with the UCloud images moved to region cn-sh2, which the tests do not use, the Zenlayer BMC
# images installing on no instance type and the ZEC images listed only in eu-central-1a, which holds none: a test
# that still passes would not depend on the catalog.
echo "==> module test: the same tests against the catalog with its images moved away must all fail"
sed -e 's/"cn-bj2/"cn-sh2/g' -e 's/"instanceTypeIds": \[[^]]*\]/"instanceTypeIds": []/g' \
  -e 's/"zoneIds": \[[^]]*\]/"zoneIds": ["eu-central-1a"]/g' \
  "$example/catalog.json" >"$work/moved.json"
if grep -q '"cn-bj2' "$work/moved.json" || grep -q '"instanceTypeIds": \["' "$work/moved.json" ||
  grep -qE '"zoneIds": \[("[^"]*", )*"(asia-east-1a|na-west-1a)"' "$work/moved.json"; then
  fail "could not move every image of examples/module-test/catalog.json away: keep Region, Zone, instanceTypeIds and zoneIds on the lines the sed in $0 expects"
fi
start_emulator 127.0.0.1:0 -catalog "$work/moved.json"
use_emulator
if terraform_test "$work/moved.log"; then
  cat "$work/moved.log" >&2
  fail "terraform test passed against a catalog without the images it asserts on: the tests do not check the picks"
fi
passed=$(grep -E '^  run "[^"]+"\.\.\. pass$' "$work/moved.log" || true)
if [ -n "$passed" ]; then
  cat "$work/moved.log" >&2
  fail "these runs passed without the images they are about: $(echo "$passed" | sed -E 's/^  run "([^"]+)".*/\1/' | paste -sd, -)"
fi
echo "    $(grep -E '^Failure! ' "$work/moved.log" || echo 'failed') (as required)"
