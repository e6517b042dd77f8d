#include "sync/recurrence.h"

#include "sync/recurrence_arith.h"
#include "sync/recurrence_rrule.h"
#include "sync/zone_offsets.h"

#include <libical/ical.h>

#include <algorithm>
#include <cstdlib>
#include <memory>

namespace deskpane::sync {

namespace {

using std::chrono::seconds;
constexpr long long kDay = 86400;

struct IteratorDeleter {
  void operator()(icalrecur_iterator* it) const { icalrecur_iterator_free(it); }
};
using IteratorPtr = std::unique_ptr<icalrecur_iterator, IteratorDeleter>;

// The zone to expand in (sync/zone_offsets.h: libical's offsets, cached;
// gaps and overlaps read as RFC 5545 says); UTC also stands for the
// floating calendar of all-day events.
using Zone = const ZoneOffsets*;

RecurrenceResult<Zone> lookupZone(const std::string& name) {
  const ZoneOffsets* zone = ZoneOffsets::named(name);
  if (!zone) return RecurrenceResult<Zone>::failure("unknown time zone \"" + name + "\" (expected an IANA name)");
  return zone;
}

// Local wall-clock fields of a UTC instant, as a floating icaltimetype: the
// iterator then steps in wall time, which is what keeps 09:00 at 09:00.
icaltimetype toLocal(UtcTime t, Zone zone) {
  const CivilTime c = zone->toLocal(t);
  icaltimetype out = icaltime_null_time();
  out.year = c.year;
  out.month = c.month;
  out.day = c.day;
  out.hour = c.hour;
  out.minute = c.minute;
  out.second = c.second;
  return out;
}

long long dayNumber(const icaltimetype& t) {
  return fromCivil(CivilTime{t.year, t.month, t.day, 0, 0, 0}).time_since_epoch().count() / kDay;
}

long long secondOfDay(const icaltimetype& t) { return t.hour * 3600LL + t.minute * 60LL + t.second; }

bool touchesWindow(UtcTime start, UtcTime end, const ExpansionWindow& w) {
  if (start >= w.end) return false;
  return end > w.start || (start == end && start >= w.start);
}

// RecurrenceID matches the slot it replaces: exactly for timed series; for
// all-day series the nearest start within half a day, because clients differ
// in whether they write floating midnight or the site's midnight in UTC.
bool sameSlot(UtcTime recurrenceId, UtcTime slotStart, bool allDay) {
  if (!allDay) return recurrenceId == slotStart;
  return std::llabs((recurrenceId - slotStart).count()) < kDay / 2;
}

RecurrenceResult<seconds> durationIn(const SeriesMaster& master, Zone zone) {
  if (master.duration) {
    if (master.duration->count() < 0) return RecurrenceResult<seconds>::failure("negative Duration");
    return *master.duration;
  }
  long long d = secondOfDay(toLocal(master.endDate, zone)) - secondOfDay(toLocal(master.eventDate, zone));
  if (d < 0) d += kDay;
  return seconds(d);
}

}  // namespace

RecurrenceResult<seconds> occurrenceDuration(const SeriesMaster& master, const std::string& timeZone) {
  const auto zone = lookupZone(master.allDay ? std::string() : timeZone);
  if (!zone) return RecurrenceResult<seconds>::failure(zone.error());
  return durationIn(master, zone.value());
}

RecurrenceResult<std::vector<Occurrence>> expandSeries(const SeriesMaster& master,
                                                       const std::vector<SeriesException>& exceptions,
                                                       const ExpansionWindow& window) {
  using Result = RecurrenceResult<std::vector<Occurrence>>;
  if (window.end < window.start) return Result::failure("expansion window ends before it starts");
  if (const std::string why = validateRecurrenceRule(master.rule); !why.empty())
    return Result::failure("invalid recurrence rule: " + why);
  const auto zoneResult = lookupZone(master.allDay ? std::string() : window.timeZone);
  if (!zoneResult) return Result::failure(zoneResult.error());
  const Zone zone = zoneResult.value();
  const auto durationResult = durationIn(master, zone);
  if (!durationResult) return Result::failure(durationResult.error());
  const seconds duration = durationResult.value();

  const icaltimetype localStart = toLocal(master.eventDate, zone);
  std::vector<Occurrence> out;
  // Returns false once the series or the window is exhausted.
  auto emit = [&](long long wallSeconds) {
    const UtcTime start = zone->wallToUtc(wallSeconds);
    if (master.rule.range == RangeKind::Until && start > master.rule.windowEnd) return false;
    if (start >= window.end) return false;
    if (start < master.eventDate) return true;  // slack before the window, or a local time before the series start
    const UtcTime end = start + duration;
    if (!touchesWindow(start, end, window)) return true;
    const bool replaced = std::any_of(exceptions.begin(), exceptions.end(), [&](const SeriesException& e) {
      return e.masterSeriesItemId == master.id && sameSlot(e.recurrenceId, start, master.allDay);
    });
    if (!replaced) out.push_back({start, end, master.allDay, master.id, start, master.id, false});
    return true;
  };

  if (!window.forceLibical && hasArithmeticExpansion(master.rule)) {
    // Local days that can hold an occurrence touching the window; a day of
    // slack each side covers the zone offset, emit() filters exactly.
    const long long from = dayNumber(toLocal(window.start - duration, zone)) - 1;
    const long long to = dayNumber(toLocal(window.end, zone)) + 1;
    const long long timeOfDay = secondOfDay(localStart);
    const auto days = arithmeticOccurrenceDays(master.rule, dayNumber(localStart), from, to);
    out.reserve(days.size());
    for (const long long day : days)
      if (!emit(day * kDay + timeOfDay)) break;
  } else {
    const std::string rruleText = toICalRRule(master.rule);
    const icalrecurrencetype rrule = icalrecurrencetype_from_string(rruleText.c_str());
    if (rrule.freq == ICAL_NO_RECURRENCE) return Result::failure("libical rejected RRULE " + rruleText);
    IteratorPtr it(icalrecur_iterator_new(rrule, localStart));
    if (!it) return Result::failure("libical cannot expand RRULE " + rruleText);
    // Skip the years before the window instead of stepping through them. Not
    // allowed with COUNT (libical must count from the first instance); the two
    // days of slack cover zone offsets and DST shifts of the local start.
    const UtcTime skipTo = window.start - duration - seconds(2 * kDay);
    if (master.rule.range != RangeKind::Count && skipTo > master.eventDate)
      icalrecur_iterator_set_start(it.get(), toLocal(skipTo, zone));
    for (icaltimetype t = icalrecur_iterator_next(it.get()); !icaltime_is_null_time(t);
         t = icalrecur_iterator_next(it.get()))
      if (!emit(fromCivil(CivilTime{t.year, t.month, t.day, t.hour, t.minute, t.second}).time_since_epoch().count()))
        break;
  }

  const auto byStart = [](const Occurrence& a, const Occurrence& b) {
    if (a.start != b.start) return a.start < b.start;
    if (a.end != b.end) return a.end < b.end;
    return a.itemId < b.itemId;
  };
  // The pattern's occurrences come in order (checked: a wall time in a
  // repeated hour may map behind its predecessor); moved ones are merged in.
  if (!std::is_sorted(out.begin(), out.end(), byStart)) std::sort(out.begin(), out.end(), byStart);
  const auto generated = static_cast<std::ptrdiff_t>(out.size());
  for (const SeriesException& e : exceptions) {
    if (e.masterSeriesItemId != master.id || e.kind != ExceptionKind::Changed) continue;
    if (touchesWindow(e.eventDate, e.endDate, window))
      out.push_back({e.eventDate, e.endDate, e.allDay, master.id, e.recurrenceId, e.id, true});
  }
  if (out.size() > static_cast<std::size_t>(generated)) {
    std::sort(out.begin() + generated, out.end(), byStart);
    std::inplace_merge(out.begin(), out.begin() + generated, out.end(), byStart);
  }
  return out;
}

}  // namespace deskpane::sync
