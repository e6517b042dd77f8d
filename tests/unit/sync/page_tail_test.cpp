// What a fetcher reads of a page before it asks for the next one: the next
// link from the text's end (a table of ends in, the link or none out), and
// the paging check that falls back to the whole check when the end does not
// give one. Then the property over the reader's fixtures: wherever the whole
// read accepts a page, the paging check gives the same link.
#include "sync/item_page_reader.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>
#include <string>

#include "tests/support/gzip.h"
#include "tests/support/files.h"

namespace deskpane::sync {
namespace {

using test::gzip;

namespace fs = std::filesystem;

struct TailCase {
  const char* name;
  std::string text;
  std::optional<std::string> link;
};

const std::string kLink = "https://contoso.sharepoint.com/sites/a/_api/web/lists(guid'1')/items?%24skiptoken=Paged%3dTRUE%26p_ID%3d5000&%24top=5000";

const TailCase kTails[] = {
    {"Verbose", R"({"d":{"results":[{"Id":1}],"__next":")" + kLink + R"("}})", kLink},
    {"Minimal", R"({"odata.metadata":"m","value":[{"Id":1}],"odata.nextLink":")" + kLink + R"("})", kLink},
    {"BlanksBetweenEveryToken", "{\"d\" : {\"results\" : [ ] ,\n \"__next\" :\t\"" + kLink + "\" \r\n} } \n", kLink},
    {"SlashesEscaped", R"({"value":[],"odata.nextLink":"https:\/\/x\/next"})", std::string("https://x/next")},
    {"EmptyLink", R"({"value":[],"odata.nextLink":""})", std::string()},
    {"LastPageVerbose", R"({"d":{"results":[{"Id":1}]}})", std::nullopt},
    {"LastPageMinimal", R"({"value":[{"Id":1}]})", std::nullopt},
    {"NullLink", R"({"d":{"results":[],"__next":null}})", std::nullopt},
    {"OtherEscape", R"({"value":[],"odata.nextLink":"https://x/a\u0026b"})", std::nullopt},
    {"EscapedQuoteInLink", R"({"value":[],"odata.nextLink":"a\"b"})", std::nullopt},
    {"QuoteOfAnotherString", R"({"value":[],"x":"odata.nextLink\":\"https://x"})", std::nullopt},
    {"NonAsciiInLink", "{\"value\":[],\"odata.nextLink\":\"https://x/\xc3\xa9\"}", std::nullopt},
    {"ControlByteInLink", "{\"value\":[],\"odata.nextLink\":\"https://x/\x01\"}", std::nullopt},
    {"VerboseKeyAtTheTop", R"({"value":[],"__next":"https://x"})", std::nullopt},
    {"MinimalKeyInsideD", R"({"d":{"results":[],"odata.nextLink":"https://x"}})", std::nullopt},
    {"NotAfterTheItems", R"({"d":{"results":[],"x":1,"__next":"https://x"}})", std::nullopt},
    {"ThreeBraces", R"({"d":{"results":[],"x":{"a":[],"__next":"https://x"}}})", std::nullopt},
    {"SomethingAfterTheEnd", R"({"value":[],"odata.nextLink":"https://x"}x)", std::nullopt},
    {"CutBeforeTheLastBrace", R"({"value":[],"odata.nextLink":"https://x")", std::nullopt},
    {"CutInsideTheLink", R"({"value":[],"odata.nextLink":"https://x)", std::nullopt},
    {"OnlyABrace", "}", std::nullopt},
    {"Empty", "", std::nullopt},
    {"KeyWithoutItsOpeningQuote", R"(],odata.nextLink":"https://x"})", std::nullopt},
};

class PageTail : public ::testing::TestWithParam<TailCase> {};

TEST_P(PageTail, GivesTheLinkOrNone) { EXPECT_EQ(nextLinkAtEnd(GetParam().text), GetParam().link); }

INSTANTIATE_TEST_SUITE_P(Ends, PageTail, ::testing::ValuesIn(kTails),
                         [](const auto& info) { return std::string(info.param.name); });

struct LastPageCase {
  const char* name;
  const char* text;
  bool last;
};

const LastPageCase kLastPageEnds[] = {
    {"Minimal", R"({"value":[{"Id":1}]})", true},
    {"Verbose", R"({"d":{"results":[{"Id":1}]}})", true},
    {"EmptyWithBlanks", "{\"value\" : [ ] \n}\r\n", true},
    {"AMemberAfterTheItems", R"({"value":[],"x":1})", false},
    {"ALinkAfterTheItems", R"({"value":[],"odata.nextLink":"https://x"})", false},
    {"ThreeBraces", R"({"d":{"results":[],"x":{"a":[]}}})", false},
    {"NoClosingBrace", R"({"value":[])", false},
    {"OnlyABracket", "]", false},
    {"Empty", "", false},
};

class LastPageEnd : public ::testing::TestWithParam<LastPageCase> {};

TEST_P(LastPageEnd, IsToldFromTheEnd) { EXPECT_EQ(endsAsLastPage(GetParam().text), GetParam().last); }

INSTANTIATE_TEST_SUITE_P(Ends, LastPageEnd, ::testing::ValuesIn(kLastPageEnds),
                         [](const auto& info) { return std::string(info.param.name); });

std::string page(int items, const std::string& link) {
  std::string body = R"({"value":[)";
  for (int i = 1; i <= items; ++i) body += (i > 1 ? "," : "") + std::string(R"({"Id":)") + std::to_string(i) + "}";
  body += "]";
  if (!link.empty()) body += R"(,"odata.nextLink":")" + link + "\"";
  return body + "}";
}

constexpr std::size_t kMax = std::size_t{1} << 20;

TEST(PagingCheck, ALinkAtTheEndIsAllThatIsRead) {
  for (const bool encoded : {false, true}) {
    SCOPED_TRACE(encoded ? "gzip" : "text");
    // Broken in the middle: not this check's to see, the storing read's.
    const std::string text = page(300, "https://x/2").replace(20, 1, "?");
    const auto r = encoded ? checkPageForPaging(gzip(text), "gzip", kMax) : checkPageForPaging(text, "", kMax);
    ASSERT_TRUE(r) << r.failure.message;
    EXPECT_EQ(r.page->nextLink, "https://x/2");
    EXPECT_FALSE(r.page->checkedInFull);
    EXPECT_FALSE(readItemPage(text, {})) << "the whole check refuses the same text";
  }
}

TEST(PagingCheck, TheLastPageIsCheckedInFull) {
  for (const bool encoded : {false, true}) {
    SCOPED_TRACE(encoded ? "gzip" : "text");
    const std::string good = page(300, "");
    auto r = encoded ? checkPageForPaging(gzip(good), "gzip", kMax) : checkPageForPaging(good, "identity", kMax);
    ASSERT_TRUE(r) << r.failure.message;
    EXPECT_TRUE(r.page->checkedInFull);
    EXPECT_EQ(r.page->items, 300u);
    EXPECT_EQ(r.page->nextLink, "");
    const std::string broken = std::string(good).replace(20, 1, "?");
    r = encoded ? checkPageForPaging(gzip(broken), "gzip", kMax) : checkPageForPaging(broken, "", kMax);
    EXPECT_FALSE(r);
  }
}

TEST(PagingCheck, ALastPageEndIsTakenAsItIsOnlyWhenTrusted) {
  // Trusted once an earlier page of the list ended with its link: the end
  // is read, the rest left to the storing read as for a link.
  const std::string broken = page(300, "").replace(20, 1, "?");
  for (const bool encoded : {false, true}) {
    SCOPED_TRACE(encoded ? "gzip" : "text");
    const auto check = [&](bool trusted) {
      return encoded ? checkPageForPaging(gzip(broken), "gzip", kMax, trusted)
                     : checkPageForPaging(broken, "", kMax, trusted);
    };
    EXPECT_FALSE(check(false)) << "untrusted: the whole check runs and refuses it";
    const auto trusted = check(true);
    ASSERT_TRUE(trusted) << trusted.failure.message;
    EXPECT_EQ(trusted.page->nextLink, "");
    EXPECT_FALSE(trusted.page->checkedInFull);
  }
  // An end that is neither shape is checked whole even when trusted.
  const std::string odd = R"({"value":[{"Id":1}],"x":1})";
  const auto r = checkPageForPaging(odd, "", kMax, true);
  ASSERT_TRUE(r) << r.failure.message;
  EXPECT_TRUE(r.page->checkedInFull);
  EXPECT_EQ(r.page->items, 1u);
}

TEST(PagingCheck, AnEncodedPageIsStillInflatedWholeAndBounded) {
  // A bomb with a well-formed end: refused as too large, never followed.
  std::string bomb = page(2, "");
  bomb.insert(bomb.size() - 1, std::string(std::size_t{4} << 20, ' '));
  bomb.insert(bomb.size() - 1, R"(,"odata.nextLink":"https://x/2")");
  auto r = checkPageForPaging(gzip(bomb), "gzip", kMax);
  EXPECT_FALSE(r);
  EXPECT_TRUE(r.failure.tooLarge);
  // A cut stream whose text so far ends well: a failure worth a retry.
  const auto whole = gzip(page(3000, "https://x/2"));
  r = checkPageForPaging(whole.substr(0, whole.size() - 40), "gzip", kMax);
  EXPECT_FALSE(r);
  EXPECT_FALSE(r.failure.tooLarge);
  // A plain answer past the bound, and an unknown encoding.
  EXPECT_TRUE(checkPageForPaging(std::string(kMax + 1, ' '), "", kMax).failure.tooLarge);
  EXPECT_FALSE(checkPageForPaging(page(1, "https://x/2"), "br", kMax));
}

TEST(PagingCheck, AWrongCheckValueIsLeftToTheStoringRead) {
  // The fetch's pass skips the gzip CRC; the read that stores the page
  // inflates it again and checks it.
  std::string bytes = gzip(page(300, "https://x/2"));
  bytes[bytes.size() - 8] = static_cast<char>(bytes[bytes.size() - 8] ^ 0x5a);  // the trailer's CRC32
  const auto paging = checkPageForPaging(bytes, "gzip", kMax);
  ASSERT_TRUE(paging) << paging.failure.message;
  EXPECT_EQ(paging.page->nextLink, "https://x/2");
  const auto stored = readEncodedItemPage(bytes, "gzip", kMax, [](std::vector<Item>&&) { return true; });
  EXPECT_FALSE(stored);
  EXPECT_NE(stored.failure.message.find("corrupt"), std::string::npos) << stored.failure.message;
}

TEST(PagingCheck, ALinkLongerThanTheKeptEndIsReadInFull) {
  const std::string link = "https://x/" + std::string(20000, 'a');
  const auto r = checkPageForPaging(gzip(page(10, link)), "gzip", kMax);
  ASSERT_TRUE(r) << r.failure.message;
  EXPECT_TRUE(r.page->checkedInFull);
  EXPECT_EQ(r.page->nextLink, link);
}

// Over every fixture of the reader: a page the storing read accepts gives
// the paging check the same link (so the sync job's comparison of the two
// never refuses a good page); a page it refuses is refused by the paging
// check too unless the link came from the end alone.
const fs::path kFixtureDir = fs::path(DESKPANE_SOURCE_DIR) / "tests/unit/sync/fixtures/item_pages";

using deskpane::test::readFile;

TEST(PagingCheck, AgreesWithTheStoringReadOnEveryFixture) {
  int withLink = 0, fromTheEnd = 0;
  for (const auto& e : fs::directory_iterator(kFixtureDir)) {
    if (e.path().extension() != ".json") continue;
    SCOPED_TRACE(e.path().filename().string());
    const auto body = readFile(e.path());
    const auto stored = readItemPage(body, [](std::vector<Item>&&) { return true; });
    for (const bool encoded : {false, true}) {
      const auto paging = encoded ? checkPageForPaging(gzip(body), "gzip", kMax) : checkPageForPaging(body, "", kMax);
      if (stored) {
        ASSERT_TRUE(paging) << paging.failure.message;
        EXPECT_EQ(paging.page->nextLink, stored.page->nextLink);
        if (!encoded && !stored.page->nextLink.empty()) ++withLink;
        if (!encoded && !paging.page->checkedInFull) ++fromTheEnd;
      } else if (paging) {
        EXPECT_FALSE(paging.page->checkedInFull) << "a whole check accepted what the read refused";
      }
    }
  }
  EXPECT_GE(withLink, 2) << "the fixtures have pages with links";
  EXPECT_GE(fromTheEnd, 1) << "and some end with their link";
}

}  // namespace
}  // namespace deskpane::sync
