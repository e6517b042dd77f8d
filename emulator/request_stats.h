#pragma once
// Request counters behind GET /_emulator/stats.
#include <cstdint>
#include <map>
#include <mutex>
#include <string>

namespace deskpane::emu {

class RequestStats {
 public:
  void record(const std::string& route, std::size_t bytesOut);
  void reset();
  // {"requests": N, "by_route": {...}, "bytes_out": N}
  std::string json() const;

 private:
  mutable std::mutex mutex_;
  std::uint64_t requests_ = 0;
  std::uint64_t bytesOut_ = 0;
  std::map<std::string, std::uint64_t> byRoute_;
};

}  // namespace deskpane::emu
