#include "sync/list_discovery.h"

#include <algorithm>
#include <cctype>
#include <optional>

namespace deskpane::sync {

namespace {

std::optional<ListKind> kindForTemplate(int baseTemplate) {
  switch (baseTemplate) {
    case 106: return ListKind::Calendar;
    case 105: return ListKind::Contacts;
    case 107:
    case 171: return ListKind::Tasks;
    case 100: return ListKind::Notes;
    case 108: return ListKind::Inbox;
    default: return std::nullopt;
  }
}

bool lessNoCase(const std::string& a, const std::string& b) {
  return std::lexicographical_compare(a.begin(), a.end(), b.begin(), b.end(), [](unsigned char x, unsigned char y) {
    return std::tolower(x) < std::tolower(y);
  });
}

}  // namespace

ListChoices groupListsByKind(const std::vector<ListInfo>& lists) {
  ListChoices out;
  for (const auto& list : lists)
    if (const auto kind = kindForTemplate(list.baseTemplate); kind && !list.title.empty())
      out[*kind].push_back(list.title);
  for (auto& [kind, titles] : out) std::sort(titles.begin(), titles.end(), lessNoCase);
  return out;
}

ClientResult<ListChoices> discoverLists(SharePointClient& client) {
  auto lists = client.visibleLists();
  if (!lists) return lists.error();
  return groupListsByKind(*lists);
}

}  // namespace deskpane::sync
