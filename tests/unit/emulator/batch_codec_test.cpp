// $batch decoding (bodies as PnPjs sends them, LF-only, sloppy, garbage)
// and the SharePoint-shaped response encoding.
#include <gtest/gtest.h>

#include <random>

#include "emulator/batch_codec.h"

namespace deskpane::emu {
namespace {

std::string crlf(std::string text) {
  std::string out;
  for (char c : text) {
    if (c == '\n') out += "\r\n";
    else out.push_back(c);
  }
  return out;
}

// shared/sharepoint-rest.md §2.8: a GET as a top-level part and a write in a changeset.
const std::string kPnpBatch =
    "--batch_b573c717-8f9e-4a4f-9d3c-2f0e5f1a2b3c\n"
    "Content-Type: application/http\n"
    "Content-Transfer-Encoding: binary\n"
    "\n"
    "GET http://host/sites/dev/_api/web?%24select=Title HTTP/1.1\n"
    "accept: application/json\n"
    "content-type: application/json;charset=utf-8\n"
    "\n"
    "--batch_b573c717-8f9e-4a4f-9d3c-2f0e5f1a2b3c\n"
    "Content-Type: multipart/mixed; boundary=\"changeset_8edb2f14-1111-2222-3333-444455556666\"\n"
    "\n"
    "--changeset_8edb2f14-1111-2222-3333-444455556666\n"
    "Content-Type: application/http\n"
    "Content-Transfer-Encoding: binary\n"
    "\n"
    "POST http://host/sites/dev/_api/web/lists/getByTitle('Tasks')/items HTTP/1.1\n"
    "accept: application/json\n"
    "content-type: application/json;charset=utf-8\n"
    "\n"
    "{\"Title\":\"Batched\"}\n"
    "\n"
    "--changeset_8edb2f14-1111-2222-3333-444455556666\n"
    "Content-Type: application/http\n"
    "Content-Transfer-Encoding: binary\n"
    "\n"
    "MERGE http://host/sites/dev/_api/web/lists/getByTitle('Tasks')/items(1) HTTP/1.1\n"
    "accept: application/json\n"
    "content-type: application/json;charset=utf-8\n"
    "IF-Match: \"1\"\n"
    "\n"
    "{\"Title\":\"Renamed\"}\n"
    "\n"
    "--changeset_8edb2f14-1111-2222-3333-444455556666--\n"
    "\n"
    "--batch_b573c717-8f9e-4a4f-9d3c-2f0e5f1a2b3c\n"
    "Content-Type: application/http\n"
    "Content-Transfer-Encoding: binary\n"
    "\n"
    "GET http://host/sites/dev/_api/web/lists/getByTitle('Tasks')/items(1) HTTP/1.1\n"
    "accept: application/json\n"
    "\n"
    "--batch_b573c717-8f9e-4a4f-9d3c-2f0e5f1a2b3c--\n";
const char* kPnpBoundary = "batch_b573c717-8f9e-4a4f-9d3c-2f0e5f1a2b3c";

void expectPnpBatch(const ParseResult<std::vector<BatchRequest>>& r) {
  ASSERT_TRUE(r.ok()) << r.error().detail;
  const auto& v = r.value();
  ASSERT_EQ(v.size(), 4u);
  EXPECT_EQ(v[0].method, "GET");
  EXPECT_EQ(v[0].url, "http://host/sites/dev/_api/web?%24select=Title");
  EXPECT_EQ(v[0].headers.find("Accept"), std::optional<std::string_view>("application/json"));
  EXPECT_EQ(v[0].headers.find("CONTENT-TYPE"), std::optional<std::string_view>("application/json;charset=utf-8"));
  EXPECT_EQ(v[0].body, "");
  EXPECT_EQ(v[0].changeset, std::nullopt);
  EXPECT_EQ(v[1].method, "POST");
  EXPECT_EQ(v[1].url, "http://host/sites/dev/_api/web/lists/getByTitle('Tasks')/items");
  EXPECT_EQ(v[1].body, "{\"Title\":\"Batched\"}");
  EXPECT_EQ(v[1].changeset, std::optional<std::size_t>(0));
  EXPECT_EQ(v[2].method, "MERGE");
  EXPECT_EQ(v[2].headers.find("if-match"), std::optional<std::string_view>("\"1\""));
  EXPECT_EQ(v[2].body, "{\"Title\":\"Renamed\"}");
  EXPECT_EQ(v[2].changeset, std::optional<std::size_t>(0));
  EXPECT_EQ(v[3].method, "GET");
  EXPECT_EQ(v[3].changeset, std::nullopt);
  EXPECT_FALSE(v[3].headers.has("content-type"));
}

TEST(BatchParse, PnpjsBodyWithLf) { expectPnpBatch(parseBatch(kPnpBatch, kPnpBoundary)); }
TEST(BatchParse, PnpjsBodyWithCrlf) { expectPnpBatch(parseBatch(crlf(kPnpBatch), kPnpBoundary)); }

TEST(BatchParse, ToleratesMissingFinalNewlineAndCloseDelimiter) {
  std::string body = kPnpBatch;
  body.pop_back();  // no newline after the close delimiter
  expectPnpBatch(parseBatch(body, kPnpBoundary));
  std::string noClose = kPnpBatch.substr(0, kPnpBatch.rfind("--batch_"));
  expectPnpBatch(parseBatch(noClose, kPnpBoundary));
}

TEST(BatchParse, ToleratesWhitespaceAndPreamble) {
  std::string body = "This is a preamble.\r\n" + kPnpBatch;
  // Trailing blanks after boundary lines.
  std::string spaced;
  for (std::size_t i = 0; i < body.size(); ++i) {
    spaced.push_back(body[i]);
    if (body[i] == '\n' && body.compare(i + 1, 2, "--") == 0) {
      const auto nl = body.find('\n', i + 1);
      spaced.append(body, i + 1, nl - i - 1);
      spaced += "  \t";
      i = nl - 1;
    }
  }
  expectPnpBatch(parseBatch(spaced + "epilogue", kPnpBoundary));
}

TEST(BatchParse, PartWithoutMimeHeaders) {
  const std::string body = "--b\r\nGET http://h/_api/web HTTP/1.1\r\nAccept: application/json\r\n\r\n--b--\r\n";
  auto r = parseBatch(body, "b");
  ASSERT_TRUE(r.ok()) << r.error().detail;
  ASSERT_EQ(r->size(), 1u);
  EXPECT_EQ(r->at(0).url, "http://h/_api/web");
  EXPECT_EQ(r->at(0).headers.find("accept"), std::optional<std::string_view>("application/json"));
}

TEST(BatchParse, LowercaseMethodAndNoVersion) {
  const std::string body = "--b\nContent-Type: application/http\n\ndelete /items(3)\nIf-Match: *\n\n--b--";
  auto r = parseBatch(body, "b");
  ASSERT_TRUE(r.ok()) << r.error().detail;
  ASSERT_EQ(r->size(), 1u);
  EXPECT_EQ(r->at(0).method, "DELETE");
  EXPECT_EQ(r->at(0).url, "/items(3)");
}

TEST(BatchParse, TwoChangesetsAreNumbered) {
  const std::string body =
      "--b\nContent-Type: multipart/mixed; boundary=c1\n\n--c1\nContent-Type: application/http\n\nPOST /a HTTP/1.1\n\n{}\n--c1--\n"
      "--b\nContent-Type: multipart/mixed; boundary=c2\n\n--c2\nContent-Type: application/http\n\nPOST /b HTTP/1.1\n\n{}\n"
      "--c2\nContent-Type: application/http\n\nPOST /c HTTP/1.1\n\n{}\n--c2--\n--b--\n";
  auto r = parseBatch(body, "b");
  ASSERT_TRUE(r.ok()) << r.error().detail;
  ASSERT_EQ(r->size(), 3u);
  EXPECT_EQ(r->at(0).changeset, std::optional<std::size_t>(0));
  EXPECT_EQ(r->at(1).changeset, std::optional<std::size_t>(1));
  EXPECT_EQ(r->at(2).changeset, std::optional<std::size_t>(1));
  EXPECT_EQ(r->at(2).url, "/c");
}

TEST(BatchParse, BodyKeepsInnerLineBreaks) {
  const std::string body = "--b\r\nContent-Type: application/http\r\n\r\nPOST /x HTTP/1.1\r\n\r\nline1\r\n\r\nline3\r\n--b--\r\n";
  auto r = parseBatch(body, "b");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->at(0).body, "line1\r\n\r\nline3");
}

TEST(BatchParse, EmptyBatchHasNoRequests) {
  auto r = parseBatch("--b--\r\n", "b");
  ASSERT_TRUE(r.ok());
  EXPECT_TRUE(r->empty());
}

struct BadCase {
  const char* name;
  std::string body;
  const char* detail;
};

class BatchParseError : public ::testing::TestWithParam<BadCase> {};

TEST_P(BatchParseError, Rejects) {
  const auto& c = GetParam();
  auto r = parseBatch(c.body, "b");
  ASSERT_FALSE(r.ok()) << c.name;
  EXPECT_FALSE(r.error().message.empty());
  EXPECT_NE(r.error().detail.find(c.detail), std::string::npos) << c.name << ": " << r.error().detail;
}

INSTANTIATE_TEST_SUITE_P(
    Table, BatchParseError,
    ::testing::Values(
        BadCase{"empty", "", "no boundary line"}, BadCase{"other boundary", "--x\nGET /a HTTP/1.1\n\n--x--", "no boundary line"},
        BadCase{"prefix of boundary only", "--bb\nGET /a HTTP/1.1\n", "no boundary line"},
        BadCase{"no request line", "--b\nContent-Type: application/http\n\nhello\n--b--", "not an HTTP request line"},
        BadCase{"bad version", "--b\nContent-Type: application/http\n\nGET /a FTP/1\n--b--", "not an HTTP request line"},
        BadCase{"digit in method", "--b\nContent-Type: application/http\n\nG3T /a HTTP/1.1\n--b--", "not an HTTP request line"},
        BadCase{"header without colon", "--b\nContent-Type: application/http\n\nGET /a HTTP/1.1\nbroken header\n\n--b--",
                "header line without a name"},
        BadCase{"mime header garbage", "--b\nnot a header\n\nGET /a HTTP/1.1\n--b--", "header line without a name"},
        BadCase{"nested changeset", "--b\nContent-Type: multipart/mixed; boundary=c\n\n--c\nContent-Type: multipart/mixed; boundary=d\n\n--d\n--d--\n--c--\n--b--",
                "changesets cannot nest"},
        BadCase{"changeset without boundary", "--b\nContent-Type: multipart/mixed\n\n--c\n--c--\n--b--", "without a boundary"},
        BadCase{"changeset boundary missing", "--b\nContent-Type: multipart/mixed; boundary=c\n\nGET /a HTTP/1.1\n--b--",
                "no boundary line --c"},
        BadCase{"wrong part type", "--b\nContent-Type: text/plain\n\nGET /a HTTP/1.1\n--b--", "unsupported part Content-Type"},
        BadCase{"only headers", "--b\nContent-Type: application/http\n", "not an HTTP request line"}));

TEST(BatchParse, RejectsEmptyBoundary) { EXPECT_FALSE(parseBatch(kPnpBatch, "").ok()); }

// Random bytes and mutations of a real body must give a result or an error;
// ASan/UBSan builds turn any overrun into a failure.
TEST(BatchParse, SurvivesGarbage) {
  std::mt19937 rng(12345);
  const std::string base = crlf(kPnpBatch);
  const std::string alphabet = "-\r\n :;=\"bchangeset_GETPOST HTTP/1.1xyz\t";
  for (int round = 0; round < 3000; ++round) {
    std::string body = base;
    const int edits = 1 + static_cast<int>(rng() % 8);
    for (int e = 0; e < edits && !body.empty(); ++e) {
      const std::size_t at = rng() % body.size();
      switch (rng() % 4) {
        case 0: body[at] = alphabet[rng() % alphabet.size()]; break;
        case 1: body.erase(at, rng() % 40); break;
        case 2: body.insert(at, 1, static_cast<char>(rng() % 256)); break;
        default: body.resize(at); break;
      }
    }
    auto r = parseBatch(body, kPnpBoundary);
    if (r.ok()) {
      for (const auto& req : r.value()) EXPECT_FALSE(req.method.empty());
    } else {
      EXPECT_FALSE(r.error().message.empty());
    }
  }
  for (int round = 0; round < 500; ++round) {
    std::string body(rng() % 300, '\0');
    for (auto& c : body) c = static_cast<char>(rng() % 256);
    auto r = parseBatch(body, "b");
    if (!r.ok()) {
      EXPECT_FALSE(r.error().detail.empty());
    }
  }
}

struct BoundaryCase {
  const char* contentType;
  std::optional<std::string> boundary;
};

class Boundary : public ::testing::TestWithParam<BoundaryCase> {};

TEST_P(Boundary, Extracts) {
  EXPECT_EQ(multipartBoundary(GetParam().contentType), GetParam().boundary) << GetParam().contentType;
}

INSTANTIATE_TEST_SUITE_P(
    Table, Boundary,
    ::testing::Values(BoundaryCase{"multipart/mixed; boundary=batch_123", "batch_123"},
                      BoundaryCase{"multipart/mixed; boundary=\"batch_123\"", "batch_123"},
                      BoundaryCase{"Multipart/Mixed;Boundary=batch_1", "batch_1"},
                      BoundaryCase{"multipart/mixed; charset=utf-8; boundary=b2 ", "b2"},
                      BoundaryCase{"  multipart/mixed ; boundary = b3", "b3"},
                      BoundaryCase{"multipart/mixed", std::nullopt}, BoundaryCase{"multipart/mixed; boundary=", std::nullopt},
                      BoundaryCase{"multipart/mixed; boundary=\"\"", std::nullopt},
                      BoundaryCase{"application/json; boundary=x", std::nullopt}, BoundaryCase{"", std::nullopt}));

TEST(BatchFormat, MatchesSharePointShape) {
  std::vector<BatchResponse> parts(3);
  parts[0].status = 200;
  parts[0].headers = {{"CONTENT-TYPE", "application/json;odata=minimalmetadata;streaming=true;charset=utf-8"}};
  parts[0].body = "{\"Title\":\"Dev\"}";
  parts[1].status = 201;
  parts[1].headers = {{"CONTENT-TYPE", "application/json;odata=minimalmetadata;streaming=true;charset=utf-8"},
                      {"ETAG", "\"1\""}};
  parts[1].body = "{\"Id\":3}";
  parts[2].status = 204;
  const std::string b = "batchresponse_5cf53335-86b4-4b26-9eb0-c95c494e1401";
  const std::string expected =
      "--batchresponse_5cf53335-86b4-4b26-9eb0-c95c494e1401\r\n"
      "Content-Type: application/http\r\n"
      "Content-Transfer-Encoding: binary\r\n"
      "\r\n"
      "HTTP/1.1 200 OK\r\n"
      "CONTENT-TYPE: application/json;odata=minimalmetadata;streaming=true;charset=utf-8\r\n"
      "\r\n"
      "{\"Title\":\"Dev\"}\r\n"
      "--batchresponse_5cf53335-86b4-4b26-9eb0-c95c494e1401\r\n"
      "Content-Type: application/http\r\n"
      "Content-Transfer-Encoding: binary\r\n"
      "\r\n"
      "HTTP/1.1 201 Created\r\n"
      "CONTENT-TYPE: application/json;odata=minimalmetadata;streaming=true;charset=utf-8\r\n"
      "ETAG: \"1\"\r\n"
      "\r\n"
      "{\"Id\":3}\r\n"
      "--batchresponse_5cf53335-86b4-4b26-9eb0-c95c494e1401\r\n"
      "Content-Type: application/http\r\n"
      "Content-Transfer-Encoding: binary\r\n"
      "\r\n"
      "HTTP/1.1 204 No Content\r\n"
      "\r\n"
      "\r\n"
      "--batchresponse_5cf53335-86b4-4b26-9eb0-c95c494e1401--\r\n";
  EXPECT_EQ(formatBatchResponse(parts, b), expected);
  EXPECT_EQ(batchResponseContentType(b), "multipart/mixed; boundary=" + b);
}

TEST(BatchFormat, CustomReasonAndEmptyList) {
  BatchResponse p;
  p.status = 412;
  p.reason = "Precondition Failed Here";
  const std::string out = formatBatchResponse({p}, "batchresponse_x");
  EXPECT_NE(out.find("\r\nHTTP/1.1 412 Precondition Failed Here\r\n"), std::string::npos);
  EXPECT_EQ(formatBatchResponse({}, "batchresponse_x"), "--batchresponse_x--\r\n");
}

TEST(BatchFormat, ReasonPhrases) {
  const std::pair<int, const char*> table[] = {{200, "OK"}, {201, "Created"}, {204, "No Content"}, {400, "Bad Request"},
                                               {403, "Forbidden"}, {404, "Not Found"}, {412, "Precondition Failed"},
                                               {429, "Too Many Requests"}, {500, "Internal Server Error"},
                                               {503, "Service Unavailable"}, {299, "Unknown"}};
  for (const auto& [code, text] : table) EXPECT_EQ(reasonPhrase(code), text) << code;
}

TEST(BatchFormat, BoundaryIsFreshGuid) {
  const std::string a = makeBatchResponseBoundary();
  const std::string b = makeBatchResponseBoundary();
  EXPECT_NE(a, b);
  ASSERT_EQ(a.size(), std::string("batchresponse_").size() + 36);
  EXPECT_EQ(a.rfind("batchresponse_", 0), 0u);
  EXPECT_EQ(a[14 + 14], '4');  // version nibble
}

// A formatted response parses back with the request parser's framing rules
// (same multipart grammar), so the two stay consistent.
TEST(BatchFormat, ResponseFramingIsWellFormedMultipart) {
  std::vector<BatchResponse> parts(2);
  parts[0].body = "{\"a\":1}";
  parts[1].status = 404;
  const std::string out = formatBatchResponse(parts, "batchresponse_z");
  std::size_t count = 0;
  for (std::size_t at = out.find("--batchresponse_z\r\n"); at != std::string::npos;
       at = out.find("--batchresponse_z\r\n", at + 1)) {
    ++count;
  }
  EXPECT_EQ(count, 2u);
  EXPECT_EQ(out.substr(out.size() - 21), "--batchresponse_z--\r\n");
}

}  // namespace
}  // namespace deskpane::emu
