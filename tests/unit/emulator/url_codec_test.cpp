#include "emulator/api_path.h"
#include "emulator/url_codec.h"

#include <gtest/gtest.h>

namespace deskpane::emu {
namespace {

struct DecodeCase {
  const char* in;
  bool plus;
  const char* out;
};

TEST(UrlDecode, DecodesEscapesAndPlusAsTheCallerAsks) {
  const DecodeCase cases[] = {
      {"%24select=Id%2CTitle", true, "$select=Id,Title"},
      {"Hidden+eq+false", true, "Hidden eq false"},
      {"a+b", false, "a+b"},
      {"%zz%4", true, "%zz%4"},           // invalid escapes stay literal
      {"%C3%BC", true, "\xC3\xBC"},       // UTF-8 bytes
      {"100%", false, "100%"},
  };
  for (const auto& c : cases) EXPECT_EQ(urlDecode(c.in, c.plus), c.out) << c.in;
}

TEST(ParseQuery, SplitsBeforeDecodingSoTheSkiptokenKeepsItsAmpersand) {
  const auto q = parseQuery("%24skiptoken=Paged%3DTRUE%26p_ID%3D2&%24top=2&flag");
  ASSERT_EQ(q.size(), 3u);
  EXPECT_EQ(q[0].first, "$skiptoken");
  EXPECT_EQ(q[0].second, "Paged=TRUE&p_ID=2");
  EXPECT_EQ(*findParam(q, "$TOP"), "2");
  EXPECT_EQ(*findParam(q, "flag"), "");
  EXPECT_EQ(findParam(q, "$select"), nullptr);
}

TEST(UrlEncode, KeepsUnreservedAndRequestedCharacters) {
  EXPECT_EQ(urlEncode("Id,Title"), "Id%2CTitle");
  EXPECT_EQ(urlEncode("/a b/(x)", "/()"), "/a%20b/(x)");
}

struct PathCase {
  const char* path;
  std::vector<std::pair<std::string, std::string>> segments;  // name, arg ("-" = none)
};

TEST(SplitApiPath, HandlesQuotedArgumentsAndCase) {
  const PathCase cases[] = {
      {"/web/lists/GetByTitle('Tasks')/items(7)", {{"web", "-"}, {"lists", "-"}, {"getbytitle", "'Tasks'"}, {"items", "7"}}},
      {"/web/lists/getByTitle('A/B''s (x)')/items", {{"web", "-"}, {"lists", "-"}, {"getbytitle", "'A/B''s (x)'"}, {"items", "-"}}},
      {"/Web/Lists(guid'5b9d1c5e-3f4a-4b1e-9a57-0c3e2f1d2a11')", {{"web", "-"}, {"lists", "guid'5b9d1c5e-3f4a-4b1e-9a57-0c3e2f1d2a11'"}}},
      {"/web/lists/getbytitle('x')/AddValidateUpdateItemUsingPath()", {{"web", "-"}, {"lists", "-"}, {"getbytitle", "'x'"}, {"addvalidateupdateitemusingpath", ""}}},
  };
  for (const auto& c : cases) {
    const auto segs = splitApiPath(c.path);
    ASSERT_TRUE(segs) << c.path;
    ASSERT_EQ(segs->size(), c.segments.size()) << c.path;
    for (std::size_t i = 0; i < segs->size(); ++i) {
      EXPECT_EQ((*segs)[i].name, c.segments[i].first) << c.path;
      EXPECT_EQ((*segs)[i].arg.value_or("-"), c.segments[i].second) << c.path;
    }
  }
}

TEST(SplitApiPath, RejectsUnbalancedInput) {
  for (const char* bad : {"/web/lists/getbytitle('x", "/web/items(1", "/web/items(1)x"}) {
    EXPECT_FALSE(splitApiPath(bad)) << bad;
  }
}

TEST(ApiArgs, UnquoteAndIntegers) {
  EXPECT_EQ(unquoteArg("'It''s'"), "It's");
  EXPECT_EQ(unquoteArg("guid'ABC'"), "ABC");
  EXPECT_EQ(unquoteArg("plain"), "plain");
  EXPECT_EQ(intArg("7"), 7);
  EXPECT_EQ(intArg("'12'"), 12);
  EXPECT_FALSE(intArg("x"));
  EXPECT_FALSE(intArg(""));
}

}  // namespace
}  // namespace deskpane::emu
