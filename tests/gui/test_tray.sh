#!/usr/bin/env bash
# The tray icon and the app shell: icon docked with the day drawn on it, a
# fake clock crossing midnight redraws it, left click toggles the panes, each
# menu item acts, start-at-login writes a valid entry, a second launch hands
# over and exits 0, and Quit exits 0.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/fixture_panes.sh"
gui_start
start_emulator
write_settings

# Start four seconds before local midnight, so the day turns over during the test.
today=$(date +%Y-%m-%d)
tomorrow_day=$(date -d "$today + 1 day" +%-d)
today_day=$(date +%-d)
export DESKPANE_FAKE_NOW="${today}T23:59:55"
start_app app
unset DESKPANE_FAKE_NOW
check "tray backend chosen and logged" wait_log "tray backend=(xembed|sni) day=$today_day" 20
check "tray icon docked in the tray host" wait_until 20 tray_icon_xid
check "panes up" wait_log "pane inbox shown xid=" 20
sleep 0.6
read -r ix iy iw ih < <(tray_icon_geometry)
before=$(screenshot icon-before-midnight)
red=$(count_pixels "$before" "$ix" "$iy" "$iw" "$ih" "r>0.6&&g<0.35&&b<0.35")
white=$(count_pixels "$before" "$ix" "$iy" "$iw" "$ih" "r>0.9&&g>0.9&&b>0.9")
check "the icon is a calendar page (red header: $red px, white page: $white px)" \
  test "${red:-0}" -ge 5 -a "${white:-0}" -ge 20

check "the midnight timer fired and the icon shows the new day" wait_log "tray day=$tomorrow_day" 15
sleep 0.6
after=$(screenshot icon-after-midnight)
convert "$before" -crop "${iw}x${ih}+${ix}+${iy}" +repage "$GUI_TMP/icon-a.png"
convert "$after" -crop "${iw}x${ih}+${ix}+${iy}" +repage "$GUI_TMP/icon-b.png"
changed=$(compare -metric AE "$GUI_TMP/icon-a.png" "$GUI_TMP/icon-b.png" /dev/null 2>&1)
gui_log "icon pixels changed at midnight: $changed"
check "the docked icon was redrawn with the new number" test "${changed%%.*}" -ge 3
convert "$GUI_TMP/icon-a.png" "$GUI_TMP/icon-b.png" +append -scale 800% "$GUI_SCREENSHOTS/$GUI_TEST_NAME-icons-zoomed.png"

# Left click hides every shown pane; a second click brings them back.
tray_icon_click 1
check "left click hides the panes" wait_until 5 bash -c "[ \$(grep -c 'pane [a-z]* hidden' '$APP_LOG') -ge 5 ]"
tray_icon_click 1
check "a second left click shows them again" wait_until 5 bash -c "[ \$(grep -c 'pane [a-z]* shown' '$APP_LOG') -ge 10 ]"

# A second launch hands "toggle" to the first and exits 0.
"$DESKPANE_BIN_DIR/deskpane" --config "$CONFIG" --cache "$GUI_TMP/cache.sqlite3" >"$GUI_TMP/second.log" 2>&1
check_eq "a second instance exits 0" 0 "$?"
check "the first instance got the request" wait_log "request toggle" 5
check "and hid its panes" wait_until 5 bash -c "[ \$(grep -c 'pane [a-z]* hidden' '$APP_LOG') -ge 10 ]"
"$DESKPANE_BIN_DIR/deskpane" --config "$CONFIG" --show calendar >/dev/null 2>&1
check "--show calendar on a second launch shows that pane" wait_log "request show calendar" 5
check "  the calendar pane is shown" wait_until 5 bash -c "[ \$(grep -c 'pane calendar shown' '$APP_LOG') -ge 3 ]"

# Menu items, by keyboard (DESIGN §1 order).
tray_menu_open
check "right click opens the tray menu" wait_until 5 menu_window_xid
screenshot menu >/dev/null
xdotool key Escape; sleep 0.3

# Only the calendar is shown now: Contacts (2nd item) shows, then hides its pane.
shown_before=$(grep -c 'pane contacts shown' "$APP_LOG")
tray_menu_pick 2
check "menu: Contacts shows its pane" wait_until 5 bash -c "[ \$(grep -c 'pane contacts shown' '$APP_LOG') -gt $shown_before ]"
hidden_before=$(grep -c 'pane contacts hidden' "$APP_LOG")
tray_menu_pick 2
check "menu: Contacts again hides it" wait_until 5 bash -c "[ \$(grep -c 'pane contacts hidden' '$APP_LOG') -gt $hidden_before ]"
tray_menu_pick 6
check "menu: Sync all" wait_log "sync all" 5
tray_menu_pick 7
check "menu: Lock panes" wait_log "locked=1" 5
tray_menu_pick 7
check "menu: Lock panes again unlocks" wait_log "locked=0" 5

entry=$XDG_CONFIG_HOME/autostart/deskpane.desktop
tray_menu_pick 9
check "menu: Start at login on" wait_log "autostart=1" 5
check "  the autostart entry exists" test -f "$entry"
check "  and passes desktop-file-validate" desktop-file-validate "$entry"
check "  and starts this binary" grep -q "^Exec=\"$DESKPANE_BIN_DIR/deskpane\" --autostart" "$entry"
tray_menu_open; wait_until 5 menu_window_xid
screenshot menu-checks >/dev/null
xdotool key Escape; sleep 0.3
tray_menu_pick 9
check "menu: Start at login off" wait_log "autostart=0" 5
check "  the autostart entry is gone" test ! -e "$entry"

tray_menu_pick 8
check "menu: Settings… opens the settings dialog" wait_log "settings dialog open" 5
dlg=$(wait_for_window 10 "deskpane settings")
check "  the settings window is mapped" test -n "$dlg"
sleep 0.4
screenshot settings >/dev/null
xdotool windowactivate --sync "$dlg" key Escape 2>/dev/null
check "  Escape closes it" wait_until 5 bash -c "! xwininfo -id $dlg 2>/dev/null | grep -q IsViewable"

tray_menu_pick 10
wait_exit "$APP" 15 >"$GUI_TMP/exit-status"
check_eq "menu: Quit exits with status 0" 0 "$(cat "$GUI_TMP/exit-status")"
check "quitting saved the settings (contacts hidden, not moved)" bash -c \
  "sed -n '/^\[contacts\]/,/^\[tasks\]/p' '$CONFIG' | tr '\n' ' ' | grep -q 'visible=false x=460 y=60 '"

gui_finish
