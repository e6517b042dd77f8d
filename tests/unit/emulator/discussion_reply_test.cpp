// A reply refreshes only its thread's reply counters (ItemChildCount,
// LastReplyBy, DiscussionLastUpdated), as SharePoint does: the thread keeps
// its version, ETag, Modified and Editor, so a client holding the thread's
// ETag can still edit it after someone replied.
#include "tests/unit/emulator/site_driver.h"

#include <gtest/gtest.h>

namespace deskpane::emu::test {
namespace {

const std::string kInbox = "/sites/demo/_api/web/lists/getbytitle('Inbox')";
constexpr const char* kMessageCt = "0x0107002D9E1A62C6B4B74C9BC0C8BB2C2C4E2F";
constexpr const char* kThreadFields =
    "?$select=Id,Modified,EditorId,owshiddenversion,ItemChildCount,LastReplyById,DiscussionLastUpdated";

int threadNamed(SiteDriver& site, const std::string& title) {
  const auto j = site.get(kInbox + "/items?$select=Id&$filter=Title+eq+'" + title + "'+and+ContentType+eq+'Discussion'").json();
  return j.at("value").size() == 1 ? j.at("value").at(0).at("Id").as_integer() : -1;
}

TEST(DiscussionReply, LeavesTheThreadsVersionEtagModifiedAndEditor) {
  SiteDriver site;
  // Seeded by user 13 a day ago, no replies yet.
  const int thread = threadNamed(site, "Lunch order Friday");
  ASSERT_GT(thread, 0);
  const std::string threadUrl = kInbox + "/items(" + std::to_string(thread) + ")";
  const auto before = site.get(threadUrl + kThreadFields);
  ASSERT_EQ(before.status, 200) << before.body;
  const auto was = before.json();

  // Someone else replies (the control endpoint writes as user 12), then the
  // current user replies through AddValidateUpdateItemUsingPath.
  const auto first = site.post("/_emulator/lists/Inbox/items", std::string("{\"ContentTypeId\":\"") + kMessageCt +
                                                                   "\",\"Body\":\"<p>Sushi</p>\",\"ParentItemID\":" +
                                                                   std::to_string(thread) + "}");
  ASSERT_EQ(first.status, 201) << first.body;
  const auto second = site.post(kInbox + "/AddValidateUpdateItemUsingPath()",
                                "{\"listItemCreateInfo\":{\"FolderPath\":{\"DecodedUrl\":\"/sites/demo/Lists/Inbox/"
                                "Lunch order Friday\"},\"UnderlyingObjectType\":0},\"formValues\":["
                                "{\"FieldName\":\"Body\",\"FieldValue\":\"<p>Pizza</p>\"},"
                                "{\"FieldName\":\"ContentType\",\"FieldValue\":\"Message\"}]}");
  ASSERT_EQ(second.status, 200) << second.body;
  const auto secondCreated = site.get(kInbox + "/items?$select=Created&$filter=ParentFolderId+eq+" +
                                      std::to_string(thread) + "&$orderby=ID+desc&$top=1")
                                 .json();

  const auto after = site.get(threadUrl + kThreadFields);
  const auto now = after.json();
  EXPECT_EQ(after.header("ETag"), before.header("ETag"));
  EXPECT_EQ(now.at("owshiddenversion").as_integer(), was.at("owshiddenversion").as_integer());
  EXPECT_EQ(now.at("odata.etag").as_string(), was.at("odata.etag").as_string());
  EXPECT_EQ(now.at("Modified").as_string(), was.at("Modified").as_string());
  EXPECT_EQ(now.at("EditorId").as_integer(), was.at("EditorId").as_integer());
  // What a reply does change.
  EXPECT_EQ(now.at("ItemChildCount").as_integer(), was.at("ItemChildCount").as_integer() + 2);
  EXPECT_EQ(now.at("LastReplyById").as_integer(), 7);
  EXPECT_EQ(now.at("DiscussionLastUpdated").as_string(), secondCreated.at("value").at(0).at("Created").as_string());

  // The ETag read before the replies is still good for an edit.
  const auto edit = site.send("MERGE", threadUrl, "{\"Title\":\"Lunch order Friday (closed)\"}",
                              {{"If-Match", before.header("ETag")}});
  EXPECT_EQ(edit.status, 204) << edit.body;
}

}  // namespace
}  // namespace deskpane::emu::test
