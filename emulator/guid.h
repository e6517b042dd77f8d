#pragma once
// Lower-case 8-4-4-4-12 GUIDs: deterministic ones derived from a name (list
// and item GUIDs stay stable across runs and restarts) and random ones.
#include <string>
#include <string_view>

namespace deskpane::emu {

std::string guidFromName(std::string_view name);
std::string randomGuid();
bool looksLikeGuid(std::string_view s);

}  // namespace deskpane::emu
