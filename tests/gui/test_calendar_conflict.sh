#!/usr/bin/env bash
# An event in conflict (changed here and on the server) is settled in the
# Calendar pane before it can be edited again: opening it asks "Keep mine /
# Keep theirs", and the choice is applied through the engine. The conflict
# is written into the cache while the app is stopped (the engine's detection
# of conflicts has its own tests); every calendar item is marked, so the one
# the keyboard selects first is in conflict.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/fixture_panes.sh"
gui_start
start_emulator
export TZ=UTC LC_ALL=C.UTF-8
write_calendar_settings 820 640 agenda
start_app first --show calendar
check "calendar synced" wait_log "status calendar Synced" 30
stop_app "$APP"
check_eq "the first run quits cleanly" 0 "$STATUS"

cache=$GUI_TMP/cache.sqlite3
sqlite3 "$cache" "UPDATE items SET state = 3 WHERE kind = 'calendar' AND id > 0;
  INSERT INTO conflicts(kind, item_id, type, field, local_value, server_value, created)
    SELECT 'calendar', id, 0, 'Location', '\"Here\"', '\"There\"', '2026-01-01T00:00:00Z'
    FROM items WHERE kind = 'calendar' AND id > 0;"
before=$(sqlite3 "$cache" "SELECT count(DISTINCT item_id) FROM conflicts WHERE kind = 'calendar'")
gui_log "events in conflict: $before"
check "the cache holds events in conflict" test "${before:-0}" -ge 2

start_app app --show calendar
check "calendar pane shown again" wait_log "pane calendar shown xid=" 30
xid=$(pane_xid calendar)
read -r px py pw ph < <(window_geometry "$xid")
sleep 1
xdotool mousemove $((px + pw / 2)) $((py + 46 + 16)) click 1
sleep 0.4
xdotool key Down
sleep 0.3
xdotool key Return
dlg=$(wait_for_window 10 '^Conflicting changes$')
check "opening an event in conflict asks which version to keep" test -n "$dlg"
sleep 0.4
screenshot conflict-dialog >/dev/null
# GTK lays the buttons out as Keep theirs | Cancel | Keep mine along the
# dialog's foot: a click on the left third is "Keep theirs".
read -r dx dy dw dh < <(window_geometry "$dlg")
xdotool mousemove $((dx + dw / 6)) $((dy + dh - 16)) click 1
check "the dialog closes" wait_until 5 bash -c "! xwininfo -id $dlg 2>/dev/null | grep -q IsViewable"
after() { sqlite3 "$cache" "SELECT count(DISTINCT item_id) FROM conflicts WHERE kind = 'calendar'"; }
check "one event is settled (conflicts $before -> $((before - 1)))" wait_until 10 bash -c "[ \"\$(sqlite3 '$cache' \"SELECT count(DISTINCT item_id) FROM conflicts WHERE kind = 'calendar'\")\" = $((before - 1)) ]"
gui_log "events still in conflict: $(after)"
stop_app "$APP"
check_eq "the app quits cleanly" 0 "$STATUS"
gui_finish
