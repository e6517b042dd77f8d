#include "sync/recurrence_arith.h"

#include "sync/recurrence_time.h"

#include <algorithm>
#include <bitset>

namespace deskpane::sync {

namespace {

// 1970-01-01 was a Thursday; Weekday counts from Sunday = 0.
int weekdayOf(long long day) { return static_cast<int>(((day + 4) % 7 + 7) % 7); }

long long floorDiv(long long a, long long b) { return a / b - ((a % b != 0) && ((a < 0) != (b < 0))); }

long long countLimit(const RecurrenceRule& rule) {
  return rule.range == RangeKind::Count ? rule.instances : (1LL << 62);
}

std::vector<long long> daily(const RecurrenceRule& rule, long long start, long long from, long long to) {
  const long long n = rule.pattern.frequency;
  const long long limit = countLimit(rule);
  std::vector<long long> out;
  // First index k with start + k*n >= from.
  for (long long k = std::max(0LL, -floorDiv(start - from, n)); k < limit; ++k) {
    const long long day = start + k * n;
    if (day > to) break;
    out.push_back(day);
  }
  return out;
}

std::vector<long long> weekly(WeekdayMask mask, long long n, Weekday firstDayOfWeek, long long limit, long long start,
                              long long from, long long to) {
  const int wkst = static_cast<int>(firstDayOfWeek);
  const long long week0 = start - (weekdayOf(start) - wkst + 7) % 7;
  auto inMask = [mask](long long day) { return (mask & weekdayBit(static_cast<Weekday>(weekdayOf(day)))) != 0; };
  long long firstWeekCount = 0;  // occurrences in the start's week on or after the start
  for (long long d = start; d < week0 + 7; ++d) firstWeekCount += inMask(d);
  const long long perWeek = static_cast<long long>(std::bitset<7>(mask).count());

  // Jump to the last active week starting at or before `from`.
  const long long j0 = std::max(0LL, floorDiv(from - week0, 7 * n));
  long long index = j0 == 0 ? 0 : firstWeekCount + (j0 - 1) * perWeek;
  std::vector<long long> out;
  for (long long j = j0; index < limit; ++j) {
    const long long weekStart = week0 + j * 7 * n;
    if (weekStart > to) break;
    for (long long d = weekStart; d < weekStart + 7 && index < limit; ++d) {
      if (d < start || !inMask(d)) continue;
      if (d >= from && d <= to) out.push_back(d);
      ++index;
    }
  }
  return out;
}

long long dayOf(int year, int month, int day) {
  return fromCivil(CivilTime{year, month, day, 0, 0, 0}).time_since_epoch().count() / 86400;
}

// The day a monthly/yearly pattern picks in one month: day N (clamped to the
// month's last day, as Outlook/SharePoint show "day 31" on 30 April), or the
// first..fourth/last day that the *ByDay selector accepts.
long long dayInMonth(const RecurrencePattern& p, int year, int month) {
  const int length = daysInMonth(year, month);
  const long long first = dayOf(year, month, 1);
  if (p.kind == PatternKind::Monthly || p.kind == PatternKind::Yearly) return first + std::min(p.dayOfMonth, length) - 1;
  auto accepts = [&p](long long day) {
    const int wd = weekdayOf(day);
    switch (p.selector) {
      case DaySelector::AnyDay: return true;
      case DaySelector::Weekday: return wd >= 1 && wd <= 5;
      case DaySelector::WeekendDay: return wd == 0 || wd == 6;
      case DaySelector::Days: return (p.days & weekdayBit(static_cast<Weekday>(wd))) != 0;
    }
    return false;
  };
  if (p.weekOfMonth == WeekOfMonth::Last) {
    for (long long d = first + length - 1; d >= first; --d)
      if (accepts(d)) return d;
    return -1;
  }
  int wanted = static_cast<int>(p.weekOfMonth) + 1;
  for (long long d = first; d < first + length; ++d)
    if (accepts(d) && --wanted == 0) return d;
  return -1;
}

// Monthly and yearly patterns: one candidate day per period (N months, or N
// years in a fixed month). Periods count from the start's month (or year); a
// candidate before the start day is not an occurrence and is not counted, as
// in RFC 5545, so occurrence k of period p is p, or p - 1 when the first
// period's candidate fell before the start.
std::vector<long long> monthBased(const RecurrenceRule& rule, long long start, long long from, long long to) {
  const RecurrencePattern& p = rule.pattern;
  const bool yearly = p.kind == PatternKind::Yearly || p.kind == PatternKind::YearlyByDay;
  const long long step = yearly ? 12LL * p.frequency : p.frequency;  // months per period
  const CivilTime s = toCivil(UtcTime(std::chrono::seconds(start * 86400)));
  const long long firstMonth = s.year * 12LL + (yearly ? p.month - 1 : s.month - 1);  // months since year 0
  auto periodDay = [&](long long period) {
    const long long m = firstMonth + period * step;
    return dayInMonth(p, static_cast<int>(m / 12), static_cast<int>(m % 12) + 1);
  };
  const bool firstSkipped = periodDay(0) < start;
  const long long limit = countLimit(rule);
  const CivilTime f = toCivil(UtcTime(std::chrono::seconds(from * 86400)));
  // The last period beginning at or before the window's month, less one for safety.
  const long long p0 = std::max(0LL, floorDiv(f.year * 12LL + f.month - 1 - firstMonth, step) - 1);
  std::vector<long long> out;
  for (long long period = p0;; ++period) {
    const long long index = period - (firstSkipped ? 1 : 0);
    if (index >= limit) break;
    const long long day = periodDay(period);
    if (day > to && day >= 0) break;
    if (index < 0 || day < start || day < from) continue;
    out.push_back(day);
  }
  return out;
}

}  // namespace

bool hasArithmeticExpansion(const RecurrenceRule& rule) {
  (void)rule;
  return true;  // every SharePoint pattern; libical remains the cross-check (tests, forceLibical)
}

std::vector<long long> arithmeticOccurrenceDays(const RecurrenceRule& rule, long long startDay, long long fromDay,
                                                long long toDay) {
  switch (rule.pattern.kind) {
    case PatternKind::Daily: return daily(rule, startDay, fromDay, toDay);
    case PatternKind::EveryWeekday:
      return weekly(kMondayToFriday, 1, rule.firstDayOfWeek, countLimit(rule), startDay, fromDay, toDay);
    case PatternKind::Weekly:
      return weekly(rule.pattern.days, rule.pattern.frequency, rule.firstDayOfWeek, countLimit(rule), startDay,
                    fromDay, toDay);
    case PatternKind::Monthly:
    case PatternKind::MonthlyByDay:
    case PatternKind::Yearly:
    case PatternKind::YearlyByDay: return monthBased(rule, startDay, fromDay, toDay);
  }
  return {};
}

}  // namespace deskpane::sync
