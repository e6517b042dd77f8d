// The calendar model's layouts (month grid lanes and "+N more", week/day
// overlap columns, the all-day strip, the agenda), the writes the editor
// sends, validation, and the SharePoint zone table. Tables of input → expected.
#include "overlay/calendar/calendar_model.h"
#include "sync/recurrence.h"
#include "sync/sp_time_zones.h"

#include <gtest/gtest.h>

#include <set>

namespace deskpane::overlay::calendar {
namespace {

struct Ev {
  std::int64_t id;
  const char* title;
  const char* start;
  const char* end;
  bool allDay = false;
};

std::vector<sync::Item> itemsOf(const std::vector<Ev>& evs) {
  std::vector<sync::Item> out;
  for (const auto& ev : evs) {
    sync::Item item;
    item.id = ev.id;
    sync::Event e(item);
    e.setTitle(ev.title);
    e.setEventDate(ev.start);
    e.setEndDate(ev.end);
    e.setAllDay(ev.allDay);
    e.setEventType(0);
    out.push_back(item);
  }
  return out;
}

Date d(const char* s) { return *parseDate(s); }

// ---------------------------------------------------------------- month grid

struct BarWant {
  std::string title;
  int week, first, last, lane;
  bool before, after;
};
struct MonthCase {
  const char* name;
  Weekday firstDayOfWeek;
  int maxLanes;
  std::string gridFirst;
  std::map<int, std::vector<std::pair<std::string, int>>> chips;  // cell → (title, lane)
  std::map<int, int> more;                                          // cell → "+N more"
  std::vector<BarWant> bars;
};

// March 2027 starts on a Monday. A: all-day Wed 3 - Fri 5; B: timed Thu 4
// 10:00 - Tue 9 12:00 (a bar across two week rows); C, D: chips on Thu 4;
// E: a chip on Mon 1; F: a one-day all-day event on Sat 6.
const std::vector<Ev> kMonthEvents = {
    {1, "A", "2027-03-03T00:00:00Z", "2027-03-05T23:59:00Z", true},
    {2, "B", "2027-03-04T10:00:00Z", "2027-03-09T12:00:00Z"},
    {3, "C", "2027-03-04T09:00:00Z", "2027-03-04T09:30:00Z"},
    {4, "D", "2027-03-04T11:00:00Z", "2027-03-04T11:30:00Z"},
    {5, "E", "2027-03-01T08:00:00Z", "2027-03-01T09:00:00Z"},
    {6, "F", "2027-03-06T00:00:00Z", "2027-03-06T23:59:00Z", true},
};

class MonthGridTest : public ::testing::TestWithParam<MonthCase> {};

TEST_P(MonthGridTest, PlacesChipsBarsAndMore) {
  const auto& c = GetParam();
  const CalendarModel model(itemsOf(kMonthEvents), CalendarZones{"UTC", 0});
  const auto grid = monthGrid(model, d("2027-03-15"), c.firstDayOfWeek, c.maxLanes, d("2027-03-04"));
  EXPECT_EQ(formatDate(grid.first), c.gridFirst);
  ASSERT_EQ(grid.days.size(), 42u);
  const int thursday = static_cast<int>(daysBetween(grid.first, d("2027-03-04")));
  EXPECT_TRUE(grid.days[thursday].today);
  EXPECT_FALSE(grid.days[thursday - 1].today);
  EXPECT_TRUE(grid.days[thursday].inMonth);
  EXPECT_EQ(grid.days[41].inMonth, false);
  for (int cell = 0; cell < 42; ++cell) {
    std::vector<std::pair<std::string, int>> chips;
    for (const auto& chip : grid.days[cell].chips) chips.push_back({grid.occurrences[chip.occurrence].title, chip.lane});
    const auto want = c.chips.count(cell) ? c.chips.at(cell) : std::vector<std::pair<std::string, int>>{};
    EXPECT_EQ(chips, want) << "cell " << cell;
    EXPECT_EQ(grid.days[cell].moreCount, c.more.count(cell) ? c.more.at(cell) : 0) << "cell " << cell;
    // Only a one-lane cell moves "+N more" beside its day number.
    EXPECT_EQ(grid.days[cell].moreInHeader, c.maxLanes == 1 && c.more.count(cell) > 0) << "cell " << cell;
  }
  std::vector<std::string> bars, wantBars;
  for (const auto& b : grid.bars)
    bars.push_back(grid.occurrences[b.occurrence].title + " w" + std::to_string(b.week) + " " +
                   std::to_string(b.firstColumn) + "-" + std::to_string(b.lastColumn) + " lane" +
                   std::to_string(b.lane) + (b.continuesBefore ? " <" : "") + (b.continuesAfter ? " >" : ""));
  for (const auto& b : c.bars)
    wantBars.push_back(b.title + " w" + std::to_string(b.week) + " " + std::to_string(b.first) + "-" +
                       std::to_string(b.last) + " lane" + std::to_string(b.lane) + (b.before ? " <" : "") +
                       (b.after ? " >" : ""));
  EXPECT_EQ(bars, wantBars);
}

INSTANTIATE_TEST_SUITE_P(
    Cases, MonthGridTest,
    ::testing::Values(
        // Monday weeks, 3 lanes: Thursday holds A (lane 0), B (lane 1), C and
        // D: it overflows, so its last lane shows "+2 more" and C, D hide.
        MonthCase{"monday_three_lanes",
                  Weekday::Monday,
                  3,
                  "2027-03-01",
                  {{0, {{"E", 0}}}},
                  {{3, 2}},
                  {{"A", 0, 2, 4, 0, false, false},
                   {"B", 0, 3, 6, 1, false, true},
                   {"F", 0, 5, 5, 0, false, false},
                   {"B", 1, 0, 1, 0, true, false}}},
        // Four lanes: everything fits; C and D take lanes 2 and 3.
        MonthCase{"monday_four_lanes",
                  Weekday::Monday,
                  4,
                  "2027-03-01",
                  {{0, {{"E", 0}}}, {3, {{"C", 2}, {"D", 3}}}},
                  {},
                  {{"A", 0, 2, 4, 0, false, false},
                   {"B", 0, 3, 6, 1, false, true},
                   {"F", 0, 5, 5, 0, false, false},
                   {"B", 1, 0, 1, 0, true, false}}},
        // Sunday weeks: the grid starts on Sun 28 Feb; B's week break moves
        // to Saturday/Sunday, and 2 lanes leave room for bars only: Thursday
        // hides B (lane 1) there, cutting B's first segment to Fri-Sat.
        MonthCase{"sunday_two_lanes",
                  Weekday::Sunday,
                  2,
                  "2027-02-28",
                  {{1, {{"E", 0}}}},
                  {{4, 3}},
                  {{"A", 0, 3, 5, 0, false, false},
                   {"B", 0, 5, 6, 1, true, true},
                   {"F", 0, 6, 6, 0, false, false},
                   {"B", 1, 0, 2, 0, true, false}}},
        // One lane (a small pane): a day that overflows keeps its lane-0
        // event and counts the rest beside its day number - Thursday shows
        // A and "+3 more" (B, C, D) rather than "+4 more" alone; Friday and
        // Saturday keep A and F and count B; Sunday has only B, in lane 1.
        // B's first week is hidden (its lane is 1); its second week is lane 0.
        MonthCase{"monday_one_lane",
                  Weekday::Monday,
                  1,
                  "2027-03-01",
                  {{0, {{"E", 0}}}},
                  {{3, 3}, {4, 1}, {5, 1}, {6, 1}},
                  {{"A", 0, 2, 4, 0, false, false},
                   {"F", 0, 5, 5, 0, false, false},
                   {"B", 1, 0, 1, 0, true, false}}}),
    [](const auto& info) { return std::string(info.param.name); });

// ---------------------------------------------------------------- week/day

TEST(WeekLayoutTest, OverlapsSideBySideAndAllDayStrip) {
  // Monday 1 March 2027 (UTC desktop): P, Q, R overlap (Q with both), S
  // starts as Q ends (a new group), T is alone, W crosses midnight; U is
  // all-day and V lasts 25 hours, so both go to the all-day strip.
  const CalendarModel model(itemsOf({{1, "P", "2027-03-01T09:00:00Z", "2027-03-01T10:00:00Z"},
                                     {2, "Q", "2027-03-01T09:30:00Z", "2027-03-01T11:00:00Z"},
                                     {3, "R", "2027-03-01T10:00:00Z", "2027-03-01T10:30:00Z"},
                                     {4, "S", "2027-03-01T11:00:00Z", "2027-03-01T12:00:00Z"},
                                     {5, "T", "2027-03-01T13:00:00Z", "2027-03-01T14:00:00Z"},
                                     {6, "W", "2027-03-01T23:00:00Z", "2027-03-02T01:00:00Z"},
                                     {7, "U", "2027-03-01T00:00:00Z", "2027-03-01T23:59:00Z", true},
                                     {8, "V", "2027-03-01T12:00:00Z", "2027-03-02T13:00:00Z"}}),
                            CalendarZones{"UTC", 0});
  const auto layout = weekLayout(model, d("2027-03-01"), 7);
  std::set<std::string> blocks;
  for (const auto& b : layout.blocks)
    blocks.insert(layout.occurrences[b.occurrence].title + " d" + std::to_string(b.day) + " " +
                  std::to_string(b.startMinute) + "-" + std::to_string(b.endMinute) + " " + std::to_string(b.column) +
                  "/" + std::to_string(b.columnCount) + (b.continuesBefore ? " <" : "") +
                  (b.continuesAfter ? " >" : ""));
  const std::set<std::string> want = {"P d0 540-600 0/2",  "Q d0 570-660 1/2",  "R d0 600-630 0/2",
                                      "S d0 660-720 0/1",  "T d0 780-840 0/1",  "W d0 1380-1440 0/1 >",
                                      "W d1 0-60 0/1 <"};
  EXPECT_EQ(blocks, want);
  std::set<std::string> strip;
  for (const auto& b : layout.allDay)
    strip.insert(layout.occurrences[b.occurrence].title + " " + std::to_string(b.firstDay) + "-" +
                 std::to_string(b.lastDay) + " lane" + std::to_string(b.lane));
  EXPECT_EQ(strip, (std::set<std::string>{"U 0-0 lane0", "V 0-1 lane1"}));
  EXPECT_EQ(layout.allDayLanes, 2);

  // Day view of Tuesday: W's tail and V only.
  const auto day = weekLayout(model, d("2027-03-02"), 1);
  ASSERT_EQ(day.blocks.size(), 1u);
  EXPECT_EQ(day.occurrences[day.blocks[0].occurrence].title, "W");
  ASSERT_EQ(day.allDay.size(), 1u);
  EXPECT_TRUE(day.allDay[0].continuesBefore);
}

TEST(WeekLayoutTest, ThreeWayOverlapSharesThreeColumns) {
  const CalendarModel model(itemsOf({{1, "a", "2027-03-01T09:00:00Z", "2027-03-01T12:00:00Z"},
                                     {2, "b", "2027-03-01T09:00:00Z", "2027-03-01T10:00:00Z"},
                                     {3, "c", "2027-03-01T09:15:00Z", "2027-03-01T09:45:00Z"},
                                     {4, "d", "2027-03-01T10:00:00Z", "2027-03-01T11:00:00Z"}}),
                            CalendarZones{"UTC", 0});
  const auto layout = weekLayout(model, d("2027-03-01"), 1);
  std::map<std::string, std::pair<int, int>> got;
  for (const auto& b : layout.blocks) got[layout.occurrences[b.occurrence].title] = {b.column, b.columnCount};
  // The longest first at equal starts; d reuses b's column once b ended.
  EXPECT_EQ(got, (std::map<std::string, std::pair<int, int>>{{"a", {0, 3}}, {"b", {1, 3}}, {"c", {2, 3}}, {"d", {1, 3}}}));
}

TEST(WeekStartTest, FollowsFirstDayOfWeek) {
  EXPECT_EQ(formatDate(weekStart(d("2027-03-04"), Weekday::Monday)), "2027-03-01");
  EXPECT_EQ(formatDate(weekStart(d("2027-03-04"), Weekday::Sunday)), "2027-02-28");
  EXPECT_EQ(formatDate(weekStart(d("2027-03-04"), Weekday::Saturday)), "2027-02-27");
  EXPECT_EQ(formatDate(weekStart(d("2027-03-01"), Weekday::Monday)), "2027-03-01");
}

TEST(AgendaTest, GroupsByDayWithMultiDayEventsOnEachDay) {
  const CalendarModel model(itemsOf(kMonthEvents), CalendarZones{"UTC", 0});
  const auto days = agenda(model, d("2027-03-04"), 3);
  std::vector<std::string> got;
  for (const auto& day : days) {
    std::string line = formatDate(day.date) + ":";
    for (const auto& o : day.occurrences) line += " " + o.title;
    got.push_back(line);
  }
  EXPECT_EQ(got, (std::vector<std::string>{"2027-03-04: A C B D", "2027-03-05: A B", "2027-03-06: B F"}));
}

// ---------------------------------------------------------------- writing

sync::Item itemFrom(std::int64_t id, const sync::Fields& fields) {
  sync::Item item;
  item.id = id;
  item.fields = fields;
  return item;
}

TEST(CalendarWriteTest, SingleTimedAndAllDay) {
  const CalendarZones berlin{"Europe/Berlin", 13};
  EventDraft timed;
  timed.title = "Dentist";
  timed.start = {d("2027-03-12"), 9 * 60};
  timed.end = {d("2027-03-12"), 10 * 60};
  const auto w = createEvent(timed, berlin);
  EXPECT_EQ(w.kind, CalendarWrite::Kind::Create);
  EXPECT_EQ(std::get<std::string>(w.fields.at("EventDate")), "2027-03-12T08:00:00Z");
  EXPECT_EQ(std::get<std::string>(w.fields.at("EndDate")), "2027-03-12T09:00:00Z");
  EXPECT_EQ(std::get<std::int64_t>(w.fields.at("EventType")), 0);
  EXPECT_FALSE(std::get<bool>(w.fields.at("fRecurrence")));

  EventDraft allDay;
  allDay.title = "Offsite";
  allDay.allDay = true;
  allDay.start = {d("2027-03-12"), 0};
  allDay.end = {d("2027-03-13"), 0};
  const auto a = createEvent(allDay, berlin);
  EXPECT_EQ(std::get<std::string>(a.fields.at("EventDate")), "2027-03-12T00:00:00Z");
  EXPECT_EQ(std::get<std::string>(a.fields.at("EndDate")), "2027-03-13T23:59:00Z");
  EXPECT_TRUE(std::get<bool>(a.fields.at("fAllDayEvent")));
}

// A rich-text Description is edited as its words and goes back as HTML, and
// untouched when the words did not change; a plain one stays as typed.
struct DescriptionCase {
  const char* name;
  const char* stored;  // nullptr: a new event
  bool listIsHtml;     // new events only
  const char* shown;   // what the editor shows (nullptr: not checked)
  const char* typed;   // the words saved (nullptr: as shown)
  const char* written;
};

TEST(CalendarWriteTest, DescriptionsAreEditedAsWords) {
  const DescriptionCase cases[] = {
      {"html kept when the words are the same", "<div class=\"ExternalClass1\"><p>Daily sync: <b>blockers</b>.</p></div>",
       true, "Daily sync: blockers.", nullptr, "<div class=\"ExternalClass1\"><p>Daily sync: <b>blockers</b>.</p></div>"},
      {"html rewritten when they change", "<div>Daily sync.</div>", true, "Daily sync.", "Daily sync.\nBring notes",
       "<div>Daily sync.<br>Bring notes</div>"},
      {"html emptied", "<div>Daily sync.</div>", true, "Daily sync.", "", ""},
      {"plain kept as typed", "a < b, <3 you", true, "a < b, <3 you", nullptr, "a < b, <3 you"},
      {"plain changed", "Room 4", true, "Room 4", "Room 4 & 5", "Room 4 & 5"},
      {"new, the list holds html", nullptr, true, nullptr, "Bring\nlaptop", "<div>Bring<br>laptop</div>"},
      {"new, the list holds plain text", nullptr, false, nullptr, "Bring\nlaptop", "Bring\nlaptop"},
      {"new, no description", nullptr, true, nullptr, "", ""},
  };
  const CalendarZones utc{"UTC", 0};
  for (const auto& c : cases) {
    EventDraft draft;
    CalendarWrite w;
    if (c.stored) {
      const CalendarModel model({itemFrom(5, {{"Title", std::string("Stand-up")},
                                              {"Description", std::string(c.stored)},
                                              {"EventDate", std::string("2027-03-01T09:00:00Z")},
                                              {"EndDate", std::string("2027-03-01T09:15:00Z")},
                                              {"fAllDayEvent", false},
                                              {"fRecurrence", false},
                                              {"EventType", std::int64_t{0}}})},
                                utc);
      const auto occ = model.occurrences(d("2027-03-01"), d("2027-03-02"));
      ASSERT_EQ(occ.size(), 1u) << c.name;
      draft = draftForOccurrence(model, occ[0]);
      if (c.shown) {
        EXPECT_EQ(draft.description, c.shown) << c.name;
      }
      if (c.typed) draft.description = c.typed;
      w = updateEvent(5, draft, utc);
    } else {
      draft = newEventDraft(d("2027-03-01"), {d("2027-02-01"), 0});
      draft.title = "New";
      draft.descriptionAsHtml = c.listIsHtml;
      draft.description = c.typed;
      w = createEvent(draft, utc);
    }
    EXPECT_EQ(std::get<std::string>(w.fields.at("Description")), c.written) << c.name;
  }
}

TEST(CalendarWriteTest, AListKeepsHtmlDescriptionsWhenMostOfItsEventsDo) {
  const auto withDescriptions = [](std::vector<const char*> texts) {
    std::vector<sync::Item> items;
    for (const char* t : texts)
      items.push_back(itemFrom(static_cast<std::int64_t>(items.size() + 1), {{"Description", std::string(t)}}));
    return CalendarModel(std::move(items), CalendarZones{"UTC", 0});
  };
  EXPECT_TRUE(descriptionsAreHtml(withDescriptions({})));
  EXPECT_TRUE(descriptionsAreHtml(withDescriptions({"", "  "})));
  EXPECT_TRUE(descriptionsAreHtml(withDescriptions({"<div>a</div>", "<p>b</p>", "plain"})));
  EXPECT_FALSE(descriptionsAreHtml(withDescriptions({"<div>a</div>", "plain", "also plain"})));
  EXPECT_FALSE(descriptionsAreHtml(withDescriptions({"a <b> c"})));
}

sync::RecurrenceRule weekly(sync::WeekdayMask days, sync::RangeKind range, int count = 0) {
  sync::RecurrenceRule r;
  r.pattern.kind = sync::PatternKind::Weekly;
  r.pattern.days = days;
  r.range = range;
  r.instances = count;
  return r;
}

TEST(CalendarWriteTest, SeriesAsSharePointWritesItAndReadsBack) {
  // Made on a Berlin desktop for a Pacific series (as draftForSeries would
  // keep it): Mondays and Wednesdays 18:00 Berlin = 09:00 Pacific, until 31 March.
  const CalendarZones zones{"Europe/Berlin", 4};
  EventDraft draft;
  draft.title = "Planning";
  draft.start = {d("2027-03-01"), 18 * 60};
  draft.end = {d("2027-03-01"), 19 * 60};
  draft.recurrence = weekly(sync::weekdayBit(Weekday::Monday) | sync::weekdayBit(Weekday::Wednesday),
                            sync::RangeKind::Until);
  draft.until = d("2027-03-31");
  draft.seriesTimeZoneId = 13;
  ASSERT_TRUE(validateDraft(draft).empty());
  const auto w = createEvent(draft, zones);
  EXPECT_EQ(std::get<std::string>(w.fields.at("RecurrenceData")),
            "<recurrence><rule><firstDayOfWeek>su</firstDayOfWeek><repeat><weekly mo=\"TRUE\" we=\"TRUE\" "
            "weekFrequency=\"1\"/></repeat><windowEnd>2027-03-31T16:00:00Z</windowEnd></rule></recurrence>");
  EXPECT_EQ(std::get<std::int64_t>(w.fields.at("EventType")), 1);
  EXPECT_EQ(std::get<std::int64_t>(w.fields.at("TimeZone")), 13);
  EXPECT_EQ(std::get<std::int64_t>(w.fields.at("Duration")), 3600);
  EXPECT_EQ(std::get<std::string>(w.fields.at("EventDate")), "2027-03-01T17:00:00Z");
  EXPECT_EQ(std::get<std::string>(w.fields.at("EndDate")), "2027-03-31T17:00:00Z");
  EXPECT_EQ(std::get<std::string>(w.fields.at("UID")).size(), 36u);

  const CalendarModel model({itemFrom(1, w.fields)}, zones);
  std::vector<std::string> got;
  for (const auto& o : model.occurrences(d("2027-03-01"), d("2027-04-05")))
    got.push_back(formatDate(o.localStart.date) + " " + formatClock(o.localStart.minutes, true));
  // 17:00 in Berlin between the US (14 Mar) and EU (28 Mar) switches.
  EXPECT_EQ(got, (std::vector<std::string>{"2027-03-01 18:00", "2027-03-03 18:00", "2027-03-08 18:00",
                                           "2027-03-10 18:00", "2027-03-15 17:00", "2027-03-17 17:00",
                                           "2027-03-22 17:00", "2027-03-24 17:00", "2027-03-29 18:00",
                                           "2027-03-31 18:00"}));
  const auto back = draftForSeries(model, 1);
  ASSERT_TRUE(back);
  EXPECT_EQ(back->seriesTimeZoneId, 13);
  EXPECT_EQ(back->until, d("2027-03-31"));
  EXPECT_EQ(back->start, draft.start);
  EXPECT_EQ(back->end, draft.end);
}

TEST(CalendarWriteTest, CountSeriesEndsAtItsLastOccurrence) {
  EventDraft draft;
  draft.title = "Course";
  draft.start = {d("2027-03-01"), 9 * 60};
  draft.end = {d("2027-03-01"), 10 * 60};
  draft.recurrence = weekly(sync::weekdayBit(Weekday::Monday), sync::RangeKind::Count, 3);
  const auto w = createEvent(draft, CalendarZones{"UTC", 0});
  EXPECT_EQ(std::get<std::string>(w.fields.at("EndDate")), "2027-03-15T10:00:00Z");
  EXPECT_EQ(std::get<std::int64_t>(w.fields.at("TimeZone")), 93);  // UTC's SharePoint id
}

TEST(CalendarWriteTest, ThisOccurrenceChangedAndDeleted) {
  const CalendarZones zones{"UTC", 0};
  sync::Item master;
  master.id = 7;
  sync::Event e(master);
  e.setTitle("Stand-up");
  e.setEventType(1);
  e.setRecurrence(true);
  e.setEventDate("2027-03-01T09:00:00Z");
  e.setEndDate("2027-03-31T09:15:00Z");
  e.setUid("0b9d1a2c-3d4e-4f50-8a6b-7c8d9e0f1a2b");
  e.setRecurrenceData(
      "<recurrence><rule><firstDayOfWeek>su</firstDayOfWeek><repeat><daily dayFrequency=\"1\"/></repeat>"
      "<repeatForever>FALSE</repeatForever></rule></recurrence>");
  const CalendarModel model({master}, zones);
  const auto occ = model.occurrences(d("2027-03-03"), d("2027-03-04"));
  ASSERT_EQ(occ.size(), 1u);
  EXPECT_EQ(occ[0].masterId, 7);
  EXPECT_EQ(occ[0].uid, "0b9d1a2c-3d4e-4f50-8a6b-7c8d9e0f1a2b");
  EXPECT_EQ(sync::formatUtcTime(occ[0].recurrenceId), "2027-03-03T09:00:00Z");

  auto draft = draftForOccurrence(model, occ[0]);
  draft.start.minutes = 10 * 60;
  draft.end.minutes = 10 * 60 + 30;
  const auto changed = changeOccurrence(occ[0], draft, zones);
  EXPECT_EQ(changed.kind, CalendarWrite::Kind::Create);
  const sync::Fields wantChanged = {{"Title", std::string("Stand-up")},
                                    {"Location", std::string()},
                                    {"Description", std::string()},
                                    {"fAllDayEvent", false},
                                    {"EventDate", std::string("2027-03-03T10:00:00Z")},
                                    {"EndDate", std::string("2027-03-03T10:30:00Z")},
                                    {"EventType", std::int64_t{4}},
                                    {"fRecurrence", true},
                                    {"MasterSeriesItemID", std::int64_t{7}},
                                    {"RecurrenceID", std::string("2027-03-03T09:00:00Z")},
                                    {"UID", std::string("0b9d1a2c-3d4e-4f50-8a6b-7c8d9e0f1a2b")},
                                    {"Duration", std::int64_t{1800}}};
  EXPECT_EQ(changed.fields, wantChanged);

  const auto deleted = deleteOccurrence(occ[0]);
  EXPECT_EQ(deleted.kind, CalendarWrite::Kind::Create);
  EXPECT_EQ(std::get<std::int64_t>(deleted.fields.at("EventType")), 3);
  EXPECT_EQ(std::get<std::string>(deleted.fields.at("Title")), "Deleted: Stand-up");
  EXPECT_EQ(std::get<std::string>(deleted.fields.at("RecurrenceID")), "2027-03-03T09:00:00Z");
  EXPECT_EQ(std::get<std::int64_t>(deleted.fields.at("MasterSeriesItemID")), 7);

  // The model with both exception items: the 3rd moved, and deleting the
  // moved one turns its item into a deletion.
  const CalendarModel withException({master, itemFrom(8, changed.fields)}, zones);
  const auto moved = withException.occurrences(d("2027-03-03"), d("2027-03-04"));
  ASSERT_EQ(moved.size(), 1u);
  EXPECT_TRUE(moved[0].isException);
  EXPECT_EQ(moved[0].itemId, 8);
  EXPECT_EQ(moved[0].localStart.minutes, 600);
  const auto again = changeOccurrence(moved[0], draft, zones);
  EXPECT_EQ(again.kind, CalendarWrite::Kind::Update);
  EXPECT_EQ(again.itemId, 8);
  const auto gone = deleteOccurrence(moved[0]);
  EXPECT_EQ(gone.kind, CalendarWrite::Kind::Update);
  EXPECT_EQ(gone.itemId, 8);
  EXPECT_EQ(std::get<std::int64_t>(gone.fields.at("EventType")), 3);

  const auto all = deleteEvent(withException, 7);
  ASSERT_EQ(all.size(), 2u);
  EXPECT_EQ(all[0].itemId, 8);  // the exception first
  EXPECT_EQ(all[1].itemId, 7);
}

struct ValidationCase {
  const char* name;
  std::string title;
  bool allDay;
  const char* start;
  int startMin;
  const char* end;
  int endMin;
  bool untilMissing;
  std::vector<std::string> fields;  // fields named by the errors, in order
};

class DraftValidation : public ::testing::TestWithParam<ValidationCase> {};

TEST_P(DraftValidation, NamesTheField) {
  const auto& c = GetParam();
  EventDraft draft;
  draft.title = c.title;
  draft.allDay = c.allDay;
  draft.start = {d(c.start), c.startMin};
  draft.end = {d(c.end), c.endMin};
  if (c.untilMissing) draft.recurrence = weekly(sync::weekdayBit(Weekday::Monday), sync::RangeKind::Until);
  std::vector<std::string> got;
  for (const auto& e : validateDraft(draft)) {
    got.emplace_back(e.field);
    EXPECT_FALSE(e.message.empty());
  }
  EXPECT_EQ(got, c.fields);
}

INSTANTIATE_TEST_SUITE_P(
    Cases, DraftValidation,
    ::testing::Values(ValidationCase{"ok", "Lunch", false, "2027-03-01", 720, "2027-03-01", 780, false, {}},
                      ValidationCase{"no_title", "  ", false, "2027-03-01", 720, "2027-03-01", 780, false, {"Title"}},
                      ValidationCase{"end_equals_start", "x", false, "2027-03-01", 720, "2027-03-01", 720, false,
                                     {"EndDate"}},
                      ValidationCase{"end_before_start_next_day", "x", false, "2027-03-02", 60, "2027-03-01", 1380,
                                     false, {"EndDate"}},
                      ValidationCase{"all_day_one_day_ok", "x", true, "2027-03-01", 0, "2027-03-01", 0, false, {}},
                      ValidationCase{"all_day_backwards", "x", true, "2027-03-02", 0, "2027-03-01", 0, false,
                                     {"EndDate"}},
                      ValidationCase{"until_missing", "", false, "2027-03-01", 720, "2027-03-01", 780, true,
                                     {"Title", "RecurrenceData"}}),
    [](const auto& info) { return std::string(info.param.name); });

TEST(NewEventDraftTest, NextFullHourOnTodayElseNine) {
  const auto today = newEventDraft(d("2027-03-01"), {d("2027-03-01"), 14 * 60 + 20});
  EXPECT_EQ(today.start, (WallTime{d("2027-03-01"), 15 * 60}));
  EXPECT_EQ(today.end, (WallTime{d("2027-03-01"), 16 * 60}));
  const auto other = newEventDraft(d("2027-03-05"), {d("2027-03-01"), 14 * 60 + 20});
  EXPECT_EQ(other.start, (WallTime{d("2027-03-05"), 9 * 60}));
  const auto late = newEventDraft(d("2027-03-01"), {d("2027-03-01"), 23 * 60 + 10});
  EXPECT_EQ(late.start, (WallTime{d("2027-03-01"), 23 * 60}));
  EXPECT_EQ(late.end, (WallTime{d("2027-03-02"), 0}));
}

// ---------------------------------------------------------------- zones

TEST(SharePointZonesTest, EveryEntryIsAKnownIanaZone) {
  int previous = 0;
  int count = 0;
  for (const auto* z = sync::sharePointZonesBegin(); z != sync::sharePointZonesEnd(); ++z, ++count) {
    EXPECT_GT(z->id, previous) << "table not sorted at " << z->id;
    previous = z->id;
    EXPECT_TRUE(Zone::named(std::string(z->iana))) << z->id << " " << z->iana;
    EXPECT_EQ(sync::sharePointZone(z->id), z);
  }
  EXPECT_GE(count, 100);
}

struct ZoneIdCase {
  const char* iana;
  std::optional<int> id;
};
class SharePointZoneFor : public ::testing::TestWithParam<ZoneIdCase> {};
TEST_P(SharePointZoneFor, MapsBack) { EXPECT_EQ(sync::sharePointZoneIdFor(GetParam().iana), GetParam().id); }
INSTANTIATE_TEST_SUITE_P(Cases, SharePointZoneFor,
                         ::testing::Values(ZoneIdCase{"America/Los_Angeles", 13}, ZoneIdCase{"Europe/Berlin", 4},
                                           ZoneIdCase{"Europe/Amsterdam", 3},  // Berlin's rules: the first such, Paris
                                           ZoneIdCase{"Asia/Kolkata", 23},     // CLDR spells it Asia/Calcutta
                                           ZoneIdCase{"America/New_York", 10}, ZoneIdCase{"UTC", 93},
                                           ZoneIdCase{"Europe/Minsk", 109},  // not the superseded 7
                                           ZoneIdCase{"Mars/Olympus_Mons", std::nullopt}));

TEST(SharePointZonesTest, PacificIsThirteen) {
  ASSERT_NE(sync::sharePointZone(13), nullptr);
  EXPECT_EQ(sync::sharePointZone(13)->iana, "America/Los_Angeles");
  EXPECT_EQ(sync::sharePointZone(0), nullptr);
  EXPECT_EQ(sync::sharePointZone(52), nullptr);
}

TEST(ClockTest, FormatsBothWays) {
  EXPECT_EQ(formatClock(9 * 60 + 5, true), "09:05");
  EXPECT_EQ(formatClock(0, true), "00:00");
  EXPECT_NE(formatClock(13 * 60, false).find("1:00"), std::string::npos);
  EXPECT_NE(formatClock(0, false).find("12:00"), std::string::npos);
}

}  // namespace
}  // namespace deskpane::overlay::calendar
