#!/usr/bin/env bash
# The five panes from a settings file against the demo emulator: EWMH hints,
# 32-bit visual and real translucency, below a normal window, on every
# workspace, items from the emulator, an edit made "as another user" shown
# after hide/show, drag + snap + lock, and the place kept across a restart.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/fixture_panes.sh"
gui_start
start_emulator
write_settings
start_app app

check "all five panes shown" wait_log "pane inbox shown xid=" 30
check "every list synced" wait_until 30 bash -c "[ \$(grep -Ec 'status [a-z]+ Synced' '$APP_LOG') -ge 5 ]"
sleep 0.5
shot=$(screenshot five-panes)
gui_log "screenshot $shot"

for kind in calendar contacts tasks notes inbox; do
  xid=$(pane_xid $kind)
  state=$(xprop -id "$xid" _NET_WM_STATE 2>/dev/null)
  desktop=$(xprop -id "$xid" _NET_WM_DESKTOP 2>/dev/null)
  check "$kind: below normal windows" grep -q _NET_WM_STATE_BELOW <<<"$state"
  check "$kind: not in the taskbar" grep -q _NET_WM_STATE_SKIP_TASKBAR <<<"$state"
  check "$kind: not in the pager" grep -q _NET_WM_STATE_SKIP_PAGER <<<"$state"
  # openbox shows "all desktops" as desktop 0xFFFFFFFF, not as STICKY (desktop-linux.md §8.6).
  check "$kind: on all workspaces" bash -c "grep -q 4294967295 <<<'$desktop' || grep -q STICKY <<<'$state'"
  check "$kind: undecorated" undecorated "$xid"
  check "$kind: 32-bit visual (per-pixel translucency)" bash -c "xwininfo -id $xid | grep -q 'Depth: 32'"
  check "$kind: lists the emulator's demo items" bash -c "grep -Eq 'row $kind [0-9-]+ .+' '$APP_LOG'"
done
# Demo titles the emulator seeds, one per list.
check "calendar shows 'Team stand-up'" grep -q "row calendar .* Team stand-up" "$APP_LOG"
check "contacts shows 'Alice Smith'" grep -q "row contacts .* Alice Smith" "$APP_LOG"

# Translucency as seen on screen: the notes pane is at 50 %, tasks at 100 %,
# over the grey (128) desktop. Sample the card left of the rows' text.
read -r nx ny nw nh < <(window_geometry "$(pane_xid notes)")
read -r tx ty tw th < <(window_geometry "$(pane_xid tasks)")
notes_px=$(pixel_at "$shot" $((nx + 6)) $((ny + nh - 12)))
tasks_px=$(pixel_at "$shot" $((tx + 6)) $((ty + th - 12)))
gui_log "card pixels: notes(50%) $notes_px, tasks(100%) $tasks_px"
check "a 50 % pane blends with the desktop" bash -c "r=\${1%%,*}; [ \$r -ge 60 -a \$r -le 100 ]" _ "$notes_px"
check "a 100 % pane is opaque" bash -c "r=\${1%%,*}; [ \$r -le 30 ]" _ "$tasks_px"

# A normal window over the calendar pane stays above it after the pane is clicked.
cal=$(pane_xid calendar)
read -r cx cy cw ch < <(window_geometry "$cal")
gui_spawn xmessage xmessage -geometry 300x120+$((cx + 40))+$((cy + 80)) -name normalwin "a normal window"
msg=$(wait_for_window 10 '^normalwin$|^xmessage$')
check "a normal window appeared" test -n "$msg"
xdotool windowraise "$cal"; sleep 0.2
xdotool mousemove $((cx + 20)) $((cy + ch - 20)) click 1; sleep 0.5
stack=$(xprop -root _NET_CLIENT_LIST_STACKING | tr -d ',' | tr ' ' '\n' | grep 0x)
pos_pane=$(grep -nix "$(printf '0x%x' "$cal")" <<<"$stack" | cut -d: -f1)
pos_msg=$(grep -nix "$(printf '0x%x' "$msg")" <<<"$stack" | cut -d: -f1)
gui_log "stacking: pane at ${pos_pane:-?}, normal window at ${pos_msg:-?} (bottom first)"
check "the pane stays under a normal window after a click" test "${pos_pane:-99}" -lt "${pos_msg:-0}"
screenshot under-normal-window >/dev/null

# Switching workspace: the pane stays, the normal window goes.
xdotool set_desktop 1; sleep 0.6
check "pane visible on workspace 2" bash -c "xwininfo -id $cal | grep -q IsViewable"
check "normal window not on workspace 2" bash -c "xwininfo -id $msg | grep -q IsUnMapped"
screenshot workspace-2 >/dev/null
xdotool set_desktop 0; sleep 0.4
gui_stop_pid "$GUI_PID_xmessage" >/dev/null

# An edit "as another user" shows after the pane is hidden and shown again
# (showing a pane syncs its list). Tasks is the 3rd menu item.
curl -fsS -X POST -H 'Content-Type: application/json' -d '{"Title":"Edited by someone else"}' \
  "$ORIGIN/_emulator/lists/Tasks/items/1" >/dev/null
