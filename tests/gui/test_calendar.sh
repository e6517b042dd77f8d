#!/usr/bin/env bash
# The Calendar pane against the demo emulator: each view (month, week, day,
# agenda) renders the demo week (screenshots to look at), the view keys and
# the toolbar switch views and the choice is saved, Ctrl+N and a double-click
# on a free slot create events that reach the emulator, and editing one
# occurrence of the demo stand-up series makes an EventType 4 exception item
# with MasterSeriesItemID and RecurrenceID. The app reports what the calendar
# shows as "deskpane: calendar ..." lines (DESKPANE_TRACE_ROWS=1).
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/fixture_panes.sh"
gui_start
start_emulator
# The desktop's zone: UTC keeps the expected times in this script simple.
export TZ=UTC LC_ALL=C.UTF-8
write_calendar_settings 820 640 month
start_app app --show calendar
check "calendar pane shown" wait_log "pane calendar shown xid=" 30
check "calendar synced" wait_log "status calendar Synced" 30
check "the saved view (month) is used" wait_log "calendar view=month" 10
check "the month lists the demo stand-up" wait_log "calendar occurrence [0-9]+ Team stand-up, " 10
xid=$(pane_xid calendar)
read -r px py pw ph < <(window_geometry "$xid")
gui_log "pane at $px,$py ${pw}x$ph"

# Screenshot of the pane alone: the root window cropped to it (the pane is
# translucent, so the desktop behind shows through as it does for a user).
pane_shot() {
  local name=$1 full
  full=$(screenshot "$name-full") || return 1
  convert "$full" -crop "${pw}x${ph}+${px}+${py}" +repage "$GUI_SCREENSHOTS/$GUI_TEST_NAME-$name.png" && rm -f "$full"
  gui_log "screenshot $GUI_SCREENSHOTS/$GUI_TEST_NAME-$name.png"
}

# Focus: a click on the toolbar's period label (no action of its own). The
# pane takes the keyboard back after a dialog by itself (checked below); the
# later clicks also put the pointer where each step needs it.
focus_pane() { xdotool mousemove $((px + pw / 2)) $((py + 46 + 16)) click 1; sleep 0.4; }
focus_pane
sleep 0.6
pane_shot month

# View keys, each view's demo week on screen.
views_seen() { [ "$(grep -c "calendar view=$1" "$APP_LOG")" -ge "$2" ]; }
xdotool key w
check "W switches to the week view" wait_until 5 views_seen week 1
check "  and the choice is saved" wait_until 5 grep -qx "view=week" "$CONFIG"
sleep 0.6
pane_shot week
check "the week shows the stand-up on its weekdays" \
  bash -c "[ \$(sed -n '/calendar view=week/,\$p' '$APP_LOG' | grep -c 'calendar occurrence [0-9]* Team stand-up') -ge 3 ]"
xdotool key d
check "D switches to the day view" wait_until 5 views_seen day 1
sleep 0.6
pane_shot day
xdotool key a
check "A switches to the agenda" wait_until 5 views_seen agenda 1
sleep 0.6
pane_shot agenda
# Prev / Next / Today by key.
xdotool key m
check "M switches back to the month" wait_until 5 views_seen month 2
month_before=$(grep -o "calendar view=month shown=[0-9-]*" "$APP_LOG" | tail -n1)
xdotool key Right
sleep 0.4
month_after=$(grep -o "calendar view=month shown=[0-9-]*" "$APP_LOG" | tail -n1)
check "Right shows the next month" test "$month_before" != "$month_after"
xdotool key t
sleep 0.4
check "T comes back to today" bash -c "grep -o 'calendar view=month shown=[0-9-]*' '$APP_LOG' | tail -n1 | grep -qx '$month_before'"

# The toolbar's W switch, clicked (the four switches sit at the right of the toolbar).
xdotool mousemove $((px + pw - 14 - 26 * 3 + 13)) $((py + 46 + 16)) click 1
check "the toolbar's W button switches to the week" wait_until 5 views_seen week 2

# The pointer resting on an event names it (the tooltip; traced as
# "calendar hover ..."): blocks in a week are often too narrow for a title.
# Down the middle of the grid, where the weekday stand-ups sit at 08:00.
for ((hy = py + 100; hy < py + ph - 20; hy += 8)); do
  xdotool mousemove $((px + pw / 2 + 20)) "$hy"
  sleep 0.05
  grep -q "calendar hover Team stand-up" "$APP_LOG" && break
done
check "an event under the pointer is named" wait_log "calendar hover Team stand-up, [A-Z][a-z]+ 08:00" 5

# Ctrl+N: the selected day, next full hour, one hour; type a title, Enter.
xdotool key ctrl+n
editor=$(wait_for_window 10 '^New event$')
check "Ctrl+N opens the editor" test -n "$editor"
sleep 0.5
screenshot editor-new "$editor" >/dev/null
xdotool type --delay 30 "Made with Ctrl+N"
# The start time typed as "1415" (the field's list offers half hours; any
# time may be typed): shown back as 14:15 on leaving it, and the end keeps
# the hour's length.
read -r ex ey ew eh < <(window_geometry "$editor")
xdotool mousemove $((ex + ew - 80)) $((ey + 100)) click 1
sleep 0.3
xdotool key ctrl+a
xdotool type --delay 40 "1415"
xdotool key Tab
sleep 0.3
xdotool key Return
items_url="$SITE/_api/web/lists/getbytitle('Calendar')/items?\$select=Id,Title,EventDate,EndDate,EventType,MasterSeriesItemID,RecurrenceID,Description&\$top=500"
emu_items() { curl -fsS -H 'Accept: application/json;odata=nometadata' "$items_url"; }
check "the new event reaches the emulator" wait_until 20 bash -c "curl -fsS -H 'Accept: application/json;odata=nometadata' \"$items_url\" | grep -q 'Made with Ctrl+N'"
created=$(emu_items | jq -c '.value[] | select(.Title == "Made with Ctrl+N")')
gui_log "created: $created"
check "  at the typed 14:15, one hour long" bash -c "jq -e '((.EndDate | fromdateiso8601) - (.EventDate | fromdateiso8601)) == 3600 and (.EventDate | test(\"T14:15:00Z\$\"))' <<<'$created'"

