#!/usr/bin/env bash
# The headless commands load no toolkit: `deskpane` links no wxWidgets, GTK or
# X11 (its ELF NEEDED entries), none is loaded while --sync, --status,
# --add, --agenda, --export-ics, --export-vcf, --version and --help run
# (the dynamic loader's own record, LD_DEBUG=files), and none is mapped in a
# `deskpane --sync` caught mid-sync (/proc/PID/maps). The desktop app is
# deskpane-gui, which `deskpane` execs with the same PID; a launch with a
# running instance hands it the request without starting the GUI program,
# and a missing GUI program is said plainly. Every process started here is
# stopped by its PID; the network is loopback only. Prints "N passed, N
# failed"; exits non-zero on any failure.
set -uo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
source_dir="${DESKPANE_SOURCE_DIR:-$(cd "$here/../.." && pwd)}"
bin_dir="${DESKPANE_BIN_DIR:-$source_dir/build/bin}"
deskpane="$bin_dir/deskpane"
gui="$bin_dir/deskpane-gui"
spemu="$bin_dir/deskpane-spemu"
work="$(mktemp -d "${TMPDIR:-/tmp}/deskpane-headless-XXXXXX")"
. "$here/cli_lib.sh"

[ -x "$deskpane" ] || fail_early "deskpane not built at $deskpane"
[ -x "$spemu" ] || fail_early "deskpane-spemu not built at $spemu"
for tool in readelf python3; do command -v "$tool" >/dev/null || fail_early "$tool is not installed"; done

# A home of its own: no user settings, no running instance's socket, English.
export HOME="$work/home" XDG_CONFIG_HOME="$work/home/.config" XDG_DATA_HOME="$work/home/.local/share"
export XDG_STATE_HOME="$work/home/.local/state" XDG_RUNTIME_DIR="$work/run" LANGUAGE=C LC_ALL=C.UTF-8
mkdir -p "$HOME" "$XDG_RUNTIME_DIR"
chmod 700 "$XDG_RUNTIME_DIR"
unset DISPLAY WAYLAND_DISPLAY
settings="$work/settings.ini"
cache="$work/cache.sqlite3"

