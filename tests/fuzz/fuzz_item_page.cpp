// libFuzzer target: a page of list items as the server sends it, read by the
// streaming page reader the engine stores from, and the cache's own field
// JSON. Invariants beyond "no crash": a page read with a sink (its whole
// text, parsed from memory) and checked without one (streamed) agree — two
// ways through the parser, so this is a differential test of them — every
// item has a positive id, and stored fields read back as they were written.
// The same page read as rows (each item's fields straight into the cache's
// JSON, held to a list's schema) gives exactly the Items' fields as
// fieldsToJson writes them, and refuses what schemaProblem refuses.
// Built by tests/fuzz/build_fuzzers.sh.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

// As sync/item_page_reader.cpp does: RapidJSON's inline functions must be
// the same in both files.
#if defined(__SSE2__) && !defined(RAPIDJSON_SSE2)
#define RAPIDJSON_SSE2
#endif
#include <rapidjson/document.h>

#include "sync/item_json.h"
#include "sync/item_page_reader.h"
#include "sync/item_schema_check.h"

using namespace deskpane::sync;

namespace {
// The name of the top object's last member, from a parse of its own; "" when
// there is none or the text does not parse.
std::string lastMemberName(std::string_view text) {
  rapidjson::Document doc;
  doc.Parse(text.data(), text.size());
  if (doc.HasParseError() || !doc.IsObject() || doc.MemberCount() == 0) return "";
  const auto& last = *(doc.MemberEnd() - 1);
  return std::string(last.name.GetString(), last.name.GetStringLength());
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  std::size_t kept = 0;
  std::vector<Item> items;
  const auto read = readItemPage(
      input,
      [&](std::vector<Item>&& chunk) {
        for (Item& it : chunk) {
          if (it.id <= 0) std::abort();
          // What the store writes must read back the same.
          const auto again = fieldsFromJson(fieldsToJson(it.fields));
          if (!again || fieldsToJson(*again) != fieldsToJson(it.fields)) std::abort();
          items.push_back(std::move(it));
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
  // As rows, for a list of the kind the input's size picks.
  const ListKind kind = kAllListKinds[size % kAllListKinds.size()];
  std::vector<Item> rowItems;
  std::vector<std::string> rowJson;
  const auto rows = readItemRows(
      input, kind,
      [&](ItemRows&& chunk) {
        if (chunk.items.size() != chunk.fieldsJson.size()) std::abort();
        for (auto& it : chunk.items) rowItems.push_back(std::move(it));
        for (auto& text : chunk.fieldsJson) rowJson.push_back(std::move(text));
        return true;
      },
      7);
  if (!read) {
    if (rows || (rows.failure.message != read.failure.message && !rows.failure.notInSchema)) std::abort();
  } else if (const auto problem = schemaProblem(kind, items)) {
    if (rows || !rows.failure.notInSchema || rows.failure.message != *problem) std::abort();
  } else {
    if (!rows || rows.page->nextLink != read.page->nextLink || rowItems.size() != items.size()) std::abort();
    for (std::size_t n = 0; n < items.size(); ++n) {
      const Item& a = items[n];
      const Item& b = rowItems[n];
      if (a.id != b.id || a.uniqueId != b.uniqueId || a.etag != b.etag || a.modified != b.modified ||
          !b.fields.empty() || rowJson[n] != fieldsToJson(a.fields))
        std::abort();
    }
  }
  // The fetch's paging check. Where it checked the whole page it judges as
  // the read does. Where it took the next link from the page's end alone,
  // a page the read accepts has that link, unless the document's last
  // member is an object other than "d" that ends in a link of its own: the
  // read skips such an object, and the sync job refuses the page when the
  // two links differ (sync_job_paging_test).
  const auto paging = checkPageForPaging(input, "", std::size_t{1} << 30);
  if (static_cast<bool>(paging) != static_cast<bool>(read) && !(paging && !paging.page->checkedInFull)) std::abort();
  if (paging && paging.page->checkedInFull && read && paging.page->nextLink != read.page->nextLink) std::abort();
  if (paging && !paging.page->checkedInFull && read && paging.page->nextLink != read.page->nextLink &&
      lastMemberName(input) == "d")
    std::abort();
  // Trusting a last page's end changes nothing where the page is checked whole.
  const auto trusted = checkPageForPaging(input, "", std::size_t{1} << 30, true);
  if (trusted && trusted.page->checkedInFull &&
      (!paging || paging.page->nextLink != trusted.page->nextLink || paging.page->items != trusted.page->items))
    std::abort();
  if (!trusted && paging) std::abort();
  // The same bytes as the cache's field JSON.
  if (auto fields = fieldsFromJson(input)) {
    const auto again = fieldsFromJson(fieldsToJson(*fields));
    if (!again || fieldsToJson(*again) != fieldsToJson(*fields)) std::abort();
  }
  return 0;
}
