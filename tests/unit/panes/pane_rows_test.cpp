#include "overlay/pane_rows.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <ctime>

namespace deskpane::overlay {
namespace {

using sync::Item;
using sync::ListKind;

class PaneRows : public ::testing::Test {
 protected:
  // Local time = UTC so the expected texts do not depend on the machine.
  void SetUp() override {
    setenv("TZ", "UTC", 1);
    tzset();
  }
  // Tuesday 26 November 2024, 12:00 UTC.
  const Clock::time_point now_ = *parseIsoUtc("2024-11-26T12:00:00Z");
};

Item make(std::int64_t id, sync::Fields fields) {
  Item item;
  item.id = id;
  item.fields = std::move(fields);
  return item;
}

struct IsoCase {
  const char* text;
  bool valid;
  std::int64_t epoch;
};

TEST_F(PaneRows, ParseIsoUtc) {
  const IsoCase cases[] = {
      {"1970-01-01T00:00:00Z", true, 0},
      {"2024-11-26T12:00:00Z", true, 1732622400},
      {"2024-11-26T12:00:00.123Z", true, 1732622400},
      {"2024-11-26", true, 1732579200},
      {"", false, 0},
      {"yesterday", false, 0},
      {"2024-13-01T00:00:00Z", false, 0},
  };
  for (const auto& c : cases) {
    const auto t = parseIsoUtc(c.text);
    ASSERT_EQ(t.has_value(), c.valid) << c.text;
    if (t) {
      EXPECT_EQ(Clock::to_time_t(*t), c.epoch) << c.text;
    }
  }
}

TEST_F(PaneRows, EventsSortedByStartWithDayTimeAndLocation) {
  std::vector<Item> items{
      make(1, {{"Title", "Review"}, {"EventDate", "2024-11-28T14:30:00Z"}, {"EndDate", "2024-11-28T15:00:00Z"},
               {"Location", "Room 4"}}),
      make(2, {{"Title", "Stand-up"}, {"EventDate", "2024-11-26T09:00:00Z"}, {"EndDate", "2024-11-26T09:15:00Z"}}),
      make(3, {{"Title", "Holiday"}, {"EventDate", "2024-12-02T00:00:00Z"}, {"EndDate", "2024-12-02T23:59:00Z"},
               {"fAllDayEvent", true}}),
      make(4, {{"Title", "Gone"}, {"EventDate", "2024-11-27T09:00:00Z"}, {"EventType", std::int64_t{3}}}),
  };
  items.push_back(make(6, {{"Title", "Weekly"}, {"EventDate", "2024-10-01T08:00:00Z"},
                           {"EndDate", "2024-10-01T09:00:00Z"}, {"fRecurrence", true}}));
  items.push_back(make(5, {{"Title", "Last week"}, {"EventDate", "2024-11-19T09:00:00Z"},
                           {"EndDate", "2024-11-19T10:00:00Z"}}));
  auto rows = paneRows(ListKind::Calendar, items, now_);
  ASSERT_EQ(rows.size(), 5u);
  // A series is never "past"; it shows its first occurrence for now.
  EXPECT_EQ(rows[0].title, "Weekly");
  EXPECT_EQ(rows[0].detail, "Repeats from Tue 1 Oct 08:00");
  rows.erase(rows.begin());
  // Coming events first, soonest on top; then past ones, most recent first.
  EXPECT_EQ(rows[0].title, "Review");
  EXPECT_EQ(rows[0].detail, "Thu 28 Nov 14:30 · Room 4");
  EXPECT_FALSE(rows[0].muted);
  EXPECT_EQ(rows[1].detail, "Mon 2 Dec · all day");
  EXPECT_EQ(rows[2].title, "Stand-up");
  EXPECT_EQ(rows[2].detail, "Today 09:00");
  EXPECT_TRUE(rows[2].muted);  // ended before now
  EXPECT_EQ(rows[3].title, "Last week");
}

TEST_F(PaneRows, TasksOpenFirstByDueDateOverdueEmphasised) {
  std::vector<Item> items{
      make(1, {{"Title", "Done thing"}, {"Status", "Completed"}}),
      make(2, {{"Title", "Later"}, {"DueDate", "2024-12-10T00:00:00Z"}, {"Status", "Not Started"}}),
      make(3, {{"Title", "Late"}, {"DueDate", "2024-11-20T00:00:00Z"}, {"Priority", "(1) High"}}),
      make(4, {{"Title", "No date"}, {"Status", "In Progress"}}),
  };
  const auto rows = paneRows(ListKind::Tasks, items, now_);
  ASSERT_EQ(rows.size(), 4u);
  EXPECT_EQ(rows[0].title, "Late");
  EXPECT_EQ(rows[0].detail, "Due Wed 20 Nov · high priority");
  EXPECT_TRUE(rows[0].emphasised);
  EXPECT_EQ(rows[1].title, "Later");
  EXPECT_FALSE(rows[1].emphasised);
  EXPECT_EQ(rows[2].detail, "In Progress");
  EXPECT_EQ(rows[3].title, "Done thing");
  EXPECT_TRUE(rows[3].muted);
}

TEST_F(PaneRows, ContactsByNameWithCompanyAndMail) {
  std::vector<Item> items{
      make(1, {{"Title", "Zeta"}, {"FirstName", "Ann"}, {"Company", "Contoso"}, {"Email", "ann@contoso.com"}}),
      make(2, {{"Title", "Adams"}, {"FirstName", "Bob"}, {"WorkPhone", "+1 555"}}),
  };
  const auto rows = paneRows(ListKind::Contacts, items, now_);
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0].title, "Ann Zeta");
  EXPECT_EQ(rows[0].detail, "Contoso · ann@contoso.com");
  EXPECT_EQ(rows[1].title, "Bob Adams");
  EXPECT_EQ(rows[1].detail, "+1 555");
}

