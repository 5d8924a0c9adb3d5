#!/usr/bin/env bash
# make release-check: build this machine's platform as the release names it (version 0.0.0-check), then install
# the provider zip the way users do. Steps:
#   1. go run ./internal/release/cmd/release-check: the provider zip, the emulator zip, the registry manifest and
#      SHA256SUMS, built with the release's flags, into a temporary folder;
#   2. internal/release's tests: those names are the ones .goreleaser.yml's templates give, and the folder holds
#      exactly a release (one executable in the provider zip, sums that match, the manifest);
#   3. for terraform, and for tofu when it is on PATH: a CLI configuration whose only installation method is a
#      filesystem_mirror holding the zip (no dev_overrides, no registry), `init` in a copy of examples/demo, the
#      lock file must record the zip's h1 hash, `plan` against the emulator taken from its own release zip;
#   4. no example folder may resolve hashicorp/imagepick (`providers`, which reads the configuration only).
# Everything is written under one temporary directory, removed at exit; Ctrl-C exits 130.
#
# TERRAFORM and TOFU name the binaries (default: terraform, and tofu when on PATH); set one empty to skip it.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
version=0.0.0-check
fail() { echo "release-check: $*" >&2; exit 1; }

terraform_cli=${TERRAFORM-terraform}
tofu_cli=${TOFU-$(command -v tofu || true)}
[ -n "$terraform_cli$tofu_cli" ] || fail "TERRAFORM and TOFU are both empty: nothing to install the provider with"
if [ -n "$terraform_cli" ]; then
  command -v "$terraform_cli" >/dev/null 2>&1 || fail "$terraform_cli not found: install Terraform >= 1.4 and retry"
fi
command -v go >/dev/null 2>&1 || fail "go not found on PATH: install Go >= 1.26 and retry"
command -v unzip >/dev/null 2>&1 || fail "unzip not found on PATH: install it (apt-get install unzip) and retry"

work=$(mktemp -d "${TMPDIR:-/tmp}/imagepick-release-check.XXXXXX")
# shellcheck source=scripts/lib.sh
. "$root/scripts/lib.sh"
cleanup() {
  stop_children
  rm -rf "$work"
}
trap cleanup EXIT
trap 'echo "release-check: interrupted" >&2; exit 130' INT TERM
started=$SECONDS

echo "==> release-check: building $version as the release does"
mkdir "$work/dist"
run go -C "$root" run ./internal/release/cmd/release-check -version "$version" -out "$work/dist" >"$work/packed.env" ||
  fail "building or packing the release failed (see above)"
os="" arch="" provider_zip="" emulator_zip="" checksums="" manifest="" provider_h1=""
while IFS= read -r line; do
  value=${line#*=}
  case "${line%%=*}" in
    os) os=$value ;;
    arch) arch=$value ;;
    provider_zip) provider_zip=$value ;;
    emulator_zip) emulator_zip=$value ;;
    checksums) checksums=$value ;;
    manifest) manifest=$value ;;
    provider_h1) provider_h1=$value ;;
  esac
done <"$work/packed.env"
for value in "$os" "$arch" "$provider_zip" "$emulator_zip" "$checksums" "$manifest" "$provider_h1"; do
  [ -n "$value" ] || { cat "$work/packed.env" >&2; fail "the packer did not report every file (its output is above)"; }
done
for f in "$provider_zip" "$emulator_zip" "$checksums" "$manifest"; do
  echo "    $(basename "$f") ($(wc -c <"$f" | tr -d ' ') bytes)"
done

echo "==> release-check: the names are .goreleaser.yml's, the folder is a release"
IMAGEPICK_RELEASE_CHECK_DIR="$work/dist" IMAGEPICK_RELEASE_CHECK_OS="$os" IMAGEPICK_RELEASE_CHECK_ARCH="$arch" \
  run go -C "$root" test -count=1 -run '^(TestGoreleaserNamesMatchTheCheck|TestPackedFolderIsARelease)$' ./internal/release/ ||
  fail "the release folder does not match .goreleaser.yml (see above)"

mkdir "$work/bin"
unzip -q "$emulator_zip" -d "$work/emulator"
mv "$work/emulator/$(basename "$emulator_zip" | sed -E 's/_[^_]+_[^_]+_[^_]+\.zip$//')" "$work/bin/imagepick-emulator" ||
  fail "$(basename "$emulator_zip") does not hold imagepick-emulator"

