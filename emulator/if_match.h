#pragma once
// If-Match as SharePoint clients send it (sharepoint-rest.md §2.4): missing
// or `*` is unconditional; `"3"`, `"<guid>,3"`, `"{GUID},3"` and W/ forms
// all name version 3.
#include <optional>
#include <string_view>

namespace deskpane::emu {

struct IfMatch {
  bool unconditional = true;
  // The version it names; nullopt when conditional but unreadable (which
  // then matches nothing).
  std::optional<int> version;
};

IfMatch parseIfMatch(std::string_view header);

}  // namespace deskpane::emu