check "the edit is not shown before the pane is shown again" bash -c "! grep -q 'Edited by someone else' '$APP_LOG'"
tray_menu_pick 3
check "tasks pane hidden from the menu" wait_log "pane tasks hidden" 5
tray_menu_pick 3
check "tasks pane shown again" wait_until 10 bash -c "grep -c 'pane tasks shown' '$APP_LOG' | grep -q 2"
check "the other user's edit is listed" wait_log "row tasks 1 Edited by someone else" 15
screenshot after-remote-edit >/dev/null

# Drag the calendar pane by its header: it moves, snaps to the screen's left
# edge within 10 px, and the new place is saved.
read -r cx cy cw ch < <(window_geometry "$cal")
xdotool mousemove $((cx + 150)) $((cy + 20)); sleep 0.2
xdotool mousedown 1; sleep 0.3
xdotool mousemove $((cx + 150 - cx + 6)) $((cy + 20 + 100)); sleep 0.3
xdotool mousemove $((150 + 7)) $((cy + 20 + 120)); sleep 0.3
xdotool mouseup 1; sleep 0.5
read -r dx dy dw dh < <(window_geometry "$cal")
gui_log "calendar moved from $cx,$cy to $dx,$dy"
check "dragging the header moves the pane" test "$dy" -ge $((cy + 100))
check "the pane snapped to the screen's left edge" test "$dx" -eq 0
check "the new place was saved" wait_log "geometry calendar $dx $dy " 5

# Resize from the bottom-right corner (the edge grab is 6 px wide).
xdotool mousemove $((dx + dw - 2)) $((dy + dh - 2)); sleep 0.2
xdotool mousedown 1; sleep 0.3
xdotool mousemove $((dx + dw + 40)) $((dy + dh + 30)); sleep 0.3
xdotool mousemove $((dx + dw + 60)) $((dy + dh + 50)); sleep 0.3
xdotool mouseup 1; sleep 0.5
read -r sx sy sw sh < <(window_geometry "$cal")
gui_log "calendar resized from ${dw}x${dh} to ${sw}x${sh}"
# (The right edge may snap to the contacts pane 10 px further on.)
check "dragging the corner resizes the pane" test "$sw" -ge $((dw + 50)) -a "$sh" -ge $((dh + 45))
check "  and keeps its top-left corner" test "$sx,$sy" = "$dx,$dy"
check "  and the new size was saved" wait_log "geometry calendar $dx $dy $sw $sh" 5
dw=$sw dh=$sh

# F9 in a pane is Sync all.
xdotool mousemove $((dx + 30)) $((dy + dh - 30)) click 1; sleep 0.3
xdotool key F9
check "F9 in a pane syncs all lists" wait_log "sync all" 5

# Lock from the menu (7th item): drags and WM moves no longer move it.
tray_menu_pick 7
check "panes locked from the menu" wait_log "locked=1" 5
xdotool mousemove $((dx + 150)) $((dy + 20)); sleep 0.2
xdotool mousedown 1; sleep 0.3
xdotool mousemove $((dx + 300)) $((dy + 150)); sleep 0.3
xdotool mouseup 1; sleep 0.4
read -r lx ly lw lh < <(window_geometry "$cal")
check_eq "a locked pane does not move when dragged" "$dx,$dy" "$lx,$ly"
xdotool windowmove "$cal" 700 500; sleep 0.8
read -r lx ly lw lh < <(window_geometry "$cal")
check_eq "a locked pane moved by the WM goes back" "$dx,$dy" "$lx,$ly"
screenshot locked >/dev/null

# Quit (SIGTERM) saves; a restart puts the pane where it was.
stop_app "$APP"
check_eq "SIGTERM ends the app cleanly" 0 "$STATUS"
check "the saved x is in the settings file" bash -c "awk '/^\[calendar\]/{s=1} s&&/^x=/{print; exit}' '$CONFIG' | grep -qx 'x=$dx'"
check "lock was saved" grep -qx "locked=true" "$CONFIG"
start_app app2
check "restarted app shows the calendar" wait_log "pane calendar shown xid=" 20
cal2=$(pane_xid calendar)
sleep 0.5
read -r rx ry rw rh < <(window_geometry "$cal2")
check_eq "the pane keeps its place across a restart" "$dx,$dy,$dw,$dh" "$rx,$ry,$rw,$rh"
stop_app "$APP"
check_eq "second run ends cleanly" 0 "$STATUS"
layout="${GUI_WIDTH}x${GUI_HEIGHT}+0+0"
check "the place is saved for this monitor layout" grep -qx "place@$layout=$dx,$dy,$dw,$dh" "$CONFIG"

# A place remembered for this layout wins over the last place (x/y), and a
# place for other monitors is left alone.
sed -i "s/^place@$layout=.*/place@$layout=300,260,400,300/" "$CONFIG"
sed -i "/^\[calendar\]/a place@1920x1080+0+0_1280x1024+1920+0=2100,40,600,500" "$CONFIG"
start_app app3
check "third run shows the calendar" wait_log "pane calendar shown xid=" 20
sleep 0.5
read -r px py pw ph < <(window_geometry "$(pane_xid calendar)")
check_eq "the place for the current monitors is used" "300,260,400,300" "$px,$py,$pw,$ph"
stop_app "$APP"
check "  and the other layout's place is kept" grep -qx "place@1920x1080+0+0_1280x1024+1920+0=2100,40,600,500" "$CONFIG"

gui_finish
