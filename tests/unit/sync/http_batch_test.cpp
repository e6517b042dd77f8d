// $batch framing: what deskpane sends, and the response shapes SharePoint
// (and PnPjs' parser) agree on.
#include "sync/http_batch.h"

#include <gtest/gtest.h>

namespace deskpane::sync {
namespace {

TEST(HttpBatch, GetsAreTopLevelAndPostsGoIntoOneChangeset) {
  const std::vector<BatchPart> parts = {
      {"POST", "http://h/sites/demo/_api/web/lists(guid'a')/getchanges", {{"Accept", "application/json"}}, "{\"q\":1}"},
      {"GET", "http://h/sites/demo/_api/web", {{"Accept", "application/json"}}, ""},
  };
  const auto body = buildBatchBody(parts, "batch_x");
  const auto get = body.find("GET http://h/sites/demo/_api/web HTTP/1.1\r\n");
  const auto changeset = body.find("Content-Type: multipart/mixed; boundary=\"changeset_batch_x\"");
  const auto post = body.find("--changeset_batch_x\r\nContent-Type: application/http");
  ASSERT_NE(get, std::string::npos);
  ASSERT_NE(changeset, std::string::npos);
  ASSERT_NE(post, std::string::npos);
  EXPECT_LT(get, changeset);
  EXPECT_LT(changeset, post);
  EXPECT_NE(body.find("\r\n\r\n{\"q\":1}\r\n"), std::string::npos);
  EXPECT_NE(body.find("--changeset_batch_x--"), std::string::npos);
  EXPECT_EQ(body.substr(body.size() - 13), "--batch_x--\r\n");
}

TEST(HttpBatch, BoundaryFromContentType) {
  EXPECT_EQ(multipartBoundary("multipart/mixed; boundary=batchresponse_5cf5"), "batchresponse_5cf5");
  EXPECT_EQ(multipartBoundary("multipart/mixed; boundary=\"b q\"; charset=x"), "b q");
  EXPECT_EQ(multipartBoundary("application/json"), std::nullopt);
}

constexpr const char* kFlat =
    "--batchresponse_5cf5\r\n"
    "Content-Type: application/http\r\n"
    "Content-Transfer-Encoding: binary\r\n"
    "\r\n"
    "HTTP/1.1 200 OK\r\n"
    "CONTENT-TYPE: application/json;odata=minimalmetadata;streaming=true;charset=utf-8\r\n"
    "\r\n"
    "{\"value\":[]}\r\n"
    "--batchresponse_5cf5\r\n"
    "Content-Type: application/http\r\n"
    "Content-Transfer-Encoding: binary\r\n"
    "\r\n"
    "HTTP/1.1 201 Created\r\n"
    "ETAG: \"1\"\r\n"
    "\r\n"
    "{\"Id\":59}\r\n"
    "--batchresponse_5cf5--\r\n";

TEST(HttpBatch, ParsesSharePointsFlatResponse) {
  const auto parts = parseBatchResponse(kFlat, "batchresponse_5cf5");
  ASSERT_TRUE(parts.has_value());
  ASSERT_EQ(parts->size(), 2u);
  EXPECT_EQ((*parts)[0].status, 200);
  EXPECT_EQ((*parts)[0].body, "{\"value\":[]}");
  EXPECT_EQ((*parts)[1].status, 201);
  EXPECT_EQ((*parts)[1].headers.at("etag"), "\"1\"");
  EXPECT_EQ((*parts)[1].body, "{\"Id\":59}");
}

TEST(HttpBatch, ParsesLfOnlyAndNestedChangesets) {
  const std::string body =
      "--b\nContent-Type: multipart/mixed; boundary=cs\n\n"
      "--cs\nContent-Type: application/http\n\nHTTP/1.1 412 Precondition Failed\n\n{\"e\":1}\n"
      "--cs\nContent-Type: application/http\n\nHTTP/1.1 204 No Content\n\n\n"
      "--cs--\n"
      "--b--\n";
  const auto parts = parseBatchResponse(body, "b");
  ASSERT_TRUE(parts.has_value());
  ASSERT_EQ(parts->size(), 2u);
  EXPECT_EQ((*parts)[0].status, 412);
  EXPECT_EQ((*parts)[0].body, "{\"e\":1}");
  EXPECT_EQ((*parts)[1].status, 204);
}

TEST(HttpBatch, TruncatedResponsesAreRejected) {
  const std::string full = kFlat;
  for (std::size_t cut : {full.size() - 5, full.size() / 2, std::size_t{10}}) {
    EXPECT_FALSE(parseBatchResponse(full.substr(0, cut), "batchresponse_5cf5").has_value()) << cut;
  }
  EXPECT_FALSE(parseBatchResponse("garbage", "batchresponse_5cf5").has_value());
}

}  // namespace
}  // namespace deskpane::sync
