// What the transport holds to before anything is parsed: bounded inflation
// (a gzip bomb stops at the bound) and origins compared as origins.
#include "sync/http_transport.h"

#include <gtest/gtest.h>

#include <vector>

#include "tests/support/gzip.h"

namespace deskpane::sync {
namespace {

using test::gzip;

TEST(InflateBounded, GivesBackWhatWasCompressed) {
  const std::string text = R"({"value":[{"Id":1,"Title":"Caf\u00e9"}]})";
  bool tooLarge = true;
  const auto out = inflateBounded(gzip(text), 1 << 20, tooLarge);
  ASSERT_TRUE(out.has_value());
  EXPECT_EQ(*out, text);
  EXPECT_FALSE(tooLarge);
}

TEST(InflateBounded, StopsABombAtTheBound) {
  // 16 MiB of zeros compress to ~16 KB; the bound is 1 MiB.
  const std::string bomb = gzip(std::string(16u << 20, '\0'), 15 + 16, true);
  ASSERT_LT(bomb.size(), 100'000u);
  bool tooLarge = false;
  EXPECT_FALSE(inflateBounded(bomb, 1 << 20, tooLarge).has_value());
  EXPECT_TRUE(tooLarge);
}

TEST(InflateBounded, ExactlyTheBoundIsAllowed) {
  bool tooLarge = false;
  const auto out = inflateBounded(gzip(std::string(4096, 'a')), 4096, tooLarge);
  ASSERT_TRUE(out.has_value());
  EXPECT_EQ(out->size(), 4096u);
}

TEST(InflateBounded, RefusesCorruptAndTruncatedStreams) {
  const std::string good = gzip(std::string(10000, 'z'));
  for (const std::string& bad : {std::string("not gzip at all"), good.substr(0, good.size() / 2), std::string()}) {
    bool tooLarge = true;
    EXPECT_FALSE(inflateBounded(bad, 1 << 20, tooLarge).has_value());
    EXPECT_FALSE(tooLarge);
  }
}

struct OriginCase {
  const char* a;
  const char* b;
  bool same;
};

class CanonicalOrigin : public ::testing::TestWithParam<OriginCase> {};

TEST_P(CanonicalOrigin, ComparesSchemeHostAndPort) {
  const auto& c = GetParam();
  const auto a = canonicalOrigin(c.a);
  const auto b = canonicalOrigin(c.b);
  EXPECT_FALSE(a.empty()) << c.a;
  EXPECT_EQ(a == b, c.same) << a << " vs " << b;
}

INSTANTIATE_TEST_SUITE_P(
    Cases, CanonicalOrigin,
    ::testing::Values(OriginCase{"https://contoso.sharepoint.com/sites/a", "https://CONTOSO.sharepoint.com:443/x", true},
                      OriginCase{"http://127.0.0.1:8080/sites/demo", "http://127.0.0.1:8080/_api?x", true},
                      OriginCase{"http://127.0.0.1/a", "http://127.0.0.1:80/b", true},
                      OriginCase{"https://contoso.sharepoint.com/a", "http://contoso.sharepoint.com/a", false},
                      OriginCase{"https://contoso.sharepoint.com/a", "https://contoso.sharepoint.com:8443/a", false},
                      OriginCase{"https://contoso.sharepoint.com/a", "https://evil.example/a", false},
                      OriginCase{"https://contoso.sharepoint.com/a", "https://contoso.sharepoint.com.evil.example/a", false},
                      OriginCase{"http://127.0.0.1:8080/a", "http://127.0.0.1:8081/a", false},
                      OriginCase{"http://[::1]:8080/a", "http://[::1]:8080/b", true}));

TEST(CanonicalOrigin, RefusesWhatIsNotAPlainHttpOrigin) {
  for (const char* url : {"", "/sites/x", "ftp://host/x", "https://user@contoso.sharepoint.com/x", "https://:443/x",
                          "https://host:44x3/"})
    EXPECT_EQ(canonicalOrigin(url), "") << url;
}

TEST(IsLoopbackUrl, OnlyThisComputer) {
  for (const char* url : {"http://127.0.0.1:1/", "http://localhost/x", "http://LOCALHOST:80", "http://[::1]:9/",
                          "http://127.8.9.10/"})
    EXPECT_TRUE(isLoopbackUrl(url)) << url;
  for (const char* url : {"http://10.0.0.1/", "http://localhost.evil.example/", "http://127.0.0.1.nip.io/",
                          "https://contoso.sharepoint.com/", "not a url"})
    EXPECT_FALSE(isLoopbackUrl(url)) << url;
}

}  // namespace
}  // namespace deskpane::sync
