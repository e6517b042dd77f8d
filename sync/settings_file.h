#pragma once
// File helpers for settings.ini: read whole text, atomic private write, and
// finding the line a key sits on (Boost's INI parser forgets line numbers
// once the tree is built).
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "sync/result.h"

namespace deskpane::sync::settings_file {

Result<std::string> readText(const std::string& path);
// Temp file in the same folder, mode 0600, fsync, rename over `path`.
Result<void> writeAtomically(const std::string& path, std::string_view text);
// 1-based line of `key` inside `[section]` ("" = before any section); 0 if not found.
int findKeyLine(std::string_view text, std::string_view section, std::string_view key);
// The value without a trailing " ; comment" or " # comment" (DESIGN's own example uses them).
std::string stripInlineComment(std::string_view value);

// The UTF-8 byte order mark some Windows editors put at the start of a file.
inline constexpr std::string_view kUtf8Bom = "\xEF\xBB\xBF";

// One section of the file as it is to be saved: its keys and their values,
// in order ("" = the keys before any section).
struct IniSection {
  std::string name;
  std::vector<std::pair<std::string, std::string>> keys;
};

// The file the user wrote, changed only where `wanted` differs from it: a
// key whose value changed gets the new value in its own line (its spacing
// and inline "; comment" kept), a key not wanted any more loses its line, a
// new key goes after the last key of its section, a new section at the end.
// Every other byte stays: comments, blank lines, order, line endings, a BOM.
// A value that only differs by an inline comment counts as unchanged.
std::string updateIniText(std::string_view original, const std::vector<IniSection>& wanted);

}  // namespace deskpane::sync::settings_file
