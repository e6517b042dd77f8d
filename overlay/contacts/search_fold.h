#pragma once
// Text folded for search: lower case without diacritics, so that "muller"
// finds "Müller", "chloe" finds "Chloé" and "nguyen" finds "Nguyễn". Letters
// of the Latin, Greek and Cyrillic blocks fold through a table generated from
// Unicode's decompositions (gen_fold_table.py); other text (CJK, symbols) is
// kept as it is, and ill-formed UTF-8 bytes are dropped.
#include <string>
#include <string_view>

namespace deskpane::overlay::contacts {

std::string foldForSearch(std::string_view utf8);
// Appends the fold of `utf8` to `out` (no allocation per call when `out`
// has room: the model folds 10,000 contacts at once).
void appendFolded(std::string& out, std::string_view utf8);

}  // namespace deskpane::overlay::contacts
