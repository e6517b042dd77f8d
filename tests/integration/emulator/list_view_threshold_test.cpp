// The list view threshold (sharepoint-rest.md §4.3) over HTTP on a list of
// 6,000 items: a $filter that reads a non-indexed column is allowed when its
// top-level and-ed conditions on indexed columns (ID, Modified) narrow the
// list to at most 5,000 items, and answers 500 SPQueryThrottledException
// otherwise (no indexed condition, too many candidates, a top-level "or").
#include "tests/integration/emulator/emu_client.h"
#include "tests/support/child_process.h"

#include <gtest/gtest.h>

namespace deskpane::test {
namespace {

std::string encodeQuery(const std::string& text) {
  std::string out;
  for (const char c : text) {
    if (c == ' ') {
      out += "%20";
    } else if (c == '&') {
      out += "%26";
    } else {
      out += c;
    }
  }
  return out;
}

constexpr int kThrottled = -1;

struct Case {
  const char* filter;
  int rows;  // rows on the first page ($top=5000), or kThrottled
};

// bulk:6000 seeds Tasks item N with Title "Task N", Status cycling through
// five values from "Not Started" (N=1), and Modified = Created =
// 2024-01-01T00:00:00Z + (N-1) × 30 min, so item 1001 is 2024-01-21T20:00:00Z.
const Case kCases[] = {
    {"ID gt 5990 and Title ne 'x'", 10},
    {"ID le 5000 and Title eq 'x'", 0},  // exactly 5,000 candidates
    {"ID le 5000 and Title ne 'x'", 5000},
    {"ID le 5001 and Title eq 'x'", kThrottled},
    {"ID gt 0 and Title eq 'x'", kThrottled},
    {"Title eq 'x'", kThrottled},
    {"Status eq 'Completed'", kThrottled},
    {"ID gt 5990 or Title eq 'x'", kThrottled},
    {"Title eq 'x' or ID gt 5990", kThrottled},
    {"(ID gt 5990) and (Title eq 'x')", 0},
    {"(ID gt 5990 and Title eq 'Task 5995')", 1},
    {"((ID gt 5990)) and ((Title ne 'x') and Status ne 'x')", 10},
    {"Title ne 'x' and ID gt 5990", 10},
    {"ID gt 5990 and (Title eq 'Task 5991' or Status eq 'Completed')", 3},
    {"(ID gt 5990 or ID lt 3) and Title ne 'x'", 12},
    {"(ID gt 5990 or Title eq 'x') and Status eq 'Completed'", kThrottled},
    {"(ID gt 5990 or Title eq 'x') and ID gt 100", kThrottled},
    {"ID gt 1000 and ID le 6000 and Title ne 'x'", 5000},
    {"ID ge 1000 and ID le 6000 and Title ne 'x'", kThrottled},
    {"ID gt 100 and Title ne 'x' and ID le 5100", 5000},
    {"ID eq 3 or ID eq 9", 2},  // ID only: allowed as before
    {"Title eq 'a and ID gt 5990'", kThrottled},  // "and" inside a literal
    {"Title eq 'x'' and ID gt 5990 and ''' and Title ne 'y'", kThrottled},
    {"Title eq 'Task 5999''s' and ID gt 5990", 0},
    {"Modified ge datetime'2024-01-21T20:00:00Z' and Title ne 'x'", 5000},
    {"Modified ge datetime'2024-01-21T19:30:00Z' and Title ne 'x'", kThrottled},
    {"Modified lt datetime'2024-02-01T00:00:00Z' and ID gt 0 and Status eq 'Completed'", 298},
    {"ID gt 3000 and Modified ge datetime'2024-01-01T00:00:00Z' and Title eq 'x'", 0},
    {"ID gt 1000 and Modified ge datetime'2024-01-01T00:00:00Z' and Title eq 'x'", 0},
    {"ID gt 999 and Modified ge datetime'2024-01-21T19:30:00Z' and Title eq 'x'", kThrottled},
    {"Modified ge datetime'2024-01-01T00:00:00Z'", 5000},  // indexed only: allowed as before
};

class ListViewThreshold : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { emu_ = new EmulatorProcess({"--seed", "bulk:6000"}); }
  static void TearDownTestSuite() {
    delete emu_;
    emu_ = nullptr;
  }
  static EmulatorProcess* emu_;
  const std::string items_ = "/sites/demo/_api/web/lists/getByTitle('Tasks')/items";
};

EmulatorProcess* ListViewThreshold::emu_ = nullptr;

TEST_F(ListViewThreshold, SeedMatchesTheTable) {
  EmuClient c(emu_->origin());
  EXPECT_EQ(c.get("/sites/demo/_api/web/lists/getByTitle('Tasks')").json().at("ItemCount").as_integer(), 6000);
  const auto item = c.get(items_ + "(1001)?$select=Modified,Title").json();
  EXPECT_EQ(item.at("Modified").as_string(), "2024-01-21T20:00:00Z");
  EXPECT_EQ(item.at("Title").as_string(), "Task 1001");
}

TEST_F(ListViewThreshold, FilterTable) {
  EmuClient c(emu_->origin());
  for (const auto& [filter, rows] : kCases) {
    const auto r = c.get(items_ + "?$select=Id&$top=5000&$filter=" + encodeQuery(filter));
    if (rows == kThrottled) {
      EXPECT_EQ(r.status, 500) << filter;
      EXPECT_NE(r.body.find("SPQueryThrottledException"), std::string::npos) << filter;
      EXPECT_NE(r.body.find("exceeds the list view threshold"), std::string::npos) << filter;
    } else {
      ASSERT_EQ(r.status, 200) << filter << "\n" << r.body.substr(0, 300);
      EXPECT_EQ(r.json().at("value").size(), static_cast<std::size_t>(rows)) << filter;
    }
  }
}

TEST_F(ListViewThreshold, OrderByRuleUnchanged) {
  EmuClient c(emu_->origin());
  EXPECT_EQ(c.get(items_ + "?$filter=" + encodeQuery("ID gt 5990 and Title ne 'x'") + "&$orderby=Title").status, 500);
  EXPECT_EQ(c.get(items_ + "?$filter=" + encodeQuery("ID gt 5990") + "&$orderby=Status").status, 500);
  const auto r = c.get(items_ + "?$select=Id&$filter=" + encodeQuery("ID gt 5990 and Title ne 'x'") + "&$orderby=ID+desc");
  ASSERT_EQ(r.status, 200);
  const auto rows = r.json().at("value").as_array();
  ASSERT_EQ(rows.size(), 10u);
  EXPECT_EQ(rows.at(0).at("Id").as_integer(), 6000);
  const auto m = c.get(items_ + "?$select=Id&$filter=" + encodeQuery("ID gt 5990 and Title ne 'x'") +
                       "&$orderby=Modified+desc");
  EXPECT_EQ(m.status, 200);
}

TEST_F(ListViewThreshold, AllowedFilterPagesThroughItsNextLink) {
  EmuClient c(emu_->origin());
  const auto first = c.get(items_ + "?$select=Id&$top=3000&$filter=" + encodeQuery("ID gt 1000 and Title ne 'x'"));
  ASSERT_EQ(first.status, 200) << first.body.substr(0, 300);
  const auto page1 = first.json();
  ASSERT_EQ(page1.at("value").size(), 3000u);
  EXPECT_EQ(page1.at("value").at(0).at("Id").as_integer(), 1001);
  ASSERT_TRUE(page1.has_field("odata.nextLink"));
  const auto link = page1.at("odata.nextLink").as_string();
  const auto second = c.get(link.substr(emu_->origin().size()));
  ASSERT_EQ(second.status, 200) << link;
  const auto page2 = second.json();
  ASSERT_EQ(page2.at("value").size(), 2000u);
  EXPECT_EQ(page2.at("value").at(0).at("Id").as_integer(), 4001);
  EXPECT_FALSE(page2.has_field("odata.nextLink"));
}

}  // namespace
}  // namespace deskpane::test
