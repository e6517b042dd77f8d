#!/usr/bin/env bash
# The .deb a user installs: built by cpack with dpkg-shlibdeps dependencies,
# lintian-clean (no errors), installed with apt-get, runs, and removed
# without leaving a file under /usr. Needs root (apt-get, dpkg); elsewhere it
# says why it is skipped. The sanitizer build makes no package of its own.
set -uo pipefail
build=${DESKPANE_BUILD_DIR:?}
passed=0 failed=0
ok() { passed=$((passed + 1)); echo "[deb] ok   $1"; }
bad() { failed=$((failed + 1)); echo "[deb] FAIL $1"; }
check() { local d=$1; shift; if "$@" >/dev/null 2>&1; then ok "$d"; else bad "$d"; fi; }
finish() { echo "$passed passed, $failed failed"; [ "$failed" -eq 0 ]; }

if [ "$(id -u)" -ne 0 ]; then echo "[deb] skipped: installing a package needs root"; finish; exit; fi
case $build in *asan*) echo "[deb] skipped: the sanitizer build is not packaged"; finish; exit ;; esac
if dpkg-query -W -f='${Status}' deskpane 2>/dev/null | grep -q "install ok installed"; then
  echo "[deb] skipped: a deskpane package is installed on this machine already; not touching it"; finish; exit
fi

work=$(mktemp -d /tmp/deskpane-deb-XXXXXX)
trap 'apt-get remove -y -q --purge deskpane >/dev/null 2>&1; rm -rf "$work"' EXIT
(cd "$build" && cpack -G DEB -B "$work" >"$work/cpack.log" 2>&1)
deb=$(ls "$work"/deskpane_*.deb 2>/dev/null | head -n1)
check "cpack made a .deb" test -f "$deb"
[ -f "$deb" ] || { cat "$work/cpack.log"; finish; exit; }
depends=$(dpkg-deb -f "$deb" Depends)
echo "[deb] Depends: $depends"
check "dependencies come from dpkg-shlibdeps (libwx, libcpprest, libsqlite3)" \
  bash -c "grep -q libwx <<<'$depends' && grep -q libcpprest <<<'$depends' && grep -q libsqlite3 <<<'$depends'"
for f in usr/bin/deskpane usr/libexec/deskpane/deskpane-gui usr/bin/deskpane-spemu usr/share/applications/deskpane.desktop \
         usr/share/metainfo/org.deskpane.deskpane.metainfo.xml usr/share/icons/hicolor/scalable/apps/deskpane.svg \
         usr/share/icons/hicolor/48x48/apps/deskpane.png usr/share/man/man1/deskpane.1.gz \
         usr/share/man/man1/deskpane-spemu.1.gz usr/share/bash-completion/completions/deskpane \
         usr/share/doc/deskpane/copyright; do
  check "the package holds /$f" bash -c "dpkg-deb -c '$deb' | grep -q ' ./$f\$'"
done
if command -v lintian >/dev/null 2>&1; then
  lintian --tag-display-limit 0 "$deb" >"$work/lintian.log" 2>&1
  sed 's/^/[deb] lintian: /' "$work/lintian.log" | head -n 40
  check "lintian reports no errors" bash -c "! grep -q '^E:' '$work/lintian.log'"
else
  bad "lintian is not installed (scripts/install-deps installs it)"
fi

check "apt-get installs it" apt-get install -y -q "$deb"
check "deskpane --version runs installed" bash -c "/usr/bin/deskpane --version | grep -q '0\\.'"
check "deskpane --help runs installed" bash -c "/usr/bin/deskpane --help | grep -q -- --sync"
# The installed command finds its desktop app: without a display, GTK's own
# complaint (not "deskpane-gui ... is missing", exit 127) shows it started.
env -u DISPLAY -u WAYLAND_DISPLAY XDG_RUNTIME_DIR="$work" HOME="$work" /usr/bin/deskpane --config "$work/none.ini" \
  >"$work/gui.out" 2>&1
gui_rc=$?
check "installed deskpane starts /usr/libexec/deskpane/deskpane-gui (exit $gui_rc, not 127)" \
  bash -c "[ $gui_rc -ne 127 ] && grep -q 'initialize GTK' '$work/gui.out'"
check "installed deskpane links no toolkit" bash -c "! readelf -d /usr/bin/deskpane | grep -Eq 'NEEDED.*lib(wx_|gtk-|gdk-|X11)'"
check "deskpane-spemu is installed" test -x /usr/bin/deskpane-spemu
check "apt-get removes it" apt-get remove -y -q --purge deskpane
check "dpkg no longer lists its files" bash -c "[ -z \"\$(dpkg -L deskpane 2>/dev/null | grep '^/usr/')\" ]"
left=""
for f in /usr/bin/deskpane /usr/libexec/deskpane /usr/bin/deskpane-spemu /usr/share/applications/deskpane.desktop \
         /usr/share/man/man1/deskpane.1.gz /usr/share/doc/deskpane /usr/share/icons/hicolor/48x48/apps/deskpane.png; do
  [ -e "$f" ] && left="$left $f"
done
check "no file left under /usr${left:+ (left:$left)}" test -z "$left"
finish