# install_and_plan NAME BINARY HOST: init from a filesystem mirror holding only the zip, check the lock file, plan
# the demo, and read every example folder's providers.
install_and_plan() {
  local name=$1 cli=$2 host=$3
  local dir="$work/$name" address
  address="$host/imagepick/imagepick"
  mkdir -p "$dir/mirror/$address" "$dir/demo"
  cp "$provider_zip" "$dir/mirror/$address/"
  cat >"$dir/cli.tfrc" <<HCL
provider_installation {
  filesystem_mirror {
    path    = "$dir/mirror"
    include = ["$address"]
  }
}
HCL
  cp "$root"/examples/demo/*.tf "$dir/demo/"
  # The demo takes any version; pinning the check version proves the mirror's package is the one installed.
  cat >"$dir/demo/release_check_override.tf" <<HCL
terraform {
  required_providers {
    imagepick = {
      source  = "imagepick/imagepick"
      version = "$version"
    }
  }
}
HCL
  export TF_CLI_CONFIG_FILE="$dir/cli.tfrc" TOFU_CLI_CONFIG_FILE="$dir/cli.tfrc" TF_DATA_DIR="$dir/.terraform"
  export TF_IN_AUTOMATION=1 CHECKPOINT_DISABLE=1
  unset TF_PLUGIN_CACHE_DIR

  echo "==> release-check: $name init from a filesystem mirror ($("$cli" version | sed -n 1p))"
  if ! run "$cli" -chdir="$dir/demo" init -input=false -no-color >"$dir/init.log" 2>&1; then
    cat "$dir/init.log" >&2
    fail "$name init from the filesystem mirror failed (its output is above)"
  fi
  grep -E "Installed imagepick/imagepick v$version|Installing imagepick/imagepick v$version" "$dir/init.log" | sed 's/^- /    /'

  # The lock file's block for the provider: from a mirror only h1 (the zip's contents) is known.
  local lock="$dir/demo/.terraform.lock.hcl" block
  [ -f "$lock" ] || fail "$name init wrote no .terraform.lock.hcl"
  block=$(awk -v a="provider \"$address\"" 'index($0, a) == 1 { on = 1 } on { print } on && /^}/ { exit }' "$lock")
  [ -n "$block" ] || { cat "$lock" >&2; fail "the lock file has no block for $address (it is above)"; }
  grep -q "version *= *\"$version\"" <<<"$block" || { echo "$block" >&2; fail "the lock file does not record version $version"; }
  local hashes
  hashes=$(grep -oE '"(h1|zh):[^"]+"' <<<"$block" | tr -d '"')
  [ "$hashes" = "$provider_h1" ] || {
    echo "$block" >&2
    fail "the lock file records hashes [$(echo "$hashes" | paste -sd' ' -)], the zip's contents hash to $provider_h1"
  }
  echo "    .terraform.lock.hcl: $address $version $provider_h1"

  start_emulator 127.0.0.1:0
  emulator_env
  export UCLOUD_REGION=cn-bj2
  echo "==> release-check: $name plan (examples/demo) against the emulator from its release zip"
  if ! run "$cli" -chdir="$dir/demo" plan -input=false -no-color -lock=false >"$dir/plan.log" 2>&1; then
    cat "$dir/plan.log" >&2
    fail "$name plan of examples/demo with the installed provider failed (its output is above)"
  fi
  # Every resource of the demo is planned only when every data source it reads was read.
  resources=$(cat "$root"/examples/demo/*.tf | grep -c '^resource "')
  grep -qE "^Plan: $resources to add, 0 to change, 0 to destroy" "$dir/plan.log" ||
    { cat "$dir/plan.log" >&2; fail "$name plan did not plan the demo's $resources resources (its output is above)"; }
  echo "    $(grep -E '^Plan: ' "$dir/plan.log")"
  stop_emulator
  unset UCLOUD_REGION

  # `providers` reads a configuration without installing anything: an example without a required_providers entry
  # for imagepick shows up as hashicorp/imagepick.
  echo "==> release-check: $name providers in every example folder"
  local example listed checked=0 newer=()
  while IFS= read -r example; do
    if ! listed=$(cd "$root/$example" && "$cli" providers -no-color 2>&1); then
      # examples/module-test needs terraform test (1.6): an older CLI refuses to read it at all.
      if grep -qE 'Unsupported (Terraform|OpenTofu) Core version' <<<"$listed"; then
        newer+=("$example")
        continue
      fi
      echo "$listed" >&2
      fail "$name providers failed in $example"
    fi
    grep -q "provider\[$address\]" <<<"$listed" || { echo "$listed" >&2; fail "$example does not require $address"; }
    if grep -q "hashicorp/imagepick" <<<"$listed"; then
      echo "$listed" >&2
      fail "$example resolves hashicorp/imagepick: declare imagepick = { source = \"imagepick/imagepick\" } in its required_providers"
    fi
    checked=$((checked + 1))
  done < <(cd "$root" && find examples -name '*.tf' -not -path '*/.terraform/*' -exec dirname {} \; | sort -u)
  echo "    $checked example folders require $address only${newer[*]:+ (${newer[*]} needs a newer $name)}"
}

if [ -n "$terraform_cli" ]; then
  install_and_plan terraform "$terraform_cli" registry.terraform.io
fi
if [ -n "$tofu_cli" ]; then
  install_and_plan tofu "$tofu_cli" registry.opentofu.org
elif [ -z "${TOFU+set}" ]; then
  echo "==> release-check: tofu not on PATH, OpenTofu not checked (install it, or see make compat)"
fi
echo "==> release-check: passed in $((SECONDS - started))s"
