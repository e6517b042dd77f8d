#!/usr/bin/env bash
# The Contacts pane against the demo emulator, driven like a user with the
# keyboard and the mouse: the demo contacts are listed; typing in the pane
# searches ("muller" finds Müller); Esc clears; Enter opens the detail card
# whose email opens the desktop's mailto: handler only when clicked; Ctrl+N
# creates a contact (a bad email is named first) and it reaches the server;
# an edit reaches it too; Delete waits 5 s for Undo before the server sees it,
# and Ctrl+Z within them keeps the contact; the menu exports the shown
# contacts as vCard; `deskpane --export-vcf` writes the cache's contacts.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/fixture_panes.sh"
gui_start
start_emulator

# Only the Contacts pane, tall enough for a card.
CONFIG=$GUI_TMP/settings.ini
{
  printf '[site]\nurl=%s\nauth=none\n[app]\nautostart=false\nlocked=false\n' "$SITE"
  printf '[contacts]\nlist=Contacts\nvisible=true\nx=120\ny=70\nwidth=420\nheight=620\nopacity=85\n'
  for pane in calendar tasks notes inbox; do printf '[%s]\nvisible=false\n' "$pane"; done
} >"$CONFIG"

# The desktop's handler for mailto: and tel: links is a script that notes
# what it was asked to open (found through the XDG MIME associations, as
# GIO looks them up; xdg-open on PATH as well, for a GTK without a handler).
mkdir -p "$GUI_TMP/bin" "$XDG_DATA_HOME/applications"
cat >"$GUI_TMP/bin/link-handler" <<EOF
#!/bin/sh
echo "\$1" >>"$GUI_TMP/opened-links"
EOF
chmod +x "$GUI_TMP/bin/link-handler"
cp "$GUI_TMP/bin/link-handler" "$GUI_TMP/bin/xdg-open"
cat >"$XDG_DATA_HOME/applications/deskpane-test-links.desktop" <<EOF
[Desktop Entry]
Type=Application
Name=Test link handler
Exec=$GUI_TMP/bin/link-handler %u
MimeType=x-scheme-handler/mailto;x-scheme-handler/tel;
NoDisplay=true
EOF
printf '[Default Applications]\nx-scheme-handler/mailto=deskpane-test-links.desktop\nx-scheme-handler/tel=deskpane-test-links.desktop\n' \
  >"$XDG_CONFIG_HOME/mimeapps.list"
export PATH="$GUI_TMP/bin:$PATH"

start_app app
check "the contacts pane is shown" wait_log "pane contacts shown xid=" 30
check "the contacts list synced" wait_log "status contacts Synced" 30
check "the demo contacts are listed" wait_log "row contacts [0-9]+ Jürgen Müller" 10
pane=$(pane_xid contacts)
read -r px py pw ph < <(window_geometry "$pane")
sleep 0.5
screenshot pane "$pane" >/dev/null

# The server's view, over its REST API (JSON light): field F of the item
# at PATH ("items(7)", or a $filter whose first match counts) equals V.
api() { curl -fsS -H 'Accept: application/json;odata=nometadata' "$SITE/_api/web/lists/getbytitle('Contacts')/$1"; }
json_get() {
  node -e 'let s = ""; process.stdin.on("data", d => (s += d)).on("end", () => {
    const j = JSON.parse(s), v = (j.value ? j.value[0] : j) || {};
    process.stdout.write(String(v[process.argv[1]] ?? "")); });' "$1"
}
field_is() { [ "$(api "$1" 2>/dev/null | json_get "$2")" = "$3" ]; }
item_exists() { curl -fsS -o /dev/null "$SITE/_api/web/lists/getbytitle('Contacts')/items($1)"; }
item_gone() { ! item_exists "$1" 2>/dev/null; }
id_of() { grep -E "row contacts -?[0-9]+ $1\$" "$APP_LOG" | tail -n1 | awk '{print $4}'; }

# --- search ------------------------------------------------------------------
# Focus the pane by clicking its header, then type: the keys go to the search.
xdotool mousemove $((px + 150)) $((py + 22)) click 1; sleep 0.4
xdotool type --delay 60 "muller"
check "typing in the pane searches: 'muller' finds Müller only" wait_log "contacts search 'muller' shown=1 first=Jürgen Müller" 5
sleep 0.3
screenshot search "$pane" >/dev/null
xdotool key Escape
check "Esc clears the search" wait_log "contacts search '' shown=12" 5
xdotool key Escape; sleep 0.2   # an empty search hands the keys back to the list
xdotool key ctrl+f; sleep 0.2
xdotool type --delay 60 "+49 30"
check "Ctrl+F focuses the search; a phone number finds its contact" \
  wait_log "contacts search '\+49 30' shown=1 first=Jürgen Müller" 5