# Double-click a free slot in the day view: 08:00 is at the top of the hours;
# a slot a few hours lower, in the column's right margin that events leave free.
focus_pane
xdotool key d
sleep 0.5
xdotool mousemove $((px + pw - 8)) $((py + 46 + 32 + 22 + 22 + 44 * 6 + 10))
sleep 0.2
xdotool click --repeat 2 --delay 90 1
editor=$(wait_for_window 10 '^New event$')
check "a double-click on a slot opens the editor" test -n "$editor"
sleep 0.4
xdotool type --delay 30 "Double-clicked slot"
xdotool key Return
check "the double-clicked event reaches the emulator" wait_until 20 bash -c "curl -fsS -H 'Accept: application/json;odata=nometadata' \"$items_url\" | grep -q 'Double-clicked slot'"
slot=$(emu_items | jq -r '.value[] | select(.Title == "Double-clicked slot") | .EventDate')
gui_log "double-clicked slot starts $slot"
want=$(grep -o "calendar new [0-9T:-]*" "$APP_LOG" | tail -n1 | awk '{ print $3 }')
check "  at the double-clicked slot ($want)" bash -c "[[ -n '$want' && '$slot' == '$want':00Z ]]"
sleep 0.5
pane_shot day-with-new-events

# One occurrence of the demo series: select a stand-up in the agenda with the
# keyboard, Enter, "This occurrence", a new title, Enter.
focus_pane
xdotool key a
sleep 0.5
found=""
for _ in $(seq 1 40); do
  xdotool key Down
  sleep 0.15
  last=$(grep "calendar selected" "$APP_LOG" | tail -n1)
  if [[ "$last" == *"Team stand-up, "* ]]; then found=$last; break; fi
done
check "an occurrence of the stand-up series selected by keyboard" test -n "$found"
gui_log "selected: $found"
focused_is() { [ "$(printf '0x%x' "$(xdotool getwindowfocus 2>/dev/null || echo 0)")" = "$1" ]; }
question_closed() { ! xdotool search --onlyvisible --name '^Open recurring event$' >/dev/null 2>&1; }
# Esc on the question (GTK's own message box) gives the keyboard back to the
# pane, so Enter can open the occurrence again without a click.
xdotool key Return
question=$(wait_for_window 10 '^Open recurring event$')
check "opening an occurrence asks: this occurrence or the whole series" test -n "$question"
xdotool key Escape
check "  Esc closes the question" wait_until 5 question_closed
check "  and the keyboard is back on the pane" wait_until 3 focused_is "$xid"
xdotool key Return
question=$(wait_for_window 10 '^Open recurring event$')
check "  Enter asks again" test -n "$question"
sleep 0.4
screenshot series-question "$question" >/dev/null
xdotool key Return  # "This occurrence" is the default
editor=$(wait_for_window 10 '^Edit this occurrence$')
check "the occurrence editor opens" test -n "$editor"
sleep 0.4
screenshot editor-occurrence "$editor" >/dev/null
xdotool key ctrl+a
xdotool type --delay 30 "Stand-up in the big room"
xdotool key Return
check "the exception item reaches the emulator" wait_until 20 bash -c "curl -fsS -H 'Accept: application/json;odata=nometadata' \"$items_url\" | grep -q 'Stand-up in the big room'"
exception=$(emu_items | jq -c '.value[] | select(.Title == "Stand-up in the big room")')
gui_log "exception: $exception"
master=$(emu_items | jq -r '.value[] | select(.Title == "Team stand-up" and .EventType == 1) | .Id')
check "  EventType 4" bash -c "[ -n '$exception' ] && jq -e '.EventType == 4' <<<'$exception'"
check "  MasterSeriesItemID is the series ($master)" bash -c "[ -n '$exception' ] && jq -e '.MasterSeriesItemID == $master' <<<'$exception'"
check "  RecurrenceID is set" bash -c "[ -n '$exception' ] && jq -e '.RecurrenceID != null and .RecurrenceID != \"\"' <<<'$exception'"
# The editor showed the series' HTML description as its words; the words
# were not touched, so the exception keeps the series' HTML as it was.
master_description=$(emu_items | jq -c '.value[] | select(.Id == '"${master:-0}"') | .Description')
check "  the description is the series' HTML, unchanged ($master_description)" \
  bash -c "[[ '$master_description' == *'<div>'* ]] && jq -e '.Description == $master_description' <<<'$exception'"
check "the agenda lists the changed occurrence" wait_log "calendar occurrence -?[0-9]+ Stand-up in the big room" 20
check "  and after the editor the keyboard is back on the pane" wait_until 3 focused_is "$xid"
sleep 0.5
pane_shot agenda-after-edit

stop_app "$APP"
check_eq "the app ends cleanly" 0 "$STATUS"
gui_finish
