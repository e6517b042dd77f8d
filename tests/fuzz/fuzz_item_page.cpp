// libFuzzer target: a page of list items as the server sends it, read by the
// streaming page reader the engine stores from, and the cache's own field
// JSON. Invariants beyond "no crash": a page read with a sink (its whole
// text, parsed from memory) and checked without one (streamed) agree — two
// ways through the parser, so this is a differential test of them — every
// item has a positive id, and stored fields read back as they were written.
// Built by tests/fuzz/build_fuzzers.sh.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "sync/item_json.h"
#include "sync/item_page_reader.h"

using namespace deskpane::sync;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  std::size_t kept = 0;
  const auto read = readItemPage(
      input,
      [&](std::vector<Item>&& chunk) {
        for (const Item& it : chunk) {
          if (it.id <= 0) std::abort();
          // What the store writes must read back the same.
          const auto again = fieldsFromJson(fieldsToJson(it.fields));
          if (!again || fieldsToJson(*again) != fieldsToJson(it.fields)) std::abort();
        }
        kept += chunk.size();
        return true;
      },
      7);
  const auto checked = readItemPage(input, {});
  if (static_cast<bool>(read) != static_cast<bool>(checked)) std::abort();
  if (read && (read.page->items != kept || checked.page->items != kept || read.page->nextLink != checked.page->nextLink))
    std::abort();
  if (!read && read.failure.message.empty()) std::abort();
  // The same bytes as the cache's field JSON.
  if (auto fields = fieldsFromJson(input)) {
    const auto again = fieldsFromJson(fieldsToJson(*fields));
    if (!again || fieldsToJson(*again) != fieldsToJson(*fields)) std::abort();
  }
  return 0;
}