xdotool key ctrl+a BackSpace; sleep 0.2
xdotool type --delay 60 "chloé"
check "a query with a diacritic finds its contact too" wait_log "contacts search 'chloé' shown=1 first=Chloé Dubois" 5
xdotool key Escape; sleep 0.2

# --- detail card: Enter opens it; the email opens its handler only on a click
xdotool type --delay 60 "muller"; sleep 0.3
xdotool key Return
mueller=$(id_of "Jürgen Müller")
check "Enter opens the detail card" wait_log "contacts card $mueller Jürgen Müller" 5
sleep 0.4
screenshot card "$pane" >/dev/null
check "opening the card opens no link" test ! -e "$GUI_TMP/opened-links"
# The email is the first link on the card: find it by its accent colour under
# the "Email" label (the card lists Email first among the links).
shot=$(screenshot card-find "$pane")
link_y=""
for ((y = 90; y < ph - 40; y += 2)); do
  n=$(count_pixels "$shot" 16 "$y" 200 1 "g>0.55&&b>0.5&&r<0.45")
  if [ "${n:-0}" -ge 8 ]; then link_y=$y; break; fi
done
gui_log "email link row at y=${link_y:-?} in the pane"
if [ -n "$link_y" ]; then
  xdotool mousemove $((px + 40)) $((py + link_y + 2)); sleep 0.3
  xdotool click 1
fi
check "a click on the email opens mailto: with the desktop's handler" \
  wait_until 10 grep -qx "mailto:juergen.mueller@mueller-gmbh.de" "$GUI_TMP/opened-links"
xdotool key Escape; sleep 0.3

# --- create with the keyboard: Ctrl+N, fields, Enter ----------------------------
xdotool key ctrl+n
dlg=$(wait_for_window 10 '^New contact$')
check "Ctrl+N opens the new-contact editor" test -n "$dlg"
sleep 0.5
xdotool type --delay 40 "Zoë"; xdotool key Tab
xdotool type --delay 40 "Testperson"; xdotool key Tab
xdotool type --delay 40 "ACME Ltd"; xdotool key Tab
xdotool type --delay 40 "Tester"; xdotool key Tab
xdotool type --delay 40 "zoe@"; xdotool key Tab
xdotool type --delay 40 "+44 20 7946 0000"
sleep 0.3
screenshot editor "$dlg" >/dev/null
xdotool key Return; sleep 0.6
check "a bad email keeps the editor open" bash -c "xwininfo -id $dlg | grep -q IsViewable"
screenshot editor-invalid-email "$dlg" >/dev/null
# The editor put the focus on the email field it named.
xdotool key ctrl+a; xdotool type --delay 40 "zoe@example.com"; xdotool key Return
check "Enter saves the new contact" wait_log "contacts created -?[0-9]+" 10
new='items?$filter=Title%20eq%20%27Testperson%27'
check "the new contact reached the server" wait_until 20 field_is "$new" Email zoe@example.com
typed_fields_arrived() {
  field_is "$new" FirstName Zoë && field_is "$new" Company "ACME Ltd" && field_is "$new" JobTitle Tester &&
    field_is "$new" WorkPhone "+44 20 7946 0000"
}
check "  with every typed field" typed_fields_arrived
check "and is listed under its server id" wait_log "row contacts [0-9]+ Zoë Testperson" 20

# --- edit: open Alice's card, Enter = Edit, change the job title ------------------
alice=$(id_of "Alice Smith")
xdotool key ctrl+f; xdotool type --delay 60 "alice"; sleep 0.3; xdotool key Return
check "Alice's card is open" wait_log "contacts card $alice Alice Smith" 5
xdotool key Return
dlg=$(wait_for_window 10 '^Edit contact$')
check "Enter on the card opens the editor" test -n "$dlg"
sleep 0.4
xdotool key Tab Tab Tab; xdotool key ctrl+a; xdotool type --delay 40 "Chief product owner"; sleep 0.2
screenshot editor-edit "$dlg" >/dev/null
xdotool key Return
check "the edit is saved" wait_log "contacts updated $alice fields=1" 10
check "the edit reached the server" wait_until 20 field_is "items($alice)" JobTitle "Chief product owner"
xdotool key Escape; sleep 0.2
xdotool key ctrl+f ctrl+a BackSpace Escape; sleep 0.3

