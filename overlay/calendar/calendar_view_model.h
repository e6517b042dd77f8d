#pragma once
// The Calendar pane's screen geometry and navigation, without a toolkit: which
// view shows which days, where the toolbar buttons, month cells, hour-grid
// slots and event blocks sit in the content area, and what lies under a
// point. calendar_view.cpp draws and hit-tests with exactly these boxes, so
// the layout is tested headless (tests/unit/panes/calendar/view_*).
#include "overlay/calendar/calendar_model.h"
#include "overlay/pane_theme.h"

#include <array>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace deskpane::overlay::calendar {

// ---------------------------------------------------------------- views and periods

enum class ViewKind { Month, Week, Day, Agenda };
inline constexpr std::array<ViewKind, 4> kAllViews{ViewKind::Month, ViewKind::Week, ViewKind::Day, ViewKind::Agenda};

// The settings value ([calendar] view=month|week|day|agenda).
std::string_view viewName(ViewKind view);
std::optional<ViewKind> viewFromName(std::string_view name);

inline constexpr int kAgendaDays = 30;

// `d` moved by whole months, the day kept or clamped to the month's last day.
Date addMonths(const Date& d, int months);
// The shown date after Prev (-1) / Next (+1): a month, a week, a day, or the
// agenda's 30 days.
Date stepPeriod(ViewKind view, const Date& shown, int direction);
// The first and (exclusive) last day the view covers for `shown`.
struct DayRange {
  Date first;
  Date end;
};
DayRange visibleDays(ViewKind view, const Date& shown, Weekday firstDayOfWeek);

// The toolbar's period label in the C library's LC_TIME names:
// "December 2026", "30 Nov – 6 Dec 2026", "Saturday, 5 December 2026", "5 Dec – 3 Jan 2027".
std::string periodLabel(ViewKind view, const Date& shown, Weekday firstDayOfWeek);
// The same label, longest first, then shorter forms for a narrow pane
// ("Sunday, 6 December 2026", "Sun 6 Dec 2026", "Sun 6 Dec").
std::vector<std::string> periodLabels(ViewKind view, const Date& shown, Weekday firstDayOfWeek);
// Short weekday name ("Tue") and month name ("Dec", "December") from LC_TIME.
std::string weekdayName(Weekday day, bool abbreviated = true);
std::string monthName(int month, bool abbreviated = true);

// One line per occurrence for assistive technologies and the tests:
// "Team stand-up, Tue 09:00–09:15", "Company offsite, Wed 12 Mar, all day".
std::string occurrenceLabel(const CalendarOccurrence& occurrence, bool use24Hour);

// The chip/block colour: by category when the event has one, else stable
// per series (or per event), so an event keeps its colour across syncs.
theme::Rgb eventColour(const std::string& category, std::int64_t seriesOrItemId, const std::string& title);
// Every colour eventColour() picks from (the contrast test checks text on each).
const std::array<theme::Rgb, 8>& eventColours();

WallTime addMinutesTo(const WallTime& w, int minutes);
// Minutes between two wall times (b - a).
long long minutesBetween(const WallTime& a, const WallTime& b);

// ---------------------------------------------------------------- boxes

struct Box {
  double x = 0, y = 0, w = 0, h = 0;
  double right() const { return x + w; }
  double bottom() const { return y + h; }
  bool contains(double px, double py) const { return px >= x && px < x + w && py >= y && py < y + h; }
};

// ---------------------------------------------------------------- toolbar

enum class ToolbarHit { None, Prev, Today, Next, Month, Week, Day, Agenda };

struct ToolbarLayout {
  Box bar;
  Box prev, today, next, label;
  std::array<Box, 4> views;  // M W D A, in kAllViews order
  ToolbarHit hit(double x, double y) const;
};
// The row at the top of `content`, `height` tall: ‹ Today › on the left, the
// period label after them, the four view switches on the right.
ToolbarLayout toolbarLayout(const Box& content, double height, double todayWidth, double switchWidth);
ViewKind viewOfSwitch(ToolbarHit hit);  // Month..Agenda only

