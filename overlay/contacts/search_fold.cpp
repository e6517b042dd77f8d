#include "overlay/contacts/search_fold.h"

#include <algorithm>
#include <cstdint>
#include <iterator>

namespace deskpane::overlay::contacts {

namespace {

struct Fold {
  char32_t cp;
  const char* folded;
};

constexpr Fold kFolds[] = {
#include "overlay/contacts/search_fold_table.inc"
};

// Decodes the UTF-8 sequence at s[i] and advances i past it; an ill-formed
// sequence gives 0xFFFFFFFF and advances one byte (the caller drops it).
char32_t decode(std::string_view s, std::size_t& i) {
  const auto b0 = static_cast<unsigned char>(s[i]);
  int len = b0 < 0xC2 ? 0 : b0 < 0xE0 ? 2 : b0 < 0xF0 ? 3 : b0 < 0xF5 ? 4 : 0;
  if (len == 0 || i + len > s.size()) {
    ++i;
    return 0xFFFFFFFF;
  }
  char32_t cp = b0 & (0x7F >> len);
  for (int k = 1; k < len; ++k) {
    const auto b = static_cast<unsigned char>(s[i + k]);
    if ((b & 0xC0) != 0x80) {
      ++i;
      return 0xFFFFFFFF;
    }
    cp = (cp << 6) | (b & 0x3F);
  }
  // Overlong forms, surrogates and code points past U+10FFFF are ill-formed.
  if ((len == 3 && (cp < 0x800 || (cp >= 0xD800 && cp <= 0xDFFF))) || (len == 4 && (cp < 0x10000 || cp > 0x10FFFF))) {
    ++i;
    return 0xFFFFFFFF;
  }
  i += len;
  return cp;
}

const char* lookup(char32_t cp) {
  const auto it = std::lower_bound(std::begin(kFolds), std::end(kFolds), cp,
                                   [](const Fold& f, char32_t c) { return f.cp < c; });
  return it != std::end(kFolds) && it->cp == cp ? it->folded : nullptr;
}

}  // namespace

void appendFolded(std::string& out, std::string_view s) {
  std::size_t i = 0;
  while (i < s.size()) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {  // ASCII: the common case, no table
      out += static_cast<char>(c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c);
      ++i;
      continue;
    }
    const std::size_t start = i;
    const char32_t cp = decode(s, i);
    if (cp == 0xFFFFFFFF) continue;
    if (const char* folded = lookup(cp))
      out += folded;
    else
      out.append(s.substr(start, i - start));
  }
}

std::string foldForSearch(std::string_view utf8) {
  std::string out;
  out.reserve(utf8.size());
  appendFolded(out, utf8);
  return out;
}

}  // namespace deskpane::overlay::contacts
