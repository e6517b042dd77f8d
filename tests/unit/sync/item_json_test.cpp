#include "sync/item_json.h"

#include "sync/item.h"

#include <gtest/gtest.h>

#include <clocale>
#include <string>

namespace deskpane::sync {
namespace {

TEST(ItemJsonTest, RoundTripKeepsTypes) {
  Fields f{{"null", FieldValue{}},
           {"t", true},
           {"f", false},
           {"int", std::int64_t{-9007199254740993}},
           {"whole", 1.0},
           {"frac", 0.1},
           {"big", 1e300},
           {"s", std::string("quote\" back\\ nl\n tab\t ctl\x01 é 😀")},
           {"empty", std::string()},
           {"Author/Title", std::string("x")}};
  auto text = fieldsToJson(f);
  auto back = fieldsFromJson(text);
  ASSERT_TRUE(back) << text;
  EXPECT_EQ(*back, f);
  EXPECT_TRUE(std::holds_alternative<double>(back->at("whole"))) << "1.0 must stay a double";
  EXPECT_TRUE(std::holds_alternative<std::int64_t>(back->at("int")));
}

TEST(ItemJsonTest, EscapesACharacterAtEveryPlaceInARun) {
  // Plain text is copied eight bytes at a time: a character that needs an
  // escape must be found wherever it falls in those eight, and next to
  // UTF-8 bytes (above 0x7F), which never need one.
  const struct {
    char c;
    const char* escaped;
  } kCases[] = {{'"', "\\\""}, {'\\', "\\\\"}, {'\n', "\\n"}, {'\x01', "\\u0001"}, {'\x1f', "\\u001f"}};
  for (const auto& k : kCases) {
    for (std::size_t at = 0; at < 20; ++at) {
      std::string text = std::string(at, 'a') + k.c + "\xc3\xa9" + std::string(19 - at, 'b');
      const auto json = fieldsToJson({{"s", text}});
      const std::string expected =
          "{\"s\":\"" + std::string(at, 'a') + k.escaped + "\xc3\xa9" + std::string(19 - at, 'b') + "\"}";
      EXPECT_EQ(json, expected) << "at " << at;
      const auto back = fieldsFromJson(json);
      ASSERT_TRUE(back) << json;
      EXPECT_EQ(std::get<std::string>(back->at("s")), text) << "at " << at;
    }
  }
}

TEST(ItemJsonTest, EmptyObject) {
  EXPECT_EQ(fieldsToJson({}), "{}");
  auto f = fieldsFromJson(" { } ");
  ASSERT_TRUE(f);
  EXPECT_TRUE(f->empty());
}

TEST(ItemJsonTest, DecodesUnicodeEscapes) {
  auto f = fieldsFromJson(R"({"a":"caf\u00e9 \ud83d\ude00 \/"})");
  ASSERT_TRUE(f);
  EXPECT_EQ(std::get<std::string>(f->at("a")), "café 😀 /");
}

class MalformedJsonTest : public ::testing::TestWithParam<const char*> {};

TEST_P(MalformedJsonTest, Rejected) { EXPECT_FALSE(fieldsFromJson(GetParam())) << GetParam(); }

INSTANTIATE_TEST_SUITE_P(Cases, MalformedJsonTest,
                         ::testing::Values("", "[]", "{", "{\"a\"}", "{\"a\":}", "{\"a\":1,}", "{\"a\":1} x",
                                           "{\"a\":[1]}", "{\"a\":{\"b\":1}}", "{\"a\":\"\\x\"}",
                                           "{\"a\":\"\\ud800\"}", "{\"a\":tru}", "{\"a\":\"unterminated}",
                                           "{a:1}", "{\"a\":-}"));

TEST(ItemJsonTest, SingleValues) {
  EXPECT_EQ(valueToJson(FieldValue{}), "null");
  EXPECT_EQ(valueFromJson("\"x\""), FieldValue{std::string("x")});
  EXPECT_EQ(valueFromJson("2.5"), FieldValue{2.5});
  EXPECT_FALSE(valueFromJson("2.5 3"));
}

// The app runs in the user's locale (GTK sets it), where a German
// LC_NUMERIC writes "0,5" with printf and reads only "1" of "1.0" with strtod:
// a completed task's PercentComplete then made the cached item unreadable.
TEST(ItemJsonTest, NumbersKeepTheirDecimalPointInAGermanLocale) {
  const std::string before = std::setlocale(LC_NUMERIC, nullptr);
  if (!std::setlocale(LC_NUMERIC, "de_DE.UTF-8") && !std::setlocale(LC_NUMERIC, "de_DE.utf8"))
    GTEST_SKIP() << "no de_DE.UTF-8 locale here (scripts/install-deps makes one)";
  const std::string json = fieldsToJson({{"PercentComplete", 1.0}, {"Share", 0.4}});
  const auto back = fieldsFromJson(R"({"PercentComplete":1.0,"Share":0.4,"Text":"0.25"})");
  Item item;
  if (back) item.fields = *back;
  const std::string shown = displayValue(FieldValue{0.5});
  std::setlocale(LC_NUMERIC, before.c_str());

  EXPECT_EQ(json, R"({"PercentComplete":1.0,"Share":0.4})");
  ASSERT_TRUE(back.has_value());
  EXPECT_DOUBLE_EQ(std::get<double>(back->at("PercentComplete")), 1.0);
  EXPECT_DOUBLE_EQ(std::get<double>(back->at("Share")), 0.4);
  EXPECT_EQ(item.number("Text"), 0.25);
  EXPECT_EQ(shown, "0.5");
}

}  // namespace
}  // namespace deskpane::sync
