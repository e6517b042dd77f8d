#pragma once
// sync::Recurrence: a SharePoint recurring event (master + its exception and
// deletion items) → the occurrences that touch a time window.
//
// How SharePoint's fields are read (shared/sharepoint-rest.md §5.2, §6):
// - EventDate of the master is the start of the series: its date is the
//   earliest possible occurrence, its time of day the start time of every
//   occurrence. EventDate itself is only an occurrence if it matches the
//   pattern (a "weekly on Tuesday" series saved on a Monday starts Tuesday).
// - EndDate of the master is the end of the *series*, not of an occurrence.
//   One occurrence lasts from the start time of day to EndDate's time of day,
//   both taken in the expansion time zone (so a winter-start / summer-end
//   series still gets 09:00-10:00, not 09:00-11:00); an end time of day before
//   the start time means the occurrence ends the next day. The hidden
//   `Duration` field (seconds), when the caller has it, wins: it is the only
//   way to express occurrences longer than a day.
// - windowEnd is an inclusive UTC instant: an occurrence belongs to the series
//   when its start <= windowEnd (SharePoint writes the last occurrence's start
//   there). repeatInstances counts pattern matches, including ones later
//   deleted or moved by exception items.
// - Times on the wire are UTC; timed series expand in the site/user's IANA
//   zone so a weekly 09:00 meeting stays at 09:00 local across DST, then
//   convert back to UTC. A local time inside a spring-forward gap or an
//   autumn overlap resolves as RFC 5545 §3.3.5 says (sync/zone_offsets.h):
//   02:30 in Europe/Berlin on the spring switch day → 01:30Z (03:30 CEST),
//   the repeated 02:30 in autumn → its first occurrence, 00:30Z.
// - All-day series (fAllDayEvent) are floating: expanded on the UTC calendar
//   with no zone shift; occurrences start at 00:00Z of their date.
// - Exception items (EventType 4) and deleted occurrences (EventType 3) carry
//   RecurrenceID = the original occurrence start; it removes that occurrence
//   (compared as an instant; as a date for all-day series). A changed item
//   then appears with its own EventDate/EndDate if that touches the window,
//   even when its original slot lies outside it.
//
// Every pattern is expanded in closed form (recurrence_arith.h explains
// why); libical's iterator is the cross-check (ExpansionWindow::forceLibical).
// Zones come from libical (IANA name → zone from the system zoneinfo) through
// sync/zone_offsets.h, which keeps each zone's offsets per year, so a
// conversion is a table lookup. libical calls here: icalrecurrencetype_from_string,
// icalrecur_iterator_new / _set_start / _next / _free. libical ≥ 3.0 guards
// its zone caches with mutexes and ZoneOffsets fills its tables under one, so
// expansion may run on several threads.
#include "sync/recurrence_rule.h"
#include "sync/recurrence_time.h"

#include <chrono>
#include <optional>
#include <string>
#include <vector>

namespace deskpane::sync {

struct SeriesMaster {
  int id = 0;
  UtcTime eventDate{};  // EventDate: first possible occurrence start
  UtcTime endDate{};    // EndDate: end of the series (its time of day ends each occurrence)
  bool allDay = false;  // fAllDayEvent
  RecurrenceRule rule;  // parsed RecurrenceData
  std::optional<std::chrono::seconds> duration;  // hidden Duration field, when known
};

// EventType values of the items that modify one occurrence.
enum class ExceptionKind { Deleted = 3, Changed = 4 };

struct SeriesException {
  int id = 0;
  ExceptionKind kind = ExceptionKind::Changed;
  int masterSeriesItemId = 0;  // items naming another master are ignored
  UtcTime recurrenceId{};      // RecurrenceID: the original occurrence start
  UtcTime eventDate{};         // Changed: new start
  UtcTime endDate{};           // Changed: new end
  bool allDay = false;
};

struct ExpansionWindow {
  UtcTime start{};  // occurrences with end > start (or start == start for zero-length)...
  UtcTime end{};    // ...and start < end are returned
  std::string timeZone = "UTC";  // IANA name, e.g. "Europe/Berlin"; "" or "UTC" = UTC
  // Expansion normally skips libical (recurrence_arith.h); tests
  // and the benchmark set this to compare against libical's expansion, which
  // is wrong for weekly series with weekFrequency > 1 and a firstDayOfWeek
  // other than Sunday.
  bool forceLibical = false;
};

struct Occurrence {
  UtcTime start{};
  UtcTime end{};
  bool allDay = false;
  int masterId = 0;
  UtcTime recurrenceId{};  // original start of this slot in the series
  int itemId = 0;          // master id, or the exception item's id
  bool isException = false;

  friend bool operator==(const Occurrence& a, const Occurrence& b) {
    return a.start == b.start && a.end == b.end && a.allDay == b.allDay && a.masterId == b.masterId &&
           a.recurrenceId == b.recurrenceId && a.itemId == b.itemId && a.isException == b.isException;
  }
};

// Sorted by start, then end, then itemId. Fails on an unknown time zone, an
// invalid rule, or a window whose end precedes its start.
RecurrenceResult<std::vector<Occurrence>> expandSeries(const SeriesMaster& master,
                                                       const std::vector<SeriesException>& exceptions,
                                                       const ExpansionWindow& window);

// The occurrence duration the master implies (see the reading above); exposed
// for the editor, which shows it, and for tests.
RecurrenceResult<std::chrono::seconds> occurrenceDuration(const SeriesMaster& master, const std::string& timeZone);

}  // namespace deskpane::sync
