#include "sync/item.h"

#include <gtest/gtest.h>

#include <string>

#include "sync/item_json.h"

namespace deskpane::sync {
namespace {

struct EtagCase {
  const char* etag;
  std::optional<std::int64_t> version;
};

class EtagVersionTest : public ::testing::TestWithParam<EtagCase> {};

TEST_P(EtagVersionTest, ParsesEveryFormSharePointSends) {
  EXPECT_EQ(etagVersion(GetParam().etag), GetParam().version) << GetParam().etag;
}

INSTANTIATE_TEST_SUITE_P(
    Forms, EtagVersionTest,
    ::testing::Values(EtagCase{"\"4\"", 4}, EtagCase{"4", 4}, EtagCase{"\"12\"", 12},
                      EtagCase{"\"34501734-b43e-455e-badb-142ade3ef2f1,9\"", 9},
                      EtagCase{"34501734-b43e-455e-badb-142ade3ef2f1,1", 1},
                      EtagCase{"\"{12AD05BB-59B8-43AA-9456-77C44E9BC066},756\"", 756},
                      EtagCase{"W/\"3\"", 3}, EtagCase{"*", std::nullopt}, EtagCase{"", std::nullopt},
                      EtagCase{"\"12ad05bb-59b8-43aa-9456-77c44e9bc066\"", std::nullopt}));

TEST(ItemTest, LenientTypedReads) {
  Item it;
  it.fields = {{"Checkmark", std::string("1")},     {"Pct", std::int64_t{1}},
               {"PctD", 0.25},                      {"Flag", true},
               {"Num", std::string("42")},          {"Null", FieldValue{}},
               {"Text", std::string("hello")}};
  EXPECT_TRUE(it.flag("Checkmark"));
  EXPECT_FALSE(it.flag("Missing"));
  EXPECT_FALSE(it.flag("Null"));
  EXPECT_EQ(it.number("Pct"), 1.0);
  EXPECT_EQ(it.number("PctD"), 0.25);
  EXPECT_EQ(it.integer("Num"), 42);
  EXPECT_EQ(it.integer("Text"), std::nullopt);
  EXPECT_EQ(it.text("Null"), "");
  EXPECT_EQ(it.text("Pct"), "1");
  EXPECT_EQ(it.text("Text"), "hello");
  EXPECT_TRUE(it.has("Null"));
  EXPECT_FALSE(it.has("Missing"));
}

TEST(ItemTest, SameValueTreatsIntAndDoubleAsNumbers) {
  EXPECT_TRUE(sameValue(std::int64_t{1}, 1.0));
  EXPECT_FALSE(sameValue(std::int64_t{1}, 1.5));
  EXPECT_FALSE(sameValue(std::string("1"), std::int64_t{1}));
  EXPECT_FALSE(sameValue(FieldValue{}, std::string("")));
  EXPECT_TRUE(sameValue(FieldValue{}, FieldValue{}));
}

TEST(ItemViewTest, EventRoundTrip) {
  Item it;
  Event ev(it);
  ev.setTitle("Standup");
  ev.setEventDate("2024-01-05T09:00:00Z");
  ev.setEndDate("2024-01-05T09:15:00Z");
  ev.setAllDay(false);
  ev.setRecurrence(true);
  ev.setEventType(Event::RecurringMaster);
  ev.setRecurrenceData("<recurrence/>");
  ev.setLocation("Room 1");
  ev.setMasterSeriesItemId(std::nullopt);
  EXPECT_EQ(it.text("Title"), "Standup");
  EXPECT_EQ(it.text("EventDate"), "2024-01-05T09:00:00Z");
  EXPECT_TRUE(it.flag("fRecurrence"));
  EXPECT_EQ(it.integer("EventType"), 1);
  EXPECT_TRUE(std::holds_alternative<std::monostate>(*it.find("MasterSeriesItemID")));
  const Item& cref = it;
  ConstEvent ro(cref);
  EXPECT_EQ(ro.eventType(), Event::RecurringMaster);
  EXPECT_EQ(ro.location(), "Room 1");
  EXPECT_FALSE(ro.masterSeriesItemId().has_value());
}

TEST(ItemViewTest, ContactFullNameFallsBackToParts) {
  Item it;
  Contact c(it);
  c.setLastName("Lovelace");
  c.setFirstName("Ada");
  EXPECT_EQ(c.fullName(), "Ada Lovelace");
  c.setFullName("Countess Ada");
  EXPECT_EQ(c.fullName(), "Countess Ada");
  c.setEmail("ada@example.com");
  EXPECT_EQ(it.text("Email"), "ada@example.com");
  EXPECT_EQ(it.text("Title"), "Lovelace");
}

TEST(ItemViewTest, TaskCompletionAndPercentClamp) {
  Item it;
  Task t(it);
  t.setPercentComplete(1.7);
  EXPECT_EQ(t.percentComplete(), 1.0);
  t.setCompleted(true);
  EXPECT_TRUE(t.completed());
  EXPECT_EQ(it.text("Status"), "Completed");
  t.setCompleted(false);
  EXPECT_FALSE(t.completed());
  EXPECT_EQ(t.percentComplete(), 0.0);
  t.setDueDate("");
  EXPECT_TRUE(std::holds_alternative<std::monostate>(*it.find("DueDate")));
  it.set("Checkmark", std::string("1"));
  EXPECT_TRUE(ConstTask(it).completed());
}

TEST(ItemViewTest, MessageThreadOrReply) {
  Item thread;
  thread.fields = {{"FileSystemObjectType", std::int64_t{1}}, {"Author/Title", std::string("Bob")}};
  EXPECT_TRUE(ConstMessage(thread).isDiscussion());
  EXPECT_EQ(ConstMessage(thread).author(), "Bob");
  Item reply;
  Message m(reply);
  m.setDiscussion(false);
  m.setParentItemId(7);
  EXPECT_FALSE(m.isDiscussion());
  EXPECT_EQ(m.parentItemId(), 7);
}

TEST(ItemViewTest, NoteColour) {
  Item it;
  Note n(it);
  n.setBody("milk");
  n.setColor("yellow");
  EXPECT_EQ(ConstNote(it).color(), "yellow");
  EXPECT_EQ(ConstNote(it).body(), "milk");
}

}  // namespace
}  // namespace deskpane::sync