# --- delete with undo: Ctrl+Z within 5 s keeps the contact --------------------------
kowalski=$(id_of "Zofia Kowalski")
xdotool key ctrl+f; xdotool type --delay 60 "kowalski"; sleep 0.3; xdotool key Down Delete
check "Delete hides the contact and waits for Undo" wait_log "contacts delete $kowalski waits for undo" 5
sleep 0.3
screenshot undo-bar "$pane" >/dev/null
xdotool key ctrl+z
check "Ctrl+Z undoes the delete" wait_log "contacts delete $kowalski undone" 5
sleep 6
check "an undone delete never reaches the server" field_is "items($kowalski)" Title Kowalski

# --- delete for good: the server sees it only after the 5 s ------------------------
bob=$(id_of "Bob Jones")
xdotool key ctrl+f ctrl+a; xdotool type --delay 60 "jones"; sleep 0.3; xdotool key Down Delete
check "Delete on Bob waits for Undo" wait_log "contacts delete $bob waits for undo" 5
sleep 2
check "  and the server still has him 2 s later" item_exists "$bob"
check "after the 5 s the delete is made" wait_log "contacts deleted $bob" 10
check "  and reaches the server" wait_until 20 item_gone "$bob"
xdotool key ctrl+f ctrl+a BackSpace Escape; sleep 0.3

# --- export from the pane's menu (the shown contacts) -------------------------------
xdotool key ctrl+f; xdotool type --delay 60 "contoso"; sleep 0.3
check "a search for 'contoso' shows Alice only now" wait_log "contacts search 'contoso' shown=1 first=Alice Smith" 5
xdotool mousemove $((px + 150)) $((py + 22)) click 3; sleep 0.6
screenshot menu >/dev/null
xdotool key Up; sleep 0.1; xdotool key Return   # the menu's last entry is the pane's export
fdlg=$(wait_for_window 10 'Export contacts as vCard')
check "the menu's export opens a save dialog" test -n "$fdlg"
sleep 0.6
xdotool key ctrl+a; xdotool type --delay 20 "$GUI_TMP/shown.vcf"; xdotool key Return
check "the shown contact was exported" wait_log "contacts exported 1 to $GUI_TMP/shown.vcf" 10
check "  as one vCard 4.0 with CRLF lines" bash -c "[ \$(grep -c \$'^BEGIN:VCARD\r\$' '$GUI_TMP/shown.vcf') -eq 1 ] && grep -q \$'^VERSION:4.0\r\$' '$GUI_TMP/shown.vcf' && grep -q \$'^FN:Alice Smith\r\$' '$GUI_TMP/shown.vcf'"

stop_app "$APP"
check_eq "SIGTERM ends the app cleanly" 0 "$STATUS"

# --- deskpane --export-vcf from the cache ------------------------------------------
"$DESKPANE_BIN_DIR/deskpane" --cache "$GUI_TMP/cache.sqlite3" --export-vcf "$GUI_TMP/all.vcf" >"$GUI_TMP/export.out" 2>&1
check_eq "--export-vcf exits 0" 0 "$?"
check "  and says how many it wrote" grep -qx "deskpane: exported 12 contacts to $GUI_TMP/all.vcf" "$GUI_TMP/export.out"
check "  one vCard per cached contact" bash -c "[ \$(grep -c \$'^BEGIN:VCARD\r\$' '$GUI_TMP/all.vcf') -eq 12 ]"
check "  the new contact among them" grep -q $'^FN:Zoë Testperson\r$' "$GUI_TMP/all.vcf"
check "  with its phone as a tel: URI" grep -q $'^TEL;VALUE=uri;TYPE=work,voice:tel:+44-20-7946-0000\r$' "$GUI_TMP/all.vcf"
"$DESKPANE_BIN_DIR/deskpane" --cache "$GUI_TMP/no-such-cache.sqlite3" --export-vcf "$GUI_TMP/none.vcf" >"$GUI_TMP/none.out" 2>&1
check_eq "--export-vcf without a cache exits 1" 1 "$?"
check "  with a message naming the missing cache" grep -q "no cache at $GUI_TMP/no-such-cache.sqlite3" "$GUI_TMP/none.out"
check "  and writes no file" test ! -e "$GUI_TMP/none.vcf"

gui_finish
