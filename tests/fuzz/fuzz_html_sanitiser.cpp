// libFuzzer target: server HTML through the sanitiser (gumbo underneath).
// Invariants: no link the sanitiser keeps may open anything but http(s) or
// mailto, and the text it shows survives the editor's round trip (saved as
// HTML by plainTextToHtml, shown again through the sanitiser).
// Built by tests/fuzz/build_fuzzers.sh.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "overlay/rich_text.h"

using namespace deskpane::overlay;

namespace {

// The words in order: HTML collapses spaces and blank lines, so layout
// whitespace is not compared, only that no text is lost, added or changed.
std::string words(const std::string& text) {
  std::string out;
  bool space = false;
  for (char c : text) {
    if (c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r') {  // HTML's whitespace
      space = !out.empty();
      continue;
    }
    if (space) out += ' ';
    space = false;
    out += c;
  }
  return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  const RichDocument doc = sanitiseHtml(input);
  for (const auto& block : doc.blocks)
    for (const auto& span : block.spans)
      if (!span.link.empty() && safeLinkTarget(span.link) != span.link) std::abort();
  (void)toMarkup(doc);
  const std::string text = doc.plainText();
  if (!doc.truncated && words(sanitiseHtml(plainTextToHtml(text)).plainText()) != words(text)) std::abort();
  return 0;
}
