#include "sync/merge.h"

#include <gtest/gtest.h>

namespace deskpane::sync {
namespace {

FieldValue s(const char* v) { return std::string(v); }

struct MergeCase {
  const char* name;
  Fields base, local, server;
  Fields merged;
  std::vector<FieldConflict> conflicts;
  Fields toPush;
};

void PrintTo(const MergeCase& c, std::ostream* os) { *os << c.name; }

class MergeTest : public ::testing::TestWithParam<MergeCase> {};

TEST_P(MergeTest, ThreeWay) {
  const auto& c = GetParam();
  MergeResult r = mergeFields(c.base, c.local, c.server);
  EXPECT_EQ(r.merged, c.merged);
  EXPECT_EQ(r.conflicts, c.conflicts);
  EXPECT_EQ(r.toPush, c.toPush);
}

INSTANTIATE_TEST_SUITE_P(
    Table, MergeTest,
    ::testing::Values(
        MergeCase{"nothing_changed", {{"Title", s("a")}}, {{"Title", s("a")}}, {{"Title", s("a")}},
                  {{"Title", s("a")}}, {}, {}},
        MergeCase{"local_only", {{"Title", s("a")}}, {{"Title", s("mine")}}, {{"Title", s("a")}},
                  {{"Title", s("mine")}}, {}, {{"Title", s("mine")}}},
        MergeCase{"server_only", {{"Title", s("a")}}, {{"Title", s("a")}}, {{"Title", s("theirs")}},
                  {{"Title", s("theirs")}}, {}, {}},
        MergeCase{"different_fields_merge",
                  {{"Title", s("a")}, {"Status", s("Not Started")}},
                  {{"Title", s("mine")}, {"Status", s("Not Started")}},
                  {{"Title", s("a")}, {"Status", s("Completed")}},
                  {{"Title", s("mine")}, {"Status", s("Completed")}},
                  {},
                  {{"Title", s("mine")}}},
        MergeCase{"same_change_both_sides", {{"Title", s("a")}}, {{"Title", s("b")}}, {{"Title", s("b")}},
                  {{"Title", s("b")}}, {}, {}},
        MergeCase{"clash_server_wins", {{"Title", s("a")}}, {{"Title", s("mine")}}, {{"Title", s("theirs")}},
                  {{"Title", s("theirs")}}, {{"Title", s("mine"), s("theirs")}}, {}},
        MergeCase{"clash_and_one_sided",
                  {{"Title", s("a")}, {"Body", s("x")}, {"Priority", s("(2) Normal")}},
                  {{"Title", s("mine")}, {"Body", s("x")}, {"Priority", s("(1) High")}},
                  {{"Title", s("theirs")}, {"Body", s("y")}, {"Priority", s("(2) Normal")}},
                  {{"Title", s("theirs")}, {"Body", s("y")}, {"Priority", s("(1) High")}},
                  {{"Title", s("mine"), s("theirs")}},
                  {{"Priority", s("(1) High")}}},
        MergeCase{"server_adds_field", {{"Title", s("a")}}, {{"Title", s("mine")}},
                  {{"Title", s("a")}, {"Modified", s("2024-01-05T09:00:00Z")}},
                  {{"Title", s("mine")}, {"Modified", s("2024-01-05T09:00:00Z")}}, {}, {{"Title", s("mine")}}},
        MergeCase{"local_clears_field", {{"DueDate", s("2024-01-05T00:00:00Z")}}, {{"DueDate", FieldValue{}}},
                  {{"DueDate", s("2024-01-05T00:00:00Z")}}, {{"DueDate", FieldValue{}}}, {},
                  {{"DueDate", FieldValue{}}}},
        MergeCase{"int_vs_double_is_no_change", {{"PercentComplete", std::int64_t{1}}},
                  {{"PercentComplete", std::int64_t{1}}}, {{"PercentComplete", 1.0}},
                  {{"PercentComplete", 1.0}}, {}, {}},
        MergeCase{"clash_on_typed_values", {{"PercentComplete", 0.0}}, {{"PercentComplete", 0.5}},
                  {{"PercentComplete", 1.0}}, {{"PercentComplete", 1.0}},
                  {{"PercentComplete", 0.5, 1.0}}, {}},
        MergeCase{"gone_on_both_sides", {{"Old", s("x")}}, {}, {}, {}, {}, {}}),
    [](const auto& info) { return std::string(info.param.name); });

TEST(MergeDecisionTest, ServerDelete) {
  EXPECT_EQ(onServerDelete(LocalState::Clean), ServerDeleteAction::Remove);
  EXPECT_EQ(onServerDelete(LocalState::Deleted), ServerDeleteAction::Remove);
  EXPECT_EQ(onServerDelete(LocalState::Dirty), ServerDeleteAction::Recreate);
  EXPECT_EQ(onServerDelete(LocalState::Conflict), ServerDeleteAction::Recreate);
}

TEST(MergeDecisionTest, ServerEdit) {
  EXPECT_EQ(onServerEdit(LocalState::Clean, true), ServerEditAction::Overwrite);
  EXPECT_EQ(onServerEdit(LocalState::Dirty, true), ServerEditAction::Merge);
  EXPECT_EQ(onServerEdit(LocalState::Conflict, false), ServerEditAction::Merge);
  EXPECT_EQ(onServerEdit(LocalState::Deleted, true), ServerEditAction::KeepServerNotify);
  EXPECT_EQ(onServerEdit(LocalState::Deleted, false), ServerEditAction::KeepPendingDelete);
}

}  // namespace
}  // namespace deskpane::sync
