#pragma once
// Form digests as /_api/contextinfo hands them out: "0x<hash>,<date>".
// Stateless: the hash is keyed by a per-process secret, so any digest this
// process issued validates until it is older than the timeout.
#include <chrono>
#include <cstdint>
#include <string>

namespace deskpane::emu {

class FormDigest {
 public:
  explicit FormDigest(std::chrono::seconds timeout = std::chrono::seconds(1800));
  std::string issue() const;
  bool valid(const std::string& digest) const;
  int timeoutSeconds() const { return static_cast<int>(timeout_.count()); }

 private:
  std::string mac(const std::string& date) const;
  std::chrono::seconds timeout_;
  std::uint64_t secret_;
};

}  // namespace deskpane::emu
