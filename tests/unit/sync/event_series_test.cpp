// sync::nextOccurrences: a calendar list's items in, each series' next
// occurrence out (table-driven), and systemTimeZone's readings of $TZ.
#include "sync/event_series.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <string>
#include <vector>

namespace deskpane::sync {
namespace {

constexpr const char* kWeeklyMonWed =
    "<recurrence><rule><firstDayOfWeek>su</firstDayOfWeek><repeat><weekly mo=\"TRUE\" we=\"TRUE\" "
    "weekFrequency=\"1\"/></repeat><repeatForever>FALSE</repeatForever></rule></recurrence>";
constexpr const char* kDailyThreeTimes =
    "<recurrence><rule><firstDayOfWeek>su</firstDayOfWeek><repeat><daily dayFrequency=\"1\"/></repeat>"
    "<repeatInstances>3</repeatInstances></rule></recurrence>";

Item event(std::int64_t id, Fields fields) {
  Item item;
  item.id = id;
  item.fields = std::move(fields);
  return item;
}

Item weeklyMaster(std::int64_t id) {  // Mon+Wed 09:00-09:30 from Mon 2 Nov 2026, forever
  return event(id, {{"Title", "Stand-up"},
                    {"EventDate", "2026-11-02T09:00:00Z"},
                    {"EndDate", "2027-12-31T09:30:00Z"},
                    {"fRecurrence", true},
                    {"EventType", std::int64_t{1}},
                    {"RecurrenceData", kWeeklyMonWed}});
}

Item exception(std::int64_t id, std::int64_t master, int type, const char* recurrenceId, const char* start,
               const char* end) {
  return event(id, {{"Title", "Stand-up"},
                    {"EventDate", start},
                    {"EndDate", end},
                    {"fRecurrence", true},
                    {"EventType", std::int64_t{type}},
                    {"MasterSeriesItemID", master},
                    {"RecurrenceID", recurrenceId}});
}

struct Case {
  const char* name;
  std::vector<Item> events;
  const char* now;
  // master id → expected next start ("" = no entry)
  std::vector<std::pair<std::int64_t, const char*>> expected;
};

TEST(EventSeries, NextOccurrenceTable) {
  const std::vector<Case> cases = {
      {"before today's slot: today", {weeklyMaster(1)}, "2026-11-30T08:00:00Z", {{1, "2026-11-30T09:00:00Z"}}},
      {"during today's slot: still today", {weeklyMaster(1)}, "2026-11-30T09:10:00Z", {{1, "2026-11-30T09:00:00Z"}}},
      {"after today's slot: Wednesday", {weeklyMaster(1)}, "2026-11-30T10:00:00Z", {{1, "2026-12-02T09:00:00Z"}}},
      {"before the series starts: its first slot", {weeklyMaster(1)}, "2026-10-01T00:00:00Z",
       {{1, "2026-11-02T09:00:00Z"}}},
      {"a deleted occurrence is skipped",
       {weeklyMaster(1), exception(2, 1, 3, "2026-12-02T09:00:00Z", "2026-12-02T09:00:00Z", "2026-12-02T09:30:00Z")},
       "2026-11-30T10:00:00Z",
       {{1, "2026-12-07T09:00:00Z"}}},
      {"a moved occurrence belongs to its own item",
       {weeklyMaster(1), exception(3, 1, 4, "2026-12-02T09:00:00Z", "2026-12-02T15:00:00Z", "2026-12-02T15:30:00Z")},
       "2026-11-30T10:00:00Z",
       {{1, "2026-12-07T09:00:00Z"}, {3, ""}}},
      {"an exception of another series changes nothing",
       {weeklyMaster(1), exception(4, 99, 3, "2026-12-02T09:00:00Z", "2026-12-02T09:00:00Z", "2026-12-02T09:30:00Z")},
       "2026-11-30T10:00:00Z",
       {{1, "2026-12-02T09:00:00Z"}}},
      {"a finished series has none",
       {event(5, {{"EventDate", "2026-11-01T12:00:00Z"},
                  {"EndDate", "2026-11-03T13:00:00Z"},
                  {"fRecurrence", true},
                  {"EventType", std::int64_t{1}},
                  {"RecurrenceData", kDailyThreeTimes}})},
       "2026-11-30T10:00:00Z",
       {{5, ""}}},
      {"an unreadable rule has none",
       {event(6, {{"EventDate", "2026-11-01T12:00:00Z"},
                  {"EndDate", "2026-12-31T13:00:00Z"},
                  {"fRecurrence", true},
                  {"EventType", std::int64_t{1}},
                  {"RecurrenceData", "<recurrence><rule>"}})},
       "2026-11-30T10:00:00Z",
       {{6, ""}}},
      {"a single event is no series",
       {event(7, {{"EventDate", "2026-12-01T12:00:00Z"}, {"EndDate", "2026-12-01T13:00:00Z"}})},
       "2026-11-30T10:00:00Z",
       {{7, ""}}},
  };
  for (const auto& c : cases) {
    const auto next = nextOccurrences(c.events, *parseUtcTime(c.now), "UTC");
    for (const auto& [id, start] : c.expected) {
      const auto it = next.find(id);
      if (*start == '\0') {
        EXPECT_EQ(it, next.end()) << c.name << ": item " << id;
      } else {
        ASSERT_NE(it, next.end()) << c.name << ": item " << id;
        EXPECT_EQ(formatUtcTime(it->second.start), start) << c.name;
        EXPECT_GT(it->second.end, it->second.start) << c.name;
      }
    }
  }
}

TEST(EventSeries, WallClockFollowsTheZoneAcrossDst) {
  // 09:00 in Berlin is 08:00Z in winter; the series began in summer (07:00Z).
  Item master = weeklyMaster(1);
  master.fields["EventDate"] = std::string("2026-08-03T07:00:00Z");
  master.fields["EndDate"] = std::string("2027-12-31T07:30:00Z");
  const auto next = nextOccurrences({master}, *parseUtcTime("2026-11-30T06:00:00Z"), "Europe/Berlin");
  ASSERT_EQ(next.count(1), 1u);
  EXPECT_EQ(formatUtcTime(next.at(1).start), "2026-11-30T08:00:00Z");
}

TEST(EventSeries, SystemTimeZoneReadsTz) {
  const char* saved = std::getenv("TZ");
  const std::string keep = saved ? saved : "";
  const std::pair<const char*, const char*> cases[] = {
      {"Europe/Berlin", "Europe/Berlin"},
      {":America/New_York", "America/New_York"},
      {"/usr/share/zoneinfo/Asia/Tokyo", "Asia/Tokyo"},
  };
  for (const auto& [tz, name] : cases) {
    setenv("TZ", tz, 1);
    EXPECT_EQ(systemTimeZone(), name) << tz;
  }
  if (saved) setenv("TZ", keep.c_str(), 1);
  else unsetenv("TZ");
}

}  // namespace
}  // namespace deskpane::sync
