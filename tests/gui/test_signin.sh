#!/usr/bin/env bash
# Device-code sign-in and sign-out, as a person meets them: a site that needs
# sign-in shows the code to enter, the list syncs once it is approved, the
# refresh token lives in the keyring (never in the settings file), and
# "Sign out" in the settings dialog removes it from the keyring.
GUI_TEST_NAME=test_signin
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/fixture_panes.sh"
gui_start

gui_spawn emu "$DESKPANE_BIN_DIR/deskpane-spemu" --port 0 --data :memory: --seed demo --auth bearer
wait_until 15 grep -q "listening on" "$GUI_TMP/emu.log" || { gui_log "emulator did not start"; exit 1; }
SITE=$(grep -o 'http://[^ ]*' "$GUI_TMP/emu.log" | head -n1)
ACCOUNT=demo/deskpane-gui
CONFIG=$GUI_TMP/settings.ini
cat >"$CONFIG" <<INI
[site]
url=$SITE
auth=device-code
tenant=demo
client_id=deskpane-gui
[app]
autostart=false
[calendar]
visible=false
[tasks]
list=Tasks
visible=true
x=40
y=60
width=360
height=420
INI
token() { secret-tool lookup site "$SITE" account "$ACCOUNT"; }

start_app app
check "the site asks for sign-in" wait_log "status tasks Sign-in needed" 20
code=$(wait_for_window 20 "Sign in to SharePoint")
check "the sign-in dialog shows a code to enter" test -n "$code"
screenshot signin-code >/dev/null
check "once approved, the list syncs" wait_log "status tasks Synced" 30
check "the refresh token is in the keyring" bash -c "[ -n \"\$(secret-tool lookup site '$SITE' account '$ACCOUNT')\" ]"
check "no token in the settings file" bash -c "! grep -Eqi 'token|secret' '$CONFIG'"
check "no token in the cache" bash -c "! grep -aq \"\$(secret-tool lookup site '$SITE' account '$ACCOUNT')\" '$GUI_TMP/cache.sqlite3'"
# Access tokens are JWTs ("eyJ..."); the refresh token is the keyring's.
no_secret_in() { ! grep -aqE "eyJ[A-Za-z0-9_-]{10,}|$(token)" "$@"; }
check "no token in the log" no_secret_in "$APP_LOG"
check "no token in the app's arguments or environment" no_secret_in "/proc/$APP/cmdline" "/proc/$APP/environ"
app_files=("$CONFIG" "$GUI_TMP/cache.sqlite3"*)
for d in "$XDG_CONFIG_HOME/deskpane" "$XDG_DATA_HOME/deskpane" "$XDG_STATE_HOME/deskpane" "$XDG_CACHE_HOME/deskpane"; do
  [ -d "$d" ] && while IFS= read -r f; do app_files+=("$f"); done < <(find "$d" -type f)
done
check "no token in any of the ${#app_files[@]} files the app wrote" no_secret_in "${app_files[@]}"
check "a process holding tokens writes no core dump" grep -Eq "^Max core file size +0 +0 " "/proc/$APP/limits"
xdotool windowactivate --sync "$code" key Return; sleep 0.5

tray_menu_pick 8
check "Settings… opens the settings dialog" wait_log "settings dialog open" 5
dlg=$(wait_for_window 10 "deskpane settings")
check "the settings window is mapped" test -n "$dlg"
sleep 0.4
screenshot settings-signed-in >/dev/null
# Focus starts in the URL; Tab, Tab reaches "Sign out" (beside the sign-in method).
xdotool windowactivate --sync "$dlg"; sleep 0.2; xdotool key Tab; sleep 0.1; xdotool key Tab; sleep 0.1; xdotool key space
check "Sign out forgets the tokens" wait_log "signed out" 5
check "the keyring no longer holds the refresh token" bash -c "[ -z \"\$(secret-tool lookup site '$SITE' account '$ACCOUNT' 2>/dev/null)\" ]"
sleep 0.3
screenshot signed-out >/dev/null
xdotool windowactivate --sync "$dlg" key Escape; sleep 0.3

stop_app "$APP"
check_eq "SIGTERM ends the app cleanly" 0 "$STATUS"
gui_finish
