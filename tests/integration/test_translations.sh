#!/usr/bin/env bash
# Translations: (a) po/de.po is complete against the messages the sources hold
# right now (a fresh xgettext run, msgmerge, no untranslated or fuzzy message,
# formats checked); (b) no user-visible literal in the wx code is left out of
# gettext (check_marked_strings.py, with translations_allow.txt for the few
# meant to stay as they are), and the scanner itself still catches one;
# (c) the build compiled the catalogue where the app looks for it.
set -uo pipefail
DESKPANE_SOURCE_DIR=${DESKPANE_SOURCE_DIR:-$(cd "$(dirname "$0")/../.." && pwd)}
DESKPANE_BUILD_DIR=${DESKPANE_BUILD_DIR:-$DESKPANE_SOURCE_DIR/build}
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d "${TMPDIR:-/tmp}/deskpane-i18n-XXXXXX")
trap 'rm -rf "$tmp"' EXIT
passed=0 failed=0
ok() { passed=$((passed + 1)); echo "ok   $1"; }
fail() { failed=$((failed + 1)); echo "FAIL $1"; }
check() { local d=$1; shift; if "$@"; then ok "$d"; else fail "$d"; fi; }

# --- (a) complete German catalogue -----------------------------------------
bash "$DESKPANE_SOURCE_DIR/po/update_pot.sh" "$DESKPANE_SOURCE_DIR" "$tmp/deskpane.pot" 2>"$tmp/xgettext.err"
check "xgettext extracts the messages" test -s "$tmp/deskpane.pot"
count=$(grep -c '^msgid ' "$tmp/deskpane.pot")
echo "     $count messages in the sources"
check "the sources hold a plausible number of messages (> 200)" test "$count" -gt 200
for po in "$DESKPANE_SOURCE_DIR"/po/*.po; do
  lang=$(basename "$po" .po)
  # Without fuzzy matching a changed msgid shows as untranslated, not as a
  # guess that msgfmt would silently leave out.
  msgmerge --quiet --no-fuzzy-matching -o "$tmp/$lang.po" "$po" "$tmp/deskpane.pot" 2>"$tmp/$lang.merge.err"
  stats=$(msgfmt --check --statistics -o "$tmp/$lang.mo" "$tmp/$lang.po" 2>&1)
  rc=$?
  echo "     $lang: $stats"
  check "$lang: msgfmt --check accepts it (formats, plurals, header)" test "$rc" -eq 0
  check "$lang: no untranslated message" bash -c '! grep -q untranslated <<<"$1"' _ "$stats"
  check "$lang: no fuzzy message" bash -c '! grep -q fuzzy <<<"$1"' _ "$stats"
  untranslated=$(msgattrib --untranslated --no-obsolete "$tmp/$lang.po" 2>/dev/null | grep '^msgid ' | grep -v '^msgid ""$' | head -n 20)
  [ -n "$untranslated" ] && printf '     untranslated in %s:\n%s\n' "$lang" "$untranslated"
  check "$lang: accelerators (&) kept" bash -c '
    msgcat --no-wrap "$1" | awk "
      /^msgid \"/ { id = \$0; n = gsub(/&[A-Za-z]/, \"&\", id) }
      /^msgstr \"/ && n > 0 { s = \$0; if (gsub(/&[A-Za-z]/, \"&\", s) != n) { print id; bad = 1 } }
      END { exit bad }"' _ "$tmp/$lang.po"
done
check "a German catalogue exists" test -f "$DESKPANE_SOURCE_DIR/po/de.po"
# The check must be able to fail: a new message makes the catalogue incomplete.
sed 's/^msgid "Sync all"$/msgid "Sync everything now"/' "$tmp/deskpane.pot" >"$tmp/changed.pot"
msgmerge --quiet --no-fuzzy-matching -o "$tmp/changed.po" "$DESKPANE_SOURCE_DIR/po/de.po" "$tmp/changed.pot" 2>/dev/null
check "a message added to the sources shows as untranslated" \
  bash -c 'msgfmt --statistics -o /dev/null "$1" 2>&1 | grep -q "1 untranslated"' _ "$tmp/changed.po"

# --- (b) every user-visible literal in wx code is marked --------------------
allow=$here/translations_allow.txt
if python3 "$here/check_marked_strings.py" "$DESKPANE_SOURCE_DIR" "$allow" >"$tmp/unmarked.txt"; then
  ok "no unmarked user-visible literal in tray/ and overlay/"
else
  fail "unmarked user-visible literals (wrap them in _() or list them in translations_allow.txt):"
  sed 's/^/       /' "$tmp/unmarked.txt"
fi
# The scanner itself: it must catch what it is meant to catch, and only that.
mkdir -p "$tmp/src/tray"
cat >"$tmp/src/tray/sample.cpp" <<'CPP'
void f(wxMenu* m, wxWindow* w, wxGraphicsContext& gc, int n) {
  m->Append(1, "Sync all\tF9");                       // caught
  auto* b = new wxButton(w, wxID_ANY, "Apply");       // caught
  w->SetToolTip(wxString::FromUTF8("Settings…"));     // caught
  gc.DrawText(wxString("Hello"), 0, 0);               // caught
  wxMessageBox("Oops", "deskpane");                   // caught once: "deskpane" is allowed
  m->Append(2, _("Quit"));
  m->Append(3, _("Sync all") + "\tF9");
  w->SetLabel(wxString::Format(wxPLURAL("%d item", "%d items", n), n));
  w->SetName("machine-name");
  gc.DrawText(wxString::Format("%d", n), 0, 0);
  // w->SetLabel("in a comment");
}
CPP
printf 'tray/sample.cpp deskpane\n' >"$tmp/allow.txt"
python3 "$here/check_marked_strings.py" "$tmp/src" "$tmp/allow.txt" tray/sample.cpp >"$tmp/sample.out"
rc=$?
check "the scanner fails on unmarked literals" test "$rc" -eq 1
check_eq_lines() { [ "$(grep -c . "$tmp/sample.out")" -eq "$1" ]; }
check "the scanner finds exactly the 5 unmarked ones" check_eq_lines 5
cat "$tmp/sample.out" | sed 's/^/       /'
for want in '"Sync all\tF9"' '"Apply"' '"Settings…"' '"Hello"' '"Oops"'; do
  check "  it reports $want" grep -qF "$want" "$tmp/sample.out"
done

# --- (c) the compiled catalogue ---------------------------------------------
mo=$DESKPANE_BUILD_DIR/locale/de/LC_MESSAGES/deskpane.mo
if [ -f "$DESKPANE_BUILD_DIR/CMakeCache.txt" ]; then
  check "the build compiled locale/de/LC_MESSAGES/deskpane.mo" test -s "$mo"
  check "  it translates the tray menu (Sync all)" \
    bash -c '[ "$(TEXTDOMAINDIR="$1" LANGUAGE=de LC_ALL=C.UTF-8 gettext -d deskpane "Sync all")" = "Alles synchronisieren" ]' _ "$DESKPANE_BUILD_DIR/locale"
fi

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