// ---------------------------------------------------------------- month

struct MonthMetrics {
  Box area;                  // below the toolbar
  double headerHeight = 20;  // weekday names
  double dayNumberHeight = 18;
  double laneHeight = 17;

  double cellWidth() const { return area.w / 7; }
  double cellHeight() const { return (area.h - headerHeight) / 6; }
  // How many lanes (bars, chips, "+N more") fit in a cell; at least 1.
  int maxLanes() const;
  Box cell(int index) const;  // 0..41, row-major
  Box header(int column) const;
  Box lane(int cellIndex, int lane) const;
  // Where a day's "+N more" goes: its last lane, or the right part of its
  // day-number row when the cell has a single lane (MonthDay::moreInHeader).
  Box more(const MonthGrid& grid, int cellIndex) const;
  Box bar(const MonthBar& bar) const;
  std::optional<int> cellAt(double x, double y) const;
};

struct MonthHit {
  enum class Kind { None, Day, Occurrence, More };
  Kind kind = Kind::None;
  int cell = -1;
  std::size_t occurrence = 0;  // Kind::Occurrence: index into grid.occurrences
};
MonthHit monthHitTest(const MonthGrid& grid, const MonthMetrics& metrics, double x, double y);

// ---------------------------------------------------------------- week / day

struct HourGridMetrics {
  Box area;  // below the toolbar
  int dayCount = 7;
  double gutter = 44;          // hour labels
  double headerHeight = 22;    // day names
  double allDayLaneHeight = 18;
  int allDayLanes = 0;
  double hourHeight = 40;
  double scroll = 0;  // px the hours are scrolled up

  double columnWidth() const { return (area.w - gutter) / dayCount; }
  double columnX(int day) const { return area.x + gutter + day * columnWidth(); }
  double allDayHeight() const;  // the strip, at least one empty lane tall
  Box hoursArea() const;        // the scrolling part
  double maxScroll() const;
  double yForMinute(int minute) const;  // on screen, scroll applied
  Box block(const TimedBlock& block) const;
  Box allDayBar(const AllDayStripBar& bar) const;
  // The scroll that puts `minute` at the top of the hours (clamped).
  double scrollFor(int minute) const;
};

struct HourGridHit {
  enum class Kind { None, Header, AllDay, AllDayBar, Slot, Block, BlockBottom };
  Kind kind = Kind::None;
  int day = -1;        // column
  int minute = 0;      // Slot/Block: the minute under the point (not snapped)
  std::size_t occurrence = 0;  // AllDayBar, Block, BlockBottom
};
// Blocks later in the layout are drawn over earlier ones and win the hit.
// The bottom `edge` px of a block grab its end (resize).
HourGridHit hourGridHitTest(const WeekLayout& layout, const HourGridMetrics& metrics, double x, double y,
                            double edge = 6);
// A pointer's vertical travel as minutes, rounded to `snap`.
int snappedMinutes(double dy, double hourHeight, int snap = 15);
// The minute an hour grid opens at: the working day's start when an event
// of the shown days lies in the `visibleMinutes` from there, or nothing is
// timed; otherwise the hour before the earliest event that starts on a shown
// day, so a day whose only appointment is at 14:00 does not open empty.
int openingMinute(const WeekLayout& layout, int workingStart, int visibleMinutes);

// ---------------------------------------------------------------- agenda

struct AgendaRow {
  bool header = false;  // a day's heading
  std::size_t day = 0;  // index into the agenda
  std::size_t occurrence = 0;
  double y = 0;  // from the list's top, unscrolled
  double h = 0;
};
std::vector<AgendaRow> agendaRows(const std::vector<AgendaDay>& days, double headerHeight, double rowHeight);
// The row under content-relative y (scroll applied), or nullopt.
std::optional<std::size_t> agendaRowAt(const std::vector<AgendaRow>& rows, double y, double scroll);

}  // namespace deskpane::overlay::calendar
