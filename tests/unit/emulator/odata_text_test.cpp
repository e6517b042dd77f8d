// Field text comparison (case folding beyond ASCII), number parsing and
// percent-decoding helpers behind the query options.
#include <gtest/gtest.h>

#include "emulator/odata_text.h"

namespace deskpane::emu {
namespace {

struct TextCase {
  const char* a;
  const char* b;
  int expected;  // sign of compareText(a, b)
};

class CompareText : public ::testing::TestWithParam<TextCase> {};

int sign(int v) { return (v > 0) - (v < 0); }

TEST_P(CompareText, Folds) {
  const auto& c = GetParam();
  EXPECT_EQ(sign(compareText(c.a, c.b)), c.expected) << c.a << " vs " << c.b;
  EXPECT_EQ(sign(compareText(c.b, c.a)), -c.expected) << c.b << " vs " << c.a;
  EXPECT_EQ(equalsText(c.a, c.b), c.expected == 0);
}

INSTANTIATE_TEST_SUITE_P(
    Table, CompareText,
    ::testing::Values(TextCase{"", "", 0}, TextCase{"abc", "ABC", 0}, TextCase{"abc", "abd", -1},
                      TextCase{"ab", "abc", -1}, TextCase{"Zebra", "apple", 1}, TextCase{"ÄÖÜ", "äöü", 0},
                      TextCase{"Éclair", "éclair", 0}, TextCase{"ÿ", "Ÿ", 0}, TextCase{"Łódź", "łÓDŹ", 0},
                      TextCase{"ĳ", "Ĳ", 0}, TextCase{"ΑΒΓ", "αβγ", 0}, TextCase{"ΟΔΟΣ", "οδος", 0},
                      TextCase{"ς", "σ", 0}, TextCase{"ПРИВЕТ", "привет", 0}, TextCase{"Ёж", "ёЖ", 0},
                      TextCase{"a", "ä", -1}, TextCase{"z", "ä", -1}, TextCase{"日本", "日本", 0},
                      TextCase{"日本", "日付", 1}, TextCase{"×", "÷", -1} /* not letters: no folding */,
                      TextCase{"\xff", "\xfe", 1}, TextCase{"\xc3", "\xc3\xa4", 1} /* truncated sequence */,
                      TextCase{"\xe6\x97", "z", 1}, TextCase{"a\x80", "A\x80", 0}));

TEST(TextMatch, StartsWithAndContains) {
  EXPECT_TRUE(startsWithText("Grüße", "GRÜ"));
  EXPECT_FALSE(startsWithText("Grüße", "Grüßen"));
  EXPECT_TRUE(startsWithText("abc", ""));
  EXPECT_TRUE(containsText("Grüße aus Köln", "KÖLN"));
  EXPECT_TRUE(containsText("Встреча команды", "КОМАНД"));
  EXPECT_FALSE(containsText("Grüße", "gruss"));
  EXPECT_TRUE(containsText("", ""));
  EXPECT_FALSE(containsText("", "a"));
  EXPECT_FALSE(containsText("\xc3", "\xc3\xa4"));
  EXPECT_TRUE(containsText("x\xc3y", "\xc3Y"));
}

TEST(Numbers, ParseInt64) {
  EXPECT_EQ(parseInt64("0"), 0);
  EXPECT_EQ(parseInt64("-42"), -42);
  EXPECT_EQ(parseInt64("+7"), 7);
  EXPECT_EQ(parseInt64("9223372036854775807"), INT64_MAX);
  EXPECT_EQ(parseInt64("-9223372036854775808"), INT64_MIN);
  for (const char* bad : {"", "-", "+", "9223372036854775808", "-9223372036854775809", "1 ", " 1", "1.0", "0x10"}) {
    EXPECT_EQ(parseInt64(bad), std::nullopt) << bad;
  }
}

TEST(Numbers, ParseDouble) {
  EXPECT_EQ(parseDouble("0.5"), 0.5);
  EXPECT_EQ(parseDouble("-1e3"), -1000.0);
  EXPECT_EQ(parseDouble(".5"), 0.5);
  EXPECT_EQ(parseDouble("5."), 5.0);
  for (const char* bad : {"", ".", "e5", "1e", "1e+", "1..2", "1.2.3", "nan", "inf", "1e999"}) {
    EXPECT_EQ(parseDouble(bad), std::nullopt) << bad;
  }
}

TEST(PercentDecode, Table) {
  EXPECT_EQ(percentDecode("a%20b", false), "a b");
  EXPECT_EQ(percentDecode("a+b", true), "a b");
  EXPECT_EQ(percentDecode("a+b", false), "a+b");
  EXPECT_EQ(percentDecode("%3d%3D%26", false), "==&");
  EXPECT_EQ(percentDecode("100%", false), "100%");
  EXPECT_EQ(percentDecode("%zz%4", false), "%zz%4");
  EXPECT_EQ(percentDecode("%C3%BC", false), "ü");
}

TEST(FieldPath, Table) {
  for (const char* ok : {"Title", "Author/Id", "OData__UIVersionString", "_x0020_", "a1/b2/c3"}) {
    EXPECT_TRUE(isFieldPath(ok)) << ok;
  }
  for (const char* bad : {"", "1a", "a//b", "/a", "a/", "a-b", "a b", "a'"}) EXPECT_FALSE(isFieldPath(bad)) << bad;
  EXPECT_TRUE(isIdField("ID"));
  EXPECT_TRUE(isIdField("Id"));
  EXPECT_TRUE(isIdField("id"));
  EXPECT_FALSE(isIdField("AuthorId"));
}

}  // namespace
}  // namespace deskpane::emu
