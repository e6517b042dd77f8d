#include "emulator/form_digest.h"

#include "emulator/time_util.h"

#include <cstdio>
#include <random>

namespace deskpane::emu {

FormDigest::FormDigest(std::chrono::seconds timeout) : timeout_(timeout), secret_(std::random_device{}()) {
  secret_ = (secret_ << 32) ^ std::random_device{}();
}

std::string FormDigest::mac(const std::string& date) const {
  // Not cryptographic: it only has to tell our digests from made-up ones.
  std::string out = "0x";
  std::uint64_t h = secret_;
  for (int round = 0; round < 4; ++round) {
    for (const char c : date) {
      h ^= static_cast<unsigned char>(c);
      h *= 1099511628211ULL;
    }
    h ^= h >> 29;
    char buf[17];
    std::snprintf(buf, sizeof buf, "%016llX", static_cast<unsigned long long>(h));
    out += buf;
  }
  return out;
}

std::string FormDigest::issue() const {
  // Seconds since the epoch make the date exact to parse back; SharePoint's
  // human-readable form follows it like theirs does.
  const auto now = Clock::now();
  const std::string stamp = std::to_string(Clock::to_time_t(now));
  return mac(stamp) + "," + stamp + " " + digestDate(now);
}

bool FormDigest::valid(const std::string& digest) const {
  const auto comma = digest.find(',');
  if (comma == std::string::npos) return false;
  const auto space = digest.find(' ', comma);
  const std::string stamp = digest.substr(comma + 1, space == std::string::npos ? std::string::npos : space - comma - 1);
  if (stamp.empty() || mac(stamp) != digest.substr(0, comma)) return false;
  long long issued = 0;
  try {
    issued = std::stoll(stamp);
  } catch (...) {
    return false;
  }
  const auto now = Clock::to_time_t(Clock::now());
  return now - issued <= timeout_.count();
}

}  // namespace deskpane::emu
