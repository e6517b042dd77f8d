// Items against the list schema: each row a field, a value and whether a list
// of that kind may store it.
#include "sync/item_schema_check.h"

#include <gtest/gtest.h>

namespace deskpane::sync {
namespace {

struct Row {
  const char* name;
  ListKind kind;
  const char* field;
  FieldValue value;
  const char* problem;  // "" = fits; else a part of the message
};

class SchemaCheck : public ::testing::TestWithParam<Row> {};

TEST_P(SchemaCheck, Row) {
  const auto& r = GetParam();
  Item item;
  item.id = 7;
  item.fields[r.field] = r.value;
  const auto problem = schemaProblem(r.kind, item);
  if (std::string(r.problem).empty()) {
    EXPECT_FALSE(problem.has_value()) << *problem;
  } else {
    ASSERT_TRUE(problem.has_value());
    EXPECT_NE(problem->find(r.problem), std::string::npos) << *problem;
    EXPECT_NE(problem->find("item 7"), std::string::npos) << *problem;
  }
}

const std::string kLine(kMaxLineFieldBytes, 'a');
const std::string kLinePlus(kMaxLineFieldBytes + 1, 'a');
const std::string kNote(kMaxTextFieldBytes, 'n');
const std::string kNotePlus(kMaxTextFieldBytes + 1, 'n');

INSTANTIATE_TEST_SUITE_P(
    Rows, SchemaCheck,
    ::testing::Values(
        Row{"TextIsText", ListKind::Tasks, "Title", std::string("Call Anna"), ""},
        Row{"NullAlwaysFits", ListKind::Tasks, "DueDate", std::monostate{}, ""},
        Row{"TextAsNumber", ListKind::Tasks, "Title", std::int64_t{3}, "field 'Title' is an integer, expected text"},
        Row{"TextAtTheCap", ListKind::Notes, "Title", kLine, ""},
        Row{"TextPastTheCap", ListKind::Notes, "Title", kLinePlus, "field 'Title' holds 4097 bytes"},
        Row{"NoteAtTheCap", ListKind::Notes, "Body", kNote, ""},
        Row{"NotePastTheCap", ListKind::Notes, "Body", kNotePlus, "field 'Body' holds"},
        Row{"UnknownFieldPastTheCap", ListKind::Notes, "Extra", kNotePlus, "field 'Extra' holds"},
        Row{"UnknownFieldAnyType", ListKind::Notes, "AssignedToId", std::string("[1,21]"), ""},
        Row{"DateIsIso", ListKind::Calendar, "EventDate", std::string("2027-03-12T09:00:00Z"), ""},
        Row{"DateOnly", ListKind::Tasks, "DueDate", std::string("2027-03-12"), ""},
        Row{"DateNotADate", ListKind::Tasks, "DueDate", std::string("next week"), "expected an ISO-8601 date"},
        Row{"DateAsNumber", ListKind::Tasks, "DueDate", std::int64_t{20270312}, "expected an ISO-8601 date"},
        Row{"BooleanIsBool", ListKind::Calendar, "fAllDayEvent", true, ""},
        Row{"BooleanAsZeroOne", ListKind::Calendar, "fAllDayEvent", std::int64_t{1}, ""},
        Row{"BooleanAsText", ListKind::Calendar, "fAllDayEvent", std::string("yes"), "expected a boolean"},
        Row{"BooleanAsTwo", ListKind::Calendar, "fAllDayEvent", std::int64_t{2}, "expected a boolean"},
        Row{"PercentIsDouble", ListKind::Tasks, "PercentComplete", 0.5, ""},
        Row{"PercentIsInt", ListKind::Tasks, "PercentComplete", std::int64_t{1}, ""},
        Row{"PercentAsText", ListKind::Tasks, "PercentComplete", std::string("50%"), "expected a number"},
        Row{"IntegerIsInt", ListKind::Calendar, "EventType", std::int64_t{1}, ""},
        Row{"IntegerAsFraction", ListKind::Calendar, "EventType", 1.5, "expected an integer"},
        Row{"IntegerAsText", ListKind::Inbox, "ParentItemID", std::string("3"), "expected an integer"},
        Row{"ChoiceIsText", ListKind::Tasks, "Status", std::string("Custom status"), ""},
        Row{"ChoiceAsBool", ListKind::Tasks, "Status", false, "field 'Status' is a boolean"},
        Row{"ComputedAnyScalar", ListKind::Tasks, "Checkmark", std::string("1"), ""},
        Row{"ComputedAsBool", ListKind::Tasks, "Checkmark", true, ""},
        Row{"LookupIsText", ListKind::Inbox, "Author/Title", std::string("Alice"), ""},
        Row{"LookupPastTheLineCap", ListKind::Inbox, "Author/Title", kLinePlus, "holds"}),
    [](const auto& info) { return std::string(info.param.name); });

TEST(SchemaCheck, FirstBadItemOfAPageIsNamed) {
  std::vector<Item> page(3);
  for (int i = 0; i < 3; ++i) page[i].id = i + 1;
  page[1].fields["Title"] = 2.5;
  const auto problem = schemaProblem(ListKind::Tasks, page);
  ASSERT_TRUE(problem.has_value());
  EXPECT_NE(problem->find("item 2"), std::string::npos) << *problem;
}

}  // namespace
}  // namespace deskpane::sync
