#include "sync/list_discovery.h"

#include <algorithm>
#include <cctype>
#include <optional>
#include <vector>

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

namespace {

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

// Edits (insert, delete, replace, swap two neighbours) between two titles,
// case-insensitively: "Calender" is one from "Calendar".
std::size_t distance(const std::string& a, const std::string& b) {
  const std::string x = lower(a), y = lower(b);
  std::vector<std::vector<std::size_t>> d(x.size() + 1, std::vector<std::size_t>(y.size() + 1));
  for (std::size_t i = 0; i <= x.size(); ++i) d[i][0] = i;
  for (std::size_t j = 0; j <= y.size(); ++j) d[0][j] = j;
  for (std::size_t i = 1; i <= x.size(); ++i) {
    for (std::size_t j = 1; j <= y.size(); ++j) {
      d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (x[i - 1] == y[j - 1] ? 0 : 1)});
      if (i > 1 && j > 1 && x[i - 1] == y[j - 2] && x[i - 2] == y[j - 1]) d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[x.size()][y.size()];
}

// What a pane shows, in the words the dialog uses for each kind of list.
std::string kindWords(ListKind kind) {
  switch (kind) {
    case ListKind::Calendar: return "a calendar";
    case ListKind::Contacts: return "a contacts list";
    case ListKind::Tasks: return "a task list";
    case ListKind::Notes: return "a custom list";
    case ListKind::Inbox: return "a discussion board";
  }
  return "a list";
}

}  // namespace

std::string noSuchListMessage(const std::string& title) { return "The site has no list named '" + title + "'."; }

ListCheck checkListTitle(const ListChoices& choices, ListKind kind, const std::string& title) {
  ListCheck out;
  const std::string wanted = lower(title);
  for (const auto& [k, titles] : choices) {
    for (const auto& t : titles) {
      if (lower(t) != wanted) continue;
      if (k == kind) {
        out.verdict = ListCheck::Verdict::Found;
        out.title = t;
        return out;
      }
      if (!out.foundKind) out.foundKind = k;
    }
  }
  const std::string pane(listKindTitle(kind));
  if (out.foundKind) {
    out.verdict = ListCheck::Verdict::WrongKind;
    out.message = "'" + title + "' is " + kindWords(*out.foundKind) + ": the " + pane + " pane shows " +
                  kindWords(kind) + ".";
    return out;
  }
  out.verdict = ListCheck::Verdict::NotFound;
  out.message = noSuchListMessage(title);
  // A slip of one or two letters: offer the nearest list this pane can show.
  std::size_t best = std::max<std::size_t>(2, title.size() / 4) + 1;
  if (const auto it = choices.find(kind); it != choices.end()) {
    for (const auto& t : it->second) {
      const auto d = distance(title, t);
      if (d < best) {
        best = d;
        out.suggestion = t;
      }
    }
  }
  if (!out.suggestion.empty()) out.message += " Did you mean '" + out.suggestion + "'?";
  return out;
}

}  // namespace deskpane::sync
