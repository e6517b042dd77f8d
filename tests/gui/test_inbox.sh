#!/usr/bin/env bash
# The Inbox pane against the demo emulator: the demo threads listed, a
# thread opened with a click (reading view), marked read after a moment and
# toggled unread/read with Ctrl+U (kept in the local cache, never sent), a
# reply written with the keyboard and a new discussion (Ctrl+N), both
# checked on the emulator over HTTP; screenshots of the list, the reading
# view and both editors.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/fixture_panes.sh"
gui_start
start_emulator
write_settings
start_app app

check "inbox pane shown" wait_log "pane inbox shown xid=" 30
check "inbox synced" wait_until 30 grep -Eq "status inbox Synced" "$APP_LOG"
check "lists the demo threads" wait_log "row inbox [0-9]+ Welcome to the team inbox" 15
check "  and 'Lunch order Friday'" wait_log "row inbox [0-9]+ Lunch order Friday" 5
sleep 0.8

xid=$(pane_xid inbox)
read -r ix iy iw ih < <(window_geometry "$xid")
gui_log "inbox pane at $ix,$iy ${iw}x$ih"
screenshot inbox-list >/dev/null

# Local read marks live in the cache's read_items table.
read_count() { sqlite3 "$GUI_TMP/cache.sqlite3" "SELECT count(*) FROM read_items WHERE kind = 'inbox'" 2>/dev/null; }
item_id() {  # TITLE of a thread -> its id on the emulator
  curl -fsS -H 'Accept: application/json;odata=nometadata' \
    "$SITE/_api/web/lists/getbytitle('Inbox')/items?\$select=Id,Title,FileSystemObjectType&\$top=500" |
    python3 -c 'import json,sys; t=sys.argv[1]; print(next(i["Id"] for i in json.load(sys.stdin)["value"] if i["Title"]==t and i["FileSystemObjectType"]==1))' "$1"
}
check_eq "nothing is read before a thread is opened" 0 "$(read_count)"

# The newest thread is on top (the demo's "Lunch order Friday", yesterday).
row1_y=$((iy + 46 + 25))
# A right-click on a row opens the pane's menu for it (new, read, delete,
# and keep mine / keep theirs for a discussion in conflict).
xdotool mousemove $((ix + 120)) $row1_y click 3
check "a right-click on a discussion opens its menu" wait_until 5 menu_window_xid
screenshot inbox-row-menu >/dev/null
xdotool key Escape
wait_until 3 bash -c '! menu_window_xid' || true
xdotool mousemove $((ix + 120)) $row1_y click 1
sleep 0.6
screenshot inbox-reading >/dev/null
lunch=$(item_id "Lunch order Friday")
gui_log "'Lunch order Friday' is item ${lunch:-?} on the emulator"
is_read() { [ "$(sqlite3 "$GUI_TMP/cache.sqlite3" "SELECT count(*) FROM read_items WHERE kind = 'inbox' AND id = $1")" = 1 ]; }
is_unread() { ! is_read "$1"; }
check "opening a thread marks it read after a moment" wait_log "inbox read $lunch\$" 6

xdotool key ctrl+u
check "Ctrl+U marks it unread" wait_log "inbox unread $lunch\$" 3
xdotool key ctrl+u
check "Ctrl+U again marks it read" wait_until 3 bash -c "[ \$(grep -c 'inbox read $lunch\$' '$APP_LOG') -ge 2 ]"
check "read marks are never sent (no change waiting)" bash -c "! grep -Eq 'status inbox .*waiting' '$APP_LOG'"

# Reply from the reading view with the keyboard: R, type, Ctrl+Enter.
xdotool key r
dlg=$(wait_for_window 10 '^Reply$')
check "R opens the reply editor" test -n "$dlg"
sleep 0.4
xdotool type --delay 20 "Sushi please, from the desktop"
sleep 0.3
screenshot inbox-reply-editor >/dev/null
xdotool key ctrl+Return
items_json() {
  curl -fsS -H 'Accept: application/json;odata=nometadata' \
    "$SITE/_api/web/lists/getbytitle('Inbox')/items?\$select=Id,Title,Body,ParentItemID,FileSystemObjectType&\$top=500"
}
check "the reply reaches the emulator" wait_until 15 bash -c "curl -fsS -H 'Accept: application/json;odata=nometadata' \"$SITE/_api/web/lists/getbytitle('Inbox')/items?\\\$select=Body&\\\$top=500\" | grep -q 'Sushi please, from the desktop'"
reply_parent=$(items_json | python3 -c 'import json,sys; print(next((i.get("ParentItemID") for i in json.load(sys.stdin)["value"] if "Sushi please" in (i.get("Body") or "")), ""))')
check_eq "  as a reply in the opened thread" "$lunch" "$reply_parent"
sleep 1
screenshot inbox-after-reply >/dev/null

# Back to the list, then a new discussion with Ctrl+N.
xdotool key Escape
sleep 0.3
xdotool key ctrl+n
dlg=$(wait_for_window 10 '^New discussion$')
check "Ctrl+N opens the new-discussion editor" test -n "$dlg"
sleep 0.4
xdotool type --delay 20 "Team offsite in spring"
xdotool key Tab
xdotool type --delay 20 "Who is in? Reply below."
sleep 0.3
screenshot inbox-new-editor >/dev/null
xdotool key ctrl+Return
check "the new discussion reaches the emulator as a thread" wait_until 15 bash -c "
  curl -fsS -H 'Accept: application/json;odata=nometadata' \"$SITE/_api/web/lists/getbytitle('Inbox')/items?\\\$select=Title,FileSystemObjectType&\\\$top=500\" |
  python3 -c 'import json,sys; sys.exit(0 if any(i[\"Title\"]==\"Team offsite in spring\" and i[\"FileSystemObjectType\"]==1 for i in json.load(sys.stdin)[\"value\"]) else 1)'"
check "  and is listed in the pane" wait_log "row inbox [0-9]+ Team offsite in spring" 10
sleep 1
screenshot inbox-list-after >/dev/null

stop_app "$APP"
check_eq "the app ends cleanly" 0 "$STATUS"
check "the read mark is kept in the cache" is_read "$lunch"
gui_finish
