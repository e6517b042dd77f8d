#!/usr/bin/env bash
# One deskpane per configuration: a launch with another --config runs as an
# instance of its own (it used to toggle the first one's panes and exit); a
# launch with the same settings file, however its path is spelt, hands over to
# the instance serving it. Start at login starts the configuration (and the
# cache) it was turned on from.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/fixture_panes.sh"
gui_start
start_emulator
write_settings
config_a=$CONFIG
cache_a=$GUI_TMP/cache.sqlite3
# Configuration B: the same site, no pane shown, its own cache.
mkdir -p "$GUI_TMP/b"
config_b=$GUI_TMP/b/settings.ini
sed 's/^visible=true/visible=false/' "$config_a" >"$config_b"
ln -s "$GUI_TMP/b" "$GUI_TMP/b-link"

start_app a
app_a=$APP
log_a=$APP_LOG
check "instance A is up" wait_log "^deskpane: ready" 20

gui_spawn b "$DESKPANE_BIN_DIR/deskpane" --config "$config_b" --cache "$GUI_TMP/b/cache.sqlite3"
app_b=$GUI_LAST_PID
log_b=$GUI_TMP/b.log
check "a launch with another --config starts an instance of its own" \
  wait_until 20 grep -q "^deskpane: ready" "$log_b"
check "  which keeps running" kill -0 "$app_b"
check "  and reads its own settings" grep -qF "deskpane: settings $config_b" "$log_b"
check "instance A got no request from it" bash -c "! grep -q '^deskpane: request' '$log_a'"

# The same file by another name: relative, through a symlinked folder.
(cd "$GUI_TMP" && "$DESKPANE_BIN_DIR/deskpane" --config ./settings.ini --cache "$cache_a") >"$GUI_TMP/again-a.log" 2>&1
check_eq "a launch with A's file (relative path) exits 0" 0 "$?"
check "  A got the request" wait_until 5 grep -q "^deskpane: request toggle" "$log_a"
"$DESKPANE_BIN_DIR/deskpane" --config "$GUI_TMP/b-link/settings.ini" >"$GUI_TMP/again-b.log" 2>&1
check_eq "a launch with B's file (through a symlink) exits 0" 0 "$?"
check "  B got the request" wait_until 5 grep -q "^deskpane: request toggle" "$log_b"
check "  and A did not" test "$(grep -c '^deskpane: request' "$log_a")" -eq 1

# `deskpane --add` with A running: A makes the edit with its own engine (the
# command line leaves the cache to it, docs/decisions.md D-cli-1), its pane
# re-reads the list, and the push reaches the server.
rows_before=$(grep -c "^deskpane: pane tasks rows=" "$log_a")
out=$("$DESKPANE_BIN_DIR/deskpane" --config "$config_a" --cache "$cache_a" --add tasks "Title=From the command line")
check_eq "--add with A running exits 0" 0 "$?"
gui_log "$out"
check "  it names the id A gave the item" grep -Eq '^tasks add id=-?[0-9]+ .*running deskpane' <<<"$out"
check "  A made the edit" wait_until 5 grep -q "^deskpane: edit add tasks" "$log_a"
check "  and re-read the pane" wait_until 5 bash -c \
  "test \$(grep -c '^deskpane: pane tasks rows=' '$log_a') -gt $rows_before"
check "  the task reached the server" wait_until 10 bash -c \
  "curl -sf -H 'Accept: application/json;odata=nometadata' \"$SITE/_api/web/lists/getbytitle('Tasks')/items?\\\$select=Title&\\\$top=5000\" | grep -q 'From the command line'"
check "  a bad field is refused before A is asked" bash -c \
  "! '$DESKPANE_BIN_DIR/deskpane' --config '$config_a' --add tasks Titel=x 2>/dev/null && test \$(grep -c '^deskpane: edit' '$log_a') -eq 1"

stop_app "$app_b"
check_eq "instance B quits on SIGTERM with status 0" 0 "$STATUS"

# Start at login, turned on from instance A's tray menu (9th item).
entry=$XDG_CONFIG_HOME/autostart/deskpane.desktop
tray_menu_pick 9
check "menu: Start at login on" wait_log "autostart=1" 5
check "  the entry passes desktop-file-validate" desktop-file-validate "$entry"
exec_line=$(sed -n 's/^Exec=//p' "$entry" 2>/dev/null)
gui_log "Exec=$exec_line"
check "  the entry names A's settings and cache" grep -qF -e \
  "--autostart \"--config\" \"$config_a\" \"--cache\" \"$cache_a\"" "$entry"
stop_app "$app_a"
check_eq "instance A quits with status 0" 0 "$STATUS"

# What the session does at login: run the Exec line (plain paths here, so the
# shell's reading of its quotes is the desktop entry's).
eval "login_cmd=($exec_line)"
if [ "${#login_cmd[@]}" -gt 0 ]; then
  gui_spawn login "${login_cmd[@]}"
  login_pid=$GUI_LAST_PID
  check "the login start reads A's settings" wait_until 20 grep -qF "deskpane: settings $config_a" "$GUI_TMP/login.log"
  check "  and comes up" wait_until 20 grep -q "^deskpane: ready" "$GUI_TMP/login.log"
  stop_app "$login_pid"
else
  check "the autostart entry has an Exec line" false
fi

gui_finish
