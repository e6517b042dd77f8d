// Paging by a column with empty values over HTTP: the empty "p_DueDate="
// in the next link survives the client's URL handling and reads back as
// NULL, so both directions visit every task exactly once and stop.
#include "tests/integration/emulator/emu_client.h"
#include "tests/support/child_process.h"

#include <gtest/gtest.h>

#include <set>

namespace deskpane::test {
namespace {

const std::string kItems = "/sites/demo/_api/web/lists/getByTitle('Tasks')/items";

TEST(NullOrderPaging, BothDirectionsReturnEveryItemOnce) {
  EmulatorProcess emu;
  EmuClient c(emu.origin());
  for (const char* title : {"Undated 1", "Undated 2", "Undated 3"}) {
    ASSERT_EQ(c.write("POST", kItems, std::string("{\"Title\":\"") + title + "\"}").status, 201);
  }
  const auto total = c.get(kItems + "?$select=Id&$top=5000").json().at("value").size();
  for (const char* order : {"DueDate", "DueDate%20desc"}) {
    std::vector<int> ids;
    std::string url = kItems + "?$select=Id,DueDate&$orderby=" + order + "&$top=2";
    bool sawEmptyToken = false;
    for (std::size_t page = 0; !url.empty() && page <= total; ++page) {
      const auto r = c.get(url);
      ASSERT_EQ(r.status, 200) << url << "\n" << r.body;
      const auto j = r.json();
      for (const auto& v : j.at("value").as_array()) ids.push_back(v.at("Id").as_integer());
      url = j.has_field("odata.nextLink") ? j.at("odata.nextLink").as_string().substr(emu.origin().size()) : "";
      sawEmptyToken = sawEmptyToken || url.find("p_DueDate%3d%26") != std::string::npos;
    }
    EXPECT_TRUE(url.empty()) << order << ": still paging: " << url;
    EXPECT_TRUE(sawEmptyToken) << order << ": no page boundary fell on an empty DueDate";
    EXPECT_EQ(ids.size(), total) << order;
    EXPECT_EQ(std::set<int>(ids.begin(), ids.end()).size(), total) << order;
  }
}

}  // namespace
}  // namespace deskpane::test
