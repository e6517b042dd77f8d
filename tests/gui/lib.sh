# shellcheck shell=bash
# GUI test harness: the real app under Xvfb with a window manager (openbox), an
# XEmbed tray host (trayer), a compositor (xcompmgr) and a private D-Bus session
# with an unlocked gnome-keyring. Source it from tests/gui/test_*.sh:
#
#   . "$(dirname "$0")/lib.sh"
#   gui_start
#   gui_spawn app "$DESKPANE_BIN_DIR/deskpane" --config "$GUI_TMP/settings.ini"
#   check "tray icon embedded" tray_icon_xid
#   gui_finish
#
# Every process started here is recorded and stopped by PID on exit, pass or fail.
set -uo pipefail

GUI_TEST_NAME=${GUI_TEST_NAME:-$(basename "${0%.sh}")}
DESKPANE_SOURCE_DIR=${DESKPANE_SOURCE_DIR:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)}
DESKPANE_BUILD_DIR=${DESKPANE_BUILD_DIR:-$DESKPANE_SOURCE_DIR/build}
DESKPANE_BIN_DIR=${DESKPANE_BIN_DIR:-$DESKPANE_BUILD_DIR/bin}
GUI_SCREENSHOTS=${GUI_SCREENSHOTS:-$DESKPANE_BUILD_DIR/test-screenshots}
GUI_WIDTH=${GUI_WIDTH:-1280}
GUI_HEIGHT=${GUI_HEIGHT:-800}
GUI_PASSED=0
GUI_FAILED=0
GUI_PIDS=()
GUI_TMP=$(mktemp -d "${TMPDIR:-/tmp}/deskpane-gui-XXXXXX")
export GUI_TMP

gui_log() { printf '[%s] %s\n' "$GUI_TEST_NAME" "$*"; }

# Starts CMD in the background with its output in $GUI_TMP/NAME.log and
# records its PID for gui_stop_all. Prints nothing; sets GUI_LAST_PID.
gui_spawn() {
  local name=$1; shift
  "$@" >"$GUI_TMP/$name.log" 2>&1 &
  GUI_LAST_PID=$!
  GUI_PIDS+=("$GUI_LAST_PID")
  eval "GUI_PID_${name//[^A-Za-z0-9_]/_}=$GUI_LAST_PID"
}

# Stops one PID: SIGTERM, up to 5 s, then SIGKILL. Prints the exit status.
# Safe under `set -e` (scripts/run sources this file): a process that already
# ended makes kill fail, and that must not end the caller's cleanup early.
gui_stop_pid() {
  local pid=$1 i rc=0
  if kill -TERM "$pid" 2>/dev/null; then
    for ((i = 0; i < 50; i++)); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.1
    done
    kill -KILL "$pid" 2>/dev/null || true
  fi
  wait "$pid" 2>/dev/null || rc=$?
  echo "$rc"
}

# Waits up to TIMEOUT s for PID (a child of this shell) to exit by itself and
# prints its exit status, or "timeout". Call it directly, never inside $(...):
# a subshell cannot wait for its parent's children. Redirect to a file instead.
wait_exit() {
  local pid=$1 timeout=$2
  wait_until "$timeout" bash -c "! kill -0 $pid" || { echo timeout; return 1; }
  wait "$pid" 2>/dev/null
  echo $?
}

