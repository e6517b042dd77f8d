#pragma once
// File helpers for settings.ini: read whole text, atomic private write, and
// finding the line a key sits on (Boost's INI parser forgets line numbers
// once the tree is built).
#include <optional>
#include <string>
#include <string_view>

#include "sync/result.h"

namespace deskpane::sync::settings_file {

Result<std::string> readText(const std::string& path);
// Temp file in the same folder, mode 0600, fsync, rename over `path`.
Result<void> writeAtomically(const std::string& path, std::string_view text);
// 1-based line of `key` inside `[section]` ("" = before any section); 0 if not found.
int findKeyLine(std::string_view text, std::string_view section, std::string_view key);
// The value without a trailing " ; comment" or " # comment" (DESIGN's own example uses them).
std::string stripInlineComment(std::string_view value);

}  // namespace deskpane::sync::settings_file
