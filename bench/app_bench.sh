#!/usr/bin/env bash
# The app's start-up, memory and idle figures, under the GUI test stack
# (Xvfb, openbox, trayer, xcompmgr). Prints one "name value unit" line each:
#   app_start_tray_mapped_ms     launch → tray icon docked (a site, every pane hidden)
#   app_start_five_panes_ms      launch → five panes shown with their rows, warm cache
#   app_rss_no_panes_mb          RSS with the tray only
#   app_rss_five_panes_mb        RSS with five panes showing the demo lists
#   app_private_no_panes_mb      the process's own memory (anonymous pages: heap,
#   app_private_five_panes_mb    stacks), without the shared libraries and fonts
#                                that RSS also counts (GTK3 + wx map ~30 MB of them)
#   app_start_pane_paint_max_ms  at start-up, the slowest pane's Show() → first
#                                paint done (the app's "painted N ms after show"
#                                line; start-up work lies between the two)
#   app_pane_toggle_paint_ms     a hidden pane shown once the app is up: Show() →
#                                its first paint done
#   app_idle_wakeups_per_min     voluntary context switches of all threads while idle
# Usage: bench/app_bench.sh [BUILD_DIR]   (IDLE_SECONDS=60 by default)
#   EMU_SEED=bulk:10000 bench/app_bench.sh   five lists of 10,000 items each
DESKPANE_BUILD_DIR=${1:-${DESKPANE_BUILD_DIR:-$(cd "$(dirname "$0")/.." && pwd)/build}}
DESKPANE_BIN_DIR=$DESKPANE_BUILD_DIR/bin
export DESKPANE_BUILD_DIR DESKPANE_BIN_DIR
IDLE_SECONDS=${IDLE_SECONDS:-60}
GUI_TEST_NAME=app_bench
NO_TRACE_ROWS=1  # no per-row log lines: the app as users run it
. "$(dirname "$0")/../tests/gui/lib.sh"
. "$(dirname "$0")/../tests/gui/fixture_panes.sh"
gui_start >/dev/null

now_ms() { date +%s%3N; }
rss_mb() { awk '/^VmRSS:/ { printf "%.1f", $2 / 1024 }' "/proc/$1/status"; }
private_mb() { awk '/^RssAnon:/ { printf "%.1f", $2 / 1024 }' "/proc/$1/status"; }
# "TID COUNT" per thread of PID: voluntary context switches (= wake-ups from sleep).
wakeups() {
  local t
  for t in /proc/"$1"/task/*; do
    awk -v tid="${t##*/}" '/^voluntary_ctxt_switches:/ { print tid, $2 }' "$t/status" 2>/dev/null
  done
}
# Wake-ups between two snapshots: threads in both count their difference,
# threads started in between count all of theirs.
wakeup_delta() { awk 'NR == FNR { a[$1] = $2; next } { d += $2 - ($1 in a ? a[$1] : 0) } END { print d + 0 }' "$1" "$2"; }
# Polls CMD every 10 ms (wait_until's 100 ms is too coarse for a start-up time).
poll() {
  local deadline=$(( $(now_ms) + 30000 ))
  until "$@" >/dev/null 2>&1; do
    [ "$(now_ms)" -ge "$deadline" ] && return 1
    sleep 0.01
  done
}

# A first run fills the cache; the measured runs start warm (as at login).
start_emulator
write_settings
start_app warmup
wait_log "pane inbox (shown xid=0x[0-9a-f]+ )?rows=[1-9]" 60 && wait_until 120 bash -c "[ \$(grep -c 'Synced' '$APP_LOG') -ge 5 ]"
stop_app "$APP"

# 1. Cold start to the tray icon, every pane hidden.
sed -i 's/^visible=true/visible=false/' "$CONFIG"
t0=$(now_ms)
start_app tray-only
poll tray_icon_xid || { echo "tray icon never docked" >&2; exit 1; }
echo "app_start_tray_mapped_ms $(( $(now_ms) - t0 )) ms"
wait_until 30 bash -c "[ \$(grep -c 'Synced' '$APP_LOG') -ge 5 ]"
sleep 2
echo "app_rss_no_panes_mb $(rss_mb "$APP") MB"
echo "app_private_no_panes_mb $(private_mb "$APP") MB"
stop_app "$APP"

# 2. Five panes painted from the warm cache.
write_settings
t0=$(now_ms)
start_app warm
poll bash -c "[ \$(grep -Ec 'pane [a-z]+ shown xid=0x[0-9a-f]+ rows=[1-9]' '$APP_LOG') -ge 5 ]" \
  || { echo "five panes never painted" >&2; exit 1; }
echo "app_start_five_panes_ms $(( $(now_ms) - t0 )) ms"
poll bash -c "[ \$(grep -c 'painted .* ms after show' '$APP_LOG') -ge 5 ]"
grep -o 'pane [a-z]* painted [0-9.]* ms after show rows=[0-9]*' "$APP_LOG" | sed 's/^/# /'
grep -o 'painted [0-9.]* ms' "$APP_LOG" | awk '{ if ($2 > m) m = $2 } END { printf "app_start_pane_paint_max_ms %.1f ms\n", m }'
wait_until 30 bash -c "[ \$(grep -c 'Synced' '$APP_LOG') -ge 5 ]"
sleep 2
echo "app_rss_five_panes_mb $(rss_mb "$APP") MB"
echo "app_private_five_panes_mb $(private_mb "$APP") MB"

# 2b. A pane turned on once the app is up: a second launch hides all panes,
# `--show tasks` brings that one back; the app logs Show() → first paint.
"$DESKPANE_BIN_DIR/deskpane" --config "$CONFIG" >/dev/null 2>&1
wait_until 10 bash -c "[ \$(grep -c 'pane [a-z]* hidden' '$APP_LOG') -ge 5 ]"
sleep 1
"$DESKPANE_BIN_DIR/deskpane" --config "$CONFIG" --show tasks >/dev/null 2>&1
wait_until 10 bash -c "[ \$(grep -c 'pane tasks painted' '$APP_LOG') -ge 2 ]"
grep -o 'pane tasks painted [0-9.]* ms' "$APP_LOG" | tail -n1 |
  awk '{ printf "app_pane_toggle_paint_ms %.1f ms\n", $4 }'

# 3. Idle: nothing moves the pointer, no sync is due; count wake-ups.
sleep 3
wakeups "$APP" >"$GUI_TMP/wake0"
sleep "$IDLE_SECONDS"
wakeups "$APP" >"$GUI_TMP/wake1"
awk -v d="$(wakeup_delta "$GUI_TMP/wake0" "$GUI_TMP/wake1")" -v s="$IDLE_SECONDS" 'BEGIN { printf "app_idle_wakeups_per_min %.1f per_min\n", d * 60 / s }'
stop_app "$APP"
