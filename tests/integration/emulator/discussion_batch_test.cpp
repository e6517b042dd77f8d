// Discussion boards (threads as folders, replies inside) and $batch.
#include "tests/integration/emulator/emu_client.h"
#include "tests/support/child_process.h"

#include <gtest/gtest.h>

namespace deskpane::test {
namespace {

const std::string kInbox = "/sites/demo/_api/web/lists/getByTitle('Inbox')";

int idFrom(const web::json::value& formResult) {
  for (const auto& v : formResult.at("value").as_array()) {
    if (v.at("FieldName").as_string() == "Id") return std::stoi(v.at("FieldValue").as_string());
  }
  return -1;
}

TEST(Discussion, ThreadsAndRepliesThroughAddValidateUpdateItemUsingPath) {
  EmulatorProcess emu;
  EmuClient c(emu.origin());
  const auto thread = c.write("POST", kInbox + "/AddValidateUpdateItemUsingPath()",
                              "{\"listItemCreateInfo\":{\"FolderPath\":{\"DecodedUrl\":\"/sites/demo/Lists/Inbox\"},"
                              "\"LeafName\":{\"DecodedUrl\":\"Coffee machine\"},\"UnderlyingObjectType\":1},"
                              "\"formValues\":[{\"FieldName\":\"Title\",\"FieldValue\":\"Coffee machine ☕\"},"
                              "{\"FieldName\":\"Body\",\"FieldValue\":\"<p>Broken again?</p>\"},"
                              "{\"FieldName\":\"ContentType\",\"FieldValue\":\"Discussion\"}],\"bNewDocumentUpdate\":false}");
  ASSERT_EQ(thread.status, 200) << thread.body;
  const int threadId = idFrom(thread.json());
  ASSERT_GT(threadId, 0);
  const auto reply = c.write("POST", kInbox + "/AddValidateUpdateItemUsingPath()",
                             "{\"listItemCreateInfo\":{\"FolderPath\":{\"DecodedUrl\":\"/sites/demo/Lists/Inbox/Coffee machine\"},"
                             "\"UnderlyingObjectType\":0},\"formValues\":[{\"FieldName\":\"Body\",\"FieldValue\":\"<p>Fixed.</p>\"},"
                             "{\"FieldName\":\"ContentType\",\"FieldValue\":\"Message\"},"
                             "{\"FieldName\":\"ParentItemID\",\"FieldValue\":\"" + std::to_string(threadId) + "\"}]}");
  ASSERT_EQ(reply.status, 200) << reply.body;
  const int replyId = idFrom(reply.json());
  // A reply through plain items, addressed by its parent.
  const auto second = c.write("POST", kInbox + "/items",
                              "{\"ContentTypeId\":\"0x0107002D9E1A62C6B4B74C9BC0C8BB2C2C4E2F\",\"Body\":\"<p>Thanks!</p>\","
                              "\"ParentItemID\":" + std::to_string(replyId) + "}");
  ASSERT_EQ(second.status, 201) << second.body;

  const auto folder = c.get(kInbox + "/items(" + std::to_string(threadId) +
                            ")?$select=Title,FileSystemObjectType,ItemChildCount,FileRef,ContentType/Name&$expand=ContentType").json();
  EXPECT_EQ(folder.at("FileSystemObjectType").as_integer(), 1);
  EXPECT_EQ(folder.at("ItemChildCount").as_integer(), 2);
  EXPECT_EQ(folder.at("FileRef").as_string(), "/sites/demo/Lists/Inbox/Coffee machine");
  EXPECT_EQ(folder.at("ContentType").at("Name").as_string(), "Discussion");
  const auto replies = c.get(kInbox + "/items?$select=Id,Title,ParentItemID,ParentFolderId,FileDirRef&$filter=ParentFolderId+eq+" +
                             std::to_string(threadId)).json().at("value");
  ASSERT_EQ(replies.size(), 2u);
  EXPECT_EQ(replies.at(0).at("Title").as_string(), "Coffee machine ☕");
  EXPECT_EQ(replies.at(0).at("ParentItemID").as_integer(), threadId);
  EXPECT_EQ(replies.at(1).at("ParentItemID").as_integer(), replyId);
  EXPECT_EQ(replies.at(1).at("FileDirRef").as_string(), "/sites/demo/Lists/Inbox/Coffee machine");
  const auto threads = c.get(kInbox + "/items?$select=Id&$filter=ContentType+eq+'Discussion'").json().at("value");
  EXPECT_GE(threads.size(), 5u);  // four seeded + this one
  const auto missing = c.write("POST", kInbox + "/AddValidateUpdateItemUsingPath()",
                               "{\"listItemCreateInfo\":{\"FolderPath\":{\"DecodedUrl\":\"/sites/demo/Lists/Inbox/Nope\"}},"
                               "\"formValues\":[{\"FieldName\":\"Body\",\"FieldValue\":\"x\"}]}");
  EXPECT_EQ(missing.status, 404);
}

TEST(Batch, ReadsAndChangesetWritesAnsweredFlatInOrder) {
  EmulatorProcess emu;
  EmuClient c(emu.origin());
  const std::string site = emu.siteUrl();
  const std::string body =
      "--batch_1\r\nContent-Type: application/http\r\nContent-Transfer-Encoding: binary\r\n\r\n"
      "GET " + site + "/_api/web?%24select=Title HTTP/1.1\r\naccept: application/json\r\n\r\n"
      "--batch_1\r\nContent-Type: multipart/mixed; boundary=\"changeset_1\"\r\n\r\n"
      "--changeset_1\r\nContent-Type: application/http\r\nContent-Transfer-Encoding: binary\r\n\r\n"
      "POST " + site + "/_api/web/lists/getByTitle('Tasks')/items HTTP/1.1\r\naccept: application/json\r\n"
      "content-type: application/json;charset=utf-8\r\n\r\n{\"Title\":\"Batched\"}\r\n"
      "--changeset_1\r\nContent-Type: application/http\r\nContent-Transfer-Encoding: binary\r\n\r\n"
      "MERGE " + site + "/_api/web/lists/getByTitle('Tasks')/items(1) HTTP/1.1\r\nIF-Match: \"999\"\r\n"
      "content-type: application/json;charset=utf-8\r\n\r\n{\"Title\":\"stale\"}\r\n"
      "--changeset_1--\r\n"
      "--batch_1\r\nContent-Type: application/http\r\nContent-Transfer-Encoding: binary\r\n\r\n"
      "GET " + site + "/_api/web/lists/getByTitle('Nope') HTTP/1.1\r\naccept: application/json\r\n\r\n"
      "--batch_1--\r\n";
  const auto r = c.write("POST", "/sites/demo/_api/$batch", body, {{"Content-Type", "multipart/mixed; boundary=batch_1"}});
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_NE(r.header("content-type").find("multipart/mixed; boundary=batchresponse_"), std::string::npos);
  const auto b1 = r.body.find("HTTP/1.1 200 OK");
  const auto b2 = r.body.find("HTTP/1.1 201 Created");
  const auto b3 = r.body.find("HTTP/1.1 412 Precondition Failed");
  const auto b4 = r.body.find("HTTP/1.1 404 Not Found");
  ASSERT_NE(b1, std::string::npos);
  ASSERT_NE(b2, std::string::npos);
  ASSERT_NE(b3, std::string::npos);
  ASSERT_NE(b4, std::string::npos);
  EXPECT_TRUE(b1 < b2 && b2 < b3 && b3 < b4);
  EXPECT_EQ(r.body.find("changesetresponse"), std::string::npos);
  EXPECT_EQ(r.body.substr(r.body.size() - 2), "\r\n");
  // Not transactional: the create stuck although its sibling failed.
  const auto items = c.get("/sites/demo/_api/web/lists/getByTitle('Tasks')/items?$filter=Title+eq+'Batched'").json();
  EXPECT_EQ(items.at("value").size(), 1u);
  EXPECT_EQ(c.write("POST", "/sites/demo/_api/$batch", body, {{"Content-Type", "application/json"}}).status, 400);
}

}  // namespace
}  // namespace deskpane::test
