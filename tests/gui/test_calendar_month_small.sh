#!/usr/bin/env bash
# The Calendar pane's month at a small pane size: a busy day still shows the
# chips that fit, with "+N more" on its last line only when something is left
# over (the app reports each day cell as "deskpane: calendar month DAY
# lanes=L chips=C bars=B more=M" with DESKPANE_TRACE_ROWS=1). Screenshot:
# build/test-screenshots/test_calendar_month_small-month.png.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/fixture_panes.sh"
gui_start
start_emulator
export TZ=UTC LC_ALL=C.UTF-8
write_calendar_settings 460 340 month
start_app app --show calendar
check "calendar pane shown" wait_log "pane calendar shown xid=" 30
check "calendar synced" wait_log "status calendar Synced" 30
check "the month is laid out" wait_log "calendar month [0-9-]+ lanes=" 15
xid=$(pane_xid calendar)
read -r px py pw ph < <(window_geometry "$xid")
gui_log "pane at $px,$py ${pw}x$ph"
sleep 0.8
full=$(screenshot month-full)
convert "$full" -crop "${pw}x${ph}+${px}+${py}" +repage "$GUI_SCREENSHOTS/$GUI_TEST_NAME-month.png" && rm -f "$full"
gui_log "screenshot $GUI_SCREENSHOTS/$GUI_TEST_NAME-month.png"

month_lines() { grep -Eo "calendar month [0-9-]+ lanes=[0-9]+ chips=[0-9]+ bars=[0-9]+ more=[0-9]+" "$APP_LOG"; }
lanes=$(month_lines | tail -n1 | sed -E 's/.* lanes=([0-9]+).*/\1/')
gui_log "lanes per day cell: $lanes"
check "the cells are short (at most 2 lanes)" test "${lanes:-9}" -le 2
check "some day overflows" bash -c "grep -Eq 'calendar month .* more=[1-9]' '$APP_LOG'"
# Every line of a cell is used: what is shown plus the "+N more" line fills
# the cell's lanes, so an overflowing day never shows "+N more" alone.
bad=$(month_lines | awk '{ split($4, l, "="); split($5, c, "="); split($6, b, "="); split($7, m, "=");
  if (m[2] > 0 && c[2] + b[2] + 1 < l[2]) print }')
check "an overflowing day fills its lanes before \"+N more\" (${bad:-none short})" test -z "$bad"
busy=$(month_lines | awk '{ split($5, c, "="); split($7, m, "="); if (m[2] > 0 && c[2] > 0) n++ } END { print n + 0 }')
check "overflowing days still show a chip ($busy)" test "$busy" -ge 1

stop_app "$APP"
check_eq "the app ends cleanly" 0 "$STATUS"
gui_finish
