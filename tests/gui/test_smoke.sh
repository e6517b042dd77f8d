#!/usr/bin/env bash
# The app starts, docks its icon in the tray host, shows a menu on right click,
# and Quit from that menu ends it with exit status 0.
. "$(dirname "$0")/lib.sh"
gui_start

config=$GUI_TMP/settings.ini
gui_spawn app "$DESKPANE_BIN_DIR/deskpane" --config "$config" --cache "$GUI_TMP/cache.sqlite3"
app=$GUI_LAST_PID

check "tray icon docked in the tray host" wait_until 20 tray_icon_xid
# `deskpane` execs the desktop app in its own process (D-app-4): the PID the
# shell started is the app, which runs deskpane-gui and keeps the name users
# look for with pgrep and ps.
check "the launched PID runs the desktop app (deskpane-gui)" \
  test "$(basename "$(readlink "/proc/$app/exe" 2>/dev/null)")" = deskpane-gui
check "and is named deskpane (comm)" test "$(cat "/proc/$app/comm" 2>/dev/null)" = deskpane
read -r x y w h < <(tray_icon_geometry)
check "tray icon has a usable size (${w:-?}x${h:-?})" test "${w:-0}" -ge 16 -a "${h:-0}" -ge 16
# The icon is a white page with a red header and a dark day number; trayer's
# panel around it is a flat dark grey, so each colour must come from the icon.
# Docking comes before the first paint (and the compositor's copy of it), so
# the screen is read again until the header shows or 10 s have passed.
red=0
for _ in $(seq 20); do
  shot=$(screenshot tray)
  red=$(count_pixels "$shot" "$x" "$y" "$w" "$h" "r>0.6&&g<0.35&&b<0.35")
  [ "${red:-0}" -ge 10 ] && break
  sleep 0.5
done
white=$(count_pixels "$shot" "$x" "$y" "$w" "$h" "r>0.9&&g>0.9&&b>0.9")
# The day number sits in the page's body, inside the outline: the icon is
# square and centred in the tray slot, its body the lower 70 %.
side=$(( w < h ? w : h ))
top=$(( y + (h - side) / 2 ))
ink=$(count_pixels "$shot" $((x + side / 5)) $((top + side * 2 / 5)) $((side * 3 / 5)) $((side / 2)) "r<0.35&&g<0.35&&b<0.35")
gui_log "icon pixels: red $red, white $white, dark $ink (screenshot $shot)"
check "the icon has a red calendar header" test "${red:-0}" -ge 10
check "the icon has a white page" test "${white:-0}" -ge 20
check "the icon has a dark day number" test "${ink:-0}" -ge 8

tray_menu_open
check "right click opens the tray menu" wait_until 5 menu_window_xid
screenshot menu >/dev/null
# Quit is the last item: Up from an unselected menu selects the last one.
xdotool key Up
sleep 0.3
xdotool key Return
wait_exit "$app" 15 >"$GUI_TMP/exit-status"
check_eq "Quit from the tray menu exits with status 0" 0 "$(cat "$GUI_TMP/exit-status")"

gui_finish
