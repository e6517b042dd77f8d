// $filter on multi-value columns (UserMulti, LookupMulti, MultiChoice):
// SharePoint reads "eq" as "contains" and "ne" as "contains none", so every
// value counts, not only the first.
#include "emulator/odata_query.h"
#include "tests/unit/emulator/site_driver.h"

#include <gtest/gtest.h>

#include <map>

namespace deskpane::emu::test {
namespace {

// One item's values per field: a task assigned to users 7 and 12, tagged
// "offsite" and "fun", with no predecessors.
const std::map<std::string, std::vector<Value>, std::less<>>& multiItem() {
  static const std::map<std::string, std::vector<Value>, std::less<>> item = {
      {"AssignedToId", {std::int64_t{7}, std::int64_t{12}}},
      {"Tags", {std::string("offsite"), std::string("fun")}},
      {"PredecessorsId", {}},
      {"Title", {std::string("Offsite")}},
  };
  return item;
}

struct Case {
  const char* filter;
  bool expected;
};

class MultiValueFilter : public ::testing::TestWithParam<Case> {};

TEST_P(MultiValueFilter, EveryValueCounts) {
  const auto& c = GetParam();
  auto f = parseFilter(c.filter);
  ASSERT_TRUE(f.ok()) << c.filter << ": " << f.error().detail;
  std::vector<const std::vector<Value>*> bound;
  for (const auto& name : f->fields()) bound.push_back(&multiItem().at(name));
  EXPECT_EQ(f->matchesValuesByIndex([&](std::size_t i) { return Filter::Values{bound[i]->data(), bound[i]->size()}; }),
            c.expected)
      << c.filter;
}

INSTANTIATE_TEST_SUITE_P(Table, MultiValueFilter,
                         ::testing::Values(Case{"AssignedToId eq 7", true},                       //
                                           Case{"AssignedToId eq 12", true},                      // not the first value
                                           Case{"AssignedToId eq 13", false},                     //
                                           Case{"AssignedToId ne 12", false},                     // contains 12
                                           Case{"AssignedToId ne 13", true},                      // contains none
                                           Case{"not (AssignedToId eq 12)", false},               //
                                           Case{"AssignedToId eq 7 and AssignedToId eq 12", true},  // both values
                                           Case{"AssignedToId gt 10", true},                      //
                                           Case{"AssignedToId lt 7", false},                      //
                                           Case{"12 eq AssignedToId", true},                      // operands swapped
                                           Case{"Tags eq 'fun'", true},                           //
                                           Case{"Tags eq 'FUN'", true},                           // case-insensitive text
                                           Case{"Tags ne 'fun'", false},                          //
                                           Case{"Tags eq 'office'", false},                       //
                                           Case{"startswith(Tags,'fu')", true},                   //
                                           Case{"substringof('site',Tags)", true},                //
                                           Case{"PredecessorsId eq null", true},                  // no values read as null
                                           Case{"PredecessorsId eq 1", false},                    //
                                           Case{"PredecessorsId ne 1", true},                     //
                                           Case{"Title eq 'Offsite' and Tags eq 'fun'", true}));

// The same rules through the items endpoint, on the demo seed.
TEST(MultiValueFilterSite, ItemsMatchOnAnyValue) {
  SiteDriver site;
  struct SiteCase {
    const char* list;
    const char* filter;
    std::vector<int> ids;
  };
  const SiteCase cases[] = {
      // Task 10 is assigned to [7,12], task 3 to [7,13].
      {"Tasks", "AssignedToId+eq+12", {4, 5, 10, 12}},
      {"Tasks", "AssignedToId+eq+13", {3, 11}},
      {"Tasks", "AssignedTo/Id+eq+13", {3, 11}},
      {"Tasks", "AssignedTo/Title+eq+'Bob+Jones'", {4, 5, 10, 12}},
      {"Tasks", "AssignedToId+ne+7+and+AssignedToId+ne+12", {7, 8, 9, 11}},
      {"Tasks", "AssignedToId+eq+7+and+AssignedToId+eq+12", {10}},
      // Note 2 is tagged [offsite, fun], note 6 [release, team].
      {"Notes", "Tags+eq+'fun'", {2}},
      {"Notes", "Tags+eq+'team'", {5, 6}},
      {"Notes", "Tags+ne+'team'", {1, 2, 3, 4}},
  };
  for (const auto& k : cases) {
    const std::string url = std::string("/sites/demo/_api/web/lists/getbytitle('") + k.list +
                            "')/items?$select=Id&$top=100&$filter=" + k.filter;
    const auto r = site.get(url);
    ASSERT_EQ(r.status, 200) << url << "\n" << r.body;
    const auto j = r.json();
    std::vector<int> ids;
    for (const auto& v : j.at("value").as_array()) ids.push_back(v.at("Id").as_integer());
    EXPECT_EQ(ids, k.ids) << url;
  }
}

}  // namespace
}  // namespace deskpane::emu::test
