# Shared by scripts/demo.sh, scripts/module-test.sh and scripts/release-check.sh (sourced, not run). The caller
# defines `work` (a temporary directory holding bin/imagepick-emulator) and `fail MESSAGE` before sourcing it, and
# calls `stop_children` from its EXIT trap.

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

# start_emulator LISTEN [FLAGS...]: starts the emulator and sets base_url to the URL it prints first.
start_emulator() {
  local listen=$1
  shift
  "$work/bin/imagepick-emulator" -listen "$listen" "$@" >"$work/emulator.out" 2>"$work/emulator.err" &
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
    fail "the emulator could not start on $listen${*:+ with $*}: $(head -n 1 "$work/emulator.err" 2>/dev/null || echo 'no message')"
  fi
}

stop_emulator() {
  if [ -n "$emulator_pid" ]; then
    kill "$emulator_pid" 2>/dev/null || true
    wait "$emulator_pid" 2>/dev/null || true
    emulator_pid=""
  fi
}

# stop_children ends the command run is waiting for, and the emulator.
stop_children() {
  if [ -n "$child" ]; then
    kill "$child" 2>/dev/null || true
    wait "$child" 2>/dev/null || true
  fi
  stop_emulator
}

# use_emulator points Terraform at the provider in $work/bin (dev_overrides: no terraform init) and the provider at
# the emulator on base_url with its default test credentials; variables that would redirect lookups are unset.
use_emulator() {
  cat >"$work/terraformrc" <<HCL
provider_installation {
  dev_overrides {
    "imagepick/imagepick" = "$work/bin"
  }
  direct {}
}
HCL
  export TF_CLI_CONFIG_FILE="$work/terraformrc" TF_DATA_DIR="$work/.terraform" TF_IN_AUTOMATION=1 CHECKPOINT_DISABLE=1
  emulator_env
}

# emulator_env points the provider, however Terraform installed it, at the emulator on base_url.
emulator_env() {
  export UCLOUD_API_BASE_URL="$base_url" ZENLAYERCLOUD_BASE_URL="$base_url"
  # The emulator's default test credentials (the -ucloud-* and -zenlayer-* flag defaults).
  export UCLOUD_PUBLIC_KEY=ucloudsomeone@example.com1296235120854146120
  export UCLOUD_PRIVATE_KEY=46f09bb9fab4f12dfc160dae12273d5332b5debe
  export ZENLAYERCLOUD_ACCESS_KEY_ID=AKIDzenlayerTEST0001 ZENLAYERCLOUD_ACCESS_KEY_PASSWORD=zenlayerTESTpassword0001
  unset UCLOUD_REGION UCLOUD_ZONE UCLOUD_PROJECT_ID UCLOUD_PROFILE UCLOUD_SHARED_CREDENTIAL_FILE \
    UCLOUD_SHARED_CONFIG_FILE ZENLAYERCLOUD_DOMAIN ZENLAYERCLOUD_SCHEME TF_CLI_ARGS TF_CLI_ARGS_test TF_CLI_ARGS_apply
}
