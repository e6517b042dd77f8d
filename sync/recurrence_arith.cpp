#include "sync/recurrence_arith.h"

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

}  // namespace

bool hasArithmeticExpansion(const RecurrenceRule& rule) {
  const PatternKind k = rule.pattern.kind;
  return k == PatternKind::Daily || k == PatternKind::EveryWeekday || k == PatternKind::Weekly;
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
    default: return {};
  }
}

}  // namespace deskpane::sync
