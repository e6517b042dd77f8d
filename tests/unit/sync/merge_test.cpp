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

// A local delete against a newer server version: the version is the user's
// own when every editable field it changed holds the local value.
struct EchoCase {
  const char* name;
  Fields base, local, server;
  bool onlyLocal;
};

class ServerHoldsOnlyLocalValuesTest : public ::testing::TestWithParam<EchoCase> {};

TEST_P(ServerHoldsOnlyLocalValuesTest, Case) {
  const auto& c = GetParam();
  EXPECT_EQ(serverHoldsOnlyLocalValues(ListKind::Tasks, c.base, c.local, c.server), c.onlyLocal);
}

INSTANTIATE_TEST_SUITE_P(
    Table, ServerHoldsOnlyLocalValuesTest,
    ::testing::Values(
        EchoCase{"own_edit_came_back", {{"Title", s("a")}}, {{"Title", s("mine")}}, {{"Title", s("mine")}}, true},
        EchoCase{"someone_else_edited", {{"Title", s("a")}}, {{"Title", s("a")}}, {{"Title", s("theirs")}}, false},
        EchoCase{"both_edited_differently", {{"Title", s("a")}}, {{"Title", s("mine")}}, {{"Title", s("theirs")}},
                 false},
        EchoCase{"only_computed_fields_moved", {{"Title", s("a")}, {"Modified", s("2026-01-01T00:00:00Z")}},
                 {{"Title", s("a")}, {"Modified", s("2026-01-01T00:00:00Z")}},
                 {{"Title", s("a")}, {"Modified", s("2026-02-01T00:00:00Z")}}, true},
        EchoCase{"own_edit_plus_theirs_on_another_field", {{"Title", s("a")}, {"Status", s("Not Started")}},
                 {{"Title", s("mine")}, {"Status", s("Not Started")}},
                 {{"Title", s("mine")}, {"Status", s("Completed")}}, false},
        EchoCase{"server_cleared_a_field_the_user_kept", {{"Title", s("a")}, {"Body", s("text")}},
                 {{"Title", s("a")}, {"Body", s("text")}}, {{"Title", s("a")}}, false},
        EchoCase{"user_cleared_it_too", {{"Title", s("a")}, {"Body", s("text")}}, {{"Title", s("a")}},
                 {{"Title", s("a")}}, true},
        EchoCase{"local_edit_not_yet_on_server", {{"Title", s("a")}}, {{"Title", s("mine")}},
                 {{"Title", s("a")}, {"Modified", s("2026-02-01T00:00:00Z")}}, true}),
    [](const auto& info) { return std::string(info.param.name); });

}  // namespace
}  // namespace deskpane::sync
