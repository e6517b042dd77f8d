// Hostile input straight into the dispatcher: every answer is a SharePoint
// error (or success), never an exception, a crash or a hang.
#include "emulator/site_api.h"

#include <gtest/gtest.h>

#include <random>

namespace deskpane::emu {
namespace {

TEST(SiteApiJunk, OddPathsQueriesAndBodiesGetErrorBodies) {
  SiteConfig config;
  config.seed = "demo";
  SiteApi api(config);
  const std::string list = "/sites/demo/_api/web/lists/getbytitle('Tasks')";
  struct Case {
    const char* method;
    std::string path;
    std::string query;
    std::string body;
  };
  const std::vector<Case> cases = {
      {"GET", "/sites/demo/_api/web/lists/getbytitle(''')", "", ""},
      {"GET", "/sites/demo/_api/web/lists/getbytitle()", "", ""},
      {"GET", list + "/items(99999999999999999999)", "", ""},
      {"GET", list + "/items(-1)", "", ""},
      {"GET", list + "/items()", "", ""},
      {"GET", "/sites/demo/_api/web/lists(guid'not-a-guid')", "", ""},
      {"GET", "/sites/demo/_api//web///lists", "", ""},
      {"GET", list + "/items", "$filter=" + std::string(5000, '('), ""},
      {"GET", list + "/items", "$filter=Title eq 'unterminated", ""},
      {"GET", list + "/items", "$orderby=,,,", ""},
      {"GET", list + "/items", "$skiptoken=Paged=TRUE&p_ID=abc", ""},
      {"GET", list + "/items", "$skiptoken=Paged%3DTRUE%26p_Title%3D%26p_ID%3D3&$orderby=Title", ""},
      {"GET", list + "/items", "$select=" + std::string(3000, ','), ""},
      {"GET", list + "/items", "$top=99999999999999999999", ""},
      {"POST", list + "/items", "", std::string(100000, '[')},
      {"POST", list + "/items", "", "null"},
      {"POST", list + "/items", "", "\"just a string\""},
      {"POST", list + "/items", "", "{\"Title\":\"\xff\xfe\xfd\"}"},
      {"POST", list + "/items", "", "{\"Title\":1e999}"},
      {"POST", list + "/items", "", "{\"PercentComplete\":\"abc\"}"},
      {"POST", list + "/items", "", "{\"AssignedToId\":{\"results\":\"x\"}}"},
      {"POST", list + "/getchanges", "", "{\"query\":{\"Item\":true,\"Add\":true,\"ChangeTokenStart\":{\"StringValue\":5}}}"},
      {"POST", list + "/getchanges", "", "{\"query\":{\"Item\":true,\"Add\":true,\"FetchLimit\":-5}}"},
      {"POST", list + "/getlistitemchangessincetoken", "", "{\"query\":{\"ChangeToken\":\"1;3;x;y;z\"}}"},
      {"POST", list + "/AddValidateUpdateItemUsingPath()", "", "{\"formValues\":{\"results\":7}}"},
      {"POST", list + "/AddValidateUpdateItemUsingPath()", "", "{\"formValues\":[{\"FieldName\":\"Nope\",\"FieldValue\":\"x\"}]}"},
      {"POST", "/sites/demo/_api/$batch", "", "--b\r\n\r\nGET nothing\r\n--b--"},
      {"POST", "/_emulator/lists/Tasks/items/abc", "", "{}"},
      {"POST", "/_emulator/lists/Tasks/items", "", "{{{"},
      {"GET", "/_emulator/whatever", "", ""},
      {"POST", "/common/oauth2/v2.0/token", "", "grant_type=refresh_token&refresh_token=%ZZ"},
  };
  for (const auto& c : cases) {
    Request r;
    r.method = c.method;
    r.path = c.path;
    r.rawQuery = c.query;
    r.query = parseQuery(c.query);
    r.body = c.body;
    r.origin = "http://127.0.0.1:1";
    r.headers["authorization"] = "Bearer test";  // skip the digest: the handlers are under test
    r.headers["content-type"] = "multipart/mixed; boundary=b";
    Outcome out;
    ASSERT_NO_THROW(out = api.serve(r)) << c.method << " " << c.path.substr(0, 80);
    EXPECT_GE(out.response.status, 200) << c.path.substr(0, 80);
    EXPECT_LT(out.response.status, 600) << c.path.substr(0, 80);
    if (out.response.status >= 500) {
      // Only deliberate SharePoint 500s (change tokens), never our own failures.
      EXPECT_NE(out.response.body.find("changeToken"), std::string::npos) << c.path << "?" << c.query.substr(0, 60)
                                                                          << "\n" << out.response.body;
    }
  }
}

TEST(SiteApiJunk, RandomBytesNeverThrow) {
  SiteConfig config;
  config.seed = "empty";
  SiteApi api(config);
  std::mt19937 rng(42);
  const std::string alphabet = "()'/%+&=$,;:#?*!~ \"\\abcdefgIDitems01239getbytitlelists\xc3\xbc\xff";
  for (int i = 0; i < 2000; ++i) {
    auto junk = [&](std::size_t n) {
      std::string s;
      for (std::size_t k = 0; k < n; ++k) s.push_back(alphabet[rng() % alphabet.size()]);
      return s;
    };
    Request r;
    r.method = (i % 3 == 0) ? "POST" : "GET";
    r.path = "/sites/demo/_api/web/lists/" + junk(rng() % 40);
    r.rawQuery = junk(rng() % 40);
    r.query = parseQuery(r.rawQuery);
    r.body = junk(rng() % 60);
    r.origin = "http://127.0.0.1:1";
    r.headers["authorization"] = "Bearer test";
    ASSERT_NO_THROW((void)api.serve(r)) << r.path << "?" << r.rawQuery;
  }
}

}  // namespace
}  // namespace deskpane::emu
