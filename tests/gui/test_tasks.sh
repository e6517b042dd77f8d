#!/usr/bin/env bash
# The Tasks pane against the demo emulator, driven like a user: the demo
# tasks are listed; Space and a click on the check box complete a task
# (Status "Completed" + PercentComplete 1 on the server, as SharePoint's own
# form writes them); Ctrl+N, typing and Enter create a task; Enter on a row
# edits it; Delete deletes it once the 5 s undo delay is over. Screenshots of
# the pane and of both editors go to build/test-screenshots/.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/fixture_panes.sh"
gui_start
start_emulator
write_settings
start_app app

check "tasks pane shown" wait_log "pane tasks shown xid=" 30
check "tasks synced" wait_log "status tasks Synced" 30
check "the view listed the tasks" wait_log "tasks view ids=[0-9]" 15
sleep 0.8
check "demo task 'Prepare Q3 budget' listed" grep -q "row tasks .* Prepare Q3 budget" "$APP_LOG"
XID=$(pane_xid tasks)
read -r PX PY PW PH < <(window_geometry "$XID")
gui_log "tasks pane at $PX,$PY ${PW}x$PH"
screenshot pane "$XID" >/dev/null

api() { curl -fsS -H 'Accept: application/json;odata=nometadata' "$SITE/_api/web/lists/getbytitle('Tasks')/$1"; }
# "Status PercentComplete" of item ID on the emulator.
server_state() { api "items($1)?\$select=Status,PercentComplete" | jq -r '"\(.Status) \(.PercentComplete)"'; }
server_title() { api "items($1)?\$select=Title" | jq -r .Title; }
item_exists() { curl -fsS -o /dev/null "$SITE/_api/web/lists/getbytitle('Tasks')/items($1)"; }
id_of() { api "items?\$select=Id,Title&\$top=500" | jq -r --arg t "$1" '.value[] | select(.Title == $t) | .Id' | head -n1; }
# Row index (0-based) of ID in the view's last listing.
row_of() {
  grep -Eo 'tasks view ids=[0-9,-]*' "$APP_LOG" | tail -n1 | sed 's/.*ids=//' | tr ',' '\n' | grep -nx -- "$1" |
    cut -d: -f1 | awk '{ print $1 - 1 }'
}
# Window y of the middle of row N (header 46 px, rows 50 px, no scrolling).
row_y() { echo $((PY + 46 + $1 * 50 + 25)); }
click_row() { xdotool mousemove $((PX + 150)) "$(row_y "$1")" click 1; sleep 0.4; }
state_is() { [ "$(server_state "$1")" = "$2" ]; }
title_is() { [ "$(server_title "$1")" = "$2" ]; }
has_title() { [ -n "$(id_of "$1")" ]; }
gone() { ! item_exists "$1"; }
not_listed() { ! grep -Eo 'tasks view ids=[0-9,-]*' "$APP_LOG" | tail -n1 | grep -Eq "[=,]$1(,|\$)"; }
click_check() { xdotool mousemove $((PX + 25)) $(($(row_y "$1") - 5)) click 1; sleep 0.4; }
# Row N selected by keyboard (Home, then Down N times): rows below the
# pane's fold are reached the way a user would, and the list scrolls to them.
select_row() { xdotool key Home; [ "$1" -gt 0 ] && xdotool key --repeat "$1" --delay 60 Down; sleep 0.4; }

# --- The pointer on a row names the whole task (a narrow pane cuts titles),
# and on the header's "+" says what it does.
xdotool mousemove $((PX + 150)) "$(row_y 0)"
sleep 0.2
xdotool mousemove $((PX + 152)) "$(($(row_y 0) + 2))"
check "a row under the pointer is named in full" wait_log "pane tasks tip .*% complete" 5
xdotool mousemove $((PX + PW - 24)) $((PY + 22))
sleep 0.2
xdotool mousemove $((PX + PW - 23)) $((PY + 23))
check "  and the + button says what it does" wait_log "pane tasks tip New item \\(Ctrl\\+N\\)" 5

# --- Space completes the selected task.
budget=$(id_of "Prepare Q3 budget")
check "the emulator has 'Prepare Q3 budget'" test -n "$budget"
check_eq "  which is in progress" "In Progress 0.4" "$(server_state "$budget")"
row=$(row_of "$budget")
gui_log "'Prepare Q3 budget' is item $budget, row $row"
check "  and listed in the pane" test -n "$row"
click_row "$row"
xdotool key space
check "Space completes it on the server (Completed, 100 %)" wait_until 10 state_is "$budget" "Completed 1"
check "  and the active list drops it" wait_until 5 not_listed "$budget"

