#pragma once
// SharePoint recurrence rule → iCalendar RRULE text (RFC 5545), the form
// libical's icalrecur_iterator expands.
#include "sync/recurrence_rule.h"

#include <string>

namespace deskpane::sync {

// The pattern part only: FREQ, INTERVAL, BY*, WKST and COUNT. No UNTIL:
// windowEnd is a UTC instant and the expansion runs in local wall time, so
// recurrence.cpp applies it after converting each occurrence back to UTC.
//
// Mapping (documented reading of SharePoint's semantics):
//   daily dayFrequency=N         FREQ=DAILY;INTERVAL=N
//   daily weekday=TRUE           FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR
//   weekly .. weekFrequency=N    FREQ=WEEKLY;INTERVAL=N;BYDAY=..;WKST=<firstDayOfWeek>
//   monthly day=D (D <= 28)      FREQ=MONTHLY;INTERVAL=N;BYMONTHDAY=D
//   monthly day=D (D 29..31)     BYMONTHDAY=28..D;BYSETPOS=-1: clamped to the month's
//                                last day, as Outlook/SharePoint show "day 31" on Apr 30/Feb 28
//   monthlyByDay/yearlyByDay     BYDAY=<days>;BYSETPOS=1..4|-1 (pseudo-days: weekday =
//                                MO-FR, weekend_day = SA,SU; day = BYMONTHDAY=1..4|-1)
//   yearly month=M day=D         FREQ=YEARLY;INTERVAL=N;BYMONTH=M;BYMONTHDAY=D
//                                (Feb 29 clamps to Feb 28 in common years, as above)
//   repeatInstances=K            COUNT=K
std::string toICalRRule(const RecurrenceRule& rule);

}  // namespace deskpane::sync