TEST_F(PaneRows, InboxShowsThreadsNewestFirstWithoutReplies) {
  std::vector<Item> items{
      make(1, {{"Title", "Old thread"}, {"FileSystemObjectType", std::int64_t{1}},
               {"DiscussionLastUpdated", "2024-11-01T08:00:00Z"}, {"Author/Title", "Ann"}}),
      make(2, {{"Title", "New thread"}, {"FileSystemObjectType", std::int64_t{1}},
               {"DiscussionLastUpdated", "2024-11-26T10:00:00Z"}}),
      make(3, {{"Title", ""}, {"ParentItemID", std::int64_t{1}}, {"Body", "a reply"}}),
  };
  const auto rows = paneRows(ListKind::Inbox, items, now_);
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0].title, "New thread");
  EXPECT_EQ(rows[0].detail, "Today 10:00");
  EXPECT_EQ(rows[1].detail, "Ann · Fri 1 Nov 08:00");
}

TEST_F(PaneRows, LocalStateMarksRowsAndEmptyTitlesAreNamed) {
  Item dirty = make(1, {{"NoteBody", "<div>Milk</div><div>Eggs</div>"}});
  dirty.state = sync::LocalState::Dirty;
  Item conflict = make(2, {{"Title", "Both edited"}});
  conflict.state = sync::LocalState::Conflict;
  const auto rows = paneRows(ListKind::Notes, {dirty, conflict}, now_);
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0].title, "(no title)");
  EXPECT_EQ(rows[0].detail, "Milk");
  EXPECT_TRUE(rows[0].pending);
  EXPECT_TRUE(rows[1].conflict);
}

struct StateCase {
  sync::SyncState state;
  int pending, conflicts;
  bool synced;
  const char* expected;
};

TEST_F(PaneRows, SyncStateText) {
  const StateCase cases[] = {
      {sync::SyncState::Synced, 0, 0, true, "Synced 10:42"},
      {sync::SyncState::Synced, 0, 0, false, "Not synced yet"},
      {sync::SyncState::Synced, 3, 0, true, "3 waiting"},
      {sync::SyncState::Synced, 1, 1, true, "Conflict"},
      {sync::SyncState::Synced, 0, 2, true, "2 conflicts"},
      {sync::SyncState::Offline, 0, 0, true, "Offline"},
      {sync::SyncState::Offline, 3, 0, true, "Offline · 3 waiting"},
      {sync::SyncState::Syncing, 0, 0, true, "Syncing…"},
      {sync::SyncState::SignInNeeded, 0, 0, false, "Sign-in needed"},
      {sync::SyncState::Error, 0, 0, true, "Error"},
  };
  for (const auto& c : cases) {
    sync::ListStatus s;
    s.state = c.state;
    s.pendingChanges = c.pending;
    s.conflicts = c.conflicts;
    if (c.synced) s.lastSync = *parseIsoUtc("2024-11-26T10:42:10Z");
    EXPECT_EQ(syncStateText(s), c.expected);
  }
  // Refused changes show before plain waiting ones, after conflicts.
  sync::ListStatus refused;
  refused.lastSync = *parseIsoUtc("2024-11-26T10:42:10Z");
  refused.pendingChanges = 3;
  refused.refusedChanges = 1;
  EXPECT_EQ(syncStateText(refused), "1 change refused");
  refused.refusedChanges = 2;
  EXPECT_EQ(syncStateText(refused), "2 changes refused");
  refused.conflicts = 1;
  EXPECT_EQ(syncStateText(refused), "Conflict");
}

