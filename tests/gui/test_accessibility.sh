#!/usr/bin/env bash
# What a screen reader finds in the panes, read over AT-SPI as Orca reads it
# (tests/gui/a11y_rows.py, python3-pyatspi): the Tasks, Contacts and Calendar
# (agenda), Notes and Inbox panes, whose rows are painted rather than widgets, each hold a list
# named after the pane with one list item per row, named after the item as
# the server has it; after Down the selected row is reported SELECTED (and
# FOCUSED), and a second Down moves that state to the next row. The header's buttons
# have keys too: Shift+F10 opens the pane's menu, F5 refreshes its list. The
# painted buttons (each pane's header, the calendar's toolbar, an open contact
# card, a discussion being read) are push buttons whose click action works.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/fixture_panes.sh"

PYTHON=/usr/bin/python3  # the system Python: pyatspi is a Debian package
if ! "$PYTHON" -c 'import pyatspi' 2>/dev/null || [ ! -x /usr/libexec/at-spi-bus-launcher ]; then
  gui_log "skipped: python3-pyatspi or at-spi2-core is missing (run scripts/install-deps)"
  echo "0 passed, 0 failed (skipped)"
  exit 77
fi

gui_start
start_emulator

CONFIG=$GUI_TMP/settings.ini
{
  printf '[site]\nurl=%s\nauth=none\n[app]\nautostart=false\nlocked=false\n' "$SITE"
  printf '[tasks]\nlist=Tasks\nvisible=true\nx=60\ny=70\nwidth=420\nheight=560\nopacity=100\n'
  printf '[contacts]\nlist=Contacts\nvisible=true\nx=520\ny=70\nwidth=420\nheight=680\nopacity=100\n'
  printf '[calendar]\nlist=Calendar\nvisible=true\nx=960\ny=70\nwidth=300\nheight=400\nopacity=100\nview=agenda\n'
  printf '[notes]\nlist=Notes\nvisible=true\nx=60\ny=660\nwidth=420\nheight=320\nopacity=100\n'
  printf '[inbox]\nlist=Inbox\nvisible=true\nx=960\ny=500\nwidth=420\nheight=420\nopacity=100\n'
} >"$CONFIG"

# The accessibility bus, on the harness's private session bus (the harness
# turns GTK's bridge to it off for the other tests).
unset NO_AT_BRIDGE
gui_spawn a11ybus /usr/libexec/at-spi-bus-launcher
wait_until 10 bus_name_owned org.a11y.Bus || { gui_log "at-spi-bus-launcher did not register"; exit 1; }

start_app app
check "the panes are shown" wait_log "pane calendar shown xid=" 30
check "tasks synced" wait_log "status tasks Synced" 30
check "contacts synced" wait_log "status contacts Synced" 30
check "notes synced" wait_log "status notes Synced" 30
check "inbox synced" wait_log "status inbox Synced" 30
sleep 1

# The tree as a screen reader sees it: window, list, role, name, states.
dump() { "$PYTHON" "$DESKPANE_SOURCE_DIR/tests/gui/a11y_rows.py" deskpane >"$GUI_TMP/$1.tsv" 2>"$GUI_TMP/$1.err"; }
check "the app is on the accessibility bus with list items" wait_until 15 bash -c \
  "'$PYTHON' '$DESKPANE_SOURCE_DIR/tests/gui/a11y_rows.py' deskpane | grep -q ."
dump tree
gui_log "a screen reader finds $(wc -l <"$GUI_TMP/tree.tsv") list items; the first of each pane:"
for pane in Tasks Contacts; do grep -m1 "^$pane	" "$GUI_TMP/tree.tsv" | sed "s/^/[$GUI_TEST_NAME]   /"; done

# Items of PANE's list: "role<TAB>name<TAB>states" lines.
items_of() { awk -F'\t' -v w="$1" '$1 == w && $2 == w { print $3 "\t" $4 "\t" $5 }' "$GUI_TMP/${2:-tree}.tsv"; }
# True when PANE lists an item whose name holds every one of WORDS (all list items).
listed() {
  local pane=$1; shift
  items_of "$pane" | awk -F'\t' -v words="$(printf '%s\n' "$@")" '
    BEGIN { n = split(words, w, "\n") }
    $1 == "list item" { ok = 1; for (i = 1; i <= n; i++) if (w[i] != "" && index($2, w[i]) == 0) ok = 0; if (ok) found = 1 }
    END { exit !found }'
}

api() { curl -fsS -H 'Accept: application/json;odata=nometadata' "$SITE/_api/web/lists/getbytitle('$1')/items?\$top=500&$2"; }

# --- names: every open task and every contact, as the server has them --------
mapfile -t tasks < <(api Tasks "\$select=Title,Status" | jq -r '.value[] | select(.Status != "Completed") | .Title')
check "the server has open tasks to look for" test "${#tasks[@]}" -gt 0
missing=()
for t in "${tasks[@]}"; do listed Tasks "$t" || missing+=("$t"); done
check_eq "each of the ${#tasks[@]} open tasks is a list item of the Tasks pane named after it" "" "${missing[*]}"

