#include "emulator/if_match.h"

#include <cctype>
#include <charconv>

namespace deskpane::emu {

IfMatch parseIfMatch(std::string_view h) {
  while (!h.empty() && std::isspace(static_cast<unsigned char>(h.front()))) h.remove_prefix(1);
  while (!h.empty() && std::isspace(static_cast<unsigned char>(h.back()))) h.remove_suffix(1);
  IfMatch m;
  if (h.empty() || h == "*") return m;
  m.unconditional = false;
  if (h.size() >= 2 && (h.substr(0, 2) == "W/" || h.substr(0, 2) == "w/")) h.remove_prefix(2);
  while (!h.empty() && (h.front() == '"' || h.front() == '\'')) h.remove_prefix(1);
  while (!h.empty() && (h.back() == '"' || h.back() == '\'')) h.remove_suffix(1);
  const auto comma = h.rfind(',');
  if (comma != std::string_view::npos) h.remove_prefix(comma + 1);
  while (!h.empty() && std::isspace(static_cast<unsigned char>(h.front()))) h.remove_prefix(1);
  int v = 0;
  const auto* end = h.data() + h.size();
  auto [p, ec] = std::from_chars(h.data(), end, v);
  if (ec == std::errc() && p == end && !h.empty()) m.version = v;
  return m;
}

}  // namespace deskpane::emu