# --- A click on the check box completes another one.
review=$(id_of "Review Chloé's mock-ups")
row=$(row_of "$review")
gui_log "'Review Chloé's mock-ups' is item $review, row $row"
check "'Review Chloé's mock-ups' is listed" test -n "$row"
click_check "$row"
check "a click on its check box completes it on the server" wait_until 10 state_is "$review" "Completed 1"
screenshot after-completing "$XID" >/dev/null

# --- Ctrl+N, type, Enter: a new task reaches the server.
click_row 0
xdotool key ctrl+n
editor=$(wait_for_window 10 '^New task$')
check "Ctrl+N opens the new-task editor" test -n "$editor"
sleep 0.5
xdotool type --delay 20 "Call the printer repair shop"
sleep 0.3
screenshot new-task-editor "$editor" >/dev/null
xdotool key Return
editor_closed() { ! xdotool search --onlyvisible --name "$1" >/dev/null 2>&1; }
check "the editor closes on Enter" wait_until 5 editor_closed '^New task$'
# The keyboard goes back to the pane the editor came from, so the next
# Ctrl+N or arrow key works without a click.
focused_is() { [ "$(printf '0x%x' "$(xdotool getwindowfocus 2>/dev/null || echo 0)")" = "$1" ]; }
check "  and the keyboard is back on the pane" wait_until 3 focused_is "$XID"
check "the new task reaches the emulator" wait_until 15 has_title "Call the printer repair shop"
created=$(id_of "Call the printer repair shop")
check_eq "  as Not Started at 0 %" "Not Started 0" "$(server_state "$created")"
# Starting today at the desktop's midnight, due nowhere: a due date of
# today would make it overdue as it is saved.
dates=$(api "items($created)?\$select=StartDate,DueDate" | jq -r '"\(.StartDate) \(.DueDate)"')
today_midnight=$(date -u -d "$(date +%Y-%m-%d) 00:00" +%Y-%m-%dT%H:%M:%SZ)
check_eq "  starting today, with no due date" "$today_midnight null" "$dates"

# --- Enter on a row edits it.
wait_log "tasks view ids=.*" 5
sleep 1.5  # the create's re-sync settles the row ids
renew=$(id_of "Renew SSL certificate")
row=$(row_of "$renew")
gui_log "'Renew SSL certificate' is item $renew, row $row"
check "'Renew SSL certificate' is listed" test -n "$row"
# The new task, due nowhere, went to the end of the list, and the list
# scrolled to show it: rows are picked by keyboard from here on.
select_row "${row:-0}"
xdotool key Return
editor=$(wait_for_window 10 '^Edit task$')
check "Enter opens the task editor" test -n "$editor"
sleep 0.5
xdotool key ctrl+a
xdotool type --delay 20 "Renew SSL certificate (wildcard)"
screenshot edit-task-editor "$editor" >/dev/null
xdotool key Return
check "the edit reaches the emulator" wait_until 15 title_is "$renew" "Renew SSL certificate (wildcard)"

# --- Delete waits 5 s for Undo, then reaches the server.
sleep 1.5
row=$(row_of "$created")
gui_log "the new task is row $row"
check "the new task is listed" test -n "$row"
select_row "${row:-0}"
xdotool key Delete
check "the pane says the delete waits" wait_log "task $created deleted \\(undo" 5
sleep 0.6
screenshot undo-bar "$XID" >/dev/null
check "within the undo delay the task is still on the server" item_exists "$created"
check "after the undo delay it is gone from the server" wait_until 15 gone "$created"

# --- Ctrl+Z within the delay brings a task back.
sleep 1
fix=$(id_of 'Fix "quotes" & <angle> brackets in export')
row=$(row_of "$fix")
if [ -n "$row" ]; then
  select_row "$row"
  xdotool key Delete
  sleep 1
  xdotool key ctrl+z
  sleep 6
  check "Ctrl+Z within 5 s keeps the task on the server" item_exists "$fix"
fi

screenshot pane-end "$XID" >/dev/null
stop_app "$APP"
check_eq "the app ends cleanly" 0 "$STATUS"
gui_finish
