// sync::groupListsByKind: a site's lists in, each pane's choices out.
#include "sync/list_discovery.h"

#include <gtest/gtest.h>

namespace deskpane::sync {
namespace {

ListInfo list(const char* title, int baseTemplate) {
  ListInfo info;
  info.id = std::string("id-") + title;
  info.title = title;
  info.baseTemplate = baseTemplate;
  return info;
}

TEST(ListDiscovery, GroupsByTemplateSortedIgnoringCase) {
  const auto choices = groupListsByKind({
      list("Team Calendar", 106), list("holidays", 106), list("Contacts", 105), list("Tasks", 171),
      list("Old tasks", 107), list("Notes", 100), list("Ideas", 100), list("Inbox", 108),
      list("Documents", 101), list("Site Pages", 119), list("", 100),
  });
  const ListChoices expected = {
      {ListKind::Calendar, {"holidays", "Team Calendar"}},
      {ListKind::Contacts, {"Contacts"}},
      {ListKind::Tasks, {"Old tasks", "Tasks"}},
      {ListKind::Notes, {"Ideas", "Notes"}},
      {ListKind::Inbox, {"Inbox"}},
  };
  EXPECT_EQ(choices, expected);
}

TEST(ListDiscovery, NoMatchingListLeavesTheKindOut) {
  const auto choices = groupListsByKind({list("Documents", 101), list("Calendar", 106)});
  EXPECT_EQ(choices.size(), 1u);
  EXPECT_EQ(choices.count(ListKind::Inbox), 0u);
}

}  // namespace
}  // namespace deskpane::sync
