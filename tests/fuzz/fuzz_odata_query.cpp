// libFuzzer target: $filter, $orderby, $select, $top and $skiptoken parsers
// on arbitrary bytes. Whatever parses must evaluate, and a skip token must
// survive build → parse unchanged. Built by tests/fuzz/build_fuzzers.sh.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "emulator/odata_query.h"

using namespace deskpane::emu;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);

  if (auto filter = parseFilter(text)) {
    const Value values[] = {Value{}, true, std::int64_t{5}, 2.5, std::string("2024-01-05T09:00:00Z"),
                            std::string("Weekly Sync")};
    for (const auto& v : values) {
      (void)filter->matches([&](std::string_view) { return v; });
      (void)filter->matchesByIndex([&](std::size_t) -> const Value& { return v; });
    }
    if (filter->idOnly() && !filter->idCandidates()) std::abort();
  }

  if (auto keys = parseOrderBy(text)) {
    const auto all = withIdTiebreak(keys.value());
    std::vector<Value> a(all.size(), Value{std::int64_t{1}}), b(all.size(), Value{std::string("x")});
    if (compareRows(all, a.data(), b.data()) != -compareRows(all, b.data(), a.data())) std::abort();
  }

  (void)parseSelect(text);
  (void)parseTop(text);
  (void)parseInstant(text);

  if (auto token = parseSkipToken(text)) {
    token->paged = true;
    auto again = parseSkipToken(buildSkipToken(token.value()));
    if (!again || again->lastId != token->lastId || again->sortValues != token->sortValues ||
        again->previous != token->previous) {
      std::abort();
    }
  }
  return 0;
}
