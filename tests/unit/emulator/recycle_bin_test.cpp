// The recycle bin: an item deleted or recycled comes back through
// recyclebin('<id>')/restore() with its own id and fields, and change-token
// readers hear of it as a Restore change (type 7) after its DeleteObject.
#include "tests/unit/emulator/site_driver.h"

#include <gtest/gtest.h>

namespace deskpane::emu::test {
namespace {

const std::string kTasks = "/sites/demo/_api/web/lists/getbytitle('Tasks')";
const std::string kWeb = "/sites/demo/_api/web";

std::string changeToken(SiteDriver& site) {
  return site.get(kTasks + "?$select=CurrentChangeToken").json().at("CurrentChangeToken").at("StringValue").as_string();
}

std::vector<std::pair<int, int>> changesSince(SiteDriver& site, const std::string& token) {
  const auto j = site.post(kTasks + "/getchanges",
                           "{\"query\":{\"Item\":true,\"Add\":true,\"Update\":true,\"DeleteObject\":true,"
                           "\"Restore\":true,\"ChangeTokenStart\":{\"StringValue\":\"" + token + "\"}}}")
                     .json();
  std::vector<std::pair<int, int>> out;
  for (const auto& c : j.at("value").as_array()) out.emplace_back(c.at("ChangeType").as_integer(), c.at("ItemId").as_integer());
  return out;
}

TEST(RecycleBin, ARecycledItemIsRestoredWithItsIdAndARestoreChange) {
  SiteDriver site;
  const auto before = site.get(kTasks + "/items(2)?$select=Title").json().at("Title").as_string();
  const auto token = changeToken(site);
  const auto recycled = site.post(kTasks + "/items(2)/recycle", "");
  ASSERT_EQ(recycled.status, 200) << recycled.body;
  const auto id = recycled.json().at("value").as_string();
  EXPECT_EQ(site.get(kTasks + "/items(2)").status, 404);

  const auto restored = site.post(kWeb + "/recyclebin('" + id + "')/restore()", "");
  ASSERT_EQ(restored.status, 200) << restored.body;
  const auto back = site.get(kTasks + "/items(2)?$select=Title");
  ASSERT_EQ(back.status, 200) << back.body;
  EXPECT_EQ(back.json().at("Title").as_string(), before);
  const std::vector<std::pair<int, int>> expected{{3, 2}, {7, 2}};  // DeleteObject, then Restore
  EXPECT_EQ(changesSince(site, token), expected);

  EXPECT_EQ(site.post(kWeb + "/recyclebin('" + id + "')/restore()", "").status, 404) << "the bin is empty again";
}

TEST(RecycleBin, UnknownEntriesAndGetsAreRefused) {
  SiteDriver site;
  EXPECT_EQ(site.post(kWeb + "/recyclebin('00000000-0000-0000-0000-000000000000')/restore()", "").status, 404);
  EXPECT_EQ(site.get(kWeb + "/recyclebin('00000000-0000-0000-0000-000000000000')/restore()").status, 405);
}

}  // namespace
}  // namespace deskpane::emu::test
