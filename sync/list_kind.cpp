#include "sync/list_kind.h"

#include <algorithm>
#include <cctype>
#include <string>

namespace deskpane::sync {

namespace {
struct KindInfo {
  ListKind kind;
  std::string_view key;
  std::string_view title;
  int baseTemplate;
};

constexpr std::array<KindInfo, 5> kKinds{{
    {ListKind::Calendar, "calendar", "Calendar", 106},
    {ListKind::Contacts, "contacts", "Contacts", 105},
    {ListKind::Tasks, "tasks", "Tasks", 171},
    {ListKind::Notes, "notes", "Notes", 100},
    {ListKind::Inbox, "inbox", "Inbox", 108},
}};

const KindInfo& infoOf(ListKind kind) {
  return *std::find_if(kKinds.begin(), kKinds.end(), [kind](const KindInfo& k) { return k.kind == kind; });
}
}  // namespace

std::string_view listKindKey(ListKind kind) { return infoOf(kind).key; }
std::string_view listKindTitle(ListKind kind) { return infoOf(kind).title; }
int listKindTemplate(ListKind kind) { return infoOf(kind).baseTemplate; }

std::optional<ListKind> listKindFromKey(std::string_view key) {
  std::string lower(key);
  std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return std::tolower(c); });
  for (const auto& k : kKinds)
    if (k.key == lower) return k.kind;
  return std::nullopt;
}

}  // namespace deskpane::sync