# The toolkit's libraries, by file name: wxWidgets, GTK and GDK, X11 and
# the tray's indicator and notification libraries (which bring GTK).
toolkit='lib(wx_|gtk-|gdk-|gdk_pixbuf|X11|Xext|ayatana|notify)'
# NEEDED entries of an ELF file, one a line.
needed() { readelf -d "$1" | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p'; }

# --- what the programs link ----------------------------------------------------
needed "$deskpane" >"$work/needed.txt"
echo "     deskpane needs: $(tr '\n' ' ' <"$work/needed.txt")"
check "deskpane links no toolkit library (NEEDED)" bash -c "! grep -Eq '$toolkit' '$work/needed.txt'"
check "deskpane links the engine's libraries (libcpprest, libsqlite3)" \
  bash -c "grep -q libcpprest '$work/needed.txt' && grep -q libsqlite3 '$work/needed.txt'"
# The same check finds the toolkit where it is: in the GUI program.
check "deskpane-gui is built beside deskpane" test -x "$gui"
if [ -x "$gui" ]; then
  needed "$gui" >"$work/needed-gui.txt"
  check "deskpane-gui's NEEDED entries hold libwx and libgtk (the pattern matches them)" \
    bash -c "grep -Eq '$toolkit' '$work/needed-gui.txt' && grep -q libwx_ '$work/needed-gui.txt' && grep -q libgtk-3 '$work/needed-gui.txt'"
fi

# --- a site with data ------------------------------------------------------------
: >"$work/emu.out"  # the job below opens it only once it runs
"$spemu" --host 127.0.0.1 --port 0 --data :memory: --seed demo >"$work/emu.out" 2>"$work/emu.err" &
emu_pid=$!
pids+=("$emu_pid")
url=""
for _ in $(seq 100); do
  url="$(sed -n 's/^deskpane-spemu listening on //p' "$work/emu.out")"
  [ -n "$url" ] && break
  sleep 0.1
done
[ -n "$url" ] || { cat "$work/emu.err" >&2; fail_early "the emulator did not start"; }
{
  printf '[site]\nurl=%s\nauth=none\n' "$url"
  for pane in calendar:Calendar contacts:Contacts tasks:Tasks notes:Notes inbox:Inbox; do
    printf '[%s]\nlist=%s\n' "${pane%%:*}" "${pane#*:}"
  done
} >"$settings"

# --- what each headless command loads --------------------------------------------
# LD_DEBUG=files: the loader names every library it maps, at start and by
# dlopen (GIO modules, NSS, ...), so nothing loaded later escapes the check.
# run_loaded NAME ARGS...: runs deskpane; its exit status in $rc, the loader's
# lines in $work/ld-NAME.txt.
run_loaded() {
  local name=$1; shift
  LD_DEBUG=files LD_DEBUG_OUTPUT="$work/ldraw-$name" "$deskpane" --config "$settings" --cache "$cache" "$@" \
    >"$work/out-$name.txt" 2>"$work/err-$name.txt"
  rc=$?
  cat "$work/ldraw-$name".* >"$work/ld-$name.txt" 2>/dev/null
  rm -f "$work/ldraw-$name".*
}
loaded() { sed -n 's/.*file=\([^ ]*\) .*\[0\];  *needed by.*/\1/p; s/.*file=\([^ ]*\) .*\[0\];  *dynamically loaded by.*/\1/p' "$1" | sort -u; }
check_headless() {
  local name=$1 want_rc=$2; shift 2
  run_loaded "$name" "$@"
  check "deskpane $* exits $want_rc" test "$rc" -eq "$want_rc"
  [ "$rc" -eq "$want_rc" ] || sed 's/^/       /' "$work/err-$name.txt" | head -n 5
  loaded "$work/ld-$name.txt" >"$work/libs-$name.txt"
  check "deskpane $*: the loader's record is there (libc among $(wc -l <"$work/libs-$name.txt") libraries)" \
    grep -q '^libc\.so' "$work/libs-$name.txt"
  local bad
  bad="$(grep -E "$toolkit" "$work/libs-$name.txt" | tr '\n' ' ')"
  check "deskpane $* loads no toolkit library${bad:+ (loaded: $bad)}" test -z "$bad"
}
check_headless sync 0 --sync
check_headless status 0 --status
check_headless agenda 0 --agenda --from 2020-01-01 --days 3
check_headless export-ics 0 --export-ics "$work/calendar.ics"
check_headless export-vcf 0 --export-vcf "$work/contacts.vcf"
check_headless add 0 --add tasks 'Title=Headless'
check_headless version 0 --version
check_headless help 0 --help

# --- mid-sync, from /proc -----------------------------------------------------------
# A site that accepts the connection and never answers holds `deskpane --sync`
# inside its sync, with everything it will load loaded; its memory map then
# shows what the process holds.
python3 - "$work/stall.port" <<'EOF' &
import socket, sys, time
s = socket.socket(); s.bind(("127.0.0.1", 0)); s.listen(8)
open(sys.argv[1], "w").write(str(s.getsockname()[1]))
held = []
while True:
    c, _ = s.accept(); held.append(c)
    open(sys.argv[1] + ".accepted", "w").close()
EOF
stall_pid=$!
pids+=("$stall_pid")
for _ in $(seq 50); do [ -s "$work/stall.port" ] && break; sleep 0.1; done
printf '[site]\nurl=http://127.0.0.1:%s/sites/stall\nauth=none\n[tasks]\nlist=Tasks\n' "$(cat "$work/stall.port")" \
  >"$work/stall.ini"
"$deskpane" --config "$work/stall.ini" --cache "$work/stall.sqlite3" --sync >"$work/stall.out" 2>&1 &
sync_pid=$!
pids+=("$sync_pid")
for _ in $(seq 100); do [ -e "$work/stall.port.accepted" ] && break; sleep 0.1; done
check "deskpane --sync is inside its sync (connected to the site)" test -e "$work/stall.port.accepted"
cp "/proc/$sync_pid/maps" "$work/maps.txt" 2>/dev/null
awk '$6 ~ /\.so/ { n = split($6, p, "/"); print p[n] }' "$work/maps.txt" | sort -u >"$work/mapped.txt"
check "its memory map holds the engine's libraries (libcpprest, libsqlite3)" \
  bash -c "grep -q libcpprest '$work/mapped.txt' && grep -q libsqlite3 '$work/mapped.txt'"
bad="$(grep -E "$toolkit" "$work/mapped.txt" | tr '\n' ' ')"
check "its memory map holds no toolkit library${bad:+ (mapped: $bad)}" test -z "$bad"
stop_pid "$sync_pid"

# --- the hand-over to the GUI program ----------------------------------------------
# A copy of deskpane alone in a folder: no GUI program beside it or in the
# install layout relative to it.
mkdir -p "$work/lone"
cp "$deskpane" "$work/lone/deskpane"
"$work/lone/deskpane" --config "$settings" --cache "$cache" >"$work/lone.out" 2>"$work/lone.err"
rc=$?
check "without deskpane-gui, starting the app exits 127" test "$rc" -eq 127
check "and says the desktop app (deskpane-gui) is missing, and where it looked" \
  bash -c "grep -q 'deskpane-gui) is missing' '$work/lone.err' && grep -qF '$work/lone/deskpane-gui' '$work/lone.err'"
check "the headless commands work without it" \
  bash -c "'$work/lone/deskpane' --config '$settings' --cache '$cache' --status >/dev/null"

# With an instance of these settings running, a launch hands it the request
# and ends: the GUI program is never started (here there is none to start).
sock_path="$(python3 "$(dirname "$0")/fake_instance.py" path "$settings")"
python3 "$(dirname "$0")/fake_instance.py" serve "$sock_path" "$work/request.txt" '+' &
pids+=("$!")
for _ in $(seq 50); do [ -e "$sock_path.ready" ] && break; sleep 0.1; done
out="$("$work/lone/deskpane" --config "$settings" --cache "$cache" --show calendar,tasks)"
rc=$?
check "with an instance running, a launch exits 0 without the GUI program" test "$rc" -eq 0
check "it says it sent the request" grep -qF "already running; sent 'show calendar,tasks'" <<<"$out"
check "the instance got it" grep -qx 'show calendar,tasks' "$work/request.txt"

# The GUI program takes over the launcher's process: same PID, same
# arguments. A stand-in GUI program records what it was started with.
mkdir -p "$work/pair"
cp "$deskpane" "$work/pair/deskpane"
cat >"$work/pair/deskpane-gui" <<EOF
#!/bin/sh
echo "\$\$ \$*" >"$work/pair/started.txt"
EOF
chmod +x "$work/pair/deskpane-gui"
"$work/pair/deskpane" --config "$work/other.ini" --cache "$cache" --autostart &
launched=$!
wait "$launched"
rc=$?
check "the launcher ends with the GUI program's exit status (0)" test "$rc" -eq 0
check "the GUI program ran as the launcher's process (PID $launched)" \
  bash -c "[ \"\$(cut -d' ' -f1 '$work/pair/started.txt' 2>/dev/null)\" = '$launched' ]"
check "with the launcher's arguments" \
  bash -c "[ \"\$(cut -d' ' -f2- '$work/pair/started.txt' 2>/dev/null)\" = '--config $work/other.ini --cache $cache --autostart' ]"

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
