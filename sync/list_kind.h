#pragma once
// The five kinds of list a pane can show, and the SharePoint list template
// each one is bound to by default.
#include <array>
#include <optional>
#include <string_view>

namespace deskpane::sync {

enum class ListKind { Calendar, Contacts, Tasks, Notes, Inbox };

inline constexpr std::array<ListKind, 5> kAllListKinds{
    ListKind::Calendar, ListKind::Contacts, ListKind::Tasks, ListKind::Notes, ListKind::Inbox};

// Lower-case key used in settings sections and on the command line ("calendar").
std::string_view listKindKey(ListKind kind);
// Title of the demo list and default binding ("Calendar").
std::string_view listKindTitle(ListKind kind);
// SharePoint BaseTemplate: Events 106, Contacts 105, Tasks 171, custom list 100, Discussion 108.
int listKindTemplate(ListKind kind);
std::optional<ListKind> listKindFromKey(std::string_view key);

}  // namespace deskpane::sync
