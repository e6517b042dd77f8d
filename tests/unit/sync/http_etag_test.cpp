// Every ETag spelling SharePoint (and Graph) sends reduces to one version.
#include "sync/http_etag.h"

#include <gtest/gtest.h>

namespace deskpane::sync {
namespace {

struct EtagCase {
  const char* input;
  std::optional<long long> version;
};

TEST(HttpEtag, EveryFormReducesToTheVersion) {
  const EtagCase cases[] = {
      {"\"1\"", 1},                                                // JSON body odata.etag
      {"\\\"7\\\"", 7},                                            // body escaped once more
      {"\"4\"", 4},                                                // SP2013 ETag header
      {"\"34501734-b43e-455e-badb-142ade3ef2f1,1\"", 1},           // SPO item header
      {"\"68be87d5-96e5-49ab-8477-9b17070c8a33,9\"", 9},           // SPO 412 message form
      {"\"{12AD05BB-59B8-43AA-9456-77C44E9BC066},756\"", 756},     // Graph
      {"W/\"12\"", 12},                                            // weak validator
      {"  \"3\"  ", 3},
      {"5", 5},
      {"*", std::nullopt},
      {"", std::nullopt},
      {"\"abc\"", std::nullopt},
      {"\"guid,\"", std::nullopt},
  };
  for (const auto& c : cases) EXPECT_EQ(httpEtagVersion(c.input), c.version) << c.input;
}

TEST(HttpEtag, IfMatchIsTheShortQuotedForm) {
  EXPECT_EQ(ifMatchFor(9), "\"9\"");
  EXPECT_EQ(httpEtagVersion(ifMatchFor(123)), 123);
}

}  // namespace
}  // namespace deskpane::sync
