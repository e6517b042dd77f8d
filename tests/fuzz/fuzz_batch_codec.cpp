// libFuzzer target: the $batch request parser on arbitrary bytes. The first
// line is the Content-Type (so boundaries get fuzzed too), the rest the body.
// Built by tests/fuzz/build_fuzzers.sh.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "emulator/batch_codec.h"

using namespace deskpane::emu;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  const std::size_t nl = input.find('\n');
  const std::string_view contentType = input.substr(0, nl);
  const std::string_view body = nl == std::string_view::npos ? std::string_view{} : input.substr(nl + 1);

  const auto boundary = multipartBoundary(contentType);
  auto parsed = parseBatch(body, boundary ? std::string_view(*boundary) : std::string_view("batch_x"));
  if (!parsed) {
    if (parsed.error().message.empty()) std::abort();
    return 0;
  }
  std::vector<BatchResponse> answers;
  for (const auto& req : parsed.value()) {
    if (req.method.empty() || req.url.empty()) std::abort();
    BatchResponse r;
    r.status = req.changeset ? 201 : 200;
    r.body = req.body;
    answers.push_back(std::move(r));
  }
  (void)formatBatchResponse(answers, "batchresponse_fuzz");
  return 0;
}
