#!/usr/bin/env bash
# `deskpane --add/--edit/--delete` against deskpane-spemu on loopback: each
# edit reaches the server (read back through the REST API, not the cache); a
# bad field or value changes nothing, in the cache or on the server; offline
# an edit is queued (exit 0) and a later --sync pushes it exactly once; with
# a deskpane running for the settings, the edit goes to it instead of the
# cache. Every process started here is stopped by its PID. Prints
# "N passed, N failed"; exits non-zero on any failure.
set -uo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
source_dir="${DESKPANE_SOURCE_DIR:-$(cd "$here/../.." && pwd)}"
bin_dir="${DESKPANE_BIN_DIR:-$source_dir/build/bin}"
deskpane="$bin_dir/deskpane"
spemu="$bin_dir/deskpane-spemu"
work="$(mktemp -d "${TMPDIR:-/tmp}/deskpane-cli-edits-XXXXXX")"
. "$here/cli_lib.sh"

[ -x "$deskpane" ] || fail_early "deskpane not built at $deskpane"
[ -x "$spemu" ] || fail_early "deskpane-spemu not built at $spemu"
for tool in curl jq sqlite3 python3; do command -v "$tool" >/dev/null || fail_early "$tool is not installed"; done

# A home of its own: no user settings, no running instance's socket, English.
export HOME="$work/home" XDG_CONFIG_HOME="$work/home/.config" XDG_DATA_HOME="$work/home/.local/share"
export XDG_STATE_HOME="$work/home/.local/state" XDG_RUNTIME_DIR="$work/run" LANGUAGE=C LC_ALL=C.UTF-8 TZ=Europe/Berlin
mkdir -p "$HOME" "$XDG_RUNTIME_DIR"
chmod 700 "$XDG_RUNTIME_DIR"
settings="$work/settings.ini"
cache="$work/cache.sqlite3"

# start_emulator [--port N]: deskpane-spemu on loopback with its data in a
# file (so a restart on the same port keeps the site); sets $url and $emu_pid.
start_emulator() {
  : >"$work/emu.out"
  "$spemu" --host 127.0.0.1 --data "$work/site.db" --seed empty "$@" >"$work/emu.out" 2>"$work/emu.err" &
  emu_pid=$!
  pids+=("$emu_pid")
  for _ in $(seq 100); do
    url="$(sed -n 's/^deskpane-spemu listening on //p' "$work/emu.out")"
    [ -n "$url" ] && return 0
    sleep 0.1
  done
  cat "$work/emu.err" >&2
  fail_early "the emulator did not start"
}

dp() { "$deskpane" --config "$settings" --cache "$cache" "$@"; }
# GET a list's items from the server: id and title, one "ID<TAB>TITLE" a line.
server_items() {
  curl -sf -H 'Accept: application/json;odata=nometadata' \
    "$url/_api/web/lists/getbytitle('$1')/items?\$select=Id,Title,Status,DueDate&\$top=5000" | jq -r '.value[] | "\(.Id)\t\(.Title)"'
}
server_field() {  # list id field
  curl -sf -H 'Accept: application/json;odata=nometadata' \
    "$url/_api/web/lists/getbytitle('$1')/items($2)?\$select=$3" | jq -r ".$3"
}
server_status() {  # list id -> HTTP status of a read of the item
  curl -s -o /dev/null -w '%{http_code}' -H 'Accept: application/json;odata=nometadata' \
    "$url/_api/web/lists/getbytitle('$1')/items($2)"
}
outbox_count() { sqlite3 "$cache" "SELECT count(*) FROM outbox"; }
cache_dump() { sqlite3 "$cache" "SELECT kind, id, fields, state FROM items ORDER BY kind, id; SELECT * FROM outbox;"; }

start_emulator --port 0
port="${url#http://127.0.0.1:}"
port="${port%%/*}"
printf '[site]\nurl=%s\nauth=none\n' "$url" >"$settings"
check "a first --sync binds the lists" dp --sync >"$work/sync0.out"

# --- add, edit, delete reach the server ------------------------------------
out="$(dp --add tasks 'Title=Call Anna' DueDate=2027-03-12 Status='in progress')"; rc=$?
echo "     $out"
check "--add exits 0 online" test "$rc" -eq 0
id="$(sed -n 's/^tasks add id=\([0-9][0-9]*\) .*server.*/\1/p' <<<"$out")"
check "--add prints the server's id and says so" test -n "$id"
check "the new task is on the server with its title" test "$(server_field Tasks "${id:-0}" Title)" = "Call Anna"
# 2027-03-12 00:00 in Berlin (CET, UTC+1) is 2027-03-11 23:00 UTC.
check "its date was read in the desktop's zone" test "$(server_field Tasks "${id:-0}" DueDate)" = "2027-03-11T23:00:00Z"
check "its choice was written in the list's spelling" test "$(server_field Tasks "${id:-0}" Status)" = "In Progress"
check "nothing is left queued" test "$(outbox_count)" -eq 0

out="$(dp --edit tasks "${id:-0}" Status=completed 'Title=Call Anna back')"; rc=$?
echo "     $out"
check "--edit exits 0 online" test "$rc" -eq 0
check "the edit is on the server (Status)" test "$(server_field Tasks "${id:-0}" Status)" = "Completed"
check "the edit is on the server (Title)" test "$(server_field Tasks "${id:-0}" Title)" = "Call Anna back"

