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
emulator_pid=""
child=""
# Files terraform may create in the example when run there; removed at exit unless they were there before.
leftovers=()
for f in .terraform.lock.hcl .terraform terraform.tfstate; do
  [ -e "$example/$f" ] || leftovers+=("$example/$f")
done

# run waits for a command started in the background, so that Ctrl-C reaches the traps at once.
run() {
  "$@" &
  child=$!
  local rc=0
  wait "$child" || rc=$?
  child=""
  return "$rc"
}
stop_emulator() {
  if [ -n "$emulator_pid" ]; then
    kill "$emulator_pid" 2>/dev/null || true
    wait "$emulator_pid" 2>/dev/null || true
    emulator_pid=""
  fi
}
cleanup() {
  if [ -n "$child" ]; then
    kill "$child" 2>/dev/null || true
    wait "$child" 2>/dev/null || true
  fi
  stop_emulator
  rm -rf "$work" ${leftovers[@]+"${leftovers[@]}"}
}
trap cleanup EXIT
trap 'echo "module-test: interrupted" >&2; exit 130' INT TERM

# start_emulator CATALOG: serves CATALOG on a free loopback port and sets base_url.
start_emulator() {
  "$work/bin/imagepick-emulator" -listen 127.0.0.1:0 -catalog "$1" >"$work/emulator.out" 2>"$work/emulator.err" &
  emulator_pid=$!
  base_url=""
  for _ in $(seq 1 100); do
    base_url=$(head -n 1 "$work/emulator.out" 2>/dev/null || true)
    [ -n "$base_url" ] && break
    kill -0 "$emulator_pid" 2>/dev/null || break
    sleep 0.1
  done
  if [ -z "$base_url" ]; then
    emulator_pid=""
    fail "the emulator did not start with $1: $(head -n 1 "$work/emulator.err" 2>/dev/null || echo 'no message')"
  fi
  export UCLOUD_API_BASE_URL="$base_url" ZENLAYERCLOUD_BASE_URL="$base_url"
}

# terraform_test LOG: runs terraform test in the example; its status is terraform's.
terraform_test() {
  run terraform -chdir="$example" test -no-color >"$1" 2>&1
}

echo "==> module test: building the provider and the emulator"
run go -C "$provider_source" build -o "$work/bin/terraform-provider-imagepick" . ||
  fail "building the provider in $provider_source failed (see above)"
run go -C "$root" build -o "$work/bin/imagepick-emulator" ./cmd/imagepick-emulator ||
  fail "building the emulator failed (see above)"

cat >"$work/terraformrc" <<HCL
provider_installation {
  dev_overrides {
    "imagepick/imagepick" = "$work/bin"
  }
  direct {}
}
HCL
# dev_overrides needs no terraform init, so nothing is installed; TF_DATA_DIR keeps anything else in $work.
export TF_CLI_CONFIG_FILE="$work/terraformrc" TF_DATA_DIR="$work/.terraform" TF_IN_AUTOMATION=1 CHECKPOINT_DISABLE=1
# The emulator's default test credentials (the -ucloud-* and -zenlayer-* flag defaults).
export UCLOUD_PUBLIC_KEY=ucloudsomeone@example.com1296235120854146120
export UCLOUD_PRIVATE_KEY=46f09bb9fab4f12dfc160dae12273d5332b5debe
export ZENLAYERCLOUD_ACCESS_KEY_ID=AKIDzenlayerTEST0001 ZENLAYERCLOUD_ACCESS_KEY_PASSWORD=zenlayerTESTpassword0001
unset UCLOUD_REGION UCLOUD_ZONE UCLOUD_PROJECT_ID UCLOUD_PROFILE UCLOUD_SHARED_CREDENTIAL_FILE \
  UCLOUD_SHARED_CONFIG_FILE ZENLAYERCLOUD_DOMAIN ZENLAYERCLOUD_SCHEME TF_CLI_ARGS TF_CLI_ARGS_test

echo "==> module test: terraform test in examples/module-test"
start_emulator "$example/catalog.json"
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

# The same catalog with the UCloud images moved to region cn-sh2, which the tests do not use, and the Zenlayer
# images installing on no instance type: a test that still passes would not depend on the catalog.
echo "==> module test: the same tests against the catalog with its images moved away must all fail"
sed -e 's/"cn-bj2/"cn-sh2/g' -e 's/"instanceTypeIds": \[[^]]*\]/"instanceTypeIds": []/g' \
  "$example/catalog.json" >"$work/moved.json"
if grep -q '"cn-bj2' "$work/moved.json" || grep -q '"instanceTypeIds": \["' "$work/moved.json"; then
  fail "could not move every image of examples/module-test/catalog.json away: keep Region, Zone and instanceTypeIds on the lines the sed in $0 expects"
fi
start_emulator "$work/moved.json"
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
