#!/usr/bin/env bash
# A synced cache with one queued edit is damaged as the issue's reporter did
# (dd zeroes four pages); the app must still start: the file is moved aside
# with a timestamp, the user is told in plain words (dialog and a
# "cache recovered" line), and the queued edit reaches the site.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/fixture_panes.sh"
gui_start
start_emulator
write_settings
start_app first
check "the first start syncs every list" wait_until 30 bash -c "[ \$(grep -Ec 'status [a-z]+ Synced' '$APP_LOG') -ge 5 ]"
stop_app "$APP"
check_eq "the first run quits cleanly" 0 "$STATUS"

cache=$GUI_TMP/cache.sqlite3
# An edit queued while offline, written as Store::updateLocal writes it
# (item Dirty with its base spelled out, as an empty base means "the same as
# fields"; outbox entry with the changed field): task 1 gets a new title.
title="Edited before the disk failed"
sqlite3 "$cache" "UPDATE items SET base = CASE base WHEN '' THEN fields ELSE base END,
    fields = json_set(fields, '\$.Title', '$title'), state = 1 WHERE kind = 'tasks' AND id = 1;
  INSERT INTO outbox(kind, op, item_id, payload) VALUES('tasks', 1, 1, json_object('Title', '$title'));"
check_eq "one edit is queued" 1 "$(sqlite3 "$cache" "SELECT count(*) FROM outbox")"
# The reporter's dd (bs=4096 seek=2 count=4) was on a cache of 4 KB pages:
# the same four pages, past the schema page, in this file's page size.
page_size=$(sqlite3 "$cache" "PRAGMA page_size")
dd if=/dev/zero of="$cache" bs="$page_size" seek=2 count=4 conv=notrunc 2>/dev/null
check "the damaged cache fails SQLite's check" bash -c "! sqlite3 '$cache' 'PRAGMA quick_check' 2>&1 | grep -qx ok"

start_app second
check "the app says the cache was recovered" wait_log "deskpane: cache recovered moved-to=" 20
check "it starts anyway" wait_log "deskpane: ready" 20
line=$(grep -m1 "cache recovered" "$APP_LOG")
gui_log "$line"
moved=$(sed -E 's/.*moved-to=([^ ]+).*/\1/' <<<"$line")
check "the old file was moved aside with a timestamp" bash -c "[[ '$moved' =~ cache\.sqlite3\.damaged-[0-9]{8}-[0-9]{6}$ ]] && [ -f '$moved' ]"
check "the queued edit was carried over" grep -q "carried=1 " <<<"$line"
check "a new, readable cache is in its place" bash -c "sqlite3 '$cache' 'PRAGMA quick_check' | grep -qx ok"

dialog=$(wait_for_window 15 '^deskpane: cache recovered$')
check "a dialog tells the user" test -n "$dialog"
shot=$(screenshot recovery-dialog)
gui_log "screenshot $shot"
check "the app is still running with the dialog open" kill -0 "$APP"
[ -n "$dialog" ] && xdotool windowactivate --sync "$dialog" key Return 2>/dev/null
check "the dialog closes" wait_until 10 bash -c "! xdotool search --onlyvisible --name '^deskpane: cache recovered\$' >/dev/null"

check "tasks synced again" wait_until 30 bash -c "[ \$(grep -Ec 'status tasks Synced' '$APP_LOG') -ge 1 ]"
check "every pane lists items again" wait_log "pane tasks rows=[1-9]" 30
server=$(curl -s -H 'Accept: application/json;odata=nometadata' "$SITE/_api/web/lists/getByTitle('Tasks')/items(1)?\$select=Title")
gui_log "task 1 on the site: $server"
check "the queued edit reached the site" grep -q "$title" <<<"$server"
check_eq "nothing is left queued" 0 "$(sqlite3 "$cache" "SELECT count(*) FROM outbox")"

stop_app "$APP"
check_eq "the app quits cleanly" 0 "$STATUS"
gui_finish
