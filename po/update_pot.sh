#!/usr/bin/env bash
# Writes the "deskpane" message template from the sources po/POTFILES names.
# One place for the keyword list, used by the deskpane-pot build target and by
# tests/integration/test_translations.sh, so both see the same messages.
#   po/update_pot.sh SOURCE_DIR OUTPUT.pot
set -euo pipefail
src=$1 out=$2
cd "$src"
files=()
while IFS= read -r pattern; do
  case $pattern in ''|'#'*) continue ;; esac
  # shellcheck disable=SC2206  # the pattern is meant to be globbed
  matches=($pattern)
  for f in "${matches[@]}"; do [ -f "$f" ] && files+=("$f"); done
done <po/POTFILES
mapfile -t files < <(printf '%s\n' "${files[@]}" | LC_ALL=C sort -u)
mkdir -p "$(dirname "$out")"
# _ N_ wxPLURAL wxTRANSLATE: wx's and overlay/i18n.h's markers; ngettext is a
# default keyword. tr: overlay/contacts' wxGetTranslation(FromUTF8()) wrapper
# for msgids with non-ASCII characters.
xgettext --language=C++ --from-code=UTF-8 \
  --keyword=_ --keyword=N_ --keyword=wxPLURAL:1,2 --keyword=wxTRANSLATE --keyword=tr \
  --add-comments=TRANSLATORS: --package-name=deskpane --package-version="${DESKPANE_VERSION:-}" \
  --msgid-bugs-address="maintainers@deskpane.org" --sort-by-file \
  -o "$out.tmp" "${files[@]}"
mv "$out.tmp" "$out"