mapfile -t contacts < <(api Contacts "\$select=FirstName,Title" | jq -r '.value[] | "\(.FirstName // "")\t\(.Title // "")"')
check "the server has contacts to look for" test "${#contacts[@]}" -gt 0
missing=()
for c in "${contacts[@]}"; do
  IFS=$'\t' read -r first last <<<"$c"
  listed Contacts "$first" "$last" || missing+=("$first $last")
done
check_eq "each of the ${#contacts[@]} contacts is a list item of the Contacts pane named after them" "" "${missing[*]}"

mapfile -t notes < <(api Notes "\$select=Title" | jq -r '.value[] | .Title')
check "the server has notes to look for" test "${#notes[@]}" -gt 0
missing=()
for n in "${notes[@]}"; do listed Notes "$n" || missing+=("$n"); done
check_eq "each of the ${#notes[@]} notes is a list item of the Notes pane named after it" "" "${missing[*]}"

# A discussion board's threads are its folders; replies are read in the thread.
mapfile -t threads < <(api Inbox "\$select=Title,FSObjType" | jq -r '.value[] | select(.FSObjType == 1) | .Title')
check "the server has threads to look for" test "${#threads[@]}" -gt 0
missing=()
for t in "${threads[@]}"; do listed Inbox "$t" || missing+=("$t"); done
check_eq "each of the ${#threads[@]} threads is a list item of the Inbox pane named after it" "" "${missing[*]}"
check_eq "the Inbox lists threads, not their replies" "${#threads[@]}" "$(items_of Inbox | grep -c '^list item')"
check_eq "no row of any pane has another role or an empty name" "" \
  "$(for p in Tasks Contacts Notes Inbox; do items_of "$p"; done | awk -F'\t' '$1 != "list item" || $2 == ""')"

# --- the selection follows the keyboard ----------------------------------------
# Focus the Tasks pane by its header, then Down: the first row is selected.
XID=$(pane_xid tasks)
read -r PX PY _ _ < <(window_geometry "$XID")
xdotool mousemove $((PX + 150)) $((PY + 22)) click 1
sleep 0.4
# The row a screen reader reports as selected, "name<TAB>states".
selected_row() { items_of Tasks "$1" | awk -F'\t' '$3 ~ /(^|,)(selected|focused)(,|$)/ { print $2 "\t" $3 }'; }
first=$(items_of Tasks | sed -n 1p | cut -f2)
second=$(items_of Tasks | sed -n 2p | cut -f2)
check "the Tasks list has two rows to move between" test -n "$second"
dump before
check_eq "no task row is selected before a key" "" "$(selected_row before)"
xdotool key Down
sleep 0.5
dump down1
check_eq "after Down the first task row is the selected one" "$first" "$(selected_row down1 | cut -f1)"
check "its states include SELECTED" grep -q "selected" <<<"$(selected_row down1 | cut -f2)"
check "the focused state is reported while the pane is active" grep -q "focused" <<<"$(selected_row down1 | cut -f2)"
xdotool key Down
sleep 0.5
dump down2
check_eq "a second Down moves the selection to the second row" "$second" "$(selected_row down2 | cut -f1)"
screenshot tasks "$XID" >/dev/null

# The calendar's events are listed the same way, and Down selects the first.
check "the Calendar pane lists its events as list items" test -n "$(items_of Calendar | cut -f2 | head -n1)"
CXID=$(pane_xid calendar)
read -r CX CY _ _ < <(window_geometry "$CXID")
xdotool mousemove $((CX + 100)) $((CY + 22)) click 1
sleep 0.4
xdotool key Down
sleep 0.5
dump calendar
check_eq "after Down the calendar's first event is the selected one" "$(items_of Calendar | sed -n 1p | cut -f2)" \
  "$(items_of Calendar calendar | awk -F'\t' '$3 ~ /(^|,)selected(,|$)/ { print $2 }')"
xdotool mousemove $((PX + 150)) $((PY + 22)) click 1
sleep 0.4

# --- the header's buttons from the keyboard --------------------------------------
no_menu() { ! menu_window_xid; }
check "no menu is open before Shift+F10" no_menu
xdotool key shift+F10
check "Shift+F10 opens the pane's menu (the header's ⋯ button)" wait_until 5 menu_window_xid
sleep 0.4
screenshot menu root >/dev/null
xdotool key Escape
check "Esc closes it" wait_until 5 no_menu
syncs=$(grep -c "status tasks Synced" "$APP_LOG")
xdotool key F5
check "F5 refreshes the pane's list (the header's ↻ button)" \
  wait_until 15 bash -c "[ \$(grep -c 'status tasks Synced' '$APP_LOG') -gt $syncs ]"

