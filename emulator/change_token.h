#pragma once
// SharePoint change tokens: "version;scope;scopeGuid;ticks;changeNumber"
// (sharepoint-rest.md §3.1). changeNumber -1 means "from this time on".
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace deskpane::emu {

struct ChangeToken {
  int version = 1;
  int scope = 3;
  std::string scopeGuid;
  std::int64_t ticks = 0;
  std::int64_t number = -1;

  std::string str() const;
};

std::optional<ChangeToken> parseChangeToken(std::string_view s);
ChangeToken listChangeToken(const std::string& listGuid, std::int64_t ticks, std::int64_t number);

}  // namespace deskpane::emu
