// $filter: parse + evaluate tables against one item, errors, referenced
// fields, and the ID fast-path analysis.
#include <gtest/gtest.h>

#include <map>

#include "emulator/odata_query.h"

namespace deskpane::emu {
namespace {

const std::map<std::string, Value, std::less<>>& sampleItem() {
  static const std::map<std::string, Value, std::less<>> item = {
      {"ID", std::int64_t{5}},
      {"Id", std::int64_t{5}},
      {"Title", std::string("Weekly Sync")},
      {"Quote", std::string("O'Brien")},
      {"Done", true},
      {"Archived", false},
      {"PercentComplete", 0.5},
      {"Priority", std::int64_t{2}},
      {"AuthorId", std::int64_t{7}},
      {"Author/Id", std::int64_t{7}},
      {"Author/Title", std::string("Ada Lovelace")},
      {"Modified", std::string("2024-01-05T09:00:00Z")},
      {"EventDate", std::string("2024-01-05T09:00:00.000Z")},
      {"Body", Value{}},
      {"Code", std::string("42")},
      {"Unicode", std::string("Grüße aus Köln")},
  };
  return item;
}

Value lookup(std::string_view field) {
  const auto& item = sampleItem();
  auto it = item.find(field);
  return it == item.end() ? Value{} : it->second;
}

struct MatchCase {
  const char* filter;
  bool expected;
};

class FilterMatch : public ::testing::TestWithParam<MatchCase> {};

TEST_P(FilterMatch, EvaluatesAgainstItem) {
  const auto& c = GetParam();
  auto f = parseFilter(c.filter);
  ASSERT_TRUE(f.ok()) << c.filter << ": " << f.error().detail;
  EXPECT_EQ(f->matches(lookup), c.expected) << c.filter;
  // The by-index accessor must agree with the by-name one.
  std::vector<Value> bound;
  for (const auto& name : f->fields()) bound.push_back(lookup(name));
  EXPECT_EQ(f->matchesByIndex([&](std::size_t i) -> const Value& { return bound.at(i); }), c.expected) << c.filter;
}

INSTANTIATE_TEST_SUITE_P(
    Table, FilterMatch,
    ::testing::Values(
        // strings, case-insensitive as SharePoint's collation
        MatchCase{"Title eq 'Weekly Sync'", true}, MatchCase{"Title eq 'weekly sync'", true},
        MatchCase{"Title ne 'Weekly Sync'", false}, MatchCase{"Title eq 'Weekly'", false},
        MatchCase{"Title gt 'Apple'", true}, MatchCase{"Title lt 'Apple'", false},
        MatchCase{"Quote eq 'O''Brien'", true}, MatchCase{"Quote eq 'O''Brian'", false},
        MatchCase{"Unicode eq 'Grüße aus Köln'", true},
        MatchCase{"Unicode eq 'GRÜßE AUS KÖLN'", true}, MatchCase{"startswith(Unicode,'grü')", true},
        MatchCase{"substringof('KÖLN',Unicode)", true}, MatchCase{"substringof('Koln',Unicode)", false},
        // functions (PnPjs emits a space after the comma)
        MatchCase{"startswith(Title,'Week')", true}, MatchCase{"startswith(Title, 'week')", true},
        MatchCase{"startswith(Title,'Sync')", false}, MatchCase{"substringof('ly S',Title)", true},
        MatchCase{"substringof('SYNC', Title)", true}, MatchCase{"substringof('nope',Title)", false},
        MatchCase{"substringof('',Title)", true}, MatchCase{"startswith(Priority,'2')", false},
        MatchCase{"startswith(Body,'x')", false},
        // numbers
        MatchCase{"Priority eq 2", true}, MatchCase{"Priority eq 2.0", true}, MatchCase{"Priority ge 2", true},
        MatchCase{"Priority gt 2", false}, MatchCase{"Priority lt 3", true}, MatchCase{"Priority le 1", false},
        MatchCase{"PercentComplete eq 0.5", true}, MatchCase{"PercentComplete gt 0.25", true},
        MatchCase{"PercentComplete lt 5e-1", false}, MatchCase{"Priority eq 2L", true},
        MatchCase{"Priority gt -1", true}, MatchCase{"Code eq 42", true}, MatchCase{"Priority eq '2'", true},
        MatchCase{"Title eq 5", false}, MatchCase{"Title ne 5", true},
        // booleans: PnPjs sends 1/0, hand-written filters true/false
        MatchCase{"Done eq 1", true}, MatchCase{"Done eq 0", false}, MatchCase{"Done eq true", true},
        MatchCase{"Archived eq false", true}, MatchCase{"Archived eq 0", true}, MatchCase{"Done ne 1", false},
        MatchCase{"Done", true}, MatchCase{"Archived", false}, MatchCase{"not Archived", true},
        MatchCase{"true", true}, MatchCase{"false", false},
        // null
        MatchCase{"Body eq null", true}, MatchCase{"Body ne null", false}, MatchCase{"Title eq null", false},
        MatchCase{"Title ne null", true}, MatchCase{"Body lt 'x'", false}, MatchCase{"Missing eq null", true},
        // dates: datetime'…', quoted ISO with and without fraction, offsets
        MatchCase{"Modified ge datetime'2024-01-01T00:00:00Z'", true},
        MatchCase{"Modified lt datetime'2024-01-01T00:00:00Z'", false},
        MatchCase{"Modified eq datetime'2024-01-05T09:00:00Z'", true},
        MatchCase{"Modified eq '2024-01-05T09:00:00.000Z'", true},
        MatchCase{"Modified ge '2024-01-05T09:00:00.000Z'", true},
        MatchCase{"Modified gt '2024-01-05T09:00:00.000Z'", false},
        MatchCase{"Modified lt '2024-01-05T09:00:00.001Z'", true},
        MatchCase{"Modified eq '2024-01-05T10:00:00+01:00'", true},
        MatchCase{"Modified eq datetime'2024-01-05T04:00:00-05:00'", true},
        MatchCase{"EventDate eq datetime'2024-01-05T09:00:00Z'", true},
        MatchCase{"EventDate eq Modified", true},
        MatchCase{"EventDate ge datetime'2024-01-05'", true},
        MatchCase{"Modified gt datetimeoffset'2023-12-31T23:59:59Z'", true},
        MatchCase{"Title eq datetime'2024-01-05T09:00:00Z'", false},
        MatchCase{"year(Modified) eq 2024", true}, MatchCase{"month(Modified) eq 1", true},
        MatchCase{"day(Modified) eq 5", true}, MatchCase{"hour(Modified) eq 9", true},
        MatchCase{"minute(Modified) eq 0 and second(Modified) eq 0", true}, MatchCase{"day(Title) eq 5", false},
        // lookups
        MatchCase{"AuthorId eq 7", true}, MatchCase{"Author/Id eq 7", true}, MatchCase{"Author/Id eq 8", false},
        MatchCase{"Author/Title eq 'Ada Lovelace'", true},
        // literal on the left
        MatchCase{"7 eq AuthorId", true}, MatchCase{"3 gt Priority", true}, MatchCase{"'Weekly Sync' eq Title", true},
        // connectives and precedence
        MatchCase{"Priority eq 2 and Done eq 1", true}, MatchCase{"Priority eq 2 and Done eq 0", false},
        MatchCase{"Priority eq 3 or Done eq 1", true}, MatchCase{"Priority eq 3 or Done eq 0", false},
        MatchCase{"Priority eq 3 and Done eq 1 or Title eq 'Weekly Sync'", true},   // (F and T) or T
        MatchCase{"Title eq 'Weekly Sync' or Priority eq 3 and Done eq 0", true},   // T or (F and F)
        MatchCase{"(Title eq 'Weekly Sync' or Priority eq 3) and Done eq 0", false},
        MatchCase{"not Priority eq 3", false},  // (not Priority) eq 3: not binds tighter than eq
        MatchCase{"not (Priority eq 3)", true}, MatchCase{"not(Priority eq 2)", false},
        MatchCase{"not startswith(Title,'Week')", false}, MatchCase{"not not Done", true},
        MatchCase{"((((Priority eq 2))))", true}, MatchCase{"  Priority   eq\t2  ", true},
        MatchCase{"Done eq 1 and not (Archived eq 1) and substringof('Sync',Title)", true},
        // IDs
        MatchCase{"ID eq 5", true}, MatchCase{"Id eq 5", true}, MatchCase{"ID eq 1 or ID eq 5 or ID eq 9", true},
        MatchCase{"ID ge 10 and ID lt 20", false}, MatchCase{"(ID eq 1) or (ID eq 7)", false},
        MatchCase{"ID ne 5", false}, MatchCase{"not (ID eq 5)", false}, MatchCase{"ID eq 5 and Done eq 0", false}));

struct ErrorCase {
  const char* filter;
  const char* detail;  // substring of ParseError::detail
};

class FilterError : public ::testing::TestWithParam<ErrorCase> {};

TEST_P(FilterError, Rejects) {
  const auto& c = GetParam();
  auto f = parseFilter(c.filter);
  ASSERT_FALSE(f.ok()) << c.filter;
  EXPECT_EQ(f.error().message, std::string("The expression \"") + c.filter + "\" is not valid.");
  EXPECT_NE(f.error().detail.find(c.detail), std::string::npos) << c.filter << " → " << f.error().detail;
}

INSTANTIATE_TEST_SUITE_P(
    Table, FilterError,
    ::testing::Values(ErrorCase{"Title eq", "expected an operand"}, ErrorCase{"Title eq 'x", "unterminated string"},
                      ErrorCase{"eq 'x'", "found 'eq'"}, ErrorCase{"Title 'x'", "unexpected token"},
                      ErrorCase{"(Title eq 'x'", "expected ')'"}, ErrorCase{"Title eq 'x')", "unexpected token"},
                      ErrorCase{"Title eq 'x' and", "expected an operand"},
                      ErrorCase{"Title eq 'x' or or Done", "found 'or'"}, ErrorCase{"endswith(Title,'x')", "unsupported function"},
                      ErrorCase{"tolower(Title) eq 'x'", "unsupported function"},
                      ErrorCase{"startswith(Title 'x')", "expected ','"}, ErrorCase{"startswith(Title,'x'", "expected ')'"},
                      ErrorCase{"Modified ge datetime'2024-13-01T00:00:00Z'", "not a valid date"},
                      ErrorCase{"Modified ge datetime'yesterday'", "not a valid date"},
                      ErrorCase{"Modified ge datetime'2024", "unterminated"}, ErrorCase{"Priority eq 1.2.3", "not a valid number"},
                      ErrorCase{"Priority eq 2 eq 2", "do not chain"}, ErrorCase{"Title eq 'x' & Done", "unexpected character"},
                      ErrorCase{"'abc'", "not a condition"}, ErrorCase{"5", "not a condition"},
                      ErrorCase{"Title eq 'x' and 5", "needs conditions"}, ErrorCase{"not 'x'", "needs a condition"},
                      ErrorCase{"Author//Id eq 1", "not a field path"}, ErrorCase{"Author/ eq 1", "not a field path"},
                      ErrorCase{"()", "expected an operand"}, ErrorCase{"Title EQ 'x'", "unexpected token"},
                      ErrorCase{"startswith(Title eq 'x','y')", "not a function argument"}));

TEST(Filter, EmptyMatchesEverything) {
  for (const char* text : {"", "   ", "\t"}) {
    auto f = parseFilter(text);
    ASSERT_TRUE(f.ok());
    EXPECT_TRUE(f->matchesAll());
    EXPECT_TRUE(f->matches(lookup));
    EXPECT_TRUE(f->fields().empty());
    EXPECT_FALSE(f->idCandidates());
  }
  EXPECT_TRUE(Filter().matches(lookup));
}

TEST(Filter, ListsReferencedFieldsOnceInOrder) {
  auto f = parseFilter("Title eq 'a' or (Author/Id eq 7 and startswith(Title,'x')) or year(Modified) eq 2024 or ID eq 1");
  ASSERT_TRUE(f.ok());
  EXPECT_EQ(f->fields(), (std::vector<std::string>{"Title", "Author/Id", "Modified", "ID"}));
  EXPECT_FALSE(f->matchesAll());
}

TEST(Filter, LongIdChainsStayFlat) {
  // A client re-reading changed items sends "ID eq a or ID eq b or …".
  std::string text = "ID eq 1";
  for (int id = 3; id <= 20001; id += 2) text += " or ID eq " + std::to_string(id);
  auto f = parseFilter(text);
  ASSERT_TRUE(f.ok()) << f.error().detail;
  EXPECT_TRUE(f->idOnly());
  ASSERT_TRUE(f->idCandidates());
  EXPECT_EQ(f->idCandidates()->ranges.size(), 10001u);
  EXPECT_TRUE(f->idCandidates()->contains(20001));
  EXPECT_FALSE(f->idCandidates()->contains(20000));
  EXPECT_TRUE(f->matches([](std::string_view) { return Value{std::int64_t{777}}; }));
  EXPECT_FALSE(f->matches([](std::string_view) { return Value{std::int64_t{778}}; }));
}

TEST(Filter, RejectsDeepNestingInsteadOfOverflowingTheStack) {
  for (const std::string& open : {std::string("("), std::string("not "), std::string("year(")}) {
    std::string text;
    for (int i = 0; i < 100000; ++i) text += open;
    text += "Done";
    auto f = parseFilter(text);
    ASSERT_FALSE(f.ok());
    EXPECT_NE(f.error().detail.find("nested too deeply"), std::string::npos) << f.error().detail;
  }
  std::string ok;
  for (int i = 0; i < 50; ++i) ok += "(";
  ok += "Done";
  for (int i = 0; i < 50; ++i) ok += ")";
  EXPECT_TRUE(parseFilter(ok).ok());
}

using R = std::vector<std::pair<std::int64_t, std::int64_t>>;
constexpr std::int64_t kMin = std::numeric_limits<std::int64_t>::min();
constexpr std::int64_t kMax = std::numeric_limits<std::int64_t>::max();

struct IdCase {
  const char* filter;
  std::optional<R> candidates;
  bool idOnly;
};

class FilterIds : public ::testing::TestWithParam<IdCase> {};

TEST_P(FilterIds, Analyses) {
  const auto& c = GetParam();
  auto f = parseFilter(c.filter);
  ASSERT_TRUE(f.ok()) << c.filter;
  ASSERT_EQ(f->idCandidates().has_value(), c.candidates.has_value()) << c.filter;
  if (c.candidates) {
    EXPECT_EQ(f->idCandidates()->ranges, *c.candidates) << c.filter;
  }
  EXPECT_EQ(f->idOnly(), c.idOnly) << c.filter;
}

INSTANTIATE_TEST_SUITE_P(
    Table, FilterIds,
    ::testing::Values(IdCase{"ID eq 5", R{{5, 5}}, true}, IdCase{"Id eq 5", R{{5, 5}}, true},
                      IdCase{"id eq 5", R{{5, 5}}, true}, IdCase{"5 eq ID", R{{5, 5}}, true},
                      IdCase{"Id ge 10 and Id lt 20", R{{10, 19}}, true},
                      IdCase{"(ID eq 1) or (ID eq 7)", R{{1, 1}, {7, 7}}, true},
                      IdCase{"ID eq 1 or ID eq 2 or ID eq 3 or ID eq 9", R{{1, 3}, {9, 9}}, true},
                      IdCase{"ID gt 10", R{{11, kMax}}, true}, IdCase{"10 lt ID", R{{11, kMax}}, true},
                      IdCase{"ID le 3", R{{kMin, 3}}, true}, IdCase{"ID ne 4", R{{kMin, 3}, {5, kMax}}, true},
                      IdCase{"not (ID ge 5)", R{{kMin, 4}}, true}, IdCase{"ID eq 1 and ID eq 2", R{}, true},
                      IdCase{"ID gt 3 and Title eq 'x'", R{{4, kMax}}, false},
                      IdCase{"Title eq 'x' and (ID eq 1 or ID eq 2)", R{{1, 2}}, false},
                      IdCase{"ID eq 1 or Title eq 'x'", std::nullopt, false},
                      IdCase{"not (ID eq 1 and Title eq 'x')", std::nullopt, false},
                      IdCase{"Title eq 'x'", std::nullopt, false}, IdCase{"ID eq '5'", std::nullopt, false},
                      IdCase{"ID eq 5.5", std::nullopt, false}, IdCase{"AuthorId eq 5", std::nullopt, false},
                      IdCase{"ID lt -9223372036854775807", R{{kMin, kMin}}, true}));

TEST(IdRanges, ContainsAndCount) {
  IdRanges r{{{1, 3}, {7, 7}, {10, 20}}};
  for (std::int64_t id : {1, 2, 3, 7, 10, 15, 20}) EXPECT_TRUE(r.contains(id)) << id;
  for (std::int64_t id : {0, 4, 6, 8, 9, 21, -5}) EXPECT_FALSE(r.contains(id)) << id;
  EXPECT_EQ(r.count(), 3 + 1 + 11);
  EXPECT_EQ((IdRanges{{{kMin, kMax}}}.count()), kMax);
  EXPECT_TRUE(IdRanges{}.empty());
}

}  // namespace
}  // namespace deskpane::emu
