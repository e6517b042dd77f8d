# shellcheck shell=bash
# Shared set-up for the pane and tray GUI tests (sourced after lib.sh): the
# demo emulator, a settings file with all five panes, and helpers that read
# the app's "deskpane: ..." stdout lines.

# Starts deskpane-spemu with demo data; sets SITE and ORIGIN.
start_emulator() {
  gui_spawn emu "$DESKPANE_BIN_DIR/deskpane-spemu" --port 0 --data :memory: --seed "${EMU_SEED:-demo}"
  wait_until 90 grep -q "listening on" "$GUI_TMP/emu.log" || { gui_log "emulator did not start"; exit 1; }
  SITE=$(grep -o 'http://[^ ]*' "$GUI_TMP/emu.log" | head -n1)
  ORIGIN=${SITE%/sites/*}
}

# Writes $CONFIG with only the Calendar pane: WIDTH HEIGHT VIEW (month, week,
# day or agenda) at 40,40.
write_calendar_settings() {
  CONFIG=$GUI_TMP/settings.ini
  cat >"$CONFIG" <<INI
[site]
url=$SITE
auth=none
[app]
autostart=false
locked=false
[calendar]
list=Calendar
visible=true
x=40
y=40
width=$1
height=$2
opacity=85
view=$3
INI
}

# Writes $CONFIG with the five panes side by side (KEY=VALUE overrides for [app]).
write_settings() {
  CONFIG=$GUI_TMP/settings.ini
  cat >"$CONFIG" <<INI
[site]
url=$SITE
auth=none
[app]
autostart=false
locked=${LOCKED:-false}
[calendar]
list=Calendar
visible=true
x=40
y=60
width=400
height=340
opacity=85
[contacts]
list=Contacts
visible=true
x=460
y=60
width=380
height=340
opacity=70
[tasks]
list=Tasks
visible=true
x=860
y=60
width=380
height=340
opacity=100
[notes]
list=Notes
visible=true
x=40
y=440
width=400
height=320
opacity=50
[inbox]
list=Inbox
visible=true
x=460
y=440
width=480
height=320
opacity=85
INI
}

# Starts the app (log $GUI_TMP/NAME.log); sets APP to its PID.
start_app() {
  local name=${1:-app}
  shift || true
  # Row tracing (a log line per row, for the tests' checks) unless NO_TRACE_ROWS
  # is set: benchmarks measure the app as users run it.
  if [ -n "${NO_TRACE_ROWS:-}" ]; then
    gui_spawn "$name" "$DESKPANE_BIN_DIR/deskpane" --config "$CONFIG" --cache "$GUI_TMP/cache.sqlite3" "$@"
  else
    DESKPANE_TRACE_ROWS=1 gui_spawn "$name" "$DESKPANE_BIN_DIR/deskpane" --config "$CONFIG" \
      --cache "$GUI_TMP/cache.sqlite3" "$@"
  fi
  APP=$GUI_LAST_PID
  APP_LOG=$GUI_TMP/$name.log
}

# Waits until the app logged a line matching REGEX (extended grep).
wait_log() { wait_until "${2:-20}" grep -Eq "$1" "$APP_LOG"; }

# The X window id the app reported for pane KIND (last "shown" line).
pane_xid() { grep -Eo "pane $1 shown xid=0x[0-9a-f]+" "$APP_LOG" | tail -n1 | sed 's/.*xid=//'; }

# "X Y W H" of a window from xwininfo.
window_geometry() {
  xwininfo -id "$1" 2>/dev/null | awk '
    /Absolute upper-left X/ { x = $4 } /Absolute upper-left Y/ { y = $4 }
    /Width:/ { w = $2 } /Height:/ { h = $2 } END { print x, y, w, h }'
}

# Opens the tray menu and picks the Nth item (1 = Calendar ... see DESIGN §1:
# Calendar Contacts Tasks Notes Inbox | Sync all, Lock panes, Settings…,
# Start at login | Quit; separators are skipped by the keyboard).
tray_menu_pick() {
  local n=$1 i
  tray_menu_open || return 1
  wait_until 5 menu_window_xid || return 1
  for ((i = 0; i < n; i++)); do xdotool key Down; sleep 0.08; done
  sleep 0.2
  xdotool key Return
  sleep 0.4
}

# Stops PID with SIGTERM and sets STATUS to its exit status. Not meant for
# $(...): a subshell cannot wait for its parent's children (wait_exit there
# reports -1).
stop_app() {
  kill -TERM "$1" 2>/dev/null
  wait_exit "$1" 15 >"$GUI_TMP/exit-status"
  STATUS=$(cat "$GUI_TMP/exit-status")
}

# _MOTIF_WM_HINTS decorations field (the third number) is 0: no title bar or border.
undecorated() { xprop -id "$1" _MOTIF_WM_HINTS | awk -F'= ' '{ split($2, f, ", "); exit !(f[3] == "0x0") }'; }
