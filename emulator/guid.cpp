#include "emulator/guid.h"

#include <cctype>
#include <cstdint>
#include <mutex>
#include <random>

namespace deskpane::emu {

namespace {
std::string format(std::uint64_t hi, std::uint64_t lo) {
  // Version 4 / variant 1 bits so the result parses as a proper GUID anywhere.
  hi = (hi & 0xFFFFFFFFFFFF0FFFULL) | 0x0000000000004000ULL;
  lo = (lo & 0x3FFFFFFFFFFFFFFFULL) | 0x8000000000000000ULL;
  static const char* hex = "0123456789abcdef";
  std::string s;
  s.reserve(36);
  for (int i = 0; i < 32; ++i) {
    const std::uint64_t word = i < 16 ? hi : lo;
    const int shift = 60 - 4 * (i % 16);
    s.push_back(hex[(word >> shift) & 15]);
    if (i == 7 || i == 11 || i == 15 || i == 19) s.push_back('-');
  }
  return s;
}

std::uint64_t fnv1a(std::string_view s, std::uint64_t seed) {
  std::uint64_t h = seed;
  for (const char c : s) {
    h ^= static_cast<unsigned char>(c);
    h *= 1099511628211ULL;
  }
  // Final avalanche so near-identical names differ in every nibble.
  h ^= h >> 33;
  h *= 0xff51afd7ed558ccdULL;
  h ^= h >> 33;
  return h;
}
}  // namespace

std::string guidFromName(std::string_view name) {
  return format(fnv1a(name, 14695981039346656037ULL), fnv1a(name, 0x9e3779b97f4a7c15ULL));
}

std::string randomGuid() {
  static std::mutex mutex;
  static std::mt19937_64 rng{std::random_device{}()};
  std::lock_guard<std::mutex> lock(mutex);
  const auto hi = rng();
  const auto lo = rng();
  return format(hi, lo);
}

bool looksLikeGuid(std::string_view s) {
  if (s.size() != 36) return false;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (i == 8 || i == 13 || i == 18 || i == 23) {
      if (s[i] != '-') return false;
    } else if (!std::isxdigit(static_cast<unsigned char>(s[i]))) {
      return false;
    }
  }
  return true;
}

}  // namespace deskpane::emu
