#!/usr/bin/env bash
# The Notes pane against the demo emulator, driven like a user: the demo
# notes are shown as cards; Ctrl+N starts a new card with its title focused,
# and a click elsewhere (the focus leaving the card) saves it to the server;
# a double-click edits a card in place and a click elsewhere saves the edit;
# Esc cancels; the card's context menu sets its colour; Delete deletes it
# once the 5 s undo delay is over. Screenshots go to build/test-screenshots/.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/fixture_panes.sh"
gui_start
start_emulator
write_settings
start_app app

check "notes pane shown" wait_log "pane notes shown xid=" 30
check "notes synced" wait_log "status notes Synced" 30
check "the view shows cards" wait_log "notes view ids=[0-9]" 15
sleep 0.8
check "demo note 'Wi-Fi guest password' listed" grep -q "row notes .* Wi-Fi guest password" "$APP_LOG"
XID=$(pane_xid notes)
read -r PX PY PW PH < <(window_geometry "$XID")
gui_log "notes pane at $PX,$PY ${PW}x$PH"
screenshot pane "$XID" >/dev/null

api() { curl -fsS -H 'Accept: application/json;odata=nometadata' "$SITE/_api/web/lists/getbytitle('Notes')/$1"; }
field_of() { api "items($1)?\$select=$2" | jq -r ".$2"; }
id_of() { api "items?\$select=Id,Title&\$top=500" | jq -r --arg t "$1" '.value[] | select(.Title == $t) | .Id' | head -n1; }
has_title() { [ -n "$(id_of "$1")" ]; }
field_is() { [ "$(field_of "$1" "$2")" = "$3" ]; }
field_has() { field_of "$1" "$2" | grep -qF -- "$3"; }
gone() { ! curl -fsS -o /dev/null "$SITE/_api/web/lists/getbytitle('Notes')/items($1)"; }
# Card index (0-based) of ID in the view's last listing.
card_of() {
  grep -Eo 'notes view ids=[0-9,-]*' "$APP_LOG" | tail -n1 | sed 's/.*ids=//' | tr ',' '\n' | grep -nx -- "$1" |
    cut -d: -f1 | awk '{ print $1 - 1 }'
}
# Middle of card N: two columns (a 400 px pane), cards 132 px tall, 10 px gaps.
card_x() { echo $((PX + 10 + ($1 % 2) * 192 + 91)); }
card_y() { echo $((PY + 46 + 10 + ($1 / 2) * 142 + 66)); }
# A spot in the pane that is no card: the gap between the two columns.
click_elsewhere() { xdotool mousemove $((PX + 197)) $((PY + 46 + 60)) click 1; sleep 0.5; }

# --- Ctrl+N, type, click elsewhere: the note is saved on the server.
xdotool mousemove "$(card_x 0)" "$(card_y 0)" click 1
sleep 0.4
xdotool key ctrl+n
check "Ctrl+N starts a new card" wait_log "note editing new" 5
sleep 0.4
xdotool type --delay 20 "Parking spot"
xdotool key Tab
xdotool type --delay 20 "Level -2, spot 17"
sleep 0.3
screenshot new-note-inline-editor "$XID" >/dev/null
click_elsewhere
check "a click elsewhere saves the new note" wait_log "note created" 5
check "  and it reaches the emulator" wait_until 15 has_title "Parking spot"
parking=$(id_of "Parking spot")
check_eq "  with its text" "Level -2, spot 17" "$(field_of "$parking" NoteBody)"

# --- Double-click edits a card in place; a click elsewhere saves.
sleep 1.5
second=$(grep -Eo 'notes view ids=[0-9,-]*' "$APP_LOG" | tail -n1 | sed 's/.*ids=//' | cut -d, -f2)
gui_log "second card: item $second"
xdotool mousemove "$(card_x 1)" "$(card_y 1)" click --repeat 2 --delay 80 1
check "a double-click edits the card" wait_log "note editing $second" 5
sleep 0.3
xdotool key ctrl+End Return
xdotool type --delay 20 "Reception: 100"
sleep 0.3
screenshot edit-note-inline-editor "$XID" >/dev/null
click_elsewhere
check "the edit is saved on the emulator" wait_until 15 field_has "$second" NoteBody "Reception: 100"

