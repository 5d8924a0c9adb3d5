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
emulator_pid=""
child=""
# run waits for a command started in the background, so that Ctrl-C reaches the traps at once rather than after
# the command (go build, for one, finishes what it is doing first).
run() {
  "$@" &
  child=$!
  local rc=0
  wait "$child" || rc=$?
  child=""
  return "$rc"
}
cleanup() {
  if [ -n "$child" ]; then
    kill "$child" 2>/dev/null || true
    wait "$child" 2>/dev/null || true
  fi
  if [ -n "$emulator_pid" ]; then
    kill "$emulator_pid" 2>/dev/null || true
    wait "$emulator_pid" 2>/dev/null || true
  fi
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
"$work/bin/imagepick-emulator" -listen "$listen" >"$work/emulator.out" 2>"$work/emulator.err" &
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
  fail "the emulator could not start on $listen: $(head -n 1 "$work/emulator.err" 2>/dev/null || echo 'no message')"
fi
echo "    emulator at $base_url"

cat >"$work/terraformrc" <<HCL
provider_installation {
  dev_overrides {
    "imagepick/imagepick" = "$work/bin"
  }
  direct {}
}
HCL
cp "$root"/examples/demo/*.tf "$work/"

export TF_CLI_CONFIG_FILE="$work/terraformrc" TF_DATA_DIR="$work/.terraform" TF_IN_AUTOMATION=1
export UCLOUD_API_BASE_URL="$base_url" UCLOUD_REGION=cn-bj2
export UCLOUD_PUBLIC_KEY=ucloudsomeone@example.com1296235120854146120
export UCLOUD_PRIVATE_KEY=46f09bb9fab4f12dfc160dae12273d5332b5debe
export ZENLAYERCLOUD_BASE_URL="$base_url"
export ZENLAYERCLOUD_ACCESS_KEY_ID=AKIDzenlayerTEST0001 ZENLAYERCLOUD_ACCESS_KEY_PASSWORD=zenlayerTESTpassword0001
unset UCLOUD_ZONE UCLOUD_PROJECT_ID UCLOUD_PROFILE UCLOUD_SHARED_CREDENTIAL_FILE UCLOUD_SHARED_CONFIG_FILE \
  ZENLAYERCLOUD_DOMAIN ZENLAYERCLOUD_SCHEME

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
