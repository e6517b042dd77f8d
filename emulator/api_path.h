#pragma once
// Splits the part of a URL path after "/_api/" into OData segments such as
// `lists`, `getByTitle('A/B''s')`, `items(7)`. Slashes and parentheses inside
// quoted arguments do not split. Names compare case-insensitively.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace deskpane::emu {

struct PathSegment {
  std::string name;                // lower-case
  std::optional<std::string> arg;  // raw text between the parentheses

  bool is(std::string_view lowerName) const { return name == lowerName; }
};

// Nullopt when parentheses or quotes do not balance.
std::optional<std::vector<PathSegment>> splitApiPath(std::string_view path);

// 'text' -> text with '' -> ', guid'x' -> x; bare text unchanged.
std::string unquoteArg(std::string_view arg);
// "7" or "'7'" -> 7.
std::optional<int> intArg(std::string_view arg);

}  // namespace deskpane::emu
