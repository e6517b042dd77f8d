#!/usr/bin/env bash
# Settings: a malformed file gets a message naming the line and key and is
# left untouched; first run opens the welcome dialog, which refuses an invalid
# URL (nothing saved) and, with the emulator's URL, writes the file and brings
# up the panes with their items.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/fixture_panes.sh"
gui_start
start_emulator

# --- malformed settings ------------------------------------------------------
CONFIG=$GUI_TMP/bad.ini
printf '[site]\nurl=%s\n[calendar]\nlist=Calendar\nopacity=lots\n' "$SITE" >"$CONFIG"
before=$(md5sum <"$CONFIG")
start_app bad
check "the app names the bad line and key" wait_log "settings invalid: .*line 5: \[calendar\] opacity" 15
msg=$(wait_for_window 10 '^deskpane$')
check "a message window is shown" test -n "$msg"
screenshot malformed-message >/dev/null
xdotool windowactivate --sync "$msg" key Return 2>/dev/null
wait_exit "$APP" 10 >"$GUI_TMP/exit-status"
check_eq "the app exits with status 2 after the message" 2 "$(cat "$GUI_TMP/exit-status")"
check_eq "the malformed file is kept as it was" "$before" "$(md5sum <"$CONFIG")"

# --- first run: welcome dialog -----------------------------------------------
CONFIG=$GUI_TMP/fresh/settings.ini
start_app fresh
check "no settings: the welcome dialog opens" wait_log "welcome dialog open" 15
dlg=$(wait_for_window 10 "Welcome to deskpane")
check "the welcome window is mapped" test -n "$dlg"
check "the tray icon is up while it is open" wait_until 10 tray_icon_xid
sleep 0.4
xdotool windowactivate --sync "$dlg"; sleep 0.3
xdotool key ctrl+a; xdotool type --delay 5 "ftp://nowhere"; xdotool key Return; sleep 0.6
screenshot welcome-invalid >/dev/null
check "an invalid URL keeps the dialog open" bash -c "xwininfo -id $dlg | grep -q IsViewable"
check "and nothing is saved" test ! -e "$CONFIG"
xdotool key ctrl+a; xdotool type --delay 5 "$SITE"; sleep 0.2
check "the site's lists are looked up once the URL settles" \
  wait_log "lists of $SITE: calendar=Calendar contacts=Contacts tasks=Tasks notes=Notes inbox=Inbox" 15
sleep 0.5
check "the refused OK does not close the dialog once the new URL is looked up" \
  bash -c "xwininfo -id $dlg 2>/dev/null | grep -q IsViewable"
screenshot welcome >/dev/null
# Alt+R turns reminders off (the lead time greys out) and on again; Tab
# reaches the lead time, typed as a user would; Return is OK.
xdotool key alt+r; sleep 0.2
screenshot welcome-reminders-off >/dev/null
xdotool key alt+r; sleep 0.2; xdotool key Tab; sleep 0.1
xdotool key ctrl+a; xdotool type --delay 5 "30"; sleep 0.2
xdotool key Return
check "OK applies the settings" wait_log "settings applied" 10
check "the settings file was written" test -f "$CONFIG"
check "  with the site URL" grep -qx "url=$SITE" "$CONFIG"
check "  readable only by the user" bash -c "[ \$(stat -c %a '$CONFIG') = 600 ]"
check "  with the reminder lead time typed in the dialog" grep -qx "reminder_minutes=30" "$CONFIG"
check "the panes come up with the emulator's items" wait_log "row tasks [0-9]+ " 30
check "all five panes shown" wait_log "pane inbox shown xid=" 10
sleep 0.5
screenshot after-welcome >/dev/null
stop_app "$APP"
check_eq "SIGTERM ends it cleanly" 0 "$STATUS"

# The same files without a window (DESIGN §4): --status reads the cache, --sync syncs.
"$DESKPANE_BIN_DIR/deskpane" --status --config "$CONFIG" --cache "$GUI_TMP/cache.sqlite3" >"$GUI_TMP/status.out" 2>&1
check_eq "--status exits 0" 0 "$?"
check "--status lists the five synced lists" bash -c "[ \$(grep -c 'state=synced' '$GUI_TMP/status.out') -eq 5 ]"
"$DESKPANE_BIN_DIR/deskpane" --sync --config "$CONFIG" --cache "$GUI_TMP/cache.sqlite3" >"$GUI_TMP/sync.out" 2>&1
check_eq "--sync exits 0" 0 "$?"
check "--sync prints a line per list" bash -c "[ \$(grep -Ec '^[a-z]+ items=[0-9]+ requests=[0-9]+ ms=[0-9]+' '$GUI_TMP/sync.out') -eq 5 ]"

gui_finish
