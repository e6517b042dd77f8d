// The settings dialog's check of a typed list title (item: a misspelt list
// name was accepted and the pane went to Error with the old list's items).
#include "sync/list_discovery.h"

#include <gtest/gtest.h>

namespace deskpane::sync {
namespace {

const ListChoices kSite = {
    {ListKind::Calendar, {"Calendar", "Team Calendar"}},
    {ListKind::Contacts, {"Contacts"}},
    {ListKind::Tasks, {"Tasks"}},
    {ListKind::Notes, {"Notes"}},
};

struct CheckCase {
  const char* name;
  ListKind kind;
  const char* typed;
  ListCheck::Verdict verdict;
  const char* title;       // Found: the site's spelling
  const char* message;     // the words the user sees
};

class ListTitleCheck : public ::testing::TestWithParam<CheckCase> {};

TEST_P(ListTitleCheck, SaysWhatTheSiteHas) {
  const auto& c = GetParam();
  const auto got = checkListTitle(kSite, c.kind, c.typed);
  EXPECT_EQ(got.verdict, c.verdict);
  EXPECT_EQ(got.ok(), c.verdict == ListCheck::Verdict::Found);
  EXPECT_EQ(got.title, c.title);
  EXPECT_EQ(got.message, c.message);
}

INSTANTIATE_TEST_SUITE_P(
    Cases, ListTitleCheck,
    ::testing::Values(
        CheckCase{"Exact", ListKind::Calendar, "Team Calendar", ListCheck::Verdict::Found, "Team Calendar", ""},
        CheckCase{"OtherCase", ListKind::Calendar, "team calendar", ListCheck::Verdict::Found, "Team Calendar", ""},
        CheckCase{"Misspelt", ListKind::Calendar, "Calender", ListCheck::Verdict::NotFound, "",
                  "The site has no list named 'Calender'. Did you mean 'Calendar'?"},
        CheckCase{"NothingClose", ListKind::Calendar, "Holidays", ListCheck::Verdict::NotFound, "",
                  "The site has no list named 'Holidays'."},
        CheckCase{"WrongKind", ListKind::Calendar, "Tasks", ListCheck::Verdict::WrongKind, "",
                  "'Tasks' is a task list: the Calendar pane shows a calendar."},
        CheckCase{"NoListOfThisKind", ListKind::Inbox, "Inbox", ListCheck::Verdict::NotFound, "",
                  "The site has no list named 'Inbox'."}),
    [](const ::testing::TestParamInfo<CheckCase>& info) { return std::string(info.param.name); });

}  // namespace
}  // namespace deskpane::sync
