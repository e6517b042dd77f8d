#!/usr/bin/env bash
# Drives deskpane-spemu with PnPjs (@pnp/sp 4.x from npm): three emulators on
# free loopback ports (demo, --auth bearer, --faults 503:1), each stopped by
# PID. Prints "N passed, N failed"; exits non-zero on any failure.
set -uo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
source_dir="${DESKPANE_SOURCE_DIR:-$(cd "$here/../.." && pwd)}"
bin_dir="${DESKPANE_BIN_DIR:-$source_dir/build/bin}"
spemu="$bin_dir/deskpane-spemu"
work="$(mktemp -d)"
pids=()

cleanup() {
  for pid in "${pids[@]}"; do
    kill -TERM "$pid" 2>/dev/null
    for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$pid" 2>/dev/null
  done
  rm -rf "$work"
}
trap cleanup EXIT

fail_early() {
  echo "not ok - $1"
  echo "0 passed, 1 failed"
  exit 1
}

[ -x "$spemu" ] || fail_early "deskpane-spemu not built at $spemu"
command -v node >/dev/null || fail_early "node is not installed"
if [ ! -d "$here/pnpjs/node_modules/@pnp/sp" ]; then
  "$source_dir/scripts/setup-node-deps" >/dev/null 2>&1 || fail_early "npm ci in tests/integration/pnpjs failed"
fi

# start NAME ARGS...: runs the emulator, waits for its listening line, sets $url
start() {
  local name="$1"; shift
  : >"$work/$name.out"  # the job below opens it only once it runs
  "$spemu" --port 0 --data :memory: "$@" >"$work/$name.out" 2>"$work/$name.err" &
  pids+=("$!")
  for _ in $(seq 100); do
    url="$(sed -n 's/^deskpane-spemu listening on //p' "$work/$name.out")"
    [ -n "$url" ] && return 0
    sleep 0.1
  done
  cat "$work/$name.err" >&2
  fail_early "emulator $name did not start"
}

start demo --seed demo; demo="$url"
start bearer --seed demo --auth bearer; bearer="$url"
start faulty --seed empty --faults 503:1; faulty="$url"

(cd "$here/pnpjs" && node checks.mjs "$demo" "$bearer" "$faulty")
