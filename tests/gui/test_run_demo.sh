#!/usr/bin/env bash
# The README's first command as a new user meets it: a fresh clone of the
# repository, no $DISPLAY, `scripts/run`. It must exit 0, write the demo's
# screenshots, and leave no process and no harness folder behind.
#
# Every process the run starts inherits a tag in its environment, so the ones
# it leaves behind are found in /proc whatever they were reparented to, and
# other users' X servers on the same machine are never mistaken for ours.
# The leftovers found are stopped by PID.
. "$(dirname "$0")/lib.sh"

# One run per CI: the sanitizer build would only repeat the same shell script
# (scripts/run builds its own tree in the clone, not the sanitizer one).
if [[ "$DESKPANE_BUILD_DIR" == *build-asan ]]; then
  gui_log "skipped: scripts/run is tested once, by the normal build's suite"
  echo "0 passed, 0 failed (skipped)"
  exit 0
fi
if ! git -C "$DESKPANE_SOURCE_DIR" rev-parse --verify -q HEAD >/dev/null; then
  gui_log "skipped: $DESKPANE_SOURCE_DIR is not a git checkout"
  echo "0 passed, 0 failed (skipped)"
  exit 0
fi

tag=deskpane-run-demo-$$-$RANDOM
clone=$GUI_TMP/clone
run_tmp=$GUI_TMP/tmp  # the run's TMPDIR, so its harness folders are ours alone
mkdir -p "$run_tmp"

# PIDs of live processes whose environment carries the run's tag (one grep
# over /proc: environ entries end in NUL, hence -z).
tagged_pids() {
  grep -lzx "DESKPANE_RUN_DEMO_TAG=$tag" /proc/[0-9]*/environ 2>/dev/null | sed -n 's|^/proc/\([0-9]*\)/environ$|\1|p'
  return 0
}

no_tagged_pids() { [ -z "$(tagged_pids)" ]; }

stop_leftovers() {
  local pid
  for pid in $(tagged_pids); do
    kill -KILL "$pid" 2>/dev/null || true
  done
}
trap 'stop_leftovers; gui_stop_all' EXIT

git clone -q "$DESKPANE_SOURCE_DIR" "$clone"
gui_log "fresh clone of $(git -C "$clone" rev-parse --short HEAD) in $clone"

# A new user's shell: no display, no session bus, nothing of this harness.
# ccache is kept (and told to ignore the clone's directory) so that CI does
# not rebuild from nothing.
(cd "$clone" && exec env -i PATH="$PATH" HOME="$HOME" USER="${USER:-$(id -un)}" LANG="${LANG:-C.UTF-8}" \
  TMPDIR="$run_tmp" CCACHE_DIR="${CCACHE_DIR:-$HOME/.cache/deskpane-ccache}" CCACHE_NOHASHDIR=1 \
  DESKPANE_RUN_DEMO_TAG="$tag" scripts/run) </dev/null >"$GUI_TMP/run.out" 2>&1
status=$?
gui_log "scripts/run exited with $status; its last lines:"
tail -n 8 "$GUI_TMP/run.out" | sed 's/^/    /'

check_eq "scripts/run exits 0" 0 "$status"
for shot in desktop tray-menu; do
  png=$clone/out/demo/demo-$shot.png
  check "screenshot $shot written" bash -c "identify '$png' | grep -q ' PNG 1280x800 '"
  check "screenshot $shot path printed" grep -qxF "$png" "$GUI_TMP/run.out"
done

# Processes end asynchronously after SIGTERM's last wait; give stragglers a moment.
wait_until 3 no_tagged_pids
left=""
for pid in $(tagged_pids); do
  left+=" $pid:$(cat "/proc/$pid/comm" 2>/dev/null)"
done
check_eq "no process of the run is left" "" "${left# }"
leftdirs=$(find "$run_tmp" -maxdepth 1 -name 'deskpane-gui-*' -printf '%f ' 2>/dev/null)
check_eq "no harness folder is left" "" "${leftdirs% }"

gui_finish
