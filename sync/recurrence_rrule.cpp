#include "sync/recurrence_rrule.h"

#include <array>

namespace deskpane::sync {

namespace {

constexpr std::array<const char*, 7> kICalDays{"SU", "MO", "TU", "WE", "TH", "FR", "SA"};

// Monday-first order keeps the text stable and readable; the order has no meaning to RRULE.
std::string byDayList(WeekdayMask mask) {
  static constexpr std::array<int, 7> kOrder{1, 2, 3, 4, 5, 6, 0};
  std::string out;
  for (int d : kOrder)
    if (mask & weekdayBit(static_cast<Weekday>(d))) out += std::string(out.empty() ? "" : ",") + kICalDays[d];
  return out;
}

int setPosition(WeekOfMonth w) { return w == WeekOfMonth::Last ? -1 : static_cast<int>(w) + 1; }

// "Day D" in a month that may be shorter than D falls on its last day:
// BYMONTHDAY=minDays..D picks every candidate that exists, BYSETPOS=-1 the latest.
std::string monthDay(int day, int shortestMonthLength) {
  if (day <= shortestMonthLength) return ";BYMONTHDAY=" + std::to_string(day);
  std::string s = ";BYMONTHDAY=";
  for (int d = shortestMonthLength; d <= day; ++d) s += std::to_string(d) + (d < day ? "," : "");
  return s + ";BYSETPOS=-1";
}

std::string byDaySelection(const RecurrencePattern& p) {
  const std::string pos = std::to_string(setPosition(p.weekOfMonth));
  switch (p.selector) {
    case DaySelector::AnyDay: return ";BYMONTHDAY=" + pos;
    case DaySelector::Weekday: return ";BYDAY=" + byDayList(kMondayToFriday) + ";BYSETPOS=" + pos;
    case DaySelector::WeekendDay: return ";BYDAY=" + byDayList(kWeekend) + ";BYSETPOS=" + pos;
    case DaySelector::Days: return ";BYDAY=" + byDayList(p.days) + ";BYSETPOS=" + pos;
  }
  return {};
}

}  // namespace

std::string toICalRRule(const RecurrenceRule& rule) {
  const RecurrencePattern& p = rule.pattern;
  const std::string interval = ";INTERVAL=" + std::to_string(p.frequency);
  std::string s;
  switch (p.kind) {
    case PatternKind::Daily: s = "FREQ=DAILY" + interval; break;
    case PatternKind::EveryWeekday: s = "FREQ=WEEKLY;BYDAY=" + byDayList(kMondayToFriday); break;
    case PatternKind::Weekly:
      s = "FREQ=WEEKLY" + interval + ";BYDAY=" + byDayList(p.days) + ";WKST=" +
          kICalDays[static_cast<size_t>(rule.firstDayOfWeek)];
      break;
    case PatternKind::Monthly: s = "FREQ=MONTHLY" + interval + monthDay(p.dayOfMonth, 28); break;
    case PatternKind::MonthlyByDay: s = "FREQ=MONTHLY" + interval + byDaySelection(p); break;
    case PatternKind::Yearly:
      s = "FREQ=YEARLY" + interval + ";BYMONTH=" + std::to_string(p.month) +
          monthDay(p.dayOfMonth, daysInMonth(2001, p.month));  // 2001: Feb has its shortest length
      break;
    case PatternKind::YearlyByDay:
      s = "FREQ=YEARLY" + interval + ";BYMONTH=" + std::to_string(p.month) + byDaySelection(p);
      break;
  }
  if (rule.range == RangeKind::Count) s += ";COUNT=" + std::to_string(rule.instances);
  return s;
}

}  // namespace deskpane::sync
