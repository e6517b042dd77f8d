#include "emulator/change_token.h"

#include "emulator/url_codec.h"

#include <charconv>
#include <vector>

namespace deskpane::emu {

std::string ChangeToken::str() const {
  return std::to_string(version) + ";" + std::to_string(scope) + ";" + scopeGuid + ";" + std::to_string(ticks) +
         ";" + std::to_string(number);
}

namespace {
template <typename T>
bool toInt(std::string_view s, T& out) {
  if (s.empty()) return false;
  const auto* end = s.data() + s.size();
  auto [p, ec] = std::from_chars(s.data(), end, out);
  return ec == std::errc() && p == end;
}
}  // namespace

std::optional<ChangeToken> parseChangeToken(std::string_view s) {
  std::vector<std::string_view> parts;
  std::size_t start = 0;
  while (true) {
    const auto semi = s.find(';', start);
    parts.push_back(s.substr(start, semi == std::string_view::npos ? std::string_view::npos : semi - start));
    if (semi == std::string_view::npos) break;
    start = semi + 1;
  }
  if (parts.size() != 5) return std::nullopt;
  ChangeToken t;
  if (!toInt(parts[0], t.version) || !toInt(parts[1], t.scope) || !toInt(parts[3], t.ticks) ||
      !toInt(parts[4], t.number)) {
    return std::nullopt;
  }
  if (parts[2].size() != 36) return std::nullopt;
  t.scopeGuid = toLower(parts[2]);
  return t;
}

ChangeToken listChangeToken(const std::string& listGuid, std::int64_t ticks, std::int64_t number) {
  ChangeToken t;
  t.scopeGuid = listGuid;
  t.ticks = ticks;
  t.number = number;
  return t;
}

}  // namespace deskpane::emu