TEST_F(PaneRows, SyncStateDetailSaysChangesAreSafeWhenOffline) {
  sync::ListStatus s;
  s.state = sync::SyncState::Offline;
  s.message = "Failed to connect to any resolved endpoint";
  EXPECT_EQ(syncStateDetail(s),
            "The site cannot be reached. What you change here is kept and sent when it can be.\n"
            "(Failed to connect to any resolved endpoint)");
  s.message.clear();
  EXPECT_EQ(syncStateDetail(s), "The site cannot be reached. What you change here is kept and sent when it can be.");
  s.state = sync::SyncState::Error;
  s.message = "HTTP 500: the server failed";
  EXPECT_EQ(syncStateDetail(s), "HTTP 500: the server failed");
  s.state = sync::SyncState::Synced;
  s.message.clear();
  EXPECT_EQ(syncStateDetail(s), "");
}

TEST_F(PaneRows, NextEventIsTheFirstNotEnded) {
  std::vector<Item> items{
      make(1, {{"Title", "Past"}, {"EventDate", "2024-11-25T09:00:00Z"}, {"EndDate", "2024-11-25T10:00:00Z"}}),
      make(2, {{"Title", "Lunch"}, {"EventDate", "2024-11-27T12:00:00Z"}, {"EndDate", "2024-11-27T13:00:00Z"}}),
      make(3, {{"Title", "Now on"}, {"EventDate", "2024-11-26T11:00:00Z"}, {"EndDate", "2024-11-26T13:00:00Z"}}),
  };
  EXPECT_EQ(nextEventText(items, now_).value_or("none"), "Now on · Today 11:00");
  EXPECT_FALSE(nextEventText({items[0]}, now_));
}

// Every Tuesday and Thursday 15:00-16:00 UTC since Tue 1 Oct 2024.
Item weeklySeries(std::int64_t id) {
  return make(id, {{"Title", "Design review"},
                   {"EventDate", "2024-10-01T15:00:00Z"},
                   {"EndDate", "2025-12-31T16:00:00Z"},
                   {"fRecurrence", true},
                   {"EventType", std::int64_t{1}},
                   {"Location", "Room 2"},
                   {"RecurrenceData",
                    "<recurrence><rule><firstDayOfWeek>su</firstDayOfWeek><repeat><weekly tu=\"TRUE\" th=\"TRUE\" "
                    "weekFrequency=\"1\"/></repeat><repeatForever>FALSE</repeatForever></rule></recurrence>"}});
}

TEST_F(PaneRows, SeriesListedAtTheirNextOccurrence) {
  std::vector<Item> items{
      weeklySeries(1),
      make(2, {{"Title", "Dentist"}, {"EventDate", "2024-11-26T16:30:00Z"}, {"EndDate", "2024-11-26T17:00:00Z"}}),
      make(3, {{"Title", "Offsite"}, {"EventDate", "2024-11-27T08:00:00Z"}, {"EndDate", "2024-11-27T17:00:00Z"}}),
  };
  auto rows = paneRows(ListKind::Calendar, items, now_);  // Tue 26 Nov 12:00
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[0].title, "Design review");
  EXPECT_EQ(rows[0].detail, "Today 15:00 · repeats · Room 2");
  EXPECT_FALSE(rows[0].muted);
  EXPECT_EQ(rows[1].title, "Dentist");
  EXPECT_EQ(rows[2].title, "Offsite");
  // After today's slot the series moves to Thursday, behind the offsite.
  rows = paneRows(ListKind::Calendar, items, *parseIsoUtc("2024-11-26T18:00:00Z"));
  EXPECT_EQ(rows[0].title, "Offsite");
  EXPECT_EQ(rows[1].title, "Design review");
  EXPECT_EQ(rows[1].detail, "Thu 28 Nov 15:00 · repeats · Room 2");
  // The tray's "next event" sees the series too.
  EXPECT_EQ(nextEventText(items, now_).value_or("none"), "Design review · Today 15:00");
  // Today's occurrence deleted on the server: Thursday's is next.
  items.push_back(make(4, {{"EventType", std::int64_t{3}},
                           {"MasterSeriesItemID", std::int64_t{1}},
                           {"RecurrenceID", "2024-11-26T15:00:00Z"},
                           {"EventDate", "2024-11-26T15:00:00Z"},
                           {"EndDate", "2024-11-26T16:00:00Z"}}));
  EXPECT_EQ(nextEventText(items, now_).value_or("none"), "Dentist · Today 16:30");
}

