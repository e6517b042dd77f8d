// Answers of the wrong shape are refused whole by the parsers, so nothing of
// them reaches the cache (issue 13 items 4 and 5).
#include "sync/sharepoint_client_parse.h"

#include <gtest/gtest.h>

namespace deskpane::sync {
namespace {

constexpr const char* kGuid = "1b2c3d4e-0000-4000-8000-00000000abcd";

// A list answer with `idJson` as its Id; `members` replace or add others.
std::string listBody(const std::string& idJson, const std::string& members = R"("Title":"Tasks","ItemCount":3)") {
  return std::string(R"({"Id":)") + idJson + R"(,"BaseTemplate":171,)" + members + "}";
}

TEST(ParseList, TakesAGuidInEitherSpelling) {
  ASSERT_TRUE(parseList(listBody("\"" + std::string(kGuid) + "\"")).has_value());
  const auto braced = parseList(listBody("\"{" + std::string(kGuid) + "}\""));
  ASSERT_TRUE(braced.has_value());
  EXPECT_EQ(braced->id, kGuid);
}

class MalformedList : public ::testing::TestWithParam<std::string> {};

TEST_P(MalformedList, IsRefused) { EXPECT_FALSE(parseList(GetParam()).has_value()) << GetParam(); }

INSTANTIATE_TEST_SUITE_P(
    Bodies, MalformedList,
    ::testing::Values(listBody("\"" + std::string(kGuid) + "x\""),  // the probe's "<id>x"
                      listBody("12345"), listBody("{\"a\":1}"), listBody("\"not-a-guid\""),
                      listBody("\"" + std::string(kGuid) + "\"", R"("Title":"Tasks","ItemCount":"many")"),
                      listBody("\"" + std::string(kGuid) + "\"", R"("Title":"Tasks","ItemCount":-4)"),
                      listBody("\"" + std::string(kGuid) + "\"", R"("Title":{"x":1},"ItemCount":3)"),
                      listBody("\"" + std::string(kGuid) + "\"", R"("Title":"Tasks","CurrentChangeToken":{"StringValue":5})"),
                      listBody("\"" + std::string(kGuid) + "\"", R"("Title":"Tasks","RootFolder":"x")")));

TEST(ParseLists, OneMalformedEntryRefusesTheAnswer) {
  const std::string good = listBody("\"" + std::string(kGuid) + "\"");
  EXPECT_TRUE(parseLists("{\"value\":[" + good + "]}").has_value());
  EXPECT_FALSE(parseLists("{\"value\":[" + good + "," + listBody("\"x\"") + "]}").has_value());
}

class MalformedItemPage : public ::testing::TestWithParam<std::string> {};

TEST_P(MalformedItemPage, IsRefused) { EXPECT_FALSE(parseItemPage(GetParam()).has_value()) << GetParam(); }

INSTANTIATE_TEST_SUITE_P(Bodies, MalformedItemPage,
                         ::testing::Values(R"({"value":[{"Id":1,"Title":{"a":1}}]})",
                                           R"({"value":[{"Id":1,"Title":["a"]}]})",
                                           R"({"value":[{"Id":1,"DueDate":{"x":"2027-01-01"}}]})",
                                           R"({"value":[{"Id":"1","Title":"a"}]})"));

TEST(ParseItemPage, StructuredValuesOutsideTheSchemaStay) {
  const auto page = parseItemPage(R"({"value":[{"Id":1,"Title":"a","AssignedToId":[1,21]}]})");
  ASSERT_TRUE(page.has_value());
  EXPECT_EQ(page->items.at(0).text("AssignedToId"), "[1,21]");
}

class MalformedChanges : public ::testing::TestWithParam<std::string> {};

TEST_P(MalformedChanges, AreRefused) { EXPECT_FALSE(parseChanges(GetParam()).has_value()) << GetParam(); }

INSTANTIATE_TEST_SUITE_P(
    Bodies, MalformedChanges,
    ::testing::Values(R"({"value":[{"ChangeType":"1","ItemId":3,"ChangeToken":{"StringValue":"t"}}]})",
                      R"({"value":[{"ChangeType":1,"ItemId":"3","ChangeToken":{"StringValue":"t"}}]})",
                      R"({"value":[{"ItemId":3,"ChangeToken":{"StringValue":"t"}}]})",
                      R"({"value":[{"ChangeType":1,"ItemId":3,"ChangeToken":{"StringValue":[1]}}]})",
                      R"({"value":[7]})"));

TEST(ParseChanges, AWellFormedAnswerParses) {
  const auto changes = parseChanges(R"({"value":[{"ChangeType":2,"ItemId":3,"ChangeToken":{"StringValue":"t"}}]})");
  ASSERT_TRUE(changes.has_value());
  EXPECT_EQ(changes->at(0).itemId, 3);
}

}  // namespace
}  // namespace deskpane::sync