# --- the header's buttons for a screen reader ------------------------------------
buttons() { "$PYTHON" "$DESKPANE_SOURCE_DIR/tests/gui/a11y_buttons.py" deskpane "$@"; }
buttons >"$GUI_TMP/buttons.tsv" 2>"$GUI_TMP/buttons.err"
gui_log "the Tasks header as a screen reader finds it:"
grep "^Tasks	" "$GUI_TMP/buttons.tsv" | sed "s/^/[$GUI_TEST_NAME]   /"
check_eq "each pane's header is a tool bar of three push buttons with a click action and a key" \
  "Calendar 3
Contacts 3
Inbox 3
Notes 3
Tasks 3" \
  "$(awk -F'\t' '$2 ~ / header$/ && $4 == "click" && $5 != "" && $3 != "" { n[$1]++ } END { for (w in n) print w, n[w] }' "$GUI_TMP/buttons.tsv" | sort)"
check "  named Refresh, New item and Pane menu" bash -c \
  "grep -q \$'^Tasks\t[^\t]*\tRefresh\tclick\tF5\$' '$GUI_TMP/buttons.tsv' &&
   grep -q \$'^Tasks\t[^\t]*\tNew item\tclick\t' '$GUI_TMP/buttons.tsv' &&
   grep -q \$'^Tasks\t[^\t]*\tPane menu\tclick\t' '$GUI_TMP/buttons.tsv'"
buttons Tasks "New item"
editor=$(wait_for_window 10 '^New task$')
check "the New item button's action opens the new-task editor" test -n "$editor"
xdotool key Escape
editor_closed() { ! xdotool search --onlyvisible --name '^New task$' >/dev/null 2>&1; }
check "  and Esc closes it" wait_until 5 editor_closed
syncs=$(grep -c "status tasks Synced" "$APP_LOG")
buttons Tasks "Refresh"
check "the Refresh button's action refreshes the pane's list" \
  wait_until 15 bash -c "[ \$(grep -c 'status tasks Synced' '$APP_LOG') -gt $syncs ]"

# The calendar's toolbar, the contact card and the discussion being read
# are painted too; their buttons are there for a screen reader as well.
check_eq "the calendar's toolbar: seven push buttons" \
  "Previous period,Today,Next period,Month view,Week view,Day view,Agenda view" \
  "$(awk -F'\t' '$1 == "Calendar" && $2 == "Calendar toolbar" { print $3 }' "$GUI_TMP/buttons.tsv" | paste -sd,)"
buttons Calendar "Week view"
check "  pressing Week view shows the week" wait_log "calendar view=week" 10
agendas=$(grep -c "calendar view=agenda" "$APP_LOG")
buttons Calendar "Agenda view"
check "  and Agenda view the agenda again" wait_until 10 bash -c "[ \$(grep -c 'calendar view=agenda' '$APP_LOG') -gt $agendas ]"
check_eq "no contact card is open: it has no buttons" "" \
  "$(awk -F'\t' '$2 == "Contact card"' "$GUI_TMP/buttons.tsv")"
KXID=$(pane_xid contacts)
read -r KX KY _ _ < <(window_geometry "$KXID")
xdotool mousemove $((KX + 150)) $((KY + 22)) click 1
sleep 0.4
xdotool key Down Return
sleep 1
buttons >"$GUI_TMP/card.tsv" 2>/dev/null
gui_log "the open contact card as a screen reader finds it:"
awk -F'\t' '$2 == "Contact card"' "$GUI_TMP/card.tsv" | sed "s/^/[$GUI_TEST_NAME]   /"
card_button() { awk -F'\t' -v b="$1" '$2 == "Contact card" && $3 ~ b { f = 1 } END { exit !f }' "$GUI_TMP/card.tsv"; }
check "an open card offers Back, Edit and Delete" bash -c "$(declare -f card_button); GUI_TMP='$GUI_TMP' card_button '^Back to the list$' && card_button '^Edit$' && card_button '^Delete$'"
check "  and its email as 'Write to …'" card_button '^Write to .+@'
buttons Contacts "Back to the list"
check "  pressing Back to the list closes the card" wait_until 5 bash -c \
  "'$PYTHON' '$DESKPANE_SOURCE_DIR/tests/gui/a11y_buttons.py' deskpane | awk -F'\t' '\$2 == \"Contact card\" { f = 1 } END { exit f }'"

IXID=$(pane_xid inbox)
read -r IX IY _ _ < <(window_geometry "$IXID")
xdotool mousemove $((IX + 150)) $((IY + 22)) click 1
sleep 0.4
xdotool key Down Return
sleep 1
check_eq "a discussion being read offers Back, Reply and Mark read or unread" "Back,Reply,Mark read or unread" \
  "$(buttons | awk -F'\t' '$1 == "Inbox" && $2 == "Discussion" { print $3 }' | paste -sd,)"
buttons Inbox "Back"
check "  pressing Back returns to the list (no buttons left)" wait_until 5 bash -c \
  "[ -z \"\$('$PYTHON' '$DESKPANE_SOURCE_DIR/tests/gui/a11y_buttons.py' deskpane | awk -F'\t' '\$2 == \"Discussion\"')\" ]"

stop_app "$APP"
check_eq "the app exits cleanly" 0 "$STATUS"
gui_finish
