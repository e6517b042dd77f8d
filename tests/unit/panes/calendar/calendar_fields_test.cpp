// What a CalendarModel keeps of each cached item (withCalendarFields): the
// fields the calendar reads, nothing else, and reads that give what the full
// item gives.
#include "overlay/calendar/calendar_model.h"

#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <vector>

namespace deskpane::overlay::calendar {
namespace {

sync::Item itemWith(std::int64_t id, sync::Fields fields) {
  sync::Item item;
  item.id = id;
  item.uniqueId = "guid-" + std::to_string(id);
  item.etag = "\"2\"";
  item.modified = "2024-01-05T09:00:00Z";
  item.state = sync::LocalState::Dirty;
  item.fields = std::move(fields);
  return item;
}

std::string names(const sync::Item& item) {
  std::string out;
  for (const auto& [name, value] : item.fields) out += (out.empty() ? "" : ",") + name;
  return out;
}

// Everything the calendar reads of an event, as one line.
std::string reads(const sync::Item& item) {
  const sync::ConstEvent e(item);
  auto num = [](std::optional<std::int64_t> v) { return v ? std::to_string(*v) : std::string("-"); };
  return e.title() + "|" + e.eventDate() + "|" + e.endDate() + "|" + std::to_string(e.allDay()) + "|" +
         std::to_string(e.recurrence()) + "|" + e.recurrenceData() + "|" + std::to_string(e.eventType()) + "|" +
         num(e.masterSeriesItemId()) + "|" + e.recurrenceId() + "|" + e.uid() + "|" + e.location() + "|" +
         e.description() + "|" + e.category() + "|" + num(item.integer("Duration")) + "|" +
         num(item.integer("TimeZone"));
}

struct Case {
  const char* what;
  sync::Fields fields;
  const char* kept;  // field names, sorted as Fields sorts them
};

TEST(CalendarFields, KeepsWhatTheCalendarReadsAsTheTableSays) {
  const std::vector<Case> cases = {
      {"a single event as the server sends it: common columns, nulls, false flags and EventType 0 go",
       {{"Title", std::string("Standup")}, {"EventDate", std::string("2024-01-05T09:00:00Z")},
        {"EndDate", std::string("2024-01-05T09:15:00Z")}, {"fAllDayEvent", false}, {"fRecurrence", false},
        {"EventType", std::int64_t{0}}, {"Location", std::string("Room 1")}, {"Description", std::monostate{}},
        {"RecurrenceData", std::monostate{}}, {"MasterSeriesItemID", std::monostate{}},
        {"RecurrenceID", std::monostate{}}, {"UID", std::monostate{}}, {"Duration", std::monostate{}},
        {"TimeZone", std::monostate{}}, {"GUID", std::string("6f9619ff")},
        {"Created", std::string("2024-01-01T08:00:00Z")}, {"Modified", std::string("2024-01-02T08:00:00Z")},
        {"Author/Title", std::string("Alice")}},
       "EndDate,EventDate,Location,Title"},
      {"an all-day single event keeps its flag; a null Category goes (it has no series to ask)",
       {{"Title", std::string("Holiday")}, {"EventDate", std::string("2024-05-01T00:00:00Z")},
        {"EndDate", std::string("2024-05-01T23:59:00Z")}, {"fAllDayEvent", true}, {"EventType", std::int64_t{0}},
        {"Category", std::monostate{}}},
       "EndDate,EventDate,Title,fAllDayEvent"},
      {"a series master keeps its rule, zone, duration and UID",
       {{"Title", std::string("Weekly")}, {"EventDate", std::string("2024-01-01T09:00:00Z")},
        {"EndDate", std::string("2024-12-31T10:00:00Z")}, {"fRecurrence", true}, {"EventType", std::int64_t{1}},
        {"RecurrenceData", std::string("<recurrence/>")}, {"UID", std::string("{uid}")},
        {"Duration", std::int64_t{3600}}, {"TimeZone", std::int64_t{4}}, {"Description", std::string("<p>x</p>")},
        {"Category", std::string("Meeting")}},
       "Category,Description,Duration,EndDate,EventDate,EventType,RecurrenceData,TimeZone,Title,UID,fRecurrence"},
      {"a deleted occurrence keeps its type and slot",
       {{"Title", std::string("Gone")}, {"EventType", std::int64_t{3}}, {"MasterSeriesItemID", std::int64_t{7}},
        {"RecurrenceID", std::string("2024-01-15T09:00:00Z")}, {"fAllDayEvent", false}},
       "EventType,MasterSeriesItemID,RecurrenceID,Title"},
      {"a changed occurrence keeps its series link and a null Category (no category, not the series')",
       {{"Title", std::string("Moved")}, {"EventType", std::int64_t{4}}, {"MasterSeriesItemID", std::int64_t{7}},
        {"RecurrenceID", std::string("2024-01-08T09:00:00Z")}, {"Category", std::monostate{}},
        {"Location", std::monostate{}}},
       "Category,EventType,MasterSeriesItemID,RecurrenceID,Title"},
      {"nothing the calendar reads", {{"Created", std::string("2024-01-01T08:00:00Z")}, {"Color", std::string("x")}}, ""},
  };
  for (const auto& c : cases) {
    const sync::Item full = itemWith(5, c.fields);
    const sync::Item kept = withCalendarFields(full);
    EXPECT_EQ(names(kept), c.kept) << c.what;
    // The item's identity and state travel along; every read gives what the full item gives.
    EXPECT_EQ(kept.id, full.id) << c.what;
    EXPECT_EQ(kept.uniqueId, full.uniqueId) << c.what;
    EXPECT_EQ(kept.etag, full.etag) << c.what;
    EXPECT_EQ(kept.state, full.state) << c.what;
    EXPECT_EQ(reads(kept), reads(full)) << c.what;
    // Only an occurrence of a series asks whether it has a Category at all.
    if (sync::ConstEvent(full).eventType() >= sync::Event::DeletedOccurrence) {
      EXPECT_EQ(kept.has(sync::field::Category), full.has(sync::field::Category)) << c.what;
    }
  }
}

TEST(CalendarFields, TheModelHoldsTheSlimItems) {
  std::vector<sync::Item> items = {
      itemWith(1, {{"Title", std::string("A")}, {"EventDate", std::string("2024-01-05T09:00:00Z")},
                   {"EndDate", std::string("2024-01-05T10:00:00Z")}, {"Created", std::string("2024-01-01T08:00:00Z")},
                   {"UID", std::monostate{}}}),
  };
  items.push_back(items[0]);
  items.back().id = 2;
  items.back().state = sync::LocalState::Deleted;
  const CalendarModel model(items, CalendarZones{});
  ASSERT_EQ(model.items().size(), 1u);
  ASSERT_NE(model.item(1), nullptr);
  EXPECT_EQ(names(*model.item(1)), "EndDate,EventDate,Title");
  EXPECT_EQ(model.item(2), nullptr);
  EXPECT_EQ(model.occurrences({2024, 1, 5}, {2024, 1, 6}).size(), 1u);
}

}  // namespace
}  // namespace deskpane::overlay::calendar
