#include "emulator/request_stats.h"

#include "emulator/json_writer.h"

namespace deskpane::emu {

void RequestStats::record(const std::string& route, std::size_t bytesOut) {
  std::lock_guard<std::mutex> lock(mutex_);
  ++requests_;
  bytesOut_ += bytesOut;
  ++byRoute_[route];
}

void RequestStats::reset() {
  std::lock_guard<std::mutex> lock(mutex_);
  requests_ = 0;
  bytesOut_ = 0;
  byRoute_.clear();
}

std::string RequestStats::json() const {
  std::lock_guard<std::mutex> lock(mutex_);
  JsonWriter w;
  w.beginObject().field("requests", static_cast<std::int64_t>(requests_));
  w.key("by_route").beginObject();
  for (const auto& [route, n] : byRoute_) w.field(route, static_cast<std::int64_t>(n));
  w.endObject();
  w.field("bytes_out", static_cast<std::int64_t>(bytesOut_));
  w.endObject();
  return w.take();
}

}  // namespace deskpane::emu
