#include "emulator/api_path.h"

#include "emulator/url_codec.h"

#include <cctype>
#include <charconv>

namespace deskpane::emu {

std::optional<std::vector<PathSegment>> splitApiPath(std::string_view path) {
  std::vector<PathSegment> out;
  std::size_t i = 0;
  while (i < path.size()) {
    if (path[i] == '/') {
      ++i;
      continue;
    }
    PathSegment seg;
    std::size_t start = i;
    while (i < path.size() && path[i] != '/' && path[i] != '(') ++i;
    seg.name = toLower(path.substr(start, i - start));
    if (i < path.size() && path[i] == '(') {
      ++i;
      const std::size_t argStart = i;
      bool inQuote = false;
      while (i < path.size()) {
        const char c = path[i];
        if (c == '\'') {
          if (inQuote && i + 1 < path.size() && path[i + 1] == '\'') {
            i += 2;
            continue;
          }
          inQuote = !inQuote;
        } else if (c == ')' && !inQuote) {
          break;
        }
        ++i;
      }
      if (i >= path.size()) return std::nullopt;
      seg.arg = std::string(path.substr(argStart, i - argStart));
      ++i;  // ')'
      if (i < path.size() && path[i] != '/') return std::nullopt;
    }
    if (seg.name.empty() && !seg.arg) return std::nullopt;
    out.push_back(std::move(seg));
  }
  return out;
}

std::string unquoteArg(std::string_view arg) {
  std::size_t b = 0, e = arg.size();
  while (b < e && std::isspace(static_cast<unsigned char>(arg[b]))) ++b;
  while (e > b && std::isspace(static_cast<unsigned char>(arg[e - 1]))) --e;
  arg = arg.substr(b, e - b);
  if (arg.size() >= 4 && iequals(arg.substr(0, 4), "guid")) arg.remove_prefix(4);
  if (arg.size() >= 2 && arg.front() == '\'' && arg.back() == '\'') {
    arg = arg.substr(1, arg.size() - 2);
    std::string out;
    for (std::size_t i = 0; i < arg.size(); ++i) {
      out.push_back(arg[i]);
      if (arg[i] == '\'' && i + 1 < arg.size() && arg[i + 1] == '\'') ++i;
    }
    return out;
  }
  return std::string(arg);
}

std::optional<int> intArg(std::string_view arg) {
  const auto text = unquoteArg(arg);
  int v = 0;
  const auto* end = text.data() + text.size();
  auto [p, ec] = std::from_chars(text.data(), end, v);
  if (ec != std::errc() || p != end || text.empty()) return std::nullopt;
  return v;
}

}  // namespace deskpane::emu