# Stops every recorded process, newest first, and removes $GUI_TMP. It runs
# from EXIT traps, possibly under `set -e`: no command in it may fail.
gui_stop_all() {
  local i
  for ((i = ${#GUI_PIDS[@]} - 1; i >= 0; i--)); do
    gui_stop_pid "${GUI_PIDS[$i]}" >/dev/null || true
  done
  GUI_PIDS=()
  [ -n "${GUI_KEEP_TMP:-}" ] || rm -rf "$GUI_TMP" || true
}
trap gui_stop_all EXIT

# Polls CMD every 0.1 s until it succeeds or TIMEOUT seconds pass.
wait_until() {
  local timeout=$1; shift
  local deadline=$((SECONDS + timeout))
  until "$@" >/dev/null 2>&1; do
    [ $SECONDS -ge $deadline ] && return 1
    sleep 0.1
  done
}

# True once NAME has an owner on the session bus.
bus_name_owned() {
  gdbus call --session --dest org.freedesktop.DBus --object-path /org/freedesktop/DBus \
    --method org.freedesktop.DBus.NameHasOwner "$1" 2>/dev/null | grep -q true
}

gui_start() {
  mkdir -p "$GUI_SCREENSHOTS"
  # A private home: settings, cache, keyring and autostart never touch the user's.
  export HOME=$GUI_TMP/home
  export XDG_CONFIG_HOME=$HOME/.config XDG_DATA_HOME=$HOME/.local/share
  export XDG_STATE_HOME=$HOME/.local/state XDG_CACHE_HOME=$HOME/.cache
  export XDG_RUNTIME_DIR=$GUI_TMP/run
  mkdir -p "$XDG_CONFIG_HOME" "$XDG_DATA_HOME" "$XDG_STATE_HOME" "$XDG_CACHE_HOME" "$XDG_RUNTIME_DIR"
  chmod 700 "$XDG_RUNTIME_DIR"
  export NO_AT_BRIDGE=1 GDK_BACKEND=x11
  unset WAYLAND_DISPLAY
  # A dark desktop unless the test says otherwise: the panes follow it
  # (theme=auto), and the tests' pixel checks expect the dark palette.
  # test_theme.sh sets it per run.
  export GTK_THEME=${GTK_THEME:-Adwaita:dark}

  # -displayfd picks a free display; -noreset keeps the server up between clients.
  local dfile=$GUI_TMP/display
  Xvfb -displayfd 3 -screen 0 "${GUI_WIDTH}x${GUI_HEIGHT}x24" -nolisten tcp -noreset \
    3>"$dfile" >"$GUI_TMP/xvfb.log" 2>&1 &
  GUI_PIDS+=($!)
  wait_until 10 test -s "$dfile" || { gui_log "Xvfb did not start"; cat "$GUI_TMP/xvfb.log"; exit 1; }
  export DISPLAY=":$(head -n1 "$dfile")"

  # A private session bus and keyring, both children of this shell so that
  # gui_stop_all stops them by PID (dbus-launch and a daemonising
  # gnome-keyring-daemon would leave processes nobody records).
  dbus-daemon --session --nofork --nopidfile --address="unix:path=$GUI_TMP/bus" \
    --print-address=3 3>"$GUI_TMP/bus.address" >"$GUI_TMP/dbus.log" 2>&1 &
  GUI_PIDS+=($!)
  DBUS_SESSION_BUS_PID=$!
  wait_until 10 test -s "$GUI_TMP/bus.address" || { gui_log "dbus-daemon did not start"; cat "$GUI_TMP/dbus.log"; exit 1; }
  DBUS_SESSION_BUS_ADDRESS=$(head -n1 "$GUI_TMP/bus.address")
  export DBUS_SESSION_BUS_ADDRESS DBUS_SESSION_BUS_PID
  printf '%s' "gui-test-keyring" |
    gnome-keyring-daemon --foreground --unlock --components=secrets >"$GUI_TMP/keyring.log" 2>&1 &
  GUI_PIDS+=($!)
  wait_until 10 bus_name_owned org.freedesktop.secrets ||
    gui_log "gnome-keyring-daemon did not register (secret store tests will fail)"

  gui_spawn openbox openbox --sm-disable
  gui_spawn trayer trayer --edge top --align right --widthtype request --height 32 \
    --SetDockType true --SetPartialStrut true --transparent false --tint 0x333333
  gui_spawn xcompmgr xcompmgr -n
  wait_until 10 "$DESKPANE_BIN_DIR/selowner" WM_S0 _NET_SYSTEM_TRAY_S0 _NET_WM_CM_S0 \
    || { gui_log "window manager, tray or compositor did not come up"; exit 1; }
  # A neutral grey desktop so translucency and screenshots are predictable.
  xsetroot -solid '#808080' 2>/dev/null || true
  gui_log "display $DISPLAY ready (openbox, trayer, xcompmgr, dbus $DBUS_SESSION_BUS_PID)"
}

# --- finding things ---------------------------------------------------------

# XID of the first top-level window whose name matches REGEX (waits TIMEOUT s).
wait_for_window() {
  local timeout=$1 regex=$2 xid=""
  local deadline=$((SECONDS + timeout))
  while [ $SECONDS -lt "$deadline" ]; do
    xid=$(xdotool search --onlyvisible --name "$regex" 2>/dev/null | head -n1)
    [ -n "$xid" ] && { printf '0x%x\n' "$xid"; return 0; }
    sleep 0.1
  done
  return 1
}

# XID of the app's icon docked in trayer: the window of class "deskpane" that
# sits inside trayer's "panel" window in the tree.
tray_icon_xid() {
  xwininfo -root -tree 2>/dev/null | awk '
    /"panel": \("panel" "trayer"\)/ { match($0, /^ */); depth = RLENGTH; inside = 1; next }
    inside { match($0, /^ */); if (RLENGTH <= depth) inside = 0 }
    inside && !found && /\("deskpane" "Deskpane"\)/ { print $1; found = 1 }
    END { exit !found }'
}

# "X Y W H" of the docked icon, in root coordinates.
tray_icon_geometry() {
  local xid
  xid=$(tray_icon_xid) || return 1
  [ -n "$xid" ] || return 1
  xwininfo -id "$xid" | awk '
    /Absolute upper-left X/ { x = $4 } /Absolute upper-left Y/ { y = $4 }
    /Width:/ { w = $2 } /Height:/ { h = $2 } END { print x, y, w, h }'
}

tray_icon_click() {  # BUTTON (1 left, 3 right)
  local x y w h
  read -r x y w h < <(tray_icon_geometry) || return 1
  xdotool mousemove $((x + w / 2)) $((y + h / 2))
  sleep 0.2
  xdotool click "$1"
}

# Opens the tray menu; drive it with keys (menu positions vary between hosts).
tray_menu_open() { tray_icon_click 3 && sleep 0.6; }

# The popup menu window GTK maps for a tray menu, if one is open.
menu_window_xid() {
  local id
  for id in $(xwininfo -root -tree 2>/dev/null | awk '/\("deskpane" "Deskpane"\)/ { print $1 }'); do
    if xprop -id "$id" _NET_WM_WINDOW_TYPE 2>/dev/null | grep -q POPUP_MENU &&
       xwininfo -id "$id" 2>/dev/null | grep -q IsViewable; then
      echo "$id"
      return 0
    fi
  done
  return 1
}

# --- pictures ---------------------------------------------------------------

# Saves the composited screen (or window XID) to
# $GUI_SCREENSHOTS/<test>-NAME.png and prints the path.
screenshot() {
  local name=$1 target=${2:-root}
  local path=$GUI_SCREENSHOTS/$GUI_TEST_NAME-$name.png
  import -window "$target" "$path" 2>/dev/null && echo "$path"
}

# "r,g,b" of pixel X,Y in PNG.
pixel_at() {
  convert "$1" -format '%[fx:int(255*p{'"$2"','"$3"'}.r)],%[fx:int(255*p{'"$2"','"$3"'}.g)],%[fx:int(255*p{'"$2"','"$3"'}.b)]' info: 2>/dev/null
}

# Number of pixels in the W x H rectangle at X,Y of PNG for which the fx
# expression (channels r, g, b in 0..1) is true, e.g. "r>0.6&&g<0.35&&b<0.35".
count_pixels() {
  local png=$1 x=$2 y=$3 w=$4 h=$5 expr=$6
  convert "$png" -crop "${w}x${h}+${x}+${y}" +repage -fx "($expr)?1:0" \
    -format '%[fx:round(mean*w*h)]' info: 2>/dev/null
}

# --- checks -----------------------------------------------------------------

check() {  # DESC CMD...
  local desc=$1; shift
  if "$@" >/dev/null 2>&1; then
    GUI_PASSED=$((GUI_PASSED + 1)); gui_log "ok   $desc"
  else
    GUI_FAILED=$((GUI_FAILED + 1)); gui_log "FAIL $desc"
  fi
}

check_eq() {  # DESC EXPECTED ACTUAL
  if [ "$2" = "$3" ]; then
    GUI_PASSED=$((GUI_PASSED + 1)); gui_log "ok   $1"
  else
    GUI_FAILED=$((GUI_FAILED + 1)); gui_log "FAIL $1: expected '$2', got '$3'"
  fi
}

gui_finish() {
  if [ "$GUI_FAILED" -gt 0 ]; then
    GUI_KEEP_TMP=1
    gui_log "logs kept in $GUI_TMP"
    for f in "$GUI_TMP"/*.log; do [ -f "$f" ] && { echo "--- $f"; tail -n 30 "$f"; }; done
  fi
  echo "$GUI_PASSED passed, $GUI_FAILED failed"
  [ "$GUI_FAILED" -eq 0 ]
}
