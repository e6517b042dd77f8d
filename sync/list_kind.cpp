#include "sync/list_kind.h"

#include <algorithm>
#include <cctype>
#include <string>

namespace deskpane::sync {

namespace {
// Marks a title for xgettext without translating it here: the title is also
// the default list name on the site, so sync/ keeps it in English and the GUI
// translates it where it shows it.
constexpr std::string_view N_(std::string_view s) { return s; }

struct KindInfo {
  ListKind kind;
  std::string_view key;
  std::string_view title;
  int baseTemplate;
};

constexpr std::array<KindInfo, 5> kKinds{{
    {ListKind::Calendar, "calendar", N_("Calendar"), 106},
    {ListKind::Contacts, "contacts", N_("Contacts"), 105},
    {ListKind::Tasks, "tasks", N_("Tasks"), 171},
    {ListKind::Notes, "notes", N_("Notes"), 100},
    {ListKind::Inbox, "inbox", N_("Inbox"), 108},
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