# --- Esc cancels an edit.
sleep 1
before=$(field_of "$second" NoteBody)
xdotool mousemove "$(card_x 1)" "$(card_y 1)" click --repeat 2 --delay 80 1
wait_log "note editing $second" 5
sleep 0.3
xdotool type --delay 20 "zzz"
xdotool key Escape
check "Esc cancels the edit" wait_log "note editing cancelled" 5
sleep 2
check_eq "  and nothing reaches the server" "$before" "$(field_of "$second" NoteBody)"

# --- The context menu sets the colour (Edit, Colour ▸ Default Yellow Blue Green Pink White).
xdotool mousemove "$(card_x 1)" "$(card_y 1)" click 3
sleep 0.6
screenshot card-menu >/dev/null
xdotool key Down Down Right
sleep 0.4
xdotool key Down Down Down Down Return
check "the card menu sets the colour" wait_log "note $second colour Pink" 5
check "  on the emulator" wait_until 15 field_is "$second" Color Pink
sleep 0.8
screenshot pink-card "$XID" >/dev/null

# --- Delete waits 5 s for Undo, then reaches the server.
row=$(card_of "$parking")
gui_log "'Parking spot' is card $row"
xdotool mousemove "$(card_x "$row")" "$(card_y "$row")" click 1
sleep 0.3
xdotool key Delete
check "the pane says the delete waits" wait_log "note $parking deleted \\(undo" 5
sleep 0.5
screenshot undo-bar "$XID" >/dev/null
check "within the undo delay the note is still on the server" curl -fsS -o /dev/null "$SITE/_api/web/lists/getbytitle('Notes')/items($parking)"
check "after the undo delay it is gone from the server" wait_until 15 gone "$parking"

# --- A note stored as HTML (a rich-text column, as on many tenants) shows
# its words; edited, it goes back as HTML, not as escaped markup.
digest=$(curl -fsS -X POST -H 'Accept: application/json;odata=nometadata' "$SITE/_api/contextinfo" | jq -r .FormDigestValue)
rich=$(curl -fsS -X POST -H "X-RequestDigest: $digest" -H 'Accept: application/json;odata=nometadata' \
  -H 'Content-Type: application/json;odata=nometadata' \
  -d '{"Title":"Rich note","NoteBody":"<div class=\"ExternalClass7A\"><p>Buy milk<br>and eggs</p></div>"}' \
  "$SITE/_api/web/lists/getbytitle('Notes')/items" | jq -r .Id)
gui_log "HTML note: item $rich"
click_elsewhere
xdotool key F9
check "F9 brings the HTML note in" wait_log "notes view ids=([0-9-]+,)*$rich(,|\$| )" 20
sleep 0.8
screenshot html-note "$XID" >/dev/null
row=$(card_of "$rich")
xdotool mousemove "$(card_x "$row")" "$(card_y "$row")" click --repeat 2 --delay 80 1
check "a double-click edits the HTML note" wait_log "note editing $rich" 5
sleep 0.3
xdotool key ctrl+End
xdotool type --delay 20 " and bread"
sleep 0.3
screenshot html-note-editor "$XID" >/dev/null
click_elsewhere
check "the edit reaches the emulator" wait_until 15 field_has "$rich" NoteBody "and bread"
body=$(field_of "$rich" NoteBody)
gui_log "stored: $body"
check "  as HTML" grep -q '^<div>' <<<"$body"
check "  with the words the editor showed, no markup typed into them" bash -c '! grep -q "&lt;" <<<"$1"' _ "$body"

stop_app "$APP"
check_eq "the app ends cleanly" 0 "$STATUS"
gui_finish
