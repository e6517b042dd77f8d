// The Calendar pane's screen layout without a display: navigation between
// periods, the toolbar's buttons, and what lies under a point in the month
// grid, the week/day hour grid and the agenda (calendar_view_model.h).
#include "overlay/calendar/calendar_view_model.h"

#include <gtest/gtest.h>

#include <clocale>
#include <set>

namespace deskpane::overlay::calendar {
namespace {

sync::Item event(std::int64_t id, const std::string& title, const std::string& start, const std::string& end,
                 bool allDay = false) {
  sync::Item item;
  item.id = id;
  item.fields = {{"Title", title},
                 {"EventDate", start},
                 {"EndDate", end},
                 {"fAllDayEvent", allDay},
                 {"fRecurrence", false},
                 {"EventType", std::int64_t{0}}};
  return item;
}

CalendarModel model(std::vector<sync::Item> items) {
  CalendarZones zones;
  zones.desktop = "UTC";  // occurrences keep their UTC clock: the boxes do not depend on the machine
  return CalendarModel(std::move(items), zones);
}

class ViewLayout : public ::testing::Test {
 protected:
  void SetUp() override { std::setlocale(LC_ALL, "C"); }  // English day and month names
};

TEST_F(ViewLayout, ViewNamesRoundTripAndRejectOthers) {
  for (ViewKind v : kAllViews) EXPECT_EQ(viewFromName(viewName(v)), v);
  EXPECT_EQ(viewName(ViewKind::Agenda), "agenda");
  EXPECT_FALSE(viewFromName("Month"));
  EXPECT_FALSE(viewFromName(""));
}

TEST_F(ViewLayout, PeriodsStepByMonthWeekDayAndThirtyDays) {
  EXPECT_EQ(addMonths({2027, 1, 31}, 1), (Date{2027, 2, 28}));
  EXPECT_EQ(addMonths({2028, 1, 31}, 1), (Date{2028, 2, 29}));
  EXPECT_EQ(addMonths({2027, 1, 15}, -1), (Date{2026, 12, 15}));
  EXPECT_EQ(addMonths({2026, 12, 5}, 13), (Date{2028, 1, 5}));
  const Date d{2026, 12, 5};
  EXPECT_EQ(stepPeriod(ViewKind::Month, d, 1), (Date{2027, 1, 5}));
  EXPECT_EQ(stepPeriod(ViewKind::Week, d, -1), (Date{2026, 11, 28}));
  EXPECT_EQ(stepPeriod(ViewKind::Day, d, 1), (Date{2026, 12, 6}));
  EXPECT_EQ(stepPeriod(ViewKind::Agenda, d, 1), (Date{2027, 1, 4}));
}

TEST_F(ViewLayout, VisibleDaysFollowTheFirstDayOfTheWeek) {
  // 1 December 2026 is a Tuesday.
  DayRange m = visibleDays(ViewKind::Month, {2026, 12, 17}, Weekday::Monday);
  EXPECT_EQ(m.first, (Date{2026, 11, 30}));
  EXPECT_EQ(daysBetween(m.first, m.end), 42);
  m = visibleDays(ViewKind::Month, {2026, 12, 17}, Weekday::Sunday);
  EXPECT_EQ(m.first, (Date{2026, 11, 29}));
  const DayRange w = visibleDays(ViewKind::Week, {2026, 12, 5}, Weekday::Monday);  // a Saturday
  EXPECT_EQ(w.first, (Date{2026, 11, 30}));
  EXPECT_EQ(w.end, (Date{2026, 12, 7}));
  const DayRange a = visibleDays(ViewKind::Agenda, {2026, 12, 5}, Weekday::Monday);
  EXPECT_EQ(daysBetween(a.first, a.end), kAgendaDays);
}

TEST_F(ViewLayout, PeriodLabels) {
  EXPECT_EQ(periodLabel(ViewKind::Month, {2026, 12, 5}, Weekday::Monday), "December 2026");
  EXPECT_EQ(periodLabel(ViewKind::Week, {2026, 12, 5}, Weekday::Monday), "30 Nov – 6 Dec 2026");
  EXPECT_EQ(periodLabel(ViewKind::Week, {2026, 12, 30}, Weekday::Monday), "28 Dec 2026 – 3 Jan 2027");
  EXPECT_EQ(periodLabel(ViewKind::Day, {2026, 12, 5}, Weekday::Monday), "Saturday, 5 December 2026");
  // Shorter forms for a narrow pane, longest first.
  using Labels = std::vector<std::string>;
  EXPECT_EQ(periodLabels(ViewKind::Day, {2026, 12, 6}, Weekday::Monday),
            (Labels{"Sunday, 6 December 2026", "Sun 6 Dec 2026", "Sun 6 Dec"}));
  EXPECT_EQ(periodLabels(ViewKind::Week, {2026, 12, 9}, Weekday::Sunday),
            (Labels{"6 Dec – 12 Dec 2026", "6–12 Dec 2026", "6–12 Dec"}));
  EXPECT_EQ(periodLabels(ViewKind::Week, {2026, 12, 30}, Weekday::Monday),
            (Labels{"28 Dec 2026 – 3 Jan 2027", "28 Dec – 3 Jan"}));
  EXPECT_EQ(periodLabels(ViewKind::Month, {2026, 12, 5}, Weekday::Monday), (Labels{"December 2026", "Dec 2026"}));
}

TEST_F(ViewLayout, OccurrenceLabelsForAssistiveTechnologies) {
  const CalendarModel m = model({event(1, "Team stand-up", "2026-12-08T09:00:00Z", "2026-12-08T09:15:00Z"),
                                 event(2, "Offsite", "2026-12-09T00:00:00Z", "2026-12-10T23:59:00Z", true)});
  const auto occ = m.occurrences({2026, 12, 7}, {2026, 12, 14});
  ASSERT_EQ(occ.size(), 2u);
  EXPECT_EQ(occurrenceLabel(occ[0], true), "Team stand-up, Tue 09:00–09:15");
  EXPECT_EQ(occurrenceLabel(occ[0], false), "Team stand-up, Tue 9:00 AM–9:15 AM");
  EXPECT_EQ(occurrenceLabel(occ[1], true), "Offsite, Wed 9 Dec – Thu 10 Dec, all day");
}

TEST_F(ViewLayout, EventColoursAreStable) {
  EXPECT_EQ(eventColour("Meeting", 1, "a").r, eventColour("Meeting", 99, "b").r);
  const auto a = eventColour("", 42, "x"), b = eventColour("", 42, "y");
  EXPECT_TRUE(a.r == b.r && a.g == b.g && a.b == b.b);
  // Different series spread over the palette rather than sharing one colour.
  std::set<int> seen;
  for (int id = 1; id <= 40; ++id) seen.insert(eventColour("", id, "").r * 65536 + eventColour("", id, "").g);
  EXPECT_GE(seen.size(), 5u);
}

TEST_F(ViewLayout, WallTimeArithmeticCrossesDays) {
  EXPECT_EQ(addMinutesTo({{2026, 12, 5}, 23 * 60 + 30}, 45), (WallTime{{2026, 12, 6}, 15}));
  EXPECT_EQ(addMinutesTo({{2026, 12, 5}, 10}, -20), (WallTime{{2026, 12, 4}, 1430}));
  EXPECT_EQ(minutesBetween({{2026, 12, 5}, 600}, {{2026, 12, 6}, 540}), 1380);
}

TEST_F(ViewLayout, ToolbarButtonsAreHitWhereTheyAreDrawn) {
  const ToolbarLayout t = toolbarLayout({0, 46, 400, 300}, 32, 56, 26);
  auto centre = [&](const Box& b, ToolbarHit want) {
    EXPECT_EQ(t.hit(b.x + b.w / 2, b.y + b.h / 2), want);
  };
  centre(t.prev, ToolbarHit::Prev);
  centre(t.today, ToolbarHit::Today);
  centre(t.next, ToolbarHit::Next);
  centre(t.views[0], ToolbarHit::Month);
  centre(t.views[3], ToolbarHit::Agenda);
  centre(t.label, ToolbarHit::None);
  EXPECT_EQ(t.hit(200, 46 + 40), ToolbarHit::None);  // below the toolbar
  EXPECT_LE(t.views[3].right(), 400);
  EXPECT_LT(t.next.right(), t.label.x);
  EXPECT_LE(t.label.right(), t.views[0].x);
  EXPECT_EQ(viewOfSwitch(ToolbarHit::Day), ViewKind::Day);
}

TEST_F(ViewLayout, MonthCellsAndLanes) {
  MonthMetrics m;
  m.area = {10, 100, 700, 620};  // 100 px wide cells, 100 px tall rows below a 20 px header
  m.headerHeight = 20;
  m.dayNumberHeight = 18;
  m.laneHeight = 20;
  EXPECT_EQ(m.maxLanes(), 4);
  EXPECT_EQ(m.cellAt(10, 120), 0);
  EXPECT_EQ(m.cellAt(709, 719), 41);
  EXPECT_EQ(m.cellAt(215, 230), 9);  // row 1, column 2
  EXPECT_FALSE(m.cellAt(100, 110));  // the weekday header
  EXPECT_FALSE(m.cellAt(711, 300));
  const Box lane = m.lane(9, 1);
  EXPECT_DOUBLE_EQ(lane.y, 100 + 20 + 100 + 18 + 20);
  m.laneHeight = 200;
  EXPECT_EQ(m.maxLanes(), 1);  // always room for "+N more"
}

TEST_F(ViewLayout, MonthHitFindsEventsDaysAndMore) {
  std::vector<sync::Item> items;
  items.push_back(event(1, "Review", "2026-12-08T10:00:00Z", "2026-12-08T11:00:00Z"));
  items.push_back(event(2, "Trip", "2026-12-09T00:00:00Z", "2026-12-11T23:59:00Z", true));
  for (int i = 0; i < 6; ++i)  // a busy Friday: more than fits
    items.push_back(event(10 + i, "Busy " + std::to_string(i), "2026-12-18T0" + std::to_string(i + 1) + ":00:00Z",
                          "2026-12-18T0" + std::to_string(i + 1) + ":30:00Z"));
  const CalendarModel cm = model(std::move(items));
  MonthMetrics m;
  m.area = {0, 0, 700, 620};
  m.headerHeight = 20;
  m.dayNumberHeight = 18;
  m.laneHeight = 20;
  const MonthGrid grid = monthGrid(cm, {2026, 12, 1}, Weekday::Monday, m.maxLanes(), {2026, 12, 5});
  ASSERT_EQ(grid.first, (Date{2026, 11, 30}));
  auto cellOf = [&](const Date& d) { return static_cast<int>(daysBetween(grid.first, d)); };

  // The timed event's chip, in its day's first free lane.
  const int review = cellOf({2026, 12, 8});
  ASSERT_EQ(grid.days[review].chips.size(), 1u);
  const Box chip = m.lane(review, grid.days[review].chips[0].lane);
  MonthHit hit = monthHitTest(grid, m, chip.x + 5, chip.y + chip.h / 2);
  ASSERT_EQ(hit.kind, MonthHit::Kind::Occurrence);
  EXPECT_EQ(grid.occurrences[hit.occurrence].title, "Review");

  // The all-day bar, hit on its last day too.
  const Box last = m.cell(cellOf({2026, 12, 11}));
  bool barHit = false;
  for (int lane = 0; lane < grid.maxLanes && !barHit; ++lane) {
    const Box l = m.lane(cellOf({2026, 12, 11}), lane);
    hit = monthHitTest(grid, m, l.x + l.w / 2, l.y + l.h / 2);
    barHit = hit.kind == MonthHit::Kind::Occurrence && grid.occurrences[hit.occurrence].title == "Trip";
  }
  EXPECT_TRUE(barHit);

  // Below the lanes of a quiet day: the day itself.
  hit = monthHitTest(grid, m, last.x + 50, last.bottom() - 2);
  EXPECT_EQ(hit.kind, MonthHit::Kind::Day);
  EXPECT_EQ(hit.cell, cellOf({2026, 12, 11}));

  // The busy day's last lane says "+N more" and is hit as such.
  const int busy = cellOf({2026, 12, 18});
  EXPECT_GT(grid.days[busy].moreCount, 0);
  const Box more = m.lane(busy, grid.maxLanes - 1);
  hit = monthHitTest(grid, m, more.x + 10, more.y + more.h / 2);
  EXPECT_EQ(hit.kind, MonthHit::Kind::More);
  EXPECT_EQ(hit.cell, busy);
}

// A pane so small that a month cell holds one lane: a busy day keeps its
// first event in that lane and says "+N more" beside its day number, where a
// click finds it; the lane itself is the event.
TEST_F(ViewLayout, OneLaneMonthCellsKeepAnEventAndMoveTheCountUp) {
  std::vector<sync::Item> items;
  for (int i = 0; i < 3; ++i)
    items.push_back(event(10 + i, "Busy " + std::to_string(i), "2026-12-18T0" + std::to_string(i + 1) + ":00:00Z",
                          "2026-12-18T0" + std::to_string(i + 1) + ":30:00Z"));
  const CalendarModel cm = model(std::move(items));
  MonthMetrics m;
  m.area = {0, 0, 420, 260};  // 60 px wide, 40 px tall cells
  m.headerHeight = 20;
  m.dayNumberHeight = 18;
  m.laneHeight = 17;
  ASSERT_EQ(m.maxLanes(), 1);
  const MonthGrid grid = monthGrid(cm, {2026, 12, 1}, Weekday::Monday, m.maxLanes(), {2026, 12, 5});
  const int busy = static_cast<int>(daysBetween(grid.first, {2026, 12, 18}));
  const MonthDay& day = grid.days[busy];
  ASSERT_EQ(day.chips.size(), 1u);
  EXPECT_EQ(grid.occurrences[day.chips[0].occurrence].title, "Busy 0");
  EXPECT_EQ(day.moreCount, 2);
  EXPECT_TRUE(day.moreInHeader);
  const Box cell = m.cell(busy);
  const Box more = m.more(grid, busy);
  EXPECT_LE(more.bottom(), cell.y + m.dayNumberHeight);  // the day-number row, not a lane
  EXPECT_GE(more.x, cell.x + cell.w / 3);
  MonthHit hit = monthHitTest(grid, m, more.right() - 4, more.y + more.h / 2);
  EXPECT_EQ(hit.kind, MonthHit::Kind::More);
  EXPECT_EQ(hit.cell, busy);
  const Box lane = m.lane(busy, 0);
  hit = monthHitTest(grid, m, lane.x + 10, lane.y + lane.h / 2);
  ASSERT_EQ(hit.kind, MonthHit::Kind::Occurrence);
  EXPECT_EQ(grid.occurrences[hit.occurrence].title, "Busy 0");
}

TEST_F(ViewLayout, HourGridSlotsBlocksAndTheBottomEdge) {
  const CalendarModel cm = model({event(1, "A", "2026-12-08T10:00:00Z", "2026-12-08T11:00:00Z"),
                                  event(2, "B", "2026-12-08T10:30:00Z", "2026-12-08T12:00:00Z"),
                                  event(3, "Holiday", "2026-12-10T00:00:00Z", "2026-12-10T23:59:00Z", true)});
  const WeekLayout week = weekLayout(cm, {2026, 12, 7}, 7);
  HourGridMetrics m;
  m.area = {0, 100, 744, 500};  // 100 px day columns after a 44 px gutter
  m.dayCount = 7;
  m.gutter = 44;
  m.headerHeight = 22;
  m.allDayLaneHeight = 18;
  m.allDayLanes = week.allDayLanes;
  m.hourHeight = 40;
  m.scroll = m.scrollFor(8 * 60);
  EXPECT_DOUBLE_EQ(m.scroll, 320);
  EXPECT_DOUBLE_EQ(m.yForMinute(8 * 60), m.hoursArea().y);
  EXPECT_DOUBLE_EQ(m.scrollFor(23 * 60), m.maxScroll());  // never past the end of the day

  // An empty slot on Monday 14:20.
  HourGridHit hit = hourGridHitTest(week, m, 44 + 50, m.yForMinute(14 * 60 + 20) + 0.5);
  EXPECT_EQ(hit.kind, HourGridHit::Kind::Slot);
  EXPECT_EQ(hit.day, 0);
  EXPECT_EQ(hit.minute, 14 * 60 + 20);

  // Overlapping A and B side by side on Tuesday: left half A, right half B.
  const double tue = m.columnX(1);
  hit = hourGridHitTest(week, m, tue + 10, m.yForMinute(10 * 60 + 40));
  ASSERT_EQ(hit.kind, HourGridHit::Kind::Block);
  EXPECT_EQ(week.occurrences[hit.occurrence].title, "A");
  hit = hourGridHitTest(week, m, tue + 80, m.yForMinute(10 * 60 + 40));
  ASSERT_EQ(hit.kind, HourGridHit::Kind::Block);
  EXPECT_EQ(week.occurrences[hit.occurrence].title, "B");
  // B's bottom edge grabs its end.
  hit = hourGridHitTest(week, m, tue + 80, m.yForMinute(12 * 60) - 4);
  EXPECT_EQ(hit.kind, HourGridHit::Kind::BlockBottom);
  EXPECT_EQ(week.occurrences[hit.occurrence].title, "B");

  // The all-day strip: the holiday on Thursday, an empty strip on Friday.
  const double strip = m.area.y + m.headerHeight + 5;
  hit = hourGridHitTest(week, m, m.columnX(3) + 50, strip);
  ASSERT_EQ(hit.kind, HourGridHit::Kind::AllDayBar);
  EXPECT_EQ(week.occurrences[hit.occurrence].title, "Holiday");
  EXPECT_EQ(hourGridHitTest(week, m, m.columnX(4) + 50, strip).kind, HourGridHit::Kind::AllDay);
  EXPECT_EQ(hourGridHitTest(week, m, 20, strip).kind, HourGridHit::Kind::None);  // the gutter
  EXPECT_EQ(hourGridHitTest(week, m, m.columnX(4) + 50, 105).kind, HourGridHit::Kind::Header);
}

// Where a day view opens (8:00, five hours showing): the working day unless
// it would show none of the day's events and some lie elsewhere.
struct OpeningCase {
  const char* name;
  std::vector<std::pair<const char*, const char*>> events;  // start, end (UTC) around Tuesday 8 December
  int expected;
};

TEST_F(ViewLayout, AnHourGridOpensWhereTheDaysEventsAre) {
  const std::vector<OpeningCase> cases = {
      {"nothing timed", {}, 8 * 60},
      {"an event in the working hours", {{"2026-12-08T09:00:00Z", "2026-12-08T10:00:00Z"}}, 8 * 60},
      {"one that reaches into them", {{"2026-12-08T07:30:00Z", "2026-12-08T08:30:00Z"}}, 8 * 60},
      {"one just below the five hours", {{"2026-12-08T12:30:00Z", "2026-12-08T13:00:00Z"}}, 8 * 60},
      {"only in the afternoon", {{"2026-12-08T14:00:00Z", "2026-12-08T15:00:00Z"}}, 13 * 60},
      {"only early", {{"2026-12-08T06:15:00Z", "2026-12-08T07:00:00Z"}}, 5 * 60},
      {"early and late: the earlier", {{"2026-12-08T22:00:00Z", "2026-12-08T23:00:00Z"},
                                       {"2026-12-08T06:00:00Z", "2026-12-08T07:00:00Z"}}, 5 * 60},
      {"just after midnight", {{"2026-12-08T00:15:00Z", "2026-12-08T01:00:00Z"}}, 0},
      {"last night's tail is not a reason", {{"2026-12-07T23:00:00Z", "2026-12-08T01:00:00Z"}}, 8 * 60},
      {"last night's tail and an evening", {{"2026-12-07T23:00:00Z", "2026-12-08T01:00:00Z"},
                                            {"2026-12-08T19:30:00Z", "2026-12-08T20:00:00Z"}}, 18 * 60},
      {"another day's event is not shown", {{"2026-12-09T15:00:00Z", "2026-12-09T16:00:00Z"}}, 8 * 60},
  };
  for (const auto& c : cases) {
    std::vector<sync::Item> items;
    for (const auto& [start, end] : c.events)
      items.push_back(event(static_cast<std::int64_t>(items.size() + 1), "E", start, end));
    const CalendarModel cm = model(std::move(items));
    EXPECT_EQ(openingMinute(weekLayout(cm, {2026, 12, 8}, 1), 8 * 60, 5 * 60), c.expected) << c.name;
  }
}

TEST_F(ViewLayout, DragDistancesSnapToQuarterHours) {
  EXPECT_EQ(snappedMinutes(20, 40), 30);
  EXPECT_EQ(snappedMinutes(4, 40), 0);
  EXPECT_EQ(snappedMinutes(-41, 40), -60);
  EXPECT_EQ(snappedMinutes(9, 40, 5), 15);
}

TEST_F(ViewLayout, AgendaRowsAndTheirHits) {
  const CalendarModel cm = model({event(1, "A", "2026-12-08T10:00:00Z", "2026-12-08T11:00:00Z"),
                                  event(2, "B", "2026-12-08T12:00:00Z", "2026-12-08T13:00:00Z"),
                                  event(3, "C", "2026-12-20T09:00:00Z", "2026-12-20T10:00:00Z")});
  const auto days = agenda(cm, {2026, 12, 5}, kAgendaDays);
  ASSERT_EQ(days.size(), 2u);
  const auto rows = agendaRows(days, 28, 38);
  ASSERT_EQ(rows.size(), 5u);  // header, A, B, header, C
  EXPECT_TRUE(rows[0].header);
  EXPECT_FALSE(rows[2].header);
  EXPECT_EQ(agendaRowAt(rows, 0, 0), 0u);
  EXPECT_EQ(agendaRowAt(rows, 28 + 38 + 1, 0), 2u);
  EXPECT_EQ(agendaRowAt(rows, 1, 28 + 2 * 38), 3u);  // scrolled to the second day
  EXPECT_FALSE(agendaRowAt(rows, 28 * 2 + 38 * 3 + 1, 0));
  EXPECT_FALSE(agendaRowAt(rows, -5, 0));
}

}  // namespace
}  // namespace deskpane::overlay::calendar
