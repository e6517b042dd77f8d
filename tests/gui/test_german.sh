#!/usr/bin/env bash
# The app in German (LANG=de_DE.UTF-8) with the five panes against the demo
# emulator: the tray menu's labels, the pane titles and sync states come from
# the German catalogue (build/locale/de, found next to the binary), the
# calendar's dates from the German locale; screenshots of the open tray menu
# and the panes to look at. The app reports its menu labels as a
# "deskpane: menu ..." line (DESKPANE_TRACE_ROWS=1): GTK's menu text is not
# readable from X.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/fixture_panes.sh"

if ! locale -a 2>/dev/null | grep -qix 'de_DE\.utf-\?8'; then
  gui_log "FAIL the de_DE.UTF-8 locale is missing: run scripts/install-deps"
  echo "0 passed, 1 failed"
  exit 1
fi

gui_start
start_emulator
write_settings
unset LC_ALL LANGUAGE LC_MESSAGES LC_TIME
export LANG=de_DE.UTF-8 TZ=UTC
start_app app

check "all five panes shown" wait_log "pane inbox shown xid=" 30
check "the tray menu is in German" wait_log \
  "^deskpane: menu Kalender\|Kontakte\|Aufgaben\|Notizen\|Posteingang\|Alles synchronisieren\|Bereiche sperren\|Einstellungen …\|Bei der Anmeldung starten\|Beenden$" 10
grep '^deskpane: menu' "$APP_LOG" | head -n1 | sed "s/^/[$GUI_TEST_NAME] /"
check "every list synced, the state in German" \
  wait_until 30 bash -c "[ \$(grep -Ec 'status [a-z]+ Synchronisiert [0-9]{2}:[0-9]{2}' '$APP_LOG') -ge 5 ]"
for kind_title in calendar:Kalender contacts:Kontakte tasks:Aufgaben notes:Notizen inbox:Posteingang; do
  kind=${kind_title%%:*} title=${kind_title#*:}
  check "$kind pane's title is '$title'" bash -c "xprop -id '$(pane_xid "$kind")' WM_NAME | grep -q '\"$title'"
done

# Dates: the calendar's labels use the locale's day names (Mo, Di, ...), the
# same nl_langinfo source its header's month name comes from.
check "calendar dates use German day names" \
  wait_log "calendar occurrence -?[0-9]+ .*, (Mo|Di|Mi|Do|Fr|Sa|So) [0-9]{2}:[0-9]{2}" 10
# Show December: the header then reads "Dezember <year>".
for ((i = 0; i < 12; i++)); do
  grep -o 'calendar view=month shown=[0-9-]*' "$APP_LOG" | tail -n1 | grep -q -- '-12-[0-9]*$' && break
  cal=$(pane_xid calendar)
  read -r cx cy cw ch < <(window_geometry "$cal")
  xdotool mousemove $((cx + cw / 2)) $((cy + ch - 20)) click 1
  sleep 0.2
  xdotool key Right
  sleep 0.5
done
check "the calendar shows December" bash -c \
  "grep -o 'calendar view=month shown=[0-9-]*' '$APP_LOG' | tail -n1 | grep -q -- '-12-'"
check "  whose name in the app's locale is 'Dezember'" \
  bash -c '[ "$(LC_ALL=de_DE.UTF-8 date -d 2026-12-01 +%B)" = Dezember ]'
sleep 0.5
shot=$(screenshot panes)
gui_log "screenshot $shot"

# The tray menu, open, for the screenshot.
tray_menu_open
check "the tray menu opened" wait_until 5 menu_window_xid
sleep 0.4
shot=$(screenshot tray-menu)
gui_log "screenshot $shot"
xdotool key Escape
sleep 0.3

stop_app "$APP"
check_eq "SIGTERM ends the app cleanly" 0 "$STATUS"
gui_finish
