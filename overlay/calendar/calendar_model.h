#pragma once
// The Calendar pane as data: the cached Events-list items (singles, series
// masters, changed and deleted occurrences) → occurrences in the desktop's
// zone, laid out for the month grid, the week/day hour grid and the agenda;
// and the items the editor writes back (new event, new series, "this
// occurrence" changed or deleted, the whole series). No toolkit here: the
// view (calendar_view*.cpp) and the editor (calendar_editor*.cpp) draw and
// edit what this computes, and tests/unit/panes/calendar/ checks it headless.
//
// Times. Every series recurs in its own zone: its TimeZone field (a
// SharePoint zone id, sync/sp_time_zones.h), else the site's regional zone,
// else the desktop's. Its occurrences keep their wall-clock time there across
// that zone's DST changes and are then shown in the desktop's zone (a Pacific
// 09:00 weekly meeting is 18:00 in Berlin, 17:00 in the weeks between the US
// and the EU DST changes). All-day events are floating dates: they sit on the
// same dates in every zone.
#include "overlay/clock_text.h"
#include "sync/item.h"
#include "sync/recurrence_rule.h"
#include "sync/recurrence_time.h"
#include "sync/zone_offsets.h"

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace deskpane::overlay::calendar {

using sync::UtcTime;
using sync::Weekday;

// ---------------------------------------------------------------- dates

// A calendar date (proleptic Gregorian), no zone.
struct Date {
  int year = 1970, month = 1, day = 1;

  friend bool operator==(const Date& a, const Date& b) {
    return a.year == b.year && a.month == b.month && a.day == b.day;
  }
  friend bool operator!=(const Date& a, const Date& b) { return !(a == b); }
  friend bool operator<(const Date& a, const Date& b) {
    return a.year != b.year ? a.year < b.year : a.month != b.month ? a.month < b.month : a.day < b.day;
  }
  friend bool operator<=(const Date& a, const Date& b) { return !(b < a); }
  friend bool operator>(const Date& a, const Date& b) { return b < a; }
  friend bool operator>=(const Date& a, const Date& b) { return !(a < b); }
};

long long dayNumber(const Date& d);          // days since 1970-01-01
Date dateFromDayNumber(long long days);
Date addDays(const Date& d, long long days);
long long daysBetween(const Date& from, const Date& to);  // to - from
Weekday weekdayOf(const Date& d);
std::optional<Date> parseDate(std::string_view yyyyMmDd);  // "2027-03-12"
std::string formatDate(const Date& d);                     // "2027-03-12"

// A wall-clock time in some zone: a date and the minutes since its midnight (0..1439).
struct WallTime {
  Date date;
  int minutes = 0;

  friend bool operator==(const WallTime& a, const WallTime& b) { return a.date == b.date && a.minutes == b.minutes; }
  friend bool operator!=(const WallTime& a, const WallTime& b) { return !(a == b); }
  friend bool operator<(const WallTime& a, const WallTime& b) {
    return a.date != b.date ? a.date < b.date : a.minutes < b.minutes;
  }
};

// An IANA zone (from the system's zoneinfo, through libical; conversions are
// table lookups, sync/zone_offsets.h). Cheap to copy.
class Zone {
 public:
  // nullopt for a name that is no IANA zone; "", "UTC", "Etc/UTC" are UTC.
  static std::optional<Zone> named(const std::string& iana);
  static Zone utc();
  const std::string& name() const { return offsets_->name(); }
  WallTime toWall(UtcTime t) const;
  // The wall time as seconds since 1970-01-01 00:00 on this zone's clock.
  long long wallSeconds(UtcTime t) const { return offsets_->utcToWall(t); }
  // A wall time that a spring-forward gap skips takes the offset before the
  // change, as RFC 5545 reads it (02:30 in Berlin on the switch day is 03:30
  // CEST); one that an autumn overlap repeats is the first of the two (the
  // 02:30 still in summer time).
  UtcTime toUtc(const WallTime& w) const;

 private:
  explicit Zone(const sync::ZoneOffsets* offsets) : offsets_(offsets) {}
  const sync::ZoneOffsets* offsets_;  // process-wide, never null
};

// From the C library's locale (LC_TIME): the first day of the week and
// whether times are shown 24-hour. The views read them once at start.
Weekday localeFirstDayOfWeek();
using overlay::locale24Hour;  // clock_text.h
using overlay::formatClock;

// ---------------------------------------------------------------- reading

struct CalendarZones {
  std::string desktop = "UTC";  // IANA zone the occurrences are shown in (sync::systemTimeZone())
  int siteZoneId = 0;           // SharePoint id of the site's regional zone; 0 = unknown (use `desktop`)
};

// One occurrence as the views show it.
struct CalendarOccurrence {
  std::int64_t itemId = 0;    // the item behind it: the single event, the master, or the exception item
  std::int64_t masterId = 0;  // the series master; 0 for a single event
  UtcTime recurrenceId{};     // series only: the original start of this slot (RecurrenceID)
  std::string uid;            // series UID (UID field; "" when the item has none)
  bool recurring = false;     // part of a series (generated or changed occurrence)
  bool isException = false;   // a changed occurrence (EventType 4 item)
  bool allDay = false;
  std::string title;
  std::string location;
  std::string seriesZone;     // IANA zone the series recurs in ("" for singles and all-day)
  sync::LocalState state = sync::LocalState::Clean;  // pending edit / conflict markers

  UtcTime start{};  // instants; all-day: 00:00Z of the first day .. 23:59Z of the last, as stored
  UtcTime end{};
  // In the desktop's zone. All-day: first day 00:00 .. the day after the last
  // day 00:00 (exclusive end), whatever the zone.
  WallTime localStart;
  WallTime localEnd;

  Date firstDay() const { return localStart.date; }
  // The last day it covers (an end at 00:00 does not reach into that day,
  // except for a zero-length event).
  Date lastDay() const;
};

// `item` without what the calendar never reads, so that a model of a big
// list holds a fraction of the cache's fields: the columns outside the
// calendar's own (GUID, Created, Modified, anything else the server sent)
// and values that read as missing ones do: null (Item::text, integer),
// false (Item::flag) and EventType 0 (ConstEvent::eventType). A changed or
// deleted occurrence keeps a null Category: it tells its "no category" from
// one it takes from its series (CalendarView::categoryOf). A copy rather than erasing in place:
// the freed full items then leave whole free pages, not holes between kept
// fields.
sync::Item withCalendarFields(const sync::Item& item);

// The cached items of one Events list, read once; queries expand on demand.
// The model keeps its items as withCalendarFields() makes them.
class CalendarModel {
 public:
  CalendarModel(std::vector<sync::Item> items, CalendarZones zones);
  ~CalendarModel();
  CalendarModel(CalendarModel&&) noexcept;
  CalendarModel& operator=(CalendarModel&&) noexcept;

  const CalendarZones& zones() const;
  const Zone& desktopZone() const;
  // The cached item, or nullptr (editor: the master of an occurrence).
  const sync::Item* item(std::int64_t id) const;
  // Every cached item (locally deleted ones left out), in cache order.
  const std::vector<sync::Item>& items() const;
  // Series that could not be expanded (bad RecurrenceData...): item id → reason, for the log.
  const std::map<std::int64_t, std::string>& problems() const;

  // Occurrences overlapping the local days [from, toExclusive) of the desktop
  // zone, sorted by start (all-day before timed on the same day), then end, then item id.
  std::vector<CalendarOccurrence> occurrences(const Date& from, const Date& toExclusive) const;

  // The items as series and single events, for the iCalendar export.
  struct Series {
    std::int64_t masterId = 0;
    std::string zone;  // IANA zone it recurs in; "" = all-day (floating)
    sync::RecurrenceRule rule;
    UtcTime start{};   // EventDate
    std::int64_t durationSeconds = 0;
    std::vector<std::int64_t> changedIds;  // EventType 4 items of this series
    std::vector<std::int64_t> deletedIds;  // EventType 3 items of this series
  };
  struct Single {
    std::int64_t itemId = 0;
    UtcTime start{};
    UtcTime end{};
    bool allDay = false;
  };
  std::vector<Series> series() const;
  std::vector<Single> singles() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// ---------------------------------------------------------------- month grid

struct MonthChip {      // a timed event that starts and ends on one day
  std::size_t occurrence = 0;  // index into MonthGrid::occurrences
  int lane = 0;                // row within the day cell, 0 = top
};

struct MonthBar {       // an all-day or multi-day event, one segment per week row
  std::size_t occurrence = 0;
  int week = 0;         // 0..5
  int firstColumn = 0;  // 0..6, columns counted from the grid's first day of week
  int lastColumn = 0;   // inclusive
  int lane = 0;
  bool continuesBefore = false;  // the event starts before this segment (draw an open edge)
  bool continuesAfter = false;
};

struct MonthDay {
  Date date;
  bool inMonth = false;  // false for the leading/trailing days of the neighbour months
  bool today = false;
  std::vector<MonthChip> chips;  // visible chips, by start
  int moreCount = 0;             // events of this day not shown ("+N more")...
  bool moreInHeader = false;     // ...in lane maxLanes-1, or beside the day number when the cell has one lane
};

struct MonthGrid {
  Date first;  // first cell: the month's first day or the first-day-of-week before it
  std::vector<CalendarOccurrence> occurrences;
  std::vector<MonthDay> days;  // 42 cells, row-major
  std::vector<MonthBar> bars;  // visible bar segments only
  int maxLanes = 0;
};

// Six weeks around `month`'s month. Each day shows at most `maxLanes` rows:
// bars keep one lane across their week row, chips fill the free lanes; when a
// day has more than fits, its last lane holds "+N more" instead - unless the
// cell has only one lane: that keeps its event, and "+N more" goes beside
// the day number (moreInHeader), so a short cell never shows the count alone.
MonthGrid monthGrid(const CalendarModel& model, const Date& month, Weekday firstDayOfWeek, int maxLanes,
                    const Date& today);

// ---------------------------------------------------------------- week/day

struct TimedBlock {     // a timed event's part on one day of the hour grid
  std::size_t occurrence = 0;  // index into WeekLayout::occurrences
  int day = 0;                 // column, 0 = WeekLayout::first
  int startMinute = 0;         // clipped to the day, 0..1440
  int endMinute = 0;
  int column = 0;              // overlapping events side by side: this one's column...
  int columnCount = 1;         // ...of this many (the width of its overlap group)
  bool continuesBefore = false;  // started on an earlier day
  bool continuesAfter = false;   // ends on a later day
};

struct AllDayStripBar {  // all-day events and timed ones of 24 h or more
  std::size_t occurrence = 0;
  int firstDay = 0;  // clipped to the range, inclusive
  int lastDay = 0;
  int lane = 0;
  bool continuesBefore = false;
  bool continuesAfter = false;
};

struct WeekLayout {
  Date first;
  int dayCount = 7;
  std::vector<CalendarOccurrence> occurrences;
  std::vector<TimedBlock> blocks;
  std::vector<AllDayStripBar> allDay;
  int allDayLanes = 0;  // height of the all-day strip in lanes
};

// `dayCount` days from `first` (7 for Week, 1 for Day).
WeekLayout weekLayout(const CalendarModel& model, const Date& first, int dayCount);
// The first day of the week that holds `day`.
Date weekStart(const Date& day, Weekday firstDayOfWeek);

// ---------------------------------------------------------------- agenda

struct AgendaDay {
  Date date;
  std::vector<CalendarOccurrence> occurrences;  // each event on every day it covers, by start
};
// Days of [from, from + days) that have events.
std::vector<AgendaDay> agenda(const CalendarModel& model, const Date& from, int days);

// ---------------------------------------------------------------- writing

// What the editor edits. Timed: start/end are wall times in the desktop zone.
// All-day: only the dates count, `end.date` is the last day (inclusive).
struct EventDraft {
  std::string title;
  std::string location;
  std::string description;  // the words the editor shows (a rich-text description as text)
  // The item's Description as stored, when the draft edits one: a save
  // writes it back unchanged while the words are the same, and as HTML when
  // it was HTML. nullopt for a new event.
  std::optional<std::string> storedDescription;
  // A new event's description is written as HTML, as SharePoint's own form
  // does for a rich-text Description (the Events template's);
  // descriptionsAreHtml says what the list's events hold.
  bool descriptionAsHtml = true;
  bool allDay = false;
  WallTime start;
  WallTime end;
  std::optional<sync::RecurrenceRule> recurrence;  // a series (the rule's own windowEnd is set from `until`)
  std::optional<Date> until;  // RangeKind::Until: the last day (inclusive) the series may occur on
  // The SharePoint zone the series recurs in (its TimeZone field): filled by
  // draftForSeries so an edit keeps a Pacific series Pacific; 0 = the desktop's.
  int seriesTimeZoneId = 0;
};

// A new event on `day` at the next full hour after `now` (or 09:00 when `day`
// is not today), one hour long: what double-click and Ctrl+N open with.
EventDraft newEventDraft(const Date& day, const WallTime& now);
// Whether the list keeps descriptions as HTML: most events that have one
// hold HTML, or none has one (the Events template's field is rich text).
bool descriptionsAreHtml(const CalendarModel& model);
// The editor's starting values for an occurrence, or for its whole series
// (the master's first occurrence and rule).
EventDraft draftForOccurrence(const CalendarModel& model, const CalendarOccurrence& occurrence);
std::optional<EventDraft> draftForSeries(const CalendarModel& model, std::int64_t masterId);

struct DraftError {
  std::string_view field;  // internal name of the field at fault: "Title", "EndDate", "RecurrenceData"
  std::string message;     // translated, for the dialog
};
// Empty when the draft can be saved: title required, end after start (all-day:
// end day not before the start day), a valid rule, until not before the start.
std::vector<DraftError> validateDraft(const EventDraft& draft);

// One write for Engine::create / update / remove.
struct CalendarWrite {
  enum class Kind { Create, Update, Remove };
  Kind kind = Kind::Create;
  std::int64_t itemId = 0;  // Update / Remove
  sync::Fields fields;      // Create: all fields; Update: the fields to set
};

// New single event (EventType 0) or, with draft.recurrence, a new series
// (EventType 1, fRecurrence, RecurrenceData as SharePoint writes it, UID,
// Duration, TimeZone = the desktop zone's SharePoint id).
CalendarWrite createEvent(const EventDraft& draft, const CalendarZones& zones);
// The whole series, or a single event, rewritten from the draft (Update of
// itemId). Changing a series' rule or times keeps its exception items; the
// engine leaves them to SharePoint's rules.
CalendarWrite updateEvent(std::int64_t itemId, const EventDraft& draft, const CalendarZones& zones);
// "This occurrence": a new EventType 4 item (MasterSeriesItemID, RecurrenceID,
// the series UID, its own EventDate/EndDate), or an Update of the exception
// item when the occurrence is one already.
CalendarWrite changeOccurrence(const CalendarOccurrence& occurrence, const EventDraft& draft,
                               const CalendarZones& zones);
// "Delete this occurrence": a new EventType 3 item ("Deleted: <title>"), or
// the existing exception item turned into one.
CalendarWrite deleteOccurrence(const CalendarOccurrence& occurrence);
// Delete a single event, or a series with its exception items.
std::vector<CalendarWrite> deleteEvent(const CalendarModel& model, std::int64_t itemId);

// A fresh series UID as REST returns Guid fields ("xxxxxxxx-xxxx-4xxx-...", lower case, no braces).
std::string newSeriesUid();

}  // namespace deskpane::overlay::calendar