// A Pacific 09:00 meeting every Monday (TimeZone 13), 45 minutes by its
// Duration (EndDate's time of day would say an hour), from Mon 4 January 2027
// (17:00Z). `zone` false: no TimeZone field, the site's zone applies.
Item pacificMondays(std::int64_t id, bool zone) {
  sync::Fields f{{"Title", "Planning"},
                 {"EventDate", "2027-01-04T17:00:00Z"},
                 {"EndDate", "2027-12-27T18:00:00Z"},
                 {"fRecurrence", true},
                 {"EventType", std::int64_t{1}},
                 {"Duration", std::int64_t{2700}},
                 {"RecurrenceData",
                  "<recurrence><rule><firstDayOfWeek>su</firstDayOfWeek><repeat><weekly mo=\"TRUE\" "
                  "weekFrequency=\"1\"/></repeat><repeatForever>FALSE</repeatForever></rule></recurrence>"}};
  if (zone) f["TimeZone"] = std::int64_t{13};
  return make(id, std::move(f));
}

// The list and the tray read a series as the Calendar pane does: in its own
// zone, shown in the desktop's, lasting its Duration.
TEST_F(PaneRows, SeriesRecurInTheirOwnZoneAndShowInTheDesktops) {
  setenv("TZ", "Europe/Berlin", 1);
  tzset();
  const std::vector<Item> items{pacificMondays(1, true)};
  // Mon 8 March: both on winter time, 09:00 PST = 17:00Z = 18:00 CET.
  EXPECT_EQ(nextEventText(items, *parseIsoUtc("2027-03-08T08:00:00Z")).value_or("none"), "Planning · Today 18:00");
  // Mon 15 March: the US moved on the 14th, the EU moves on the 28th: 09:00
  // PDT = 16:00Z = 17:00 CET (the desktop's own rules would keep 18:00).
  const auto monday = *parseIsoUtc("2027-03-15T08:00:00Z");
  EXPECT_EQ(nextEventText(items, monday).value_or("none"), "Planning · Today 17:00");
  const auto rows = paneRows(ListKind::Calendar, items, monday);
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].detail, "Today 17:00 · repeats");
  // 45 minutes: at 16:50Z it is over, and next Monday's is next.
  EXPECT_EQ(nextEventText(items, *parseIsoUtc("2027-03-15T16:50:00Z")).value_or("none"), "Planning · Mon 22 Mar 17:00");
  // Without a TimeZone field the site's regional zone (Pacific) applies; with
  // neither, the desktop's.
  const std::vector<Item> siteZoned{pacificMondays(2, false)};
  EXPECT_EQ(nextEventText(siteZoned, monday, 13).value_or("none"), "Planning · Today 17:00");
  EXPECT_EQ(nextEventText(siteZoned, monday, 0).value_or("none"), "Planning · Today 18:00");
  // Kolkata has no DST: 22:30 in winter, 21:30 once Pacific is on summer time.
  setenv("TZ", "Asia/Kolkata", 1);
  tzset();
  EXPECT_EQ(nextEventText(items, *parseIsoUtc("2027-03-08T08:00:00Z")).value_or("none"), "Planning · Today 22:30");
  EXPECT_EQ(nextEventText(items, *parseIsoUtc("2027-06-07T08:00:00Z")).value_or("none"), "Planning · Today 21:30");
}

struct PlainCase {
  const char* in;
  const char* out;
};

TEST_F(PaneRows, FirstLinePlain) {
  const PlainCase cases[] = {
      {"plain", "plain"},
      {"  two\nlines", "two"},
      {"<div class=\"x\"><b>Bold</b> &amp; more</div><div>next</div>", "Bold & more"},
      {"<p>a</p><p>b</p>", "a"},
      {"line<br/>break", "line"},
      {"", ""},
      {"<div></div>", ""},
  };
  for (const auto& c : cases) EXPECT_EQ(firstLinePlain(c.in), c.out) << c.in;
}

}  // namespace
}  // namespace deskpane::overlay
