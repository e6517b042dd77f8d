// The dispatcher without HTTP: a table of requests in, statuses and stats
// routes out; plus the cross-cutting rules (digest, bearer, gzip, faults).
#include "emulator/site_api.h"

#include <cpprest/json.h>
#include <gtest/gtest.h>

namespace deskpane::emu {
namespace {

Request request(const std::string& method, const std::string& path, const std::string& query = "",
                const std::string& body = "") {
  Request r;
  r.method = method;
  r.path = path;
  r.rawQuery = query;
  r.query = parseQuery(query);
  r.body = body;
  r.origin = "http://127.0.0.1:1";
  r.headers["accept"] = "application/json";
  return r;
}

SiteConfig demoConfig() {
  SiteConfig c;
  c.seed = "demo";
  return c;
}

std::string digestOf(SiteApi& api) {
  const auto out = api.serve(request("POST", "/sites/demo/_api/contextinfo"));
  return web::json::value::parse(out.response.body).at("FormDigestValue").as_string();
}

TEST(SiteApi, RoutesAndStatuses) {
  SiteApi api(demoConfig());
  const auto digest = digestOf(api);
  struct Case {
    const char* method;
    const char* path;
    const char* query;
    const char* body;
    int status;
  };
  const Case cases[] = {
      {"GET", "/sites/demo/_api/web", "", "", 200},
      {"GET", "/SITES/DEMO/_API/WEB", "", "", 200},
      {"GET", "/sites/demo/_api/web/lists", "", "", 200},
      {"GET", "/sites/demo/_api/web/lists/getbytitle('Notes')", "", "", 200},
      {"GET", "/sites/demo/_api/web/lists/getbytitle('Notes')/items", "", "", 200},
      {"GET", "/sites/demo/_api/web/lists/getbytitle('Notes')/items(1)", "", "", 200},
      {"GET", "/sites/demo/_api/web/lists/getbytitle('Notes')/items/getbyid(1)", "", "", 200},
      {"GET", "/sites/demo/_api/web/lists/getbytitle('Notes')/fields", "", "", 200},
      {"GET", "/sites/demo/_api/web/lists/getbytitle('Notes')/fields/getbyinternalnameortitle('Title')", "", "", 200},
      {"GET", "/sites/demo/_api/web/lists/getbytitle('Notes')/fields/getbyinternalnameortitle('Nope')", "", "", 404},
      {"GET", "/sites/demo/_api/web/lists/getbytitle('Nope')/items", "", "", 404},
      {"GET", "/sites/demo/_api/web/lists/getbytitle('Notes')/items(999)", "", "", 404},
      {"GET", "/sites/demo/_api/web/lists/getbytitle('Notes')/items(x)", "", "", 400},
      {"GET", "/sites/demo/_api/web/lists/getbytitle('Notes')/items", "$top=-1", "", 400},
      {"GET", "/sites/demo/_api/web/lists/getbytitle('Notes')/whatever", "", "", 404},
      {"GET", "/sites/demo/_api/site", "", "", 404},
      {"GET", "/sites/other/_api/web", "", "", 404},
      {"GET", "/sites/demo/_api", "", "", 404},
      {"GET", "/sites/demo/_api/web/lists/getbytitle('Notes')/getchanges", "", "", 405},
      {"PUT", "/sites/demo/_api/web/lists/getbytitle('Notes')/items", "", "{}", 405},
      {"POST", "/sites/demo/_api/web/lists/getbytitle('Notes')/items", "", "{\"Title\":\"x\"}", 201},
      {"MERGE", "/sites/demo/_api/web/lists/getbytitle('Notes')/items(1)", "", "{\"Title\":\"y\"}", 204},
      {"DELETE", "/sites/demo/_api/web/lists/getbytitle('Notes')/items(2)", "", "", 200},
      {"POST", "/sites/demo/_api/web/lists/getbytitle('Notes')/getchanges", "", "{\"query\":{\"Item\":true,\"Add\":true}}", 200},
      {"POST", "/sites/demo/_api/web/lists/getbytitle('Notes')/getchanges", "", "{bad", 400},
  };
  for (const auto& c : cases) {
    auto r = request(c.method, c.path, c.query, c.body);
    r.headers["x-requestdigest"] = digest;
    const auto out = api.serve(r);
    EXPECT_EQ(out.response.status, c.status) << c.method << " " << c.path << "?" << c.query << "\n" << out.response.body;
    if (out.response.status >= 400 && out.response.status != 405) {
      EXPECT_NE(out.response.body.find("odata.error"), std::string::npos) << c.path;
    }
  }
}

TEST(SiteApi, WritesNeedADigestOrABearerToken) {
  SiteApi api(demoConfig());
  const std::string items = "/sites/demo/_api/web/lists/getbytitle('Notes')/items";
  EXPECT_EQ(api.serve(request("POST", items, "", "{\"Title\":\"x\"}")).response.status, 403);
  auto withBearer = request("POST", items, "", "{\"Title\":\"x\"}");
  withBearer.headers["authorization"] = "Bearer abc";
  EXPECT_EQ(api.serve(withBearer).response.status, 201);
  auto withDigest = request("POST", items, "", "{\"Title\":\"x\"}");
  withDigest.headers["x-requestdigest"] = digestOf(api);
  EXPECT_EQ(api.serve(withDigest).response.status, 201);
}

TEST(SiteApi, BearerModeNeedsAnIssuedToken) {
  SiteConfig c = demoConfig();
  c.auth = AuthMode::Bearer;
  SiteApi api(c);
  auto r = request("GET", "/sites/demo/_api/web");
  r.headers["authorization"] = "Bearer made-up";
  const auto out = api.serve(r);
  EXPECT_EQ(out.response.status, 401);
  ASSERT_TRUE(out.response.header("WWW-Authenticate"));
}

TEST(SiteApi, GzipOnlyWhenAcceptedAndWorthIt) {
  SiteApi api(demoConfig());
  auto r = request("GET", "/sites/demo/_api/web/lists/getbytitle('Contacts')/items");
  r.headers["accept-encoding"] = "gzip";
  const auto zipped = api.serve(r);
  ASSERT_TRUE(zipped.response.header("Content-Encoding"));
  EXPECT_EQ(static_cast<unsigned char>(zipped.response.body[0]), 0x1f);
  r.headers["accept-encoding"] = "gzip;q=0";
  EXPECT_FALSE(api.serve(r).response.header("Content-Encoding"));
}

TEST(SiteApi, FaultsDecideTheDelivery) {
  for (const auto& [spec, status, delivery] :
       {std::tuple{"429:1", 429, Delivery::Normal}, std::tuple{"503:1", 503, Delivery::Normal},
        std::tuple{"truncate:1", 200, Delivery::Truncate}, std::tuple{"reset:1", 200, Delivery::Reset}}) {
    SiteConfig c = demoConfig();
    c.faults = spec;
    SiteApi api(c);
    const auto out = api.serve(request("GET", "/sites/demo/_api/web"));
    EXPECT_EQ(out.response.status, status) << spec;
    EXPECT_EQ(out.delivery, delivery) << spec;
    if (status == 429 || status == 503) {
      EXPECT_EQ(*out.response.header("Retry-After"), "1");
    }
    // The control endpoints stay reliable.
    EXPECT_EQ(api.serve(request("GET", "/_emulator/stats")).response.status, 200);
  }
  SiteConfig bad = demoConfig();
  bad.faults = "explode:1";
  EXPECT_THROW(SiteApi{bad}, std::invalid_argument);
}

}  // namespace
}  // namespace deskpane::emu
