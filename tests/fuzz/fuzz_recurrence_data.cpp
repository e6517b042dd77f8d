// libFuzzer target: SharePoint's RecurrenceData XML. A parsed rule is valid,
// and writing it and reading that back gives the same rule (what a series
// edited in the pane sends is what it read).
// Built by tests/fuzz/build_fuzzers.sh.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "sync/recurrence_rule.h"

using namespace deskpane::sync;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  const auto rule = parseRecurrenceData(input);
  if (!rule) {
    if (rule.error().empty()) std::abort();
    return 0;
  }
  if (!validateRecurrenceRule(rule.value()).empty()) std::abort();
  const std::string written = writeRecurrenceData(rule.value());
  const auto again = parseRecurrenceData(written);
  if (!again || writeRecurrenceData(again.value()) != written) std::abort();
  return 0;
}