# The emulator's Notes list keeps its text in NoteBody (as hand-made lists
# often do): named so on the first note, and found from the cached notes
# when a later one says Body, as the Notes pane does.
dp --add notes Title=First NoteBody=one >/dev/null
out="$(dp --add notes Title=Shopping 'Body=milk, eggs')"; rc=$?
echo "     $out"
note="$(sed -n 's/^notes add id=\([0-9][0-9]*\) .*/\1/p' <<<"$out")"
check "--add works for another pane (notes)" test "$rc" -eq 0 -a -n "$note"
check "a note's Body went to the list's NoteBody" test "$(server_field Notes "${note:-0}" NoteBody)" = "milk, eggs"
out="$(dp --delete notes "${note:-0}")"; rc=$?
echo "     $out"
check "--delete exits 0 online" test "$rc" -eq 0
check "the deleted note is gone from the server" test "$(server_status Notes "${note:-0}")" = "404"
check "and from the cache" test "$(sqlite3 "$cache" "SELECT count(*) FROM items WHERE kind='notes' AND id=${note:-0}")" -eq 0

# --- a bad field or value changes nothing ----------------------------------
before_cache="$(cache_dump)"
before_server="$(server_items Tasks)"
err="$(dp --add tasks Titel=x 2>&1 >/dev/null)"; rc=$?
check "an unknown field exits 1" test "$rc" -eq 1
check "and names it" grep -q "Titel" <<<"$err"
err="$(dp --edit tasks "${id:-0}" DueDate=tomorrow 2>&1 >/dev/null)"; rc=$?
check "a bad date exits 1" test "$rc" -eq 1
check "and names the field" grep -q "DueDate" <<<"$err"
err="$(dp --edit tasks "${id:-0}" Status=Done 2>&1 >/dev/null)"; rc=$?
check "a choice the list lacks exits 1 and names the field" test "$rc" -eq 1 -a -n "$(grep Status <<<"$err")"
err="$(dp --edit tasks 999999 Title=x 2>&1)"; rc=$?
check "an id not in the cache exits 1" test "$rc" -eq 1
check "and says the cache has no such item" grep -q "no item 999999 in the cache" <<<"$err"
err="$(dp --add todo Title=x 2>&1)"; rc=$?
check "an unknown pane is a usage error (64)" test "$rc" -eq 64
err="$(dp --edit tasks 2>&1)"; rc=$?
check "--edit without an id is a usage error (64)" test "$rc" -eq 64
check "the cache is as it was" test "$(cache_dump)" = "$before_cache"
check "the server is as it was" test "$(server_items Tasks)" = "$before_server"

# --- offline: queued, exit 0; the next --sync pushes it exactly once --------
stop_pid "$emu_pid"
out="$(dp --add tasks 'Title=Written offline')"; rc=$?
echo "     $out"
check "--add offline exits 0" test "$rc" -eq 0
check "it prints a local id and says it is queued" grep -Eq '^tasks add id=-[0-9]+ .*queued' <<<"$out"
check "it says the server cannot be reached" grep -q "cannot be reached" <<<"$out"
out="$(dp --edit tasks "${id:-0}" 'Title=Edited offline')"; rc=$?
check "--edit offline exits 0 and is queued" test "$rc" -eq 0 -a "$(outbox_count)" -eq 2
start_emulator --port "$port"
check "--sync after the server is back exits 0" dp --sync >"$work/sync1.out"
count="$(server_items Tasks | awk -F'\t' '$2 == "Written offline"' | wc -l)"
check "the offline add is on the server exactly once" test "$count" -eq 1
check "the offline edit is on the server" test "$(server_field Tasks "${id:-0}" Title)" = "Edited offline"
check "the outbox is empty" test "$(outbox_count)" -eq 0
dp --sync >"$work/sync2.out"
count="$(server_items Tasks | awk -F'\t' '$2 == "Written offline"' | wc -l)"
check "another --sync sends nothing twice" test "$count" -eq 1

# --- a running deskpane takes the edit --------------------------------------
# A stand-in for the app: it listens where the app would (tray/single_instance.h,
# the socket named after the settings file), records the request and answers
# as the app answers. The cache must not be touched by the command line.
sock_path="$(python3 "$(dirname "$0")/fake_instance.py" path "$settings")"
python3 "$(dirname "$0")/fake_instance.py" serve "$sock_path" "$work/request.txt" '+ok -42' &
pids+=("$!")
for _ in $(seq 50); do [ -e "$sock_path.ready" ] && break; sleep 0.1; done
before_cache="$(cache_dump)"
out="$(dp --add tasks 'Title=To the app' DueDate=2027-07-01)"; rc=$?
echo "     $out"
check "with an instance running, --add exits 0" test "$rc" -eq 0
check "it prints the id the instance answered" grep -q '^tasks add id=-42 .*running deskpane' <<<"$out"
check "the instance got the checked request" \
  grep -q '^edit add tasks 0 {"DueDate":"2027-06-30T22:00:00Z","Title":"To the app"}$' "$work/request.txt"
check "the command line left the cache alone" test "$(cache_dump)" = "$before_cache"

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
