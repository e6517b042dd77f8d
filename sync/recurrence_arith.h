#pragma once
// Closed-form expansion of every SharePoint pattern (daily, every weekday,
// weekly, monthly, monthlyByDay, yearly, yearlyByDay): the occurrence dates in a range are computed directly instead of
// stepping from the series start. Why not only libical: libical 3.0's
// icalrecur_iterator_next costs ~2 us a step (it drives an ICU Calendar), and
// a repeatInstances series cannot skip ahead (icalrecur_iterator_set_start
// refuses COUNT), so a month view of 500 series took ~65 ms; see
// `deskpane-bench recurrence`. And libical 3.0.16 gets weekly series with
// weekFrequency > 1 wrong unless weeks start on Sunday: it counts
// Sunday-based weeks whatever WKST says, so "every 2 weeks on Sunday, weeks
// start Monday" from Mon 2025-02-10 yields Feb 23 instead of Feb 16 (fixture
// weekly_sunday_every_2_weeks_monday_start.case) - a common European setting.
// Monthly and yearly patterns are closed-form too (one candidate day per
// month or year) for the same cost reason: through libical a monthly series
// took ~100-300 us of CPU per year of calendar, so a year of 500 series in the
// calendar pane took ~30 ms (`deskpane-bench calendar`). The unit tests
// cross-check both paths wherever libical is right.
#include "sync/recurrence_rule.h"

#include <vector>

namespace deskpane::sync {

// Patterns expandSeries can expand without libical (all of them, now).
bool hasArithmeticExpansion(const RecurrenceRule& rule);

// Day numbers (days since 1970-01-01) of the local dates of the occurrences
// that fall in [fromDay, toDay], for a series whose start is on local day
// `startDay`. RangeKind::Count is honoured (occurrences are numbered from the
// series start); windowEnd is not: the caller compares instants.
std::vector<long long> arithmeticOccurrenceDays(const RecurrenceRule& rule, long long startDay, long long fromDay,
                                                long long toDay);

}  // namespace deskpane::sync
