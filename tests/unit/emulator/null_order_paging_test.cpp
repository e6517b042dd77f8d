// Paging over an $orderby column with empty values: SharePoint writes a NULL
// sort value into the next link as an empty "p_<Field>=" and must read it
// back as NULL, or a page boundary on an empty value drops rows (ascending)
// or serves the same page forever (descending).
#include "tests/unit/emulator/site_driver.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <set>

namespace deskpane::emu::test {
namespace {

const std::string kTasks = "/sites/demo/_api/web/lists/getbytitle('Tasks')/items";

struct Row {
  int id = 0;
  std::string due;  // empty = no DueDate
};

std::vector<Row> readAll(SiteDriver& site) {
  std::vector<Row> rows;
  const auto j = site.get(kTasks + "?$select=Id,DueDate&$top=5000").json();
  for (const auto& v : j.at("value").as_array()) {
    const auto& due = v.at("DueDate");
    rows.push_back({v.at("Id").as_integer(), due.is_null() ? std::string() : due.as_string()});
  }
  return rows;
}

// The order SharePoint returns: NULLs first ascending and last descending,
// ties by ID ascending. ISO dates of one shape order as strings.
std::vector<int> expectedOrder(std::vector<Row> rows, bool descending) {
  std::sort(rows.begin(), rows.end(), [&](const Row& a, const Row& b) {
    if (a.due != b.due) {
      if (a.due.empty() || b.due.empty()) return a.due.empty() != descending;
      return descending ? a.due > b.due : a.due < b.due;
    }
    return a.id < b.id;
  });
  std::vector<int> ids;
  for (const auto& r : rows) ids.push_back(r.id);
  return ids;
}

// Follows odata.nextLink; stops after `maxPages` so a loop fails the test
// instead of hanging it.
std::vector<int> pageThrough(SiteDriver& site, const std::string& firstUrl, int maxPages) {
  std::vector<int> ids;
  std::string url = firstUrl;
  for (int page = 0; !url.empty() && page < maxPages; ++page) {
    const auto r = site.get(url);
    EXPECT_EQ(r.status, 200) << url << "\n" << r.body;
    if (r.status != 200) break;
    const auto j = r.json();
    for (const auto& v : j.at("value").as_array()) ids.push_back(v.at("Id").as_integer());
    url = j.has_field("odata.nextLink") ? j.at("odata.nextLink").as_string() : "";
  }
  EXPECT_TRUE(url.empty()) << "still paging after " << maxPages << " pages: " << url;
  return ids;
}

class NullOrderPaging : public ::testing::Test {
 protected:
  void SetUp() override {
    // The demo seed has one task without a due date; three more put page
    // boundaries on empty values for every page size below.
    for (const char* title : {"No date A", "No date B", "No date C"}) {
      ASSERT_EQ(site_.post(kTasks, std::string("{\"Title\":\"") + title + "\"}").status, 201);
    }
  }
  SiteDriver site_;
};

TEST_F(NullOrderPaging, EveryItemExactlyOnceInSharePointsOrder) {
  const auto rows = readAll(site_);
  const auto nulls = std::count_if(rows.begin(), rows.end(), [](const Row& r) { return r.due.empty(); });
  ASSERT_GE(nulls, 4);
  struct Case {
    const char* orderby;
    bool descending;
    int top;
  };
  const Case cases[] = {
      {"DueDate", false, 1},      {"DueDate", false, 2},      {"DueDate", false, 3},
      {"DueDate+asc", false, 4},  {"DueDate", false, 7},      {"DueDate+desc", true, 1},
      {"DueDate+desc", true, 2},  {"DueDate+desc", true, 3},  {"DueDate%20desc", true, 4},
      {"DueDate+desc", true, 7},
  };
  for (const auto& k : cases) {
    const auto expected = expectedOrder(rows, k.descending);
    const std::string url = kTasks + "?$select=Id&$orderby=" + k.orderby + "&$top=" + std::to_string(k.top);
    const auto ids = pageThrough(site_, url, static_cast<int>(rows.size()) + 2);
    EXPECT_EQ(ids, expected) << url;
    EXPECT_EQ(std::set<int>(ids.begin(), ids.end()).size(), ids.size()) << url << ": an item came twice";
  }
}

TEST_F(NullOrderPaging, EmptySortValueInATokenMeansNoValue) {
  // Ascending, the NULLs come first: after the first of them (by ID) come the
  // other NULLs, not the first dated item.
  const auto expected = expectedOrder(readAll(site_), false);
  const auto token = "Paged%3DTRUE%26p_DueDate%3D%26p_ID%3D" + std::to_string(expected[0]);
  const auto j = site_.get(kTasks + "?$select=Id&$orderby=DueDate&$top=2&$skiptoken=" + token).json();
  ASSERT_EQ(j.at("value").size(), 2u);
  EXPECT_EQ(j.at("value").at(0).at("Id").as_integer(), expected[1]);
  EXPECT_EQ(j.at("value").at(1).at("Id").as_integer(), expected[2]);
}

}  // namespace
}  // namespace deskpane::emu::test
