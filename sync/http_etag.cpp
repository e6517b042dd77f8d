#include "sync/http_etag.h"

#include <cctype>

namespace deskpane::sync {

namespace {
std::string_view trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

std::string_view stripQuotes(std::string_view s) {
  // Bodies sometimes arrive JSON-escaped one level too many (`\"3\"`).
  while (!s.empty() && (s.front() == '"' || s.front() == '\\' || s.front() == '\'')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == '"' || s.back() == '\\' || s.back() == '\'')) s.remove_suffix(1);
  return s;
}
}  // namespace

std::optional<long long> httpEtagVersion(std::string_view etag) {
  auto s = trim(etag);
  if (s.size() >= 2 && (s[0] == 'W' || s[0] == 'w') && s[1] == '/') s.remove_prefix(2);
  s = trim(stripQuotes(trim(s)));
  if (const auto comma = s.rfind(','); comma != std::string_view::npos) s = trim(s.substr(comma + 1));
  if (s.empty() || s.size() > 18) return std::nullopt;
  long long v = 0;
  for (char c : s) {
    if (!std::isdigit(static_cast<unsigned char>(c))) return std::nullopt;
    v = v * 10 + (c - '0');
  }
  return v;
}

std::string ifMatchFor(long long version) { return "\"" + std::to_string(version) + "\""; }

}  // namespace deskpane::sync
