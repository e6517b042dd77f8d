#include "overlay/calendar/calendar_view_model.h"

#include "overlay/i18n.h"

#include <langinfo.h>

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace deskpane::overlay::calendar {

// ---------------------------------------------------------------- views and periods

std::string_view viewName(ViewKind view) {
  switch (view) {
    case ViewKind::Month: return "month";
    case ViewKind::Week: return "week";
    case ViewKind::Day: return "day";
    case ViewKind::Agenda: return "agenda";
  }
  return "month";
}

std::optional<ViewKind> viewFromName(std::string_view name) {
  for (ViewKind v : kAllViews)
    if (viewName(v) == name) return v;
  return std::nullopt;
}

Date addMonths(const Date& d, int months) {
  const int index = d.year * 12 + (d.month - 1) + months;
  Date out;
  out.year = index / 12;
  out.month = index % 12 + 1;
  out.day = std::min(d.day, sync::daysInMonth(out.year, out.month));
  return out;
}

Date stepPeriod(ViewKind view, const Date& shown, int direction) {
  switch (view) {
    case ViewKind::Month: return addMonths(shown, direction);
    case ViewKind::Week: return addDays(shown, 7LL * direction);
    case ViewKind::Day: return addDays(shown, direction);
    case ViewKind::Agenda: return addDays(shown, static_cast<long long>(kAgendaDays) * direction);
  }
  return shown;
}

DayRange visibleDays(ViewKind view, const Date& shown, Weekday firstDayOfWeek) {
  switch (view) {
    case ViewKind::Month: {
      const Date first = weekStart(Date{shown.year, shown.month, 1}, firstDayOfWeek);
      return {first, addDays(first, 42)};
    }
    case ViewKind::Week: {
      const Date first = weekStart(shown, firstDayOfWeek);
      return {first, addDays(first, 7)};
    }
    case ViewKind::Day: return {shown, addDays(shown, 1)};
    case ViewKind::Agenda: return {shown, addDays(shown, kAgendaDays)};
  }
  return {shown, addDays(shown, 1)};
}

std::string weekdayName(Weekday day, bool abbreviated) {
  const int i = static_cast<int>(day);
  return nl_langinfo(static_cast<nl_item>((abbreviated ? ABDAY_1 : DAY_1) + i));
}

std::string monthName(int month, bool abbreviated) {
  const int i = std::clamp(month, 1, 12) - 1;
  return nl_langinfo(static_cast<nl_item>((abbreviated ? ABMON_1 : MON_1) + i));
}

namespace {

std::string dayMonth(const Date& d, bool abbreviated = true) {
  return std::to_string(d.day) + " " + monthName(d.month, abbreviated);
}

// "30 Nov – 6 Dec 2026"; the first year only when the range spans two.
std::string rangeLabel(const Date& first, const Date& last) {
  std::string a = dayMonth(first);
  if (first.year != last.year) a += " " + std::to_string(first.year);
  return a + " – " + dayMonth(last) + " " + std::to_string(last.year);
}

// A range's label, then shorter ones: the month once when both ends share
// it ("6–12 Dec 2026"), then without the year ("6–12 Dec").
std::vector<std::string> rangeLabels(const Date& first, const Date& last) {
  std::vector<std::string> out{rangeLabel(first, last)};
  const std::string days = first.year == last.year && first.month == last.month
                               ? std::to_string(first.day) + "–" + dayMonth(last)
                               : dayMonth(first) + " – " + dayMonth(last);
  if (first.year == last.year && first.month == last.month) out.push_back(days + " " + std::to_string(last.year));
  out.push_back(days);
  return out;
}

}  // namespace

std::string periodLabel(ViewKind view, const Date& shown, Weekday firstDayOfWeek) {
  return periodLabels(view, shown, firstDayOfWeek).front();
}

std::vector<std::string> periodLabels(ViewKind view, const Date& shown, Weekday firstDayOfWeek) {
  const std::string year = std::to_string(shown.year);
  switch (view) {
    case ViewKind::Month: return {monthName(shown.month, false) + " " + year, monthName(shown.month, true) + " " + year};
    case ViewKind::Week: {
      const Date first = weekStart(shown, firstDayOfWeek);
      return rangeLabels(first, addDays(first, 6));
    }
    case ViewKind::Day:
      return {weekdayName(weekdayOf(shown), false) + ", " + dayMonth(shown, false) + " " + year,
              weekdayName(weekdayOf(shown), true) + " " + dayMonth(shown) + " " + year,
              weekdayName(weekdayOf(shown), true) + " " + dayMonth(shown)};
    case ViewKind::Agenda:
      return rangeLabels(shown, addDays(shown, kAgendaDays - 1));
  }
  return {formatDate(shown)};
}

std::string occurrenceLabel(const CalendarOccurrence& o, bool use24Hour) {
  std::string out = o.title.empty() ? std::string(_("(no title)")) : o.title;
  out += ", " + weekdayName(weekdayOf(o.firstDay()));
  if (o.allDay) {
    out += " " + dayMonth(o.firstDay());
    if (o.lastDay() != o.firstDay()) out += " – " + weekdayName(weekdayOf(o.lastDay())) + " " + dayMonth(o.lastDay());
    return out + ", " + _("all day");
  }
  out += " " + formatClock(o.localStart.minutes, use24Hour) + "–";
  if (o.localEnd.date != o.localStart.date) out += weekdayName(weekdayOf(o.localEnd.date)) + " ";
  return out + formatClock(o.localEnd.minutes, use24Hour);
}

const std::array<theme::Rgb, 8>& eventColours() {
  // Distinct side by side; drawn as washes whose alpha the palette sets so
  // that its text reads on every one of them.
  static constexpr std::array<theme::Rgb, 8> kPalette{{
      {66, 133, 244}, {52, 168, 123}, {229, 124, 70}, {171, 99, 214},
      {214, 76, 110}, {0, 150, 170},  {190, 150, 40}, {96, 125, 160},
  }};
  return kPalette;
}

theme::Rgb eventColour(const std::string& category, std::int64_t seriesOrItemId, const std::string& title) {
  // FNV-1a: stable across runs and builds (std::hash is not).
  std::uint32_t h = 2166136261u;
  auto mix = [&h](unsigned char c) {
    h ^= c;
    h *= 16777619u;
  };
  if (!category.empty()) {
    for (unsigned char c : category) mix(c);
  } else if (seriesOrItemId > 0) {
    for (int i = 0; i < 8; ++i) mix(static_cast<unsigned char>(seriesOrItemId >> (8 * i)));
  } else {
    // Unsent local creates have a temporary id: the title keeps them steady across the push.
    for (unsigned char c : title) mix(c);
  }
  return eventColours()[h % eventColours().size()];
}

WallTime addMinutesTo(const WallTime& w, int minutes) {
  long long total = dayNumber(w.date) * 1440 + w.minutes + minutes;
  long long days = total >= 0 ? total / 1440 : -((-total + 1439) / 1440);
  return {dateFromDayNumber(days), static_cast<int>(total - days * 1440)};
}

long long minutesBetween(const WallTime& a, const WallTime& b) {
  return (dayNumber(b.date) - dayNumber(a.date)) * 1440 + (b.minutes - a.minutes);
}

// ---------------------------------------------------------------- toolbar

ToolbarHit ToolbarLayout::hit(double x, double y) const {
  if (!bar.contains(x, y)) return ToolbarHit::None;
  if (prev.contains(x, y)) return ToolbarHit::Prev;
  if (today.contains(x, y)) return ToolbarHit::Today;
  if (next.contains(x, y)) return ToolbarHit::Next;
  static constexpr ToolbarHit kSwitches[] = {ToolbarHit::Month, ToolbarHit::Week, ToolbarHit::Day, ToolbarHit::Agenda};
  for (std::size_t i = 0; i < views.size(); ++i)
    if (views[i].contains(x, y)) return kSwitches[i];
  return ToolbarHit::None;
}

ToolbarLayout toolbarLayout(const Box& content, double height, double todayWidth, double switchWidth) {
  ToolbarLayout t;
  const double pad = theme::kPad / 2.0 + 2, gap = 4, button = height - 6;
  t.bar = {content.x, content.y, content.w, height};
  const double y = content.y + 3;
  t.prev = {content.x + pad, y, button, button};
  t.today = {t.prev.right() + gap, y, todayWidth, button};
  t.next = {t.today.right() + gap, y, button, button};
  double x = content.right() - pad - 4 * switchWidth;
  for (auto& v : t.views) {
    v = {x, y, switchWidth, button};
    x += switchWidth;
  }
  const double labelX = t.next.right() + 2 * gap;
  t.label = {labelX, y, std::max(0.0, t.views[0].x - gap - labelX), button};
  return t;
}

ViewKind viewOfSwitch(ToolbarHit hit) {
  switch (hit) {
    case ToolbarHit::Week: return ViewKind::Week;
    case ToolbarHit::Day: return ViewKind::Day;
    case ToolbarHit::Agenda: return ViewKind::Agenda;
    default: return ViewKind::Month;
  }
}

// ---------------------------------------------------------------- month

int MonthMetrics::maxLanes() const {
  const double free = cellHeight() - dayNumberHeight - 2;
  return std::max(1, static_cast<int>(std::floor(free / laneHeight)));
}

Box MonthMetrics::cell(int index) const {
  const int row = index / 7, column = index % 7;
  return {area.x + column * cellWidth(), area.y + headerHeight + row * cellHeight(), cellWidth(), cellHeight()};
}

Box MonthMetrics::header(int column) const {
  return {area.x + column * cellWidth(), area.y, cellWidth(), headerHeight};
}

Box MonthMetrics::lane(int cellIndex, int laneIndex) const {
  const Box c = cell(cellIndex);
  return {c.x + 2, c.y + dayNumberHeight + laneIndex * laneHeight, c.w - 4, laneHeight - 2};
}

Box MonthMetrics::more(const MonthGrid& grid, int cellIndex) const {
  const bool inHeader = cellIndex >= 0 && static_cast<std::size_t>(cellIndex) < grid.days.size() &&
                        grid.days[static_cast<std::size_t>(cellIndex)].moreInHeader;
  if (!inHeader) return lane(cellIndex, grid.maxLanes - 1);
  const Box c = cell(cellIndex);
  // Right of the day number (which takes the left third at most).
  return {c.x + c.w / 3, c.y + 1, c.w * 2 / 3 - 3, dayNumberHeight - 2};
}

Box MonthMetrics::bar(const MonthBar& b) const {
  const Box first = lane(b.week * 7 + b.firstColumn, b.lane);
  const Box last = lane(b.week * 7 + b.lastColumn, b.lane);
  // An open edge runs to the cell border, so a bar continued in the next row reads as one.
  const double x0 = b.continuesBefore ? first.x - 2 : first.x;
  const double x1 = b.continuesAfter ? last.right() + 2 : last.right();
  return {x0, first.y, x1 - x0, first.h};
}

std::optional<int> MonthMetrics::cellAt(double x, double y) const {
  if (x < area.x || x >= area.right() || y < area.y + headerHeight || y >= area.bottom()) return std::nullopt;
  const int column = std::clamp(static_cast<int>((x - area.x) / cellWidth()), 0, 6);
  const int row = std::clamp(static_cast<int>((y - area.y - headerHeight) / cellHeight()), 0, 5);
  return row * 7 + column;
}

MonthHit monthHitTest(const MonthGrid& grid, const MonthMetrics& m, double x, double y) {
  MonthHit hit;
  const auto cell = m.cellAt(x, y);
  if (!cell) return hit;
  hit.kind = MonthHit::Kind::Day;
  hit.cell = *cell;
  for (const auto& b : grid.bars)
    if (m.bar(b).contains(x, y)) {
      hit.kind = MonthHit::Kind::Occurrence;
      hit.occurrence = b.occurrence;
      return hit;
    }
  if (static_cast<std::size_t>(*cell) >= grid.days.size()) return hit;
  const MonthDay& day = grid.days[static_cast<std::size_t>(*cell)];
  for (const auto& c : day.chips)
    if (m.lane(*cell, c.lane).contains(x, y)) {
      hit.kind = MonthHit::Kind::Occurrence;
      hit.occurrence = c.occurrence;
      return hit;
    }
  if (day.moreCount > 0 && m.more(grid, *cell).contains(x, y)) hit.kind = MonthHit::Kind::More;
  return hit;
}

// ---------------------------------------------------------------- week / day

double HourGridMetrics::allDayHeight() const { return std::max(1, allDayLanes) * allDayLaneHeight + 4; }

Box HourGridMetrics::hoursArea() const {
  const double top = area.y + headerHeight + allDayHeight();
  return {area.x, top, area.w, std::max(0.0, area.bottom() - top)};
}

double HourGridMetrics::maxScroll() const { return std::max(0.0, 24 * hourHeight - hoursArea().h); }

double HourGridMetrics::yForMinute(int minute) const { return hoursArea().y - scroll + minute * hourHeight / 60.0; }

double HourGridMetrics::scrollFor(int minute) const {
  return std::clamp(minute * hourHeight / 60.0, 0.0, maxScroll());
}

Box HourGridMetrics::block(const TimedBlock& b) const {
  const double columnW = columnWidth() - 4;  // a gap on the right to click the free slot
  const double w = columnW / std::max(1, b.columnCount);
  const double y0 = yForMinute(b.startMinute);
  // Short events stay tall enough for one line of text.
  const double y1 = std::max(yForMinute(b.endMinute), y0 + std::min(hourHeight / 2, 16.0));
  return {columnX(b.day) + 1 + b.column * w, y0 + 1, w - 1, y1 - y0 - 2};
}

Box HourGridMetrics::allDayBar(const AllDayStripBar& b) const {
  const double x0 = columnX(b.firstDay) + 2, x1 = columnX(b.lastDay + 1) - 2;
  return {x0, area.y + headerHeight + 2 + b.lane * allDayLaneHeight, x1 - x0, allDayLaneHeight - 2};
}

HourGridHit hourGridHitTest(const WeekLayout& layout, const HourGridMetrics& m, double x, double y, double edge) {
  HourGridHit hit;
  if (!m.area.contains(x, y) || x < m.area.x + m.gutter) return hit;
  hit.day = std::clamp(static_cast<int>((x - m.area.x - m.gutter) / m.columnWidth()), 0, m.dayCount - 1);
  if (y < m.area.y + m.headerHeight) {
    hit.kind = HourGridHit::Kind::Header;
    return hit;
  }
  const Box hours = m.hoursArea();
  if (y < hours.y) {
    hit.kind = HourGridHit::Kind::AllDay;
    for (const auto& b : layout.allDay)
      if (m.allDayBar(b).contains(x, y)) {
        hit.kind = HourGridHit::Kind::AllDayBar;
        hit.occurrence = b.occurrence;
      }
    return hit;
  }
  hit.kind = HourGridHit::Kind::Slot;
  hit.minute = std::clamp(static_cast<int>((y - hours.y + m.scroll) * 60.0 / m.hourHeight), 0, 1439);
  for (auto it = layout.blocks.rbegin(); it != layout.blocks.rend(); ++it) {
    const Box b = m.block(*it);
    if (!b.contains(x, y)) continue;
    hit.occurrence = it->occurrence;
    // A block continued on the next day has no end to grab here.
    hit.kind = !it->continuesAfter && y >= b.bottom() - edge ? HourGridHit::Kind::BlockBottom
                                                              : HourGridHit::Kind::Block;
    return hit;
  }
  return hit;
}

int openingMinute(const WeekLayout& layout, int workingStart, int visibleMinutes) {
  const int windowEnd = workingStart + visibleMinutes;
  std::optional<int> earliest;
  for (const TimedBlock& b : layout.blocks) {
    if (b.startMinute < windowEnd && b.endMinute > workingStart) return workingStart;
    // A block carried over from the day before starts at midnight only
    // because the day does: opening there would show the tail of last night.
    if (!b.continuesBefore && (!earliest || b.startMinute < *earliest)) earliest = b.startMinute;
  }
  if (!earliest) return workingStart;
  return std::max(0, *earliest / 60 * 60 - 60);
}

int snappedMinutes(double dy, double hourHeight, int snap) {
  const double minutes = dy * 60.0 / hourHeight;
  return static_cast<int>(std::lround(minutes / snap)) * snap;
}

// ---------------------------------------------------------------- agenda

std::vector<AgendaRow> agendaRows(const std::vector<AgendaDay>& days, double headerHeight, double rowHeight) {
  std::vector<AgendaRow> rows;
  double y = 0;
  for (std::size_t d = 0; d < days.size(); ++d) {
    rows.push_back({true, d, 0, y, headerHeight});
    y += headerHeight;
    for (std::size_t o = 0; o < days[d].occurrences.size(); ++o) {
      rows.push_back({false, d, o, y, rowHeight});
      y += rowHeight;
    }
  }
  return rows;
}

std::optional<std::size_t> agendaRowAt(const std::vector<AgendaRow>& rows, double y, double scroll) {
  const double at = y + scroll;
  // Rows are sorted by y: binary search the last row starting at or above `at`.
  auto it = std::upper_bound(rows.begin(), rows.end(), at, [](double v, const AgendaRow& r) { return v < r.y; });
  if (it == rows.begin()) return std::nullopt;
  --it;
  if (at >= it->y + it->h) return std::nullopt;
  return static_cast<std::size_t>(it - rows.begin());
}

}  // namespace deskpane::overlay::calendar
