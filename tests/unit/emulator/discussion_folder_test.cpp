// Discussion threads are folders: two threads with one subject must not share
// a folder (a reply addressed to the second would land in the first), and a
// thread goes with its replies, each reported to change-token readers.
#include "tests/unit/emulator/site_driver.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <set>

namespace deskpane::emu::test {
namespace {

const std::string kInbox = "/sites/demo/_api/web/lists/getbytitle('Inbox')";
constexpr const char* kDiscussionCt = "0x012002006A8B0F1EA2B25E4F8B3F1A1DAB5A5D45";

int formItemId(const Reply& r) {
  const auto j = r.json();
  for (const auto& v : j.at("value").as_array()) {
    if (v.at("FieldName").as_string() == "Id") return std::stoi(v.at("FieldValue").as_string());
  }
  return -1;
}

std::string threadBody(const std::string& title, const std::string& leaf) {
  const std::string info = leaf.empty() ? "" : ",\"LeafName\":{\"DecodedUrl\":\"" + leaf + "\"}";
  return "{\"listItemCreateInfo\":{\"FolderPath\":{\"DecodedUrl\":\"/sites/demo/Lists/Inbox\"}" + info +
         ",\"UnderlyingObjectType\":1},\"formValues\":[{\"FieldName\":\"Title\",\"FieldValue\":\"" + title +
         "\"},{\"FieldName\":\"ContentType\",\"FieldValue\":\"Discussion\"}]}";
}

std::string replyBody(const std::string& folder) {
  return "{\"listItemCreateInfo\":{\"FolderPath\":{\"DecodedUrl\":\"" + folder +
         "\"},\"UnderlyingObjectType\":0},\"formValues\":[{\"FieldName\":\"Body\",\"FieldValue\":\"<p>Me too</p>\"},"
         "{\"FieldName\":\"ContentType\",\"FieldValue\":\"Message\"}]}";
}

web::json::value item(SiteDriver& site, int id, const std::string& select) {
  return site.get(kInbox + "/items(" + std::to_string(id) + ")?$select=" + select).json();
}

std::string changeToken(SiteDriver& site) {
  return site.get(kInbox + "?$select=CurrentChangeToken").json().at("CurrentChangeToken").at("StringValue").as_string();
}

// (ChangeType, ItemId) of the changes since `token`.
std::vector<std::pair<int, int>> changesSince(SiteDriver& site, const std::string& token) {
  const auto j = site.post(kInbox + "/getchanges",
                           "{\"query\":{\"Item\":true,\"Add\":true,\"Update\":true,\"DeleteObject\":true,"
                           "\"ChangeTokenStart\":{\"StringValue\":\"" + token + "\"}}}")
                     .json();
  std::vector<std::pair<int, int>> out;
  for (const auto& c : j.at("value").as_array()) out.emplace_back(c.at("ChangeType").as_integer(), c.at("ItemId").as_integer());
  return out;
}

std::vector<int> repliesOf(SiteDriver& site, int thread) {
  const auto j = site.get(kInbox + "/items?$select=Id&$filter=ParentFolderId+eq+" + std::to_string(thread)).json();
  std::vector<int> ids;
  for (const auto& v : j.at("value").as_array()) ids.push_back(v.at("Id").as_integer());
  return ids;
}

TEST(DiscussionFolder, ThreadsSharingASubjectGetTheirOwnFolders) {
  SiteDriver site;
  // Two ways a server derives the folder name from the subject: plain items
  // and AddValidateUpdateItemUsingPath without a LeafName.
  const auto first = site.post(kInbox + "/items", std::string("{\"ContentTypeId\":\"") + kDiscussionCt +
                                                      "\",\"Title\":\"Printer jam\"}");
  ASSERT_EQ(first.status, 201) << first.body;
  const int a = first.json().at("Id").as_integer();
  const auto second = site.post(kInbox + "/AddValidateUpdateItemUsingPath()", threadBody("Printer jam", ""));
  ASSERT_EQ(second.status, 200) << second.body;
  const int b = formItemId(second);
  const auto third = site.post(kInbox + "/items", std::string("{\"ContentTypeId\":\"") + kDiscussionCt +
                                                      "\",\"Title\":\"printer JAM\"}");
  ASSERT_EQ(third.status, 201) << third.body;
  const int c = third.json().at("Id").as_integer();

  const auto refA = item(site, a, "FileRef").at("FileRef").as_string();
  const auto refB = item(site, b, "FileRef").at("FileRef").as_string();
  const auto refC = item(site, c, "FileRef").at("FileRef").as_string();
  EXPECT_EQ(refA, "/sites/demo/Lists/Inbox/Printer jam");
  EXPECT_EQ(refB, "/sites/demo/Lists/Inbox/Printer jam (2)");
  EXPECT_EQ(refC, "/sites/demo/Lists/Inbox/printer JAM (3)");  // folder names ignore case
  EXPECT_EQ(item(site, b, "Title").at("Title").as_string(), "Printer jam");

  // A reply addressed by the second thread's folder lands there.
  const auto reply = site.post(kInbox + "/AddValidateUpdateItemUsingPath()", replyBody(refB));
  ASSERT_EQ(reply.status, 200) << reply.body;
  const auto r = item(site, formItemId(reply), "ParentFolderId,FileDirRef");
  EXPECT_EQ(r.at("ParentFolderId").as_integer(), b);
  EXPECT_EQ(r.at("FileDirRef").as_string(), refB);
  EXPECT_EQ(item(site, a, "ItemChildCount").at("ItemChildCount").as_integer(), 0);
  EXPECT_EQ(item(site, b, "ItemChildCount").at("ItemChildCount").as_integer(), 1);
}

TEST(DiscussionFolder, ALeafNameTheClientChoseMustBeFree) {
  SiteDriver site;
  ASSERT_EQ(site.post(kInbox + "/AddValidateUpdateItemUsingPath()", threadBody("Coffee", "Coffee")).status, 200);
  const auto again = site.post(kInbox + "/AddValidateUpdateItemUsingPath()", threadBody("Coffee again", "coffee"));
  EXPECT_EQ(again.status, 400) << again.body;
  const auto error = again.json().at("odata.error");
  EXPECT_EQ(error.at("code").as_string(), "-2130575257, Microsoft.SharePoint.SPException");
  EXPECT_EQ(error.at("message").at("value").as_string(), "A file or folder with the name Lists/Inbox/coffee already exists.");
  // Nothing was created.
  EXPECT_EQ(site.get(kInbox + "/items?$select=Id&$filter=Title+eq+'Coffee+again'").json().at("value").size(), 0u);
}

TEST(DiscussionFolder, DeletingOrRecyclingAThreadTakesItsReplies) {
  struct Case {
    const char* subject;
    bool recycle;
  };
  for (const auto& k : {Case{"Welcome to the team inbox 👋", false}, Case{"Parking during the renovation?", true}}) {
    SiteDriver site;
    const auto threads = site.get(kInbox + "/items?$select=Id,Title&$filter=ContentType+eq+'Discussion'").json();
    int thread = -1;
    for (const auto& t : threads.at("value").as_array()) {
      if (t.at("Title").as_string() == k.subject) thread = t.at("Id").as_integer();
    }
    ASSERT_GT(thread, 0) << k.subject;
    const auto replies = repliesOf(site, thread);
    ASSERT_FALSE(replies.empty()) << k.subject;
    const auto token = changeToken(site);
    const auto url = kInbox + "/items(" + std::to_string(thread) + ")" + (k.recycle ? "/recycle" : "");
    const auto gone = site.send(k.recycle ? "POST" : "DELETE", url);
    ASSERT_EQ(gone.status, 200) << url << "\n" << gone.body;

    EXPECT_TRUE(repliesOf(site, thread).empty()) << k.subject;
    for (const int id : replies) EXPECT_EQ(site.get(kInbox + "/items(" + std::to_string(id) + ")").status, 404) << id;
    std::set<int> deleted;
    for (const auto& [type, id] : changesSince(site, token)) {
      EXPECT_EQ(type, 3) << "only DeleteObject changes expected, item " << id;
      deleted.insert(id);
    }
    std::set<int> expected(replies.begin(), replies.end());
    expected.insert(thread);
    EXPECT_EQ(deleted, expected) << k.subject;
  }
}

TEST(DiscussionFolder, DeletingAReplyLowersTheThreadsCountOnly) {
  SiteDriver site;
  const auto j = site.get(kInbox + "/items?$select=Id,ItemChildCount&$filter=Title+eq+'Parking+during+the+renovation%3F'"
                                   "+and+ContentType+eq+'Discussion'").json();
  ASSERT_EQ(j.at("value").size(), 1u);
  const int thread = j.at("value").at(0).at("Id").as_integer();
  const auto before = item(site, thread, "ItemChildCount,owshiddenversion,Modified");
  const auto replies = repliesOf(site, thread);
  ASSERT_EQ(static_cast<std::int64_t>(replies.size()), before.at("ItemChildCount").as_integer());
  const auto token = changeToken(site);

  ASSERT_EQ(site.send("DELETE", kInbox + "/items(" + std::to_string(replies.back()) + ")").status, 200);
  const auto after = item(site, thread, "ItemChildCount,owshiddenversion,Modified");
  EXPECT_EQ(after.at("ItemChildCount").as_integer(), before.at("ItemChildCount").as_integer() - 1);
  EXPECT_EQ(after.at("owshiddenversion").as_integer(), before.at("owshiddenversion").as_integer());
  EXPECT_EQ(after.at("Modified").as_string(), before.at("Modified").as_string());
  const auto changes = changesSince(site, token);
  EXPECT_NE(std::find(changes.begin(), changes.end(), std::pair{3, replies.back()}), changes.end());
}

}  // namespace
}  // namespace deskpane::emu::test
