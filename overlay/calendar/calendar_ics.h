#pragma once
// The calendar for terminals and other programs: `deskpane --agenda` lines
// and `deskpane --export-ics` iCalendar (RFC 5545, written with libical), both
// from the cache, no window and no network.
#include "overlay/calendar/calendar_model.h"

#include <optional>
#include <ostream>
#include <string>
#include <vector>

namespace deskpane::overlay::calendar {

// One line per occurrence overlapping the local days [from, from + days),
// sorted by start: "start<TAB>end<TAB>title". Timed: local
// "YYYY-MM-DDTHH:MM" in the desktop zone; all-day: "YYYY-MM-DD" with the end
// date exclusive. Tabs and line breaks in titles become spaces.
std::vector<std::string> agendaLines(const CalendarModel& model, const Date& from, int days);

// The whole calendar as one VCALENDAR: a VTIMEZONE for each zone a series
// recurs in, singles in UTC, series with DTSTART;TZID=<their zone> and RRULE,
// EXDATE for deleted occurrences and a RECURRENCE-ID VEVENT for each changed
// one; all-day events as VALUE=DATE (DTEND exclusive). `stamp` is DTSTAMP.
std::string exportIcs(const CalendarModel& model, UtcTime stamp);

// `deskpane --agenda [--from YYYY-MM-DD] [--days N]`: `from` defaults to
// today in the desktop zone. 0, or 1 with a message on `err` when there is no
// cache or it holds no calendar.
int runAgendaCommand(const std::string& cachePath, const std::optional<std::string>& from, int days,
                     std::ostream& out, std::ostream& err);
// `deskpane --export-ics FILE` ("-" = standard output).
int runExportIcsCommand(const std::string& cachePath, const std::string& file, std::ostream& out,
                        std::ostream& err);

}  // namespace deskpane::overlay::calendar
