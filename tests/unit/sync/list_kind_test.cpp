#include "sync/list_kind.h"

#include <gtest/gtest.h>

#include <string>

namespace deskpane::sync {
namespace {

struct KindCase {
  ListKind kind;
  const char* key;
  const char* title;
  int baseTemplate;
};

class ListKindTest : public ::testing::TestWithParam<KindCase> {};

TEST_P(ListKindTest, NamesAndTemplatesMatchDesign) {
  const auto& c = GetParam();
  EXPECT_EQ(listKindKey(c.kind), c.key);
  EXPECT_EQ(listKindTitle(c.kind), c.title);
  EXPECT_EQ(listKindTemplate(c.kind), c.baseTemplate);
  EXPECT_EQ(listKindFromKey(c.key), c.kind);
  EXPECT_EQ(listKindFromKey(c.title), c.kind) << "keys are case-insensitive";
}

INSTANTIATE_TEST_SUITE_P(AllKinds, ListKindTest,
                         ::testing::Values(KindCase{ListKind::Calendar, "calendar", "Calendar", 106},
                                           KindCase{ListKind::Contacts, "contacts", "Contacts", 105},
                                           KindCase{ListKind::Tasks, "tasks", "Tasks", 171},
                                           KindCase{ListKind::Notes, "notes", "Notes", 100},
                                           KindCase{ListKind::Inbox, "inbox", "Inbox", 108}));

TEST(ListKind, UnknownKeyIsRejected) {
  EXPECT_FALSE(listKindFromKey("mail").has_value());
  EXPECT_FALSE(listKindFromKey("").has_value());
}

}  // namespace
}  // namespace deskpane::sync
