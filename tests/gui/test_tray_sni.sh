#!/usr/bin/env bash
# The StatusNotifierItem back-end: with an SNI watcher on the session bus the
# app registers an item (libayatana-appindicator) whose icon is the day page
# saved as a PNG with a new name each day, whose menu (over dbusmenu) is the
# DESIGN §1 menu, and whose Quit entry ends the app with status 0.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/fixture_panes.sh"
gui_start
start_emulator
write_settings

gui_spawn watcher "$DESKPANE_BIN_DIR/sni_watcher"
check "a stand-in SNI watcher owns org.kde.StatusNotifierWatcher" \
  wait_until 10 grep -q "watching as" "$GUI_TMP/watcher.log"

today=$(date +%Y-%m-%d)
export DESKPANE_FAKE_NOW="${today}T23:59:56"
start_app app
unset DESKPANE_FAKE_NOW
check "the app picks the SNI back-end" wait_log "tray backend=sni day=$(date +%-d)" 20
check "the item registered with the watcher" wait_until 10 grep -q "^registered " "$GUI_TMP/watcher.log"
read -r _ service object < <(grep "^registered " "$GUI_TMP/watcher.log" | head -n1)
gui_log "item $service $object"

prop() {
  gdbus call --session --dest "$service" --object-path "$object" \
    --method org.freedesktop.DBus.Properties.Get org.kde.StatusNotifierItem "$1" 2>/dev/null
}
icon_file() {
  # IconName is the file's path without ".png" (plus IconThemePath) or a full path.
  local name dir
  name=$(prop IconName | grep -o "'[^']*'" | head -n1 | tr -d "'")
  dir=$(prop IconThemePath | grep -o "'[^']*'" | head -n1 | tr -d "'")
  case $name in
    /*) echo "$name" ;;
    *) echo "$dir/$name.png" ;;
  esac
}
icon1=$(icon_file)
gui_log "icon file: $icon1"
check "the icon is a PNG file named for today" bash -c "[ -f '$icon1' ] && [[ '$icon1' == *day-$(date +%d)-* ]]"
check "  drawn at 64 px" bash -c "identify -format '%wx%h' '$icon1' | grep -qx 64x64"
[ -f "$icon1" ] && cp "$icon1" "$GUI_SCREENSHOTS/$GUI_TEST_NAME-icon-today.png"

menu=$(prop Menu | grep -o "objectpath '[^']*'" | sed "s/objectpath //; s/'//g")
layout=$(gdbus call --session --dest "$service" --object-path "$menu" \
  --method com.canonical.dbusmenu.GetLayout 0 'int32 -1' '@as []' 2>/dev/null)
labels=$(grep -o "'label': <'[^']*'>" <<<"$layout" | sed "s/'label': <'//; s/'>//" | tr -d '_' | paste -sd '|')
gui_log "menu over dbusmenu: $labels"
check_eq "the exported menu is DESIGN §1's" \
  "Calendar|Contacts|Tasks|Notes|Inbox|Sync all|Lock panes|Settings…|Start at login|Quit" "$labels"

check "the midnight timer fired" wait_log "tray day=$(date -d "$today + 1 day" +%-d)" 15
sleep 0.5
icon2=$(icon_file)
gui_log "icon file after midnight: $icon2"
check "the icon after midnight has a new file name for the new day" \
  bash -c "[ -f '$icon2' ] && [ '$icon2' != '$icon1' ] && [[ '$icon2' == *day-$(date -d "$today + 1 day" +%d)-* ]]"
check "  and the old file is gone" test ! -e "$icon1"
check "  and the pixels differ" bash -c "! cmp -s '$icon1' '$icon2'"
[ -f "$icon2" ] && cp "$icon2" "$GUI_SCREENSHOTS/$GUI_TEST_NAME-icon-tomorrow.png"

# Clicking "Quit" through dbusmenu, as an SNI host would.
quit_id=$(grep -o "([0-9]*, {[^}]*'label': <'_*Quit'>" <<<"$layout" | grep -o "^([0-9]*" | tr -d '(')
gdbus call --session --dest "$service" --object-path "$menu" --method com.canonical.dbusmenu.Event \
  "${quit_id:-0}" clicked '<int32 0>' 'uint32 0' >/dev/null 2>&1
wait_exit "$APP" 15 >"$GUI_TMP/exit-status"
check_eq "Quit from the SNI menu exits with status 0" 0 "$(cat "$GUI_TMP/exit-status")"

gui_finish
