#include "overlay/calendar/calendar_model.h"

#include "overlay/clock_text.h"
#include "overlay/i18n.h"
#include "overlay/plain_text.h"
#include "sync/recurrence.h"
#include "sync/sp_time_zones.h"

#include <langinfo.h>
#include <locale.h>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cstdio>
#include <random>

namespace deskpane::overlay::calendar {

namespace {

using std::chrono::seconds;
constexpr long long kDay = 86400;

long long floorDiv(long long a, long long b) { return a >= 0 ? a / b : -((-a + b - 1) / b); }

Date dateOf(const sync::CivilTime& c) { return {c.year, c.month, c.day}; }

UtcTime floatingMidnight(const Date& d) { return sync::fromCivil({d.year, d.month, d.day, 0, 0, 0}); }

WallTime addMinutes(WallTime w, long long minutes) {
  const long long total = w.minutes + minutes;
  w.date = addDays(w.date, floorDiv(total, 1440));
  w.minutes = static_cast<int>(total - floorDiv(total, 1440) * 1440);
  return w;
}

std::string trimmed(const std::string& s) {
  const auto b = s.find_first_not_of(" \t\r\n");
  if (b == std::string::npos) return {};
  return s.substr(b, s.find_last_not_of(" \t\r\n") - b + 1);
}

}  // namespace

// ---------------------------------------------------------------- dates

long long dayNumber(const Date& d) {
  return floorDiv(floatingMidnight(d).time_since_epoch().count(), kDay);
}

Date dateFromDayNumber(long long days) { return dateOf(sync::toCivil(UtcTime(seconds(days * kDay)))); }

Date addDays(const Date& d, long long days) { return dateFromDayNumber(dayNumber(d) + days); }

long long daysBetween(const Date& from, const Date& to) { return dayNumber(to) - dayNumber(from); }

Weekday weekdayOf(const Date& d) {
  // 1970-01-01 was a Thursday.
  return static_cast<Weekday>(((dayNumber(d) % 7) + 7 + 4) % 7);
}

std::optional<Date> parseDate(std::string_view s) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return std::nullopt;
  auto number = [&](std::size_t at, std::size_t len, int& out) {
    const auto [end, ec] = std::from_chars(s.data() + at, s.data() + at + len, out);
    return ec == std::errc() && end == s.data() + at + len;
  };
  Date d;
  if (!number(0, 4, d.year) || !number(5, 2, d.month) || !number(8, 2, d.day)) return std::nullopt;
  if (d.month < 1 || d.month > 12 || d.day < 1 || d.day > sync::daysInMonth(d.year, d.month)) return std::nullopt;
  return d;
}

std::string formatDate(const Date& d) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", d.year, d.month, d.day);
  return buf;
}

std::optional<Zone> Zone::named(const std::string& iana) {
  const sync::ZoneOffsets* offsets = sync::ZoneOffsets::named(iana);
  if (!offsets) return std::nullopt;
  return Zone(offsets);
}

Zone Zone::utc() { return Zone(&sync::ZoneOffsets::utc()); }

WallTime Zone::toWall(UtcTime t) const {
  const auto c = offsets_->toLocal(t);
  return {dateOf(c), c.hour * 60 + c.minute};
}

UtcTime Zone::toUtc(const WallTime& w) const {
  return offsets_->toUtc({w.date.year, w.date.month, w.date.day, w.minutes / 60, w.minutes % 60, 0});
}

Weekday localeFirstDayOfWeek() {
  TimeLocale locale;
  // glibc: _NL_TIME_WEEK_1STDAY is the date of a day that begins the week
  // list (19971130, a Sunday, or 19971201, a Monday); _NL_TIME_FIRST_WEEKDAY
  // is the 1-based index into that list of the first day shown.
  const auto base = static_cast<int>(reinterpret_cast<std::intptr_t>(locale.info(_NL_TIME_WEEK_1STDAY)));
  const int first = locale.info(_NL_TIME_FIRST_WEEKDAY)[0];
  const int baseDay = base == 19971201 ? 1 : 0;
  if (first < 1 || first > 7) return Weekday::Monday;
  return static_cast<Weekday>((baseDay + first - 1) % 7);
}

Date CalendarOccurrence::lastDay() const {
  if (allDay || (localEnd.minutes == 0 && localStart.date < localEnd.date))
    return std::max(localStart.date, addDays(localEnd.date, -1));
  return localEnd.date;
}

// ---------------------------------------------------------------- reading

namespace {

bool isMasterItem(const sync::ConstEvent& e) {
  const int type = e.eventType();
  return type == sync::Event::RecurringMaster ||
         (type == sync::Event::Single && e.recurrence() && !e.recurrenceData().empty());
}

bool isExceptionType(int type) {
  return type == sync::Event::DeletedOccurrence || type == sync::Event::ChangedOccurrence;
}

// The master's occurrence length when the series cannot be expanded: Duration,
// else EndDate's time of day after EventDate's (UTC; only a fallback).
seconds fallbackDuration(const sync::Item& item, UtcTime start, UtcTime end) {
  if (const auto d = item.integer("Duration"); d && *d >= 0) return seconds(*d);
  long long diff = (end - start).count() % kDay;
  if (diff < 0) diff += kDay;
  return seconds(diff);
}

}  // namespace

struct CalendarModel::Impl {
  struct Series {
    std::size_t item = 0;
    sync::SeriesMaster master;
    std::vector<sync::SeriesException> exceptions;
    std::string zone;  // IANA zone it recurs in; "" for all-day (floating)
  };
  struct Single {
    std::size_t item = 0;
    UtcTime start{};
    UtcTime end{};
    bool allDay = false;
    std::int64_t masterId = 0;  // an orphaned changed occurrence keeps its series link
    UtcTime recurrenceId{};
  };

  std::vector<sync::Item> items;
  // What an occurrence of items[i] says, read once: each occurrence copies it.
  struct Text {
    std::string uid, title, location;
  };
  std::vector<Text> texts;
  std::map<std::int64_t, std::size_t> byId;
  CalendarZones zones;
  Zone desktop = Zone::utc();
  std::vector<Series> series;
  std::vector<Single> singles;
  std::map<std::int64_t, std::string> problems;

  std::string zoneFor(const sync::Item& item) const {
    if (const auto id = item.integer("TimeZone"); id && *id > 0)
      if (const auto* z = sync::sharePointZone(static_cast<int>(*id))) return std::string(z->iana);
    if (const auto* z = sync::sharePointZone(zones.siteZoneId)) return std::string(z->iana);
    return desktop.name();
  }

  // The local span of start..end: the desktop's wall times, or the floating
  // dates of an all-day event (first day 00:00 .. the day after the last).
  void placeLocally(bool allDay, UtcTime start, UtcTime end, WallTime& localStart, WallTime& localEnd) const {
    if (allDay) {
      const Date first = dateOf(sync::toCivil(start));
      const auto endCivil = sync::toCivil(end);
      Date last = dateOf(endCivil);
      // Stored as 00:00 .. 23:59 of the last day; a client that writes the
      // next midnight instead means the day before.
      if (end > start && endCivil.hour == 0 && endCivil.minute == 0 && endCivil.second == 0) last = addDays(last, -1);
      if (last < first) last = first;
      localStart = {first, 0};
      localEnd = {addDays(last, 1), 0};
    } else {
      localStart = desktop.toWall(start);
      localEnd = desktop.toWall(end);
    }
  }

  void build() {
    std::map<std::int64_t, std::size_t> seriesByMaster;
    texts.reserve(items.size());
    for (std::size_t i = 0; i < items.size(); ++i) {
      const auto& item = items[i];
      byId[item.id] = i;
      sync::ConstEvent e(item);
      texts.push_back({e.uid(), e.title(), e.location()});
      if (!isMasterItem(e)) continue;
      const auto start = sync::parseUtcTime(e.eventDate());
      const auto end = sync::parseUtcTime(e.endDate());
      if (!start) {
        problems[item.id] = "EventDate missing or unreadable";
        continue;
      }
      auto rule = sync::parseRecurrenceData(e.recurrenceData());
      if (!rule) {
        // Shown once where it starts rather than not at all (legacy text rules).
        problems[item.id] = rule.error();
        singles.push_back({i, *start, *start + fallbackDuration(item, *start, end.value_or(*start)), e.allDay(), 0, {}});
        continue;
      }
      Series s;
      s.item = i;
      s.master.id = static_cast<int>(item.id);
      s.master.eventDate = *start;
      s.master.endDate = end.value_or(*start);
      s.master.allDay = e.allDay();
      s.master.rule = std::move(rule.value());
      if (const auto d = item.integer("Duration"); d && *d >= 0) s.master.duration = seconds(*d);
      s.zone = s.master.allDay ? std::string() : zoneFor(item);
      seriesByMaster[item.id] = series.size();
      series.push_back(std::move(s));
    }
    for (std::size_t i = 0; i < items.size(); ++i) {
      const auto& item = items[i];
      sync::ConstEvent e(item);
      if (isMasterItem(e)) continue;
      const int type = e.eventType();
      const auto start = sync::parseUtcTime(e.eventDate());
      const auto end = sync::parseUtcTime(e.endDate());
      if (isExceptionType(type)) {
        const auto masterId = e.masterSeriesItemId();
        const auto rid = sync::parseUtcTime(e.recurrenceId());
        const auto it = masterId ? seriesByMaster.find(*masterId) : seriesByMaster.end();
        if (it != seriesByMaster.end() && rid) {
          sync::SeriesException x;
          x.id = static_cast<int>(item.id);
          x.kind = type == sync::Event::DeletedOccurrence ? sync::ExceptionKind::Deleted : sync::ExceptionKind::Changed;
          x.masterSeriesItemId = static_cast<int>(*masterId);
          x.recurrenceId = *rid;
          x.eventDate = start.value_or(*rid);
          x.endDate = std::max(end.value_or(x.eventDate), x.eventDate);
          x.allDay = e.allDay();
          series[it->second].exceptions.push_back(x);
          continue;
        }
        // A deleted slot of an unknown series hides nothing; a changed one
        // is still an event the user was invited to.
        if (type == sync::Event::DeletedOccurrence || !start) continue;
        singles.push_back({i, *start, std::max(end.value_or(*start), *start), e.allDay(), masterId.value_or(0),
                           rid.value_or(*start)});
        continue;
      }
      if (!start) continue;
      singles.push_back({i, *start, std::max(end.value_or(*start), *start), e.allDay(), 0, {}});
    }
  }
};

sync::Item withCalendarFields(const sync::Item& item) {
  // Every field the calendar's model, editor drafts, iCalendar export and
  // view read.
  static constexpr std::string_view kRead[] = {
      sync::field::Title,          sync::field::Location,           sync::field::EventDate,
      sync::field::EndDate,        sync::field::AllDayEvent,        sync::field::Description,
      sync::field::Category,       sync::field::Recurrence,         sync::field::RecurrenceData,
      sync::field::EventType,      sync::field::MasterSeriesItemID, sync::field::RecurrenceID,
      sync::field::UID,            "Duration",                      "TimeZone",
  };
  sync::Item out;
  out.id = item.id;
  out.uniqueId = item.uniqueId;
  out.etag = item.etag;
  out.modified = item.modified;
  out.state = item.state;
  // Only a changed or deleted occurrence tells a null Category (none) from a
  // missing one (its series'): see CalendarView::categoryOf.
  const int type = sync::ConstEvent(item).eventType();
  const bool exception = type == sync::Event::ChangedOccurrence || type == sync::Event::DeletedOccurrence;
  for (const auto& [name, value] : item.fields) {
    if (std::find(std::begin(kRead), std::end(kRead), name) == std::end(kRead)) continue;
    // What reads as missing does (Item::flag, ConstEvent::eventType), and most
    // events are single, timed and without a series: about half the fields.
    const bool asMissing = std::holds_alternative<std::monostate>(value)
                               ? !(exception && name == sync::field::Category)
                           : std::holds_alternative<bool>(value)
                               ? !std::get<bool>(value)
                               : name == sync::field::EventType && type == sync::Event::Single &&
                                     std::holds_alternative<std::int64_t>(value);
    if (!asMissing) out.fields.emplace_hint(out.fields.end(), name, value);
  }
  return out;
}

CalendarModel::CalendarModel(std::vector<sync::Item> items, CalendarZones zones) : impl_(std::make_unique<Impl>()) {
  impl_->items.reserve(items.size());
  for (const auto& item : items)
    if (item.state != sync::LocalState::Deleted) impl_->items.push_back(withCalendarFields(item));
  items = {};  // the full items go before the model builds its own tables
  impl_->zones = std::move(zones);
  // A POSIX $TZ ("CET-1CEST") is no IANA name: UTC beats showing nothing.
  impl_->desktop = Zone::named(impl_->zones.desktop).value_or(Zone::utc());
  impl_->build();
}

CalendarModel::~CalendarModel() = default;
CalendarModel::CalendarModel(CalendarModel&&) noexcept = default;
CalendarModel& CalendarModel::operator=(CalendarModel&&) noexcept = default;

const CalendarZones& CalendarModel::zones() const { return impl_->zones; }
const Zone& CalendarModel::desktopZone() const { return impl_->desktop; }
const std::vector<sync::Item>& CalendarModel::items() const { return impl_->items; }
const std::map<std::int64_t, std::string>& CalendarModel::problems() const { return impl_->problems; }

std::vector<CalendarModel::Series> CalendarModel::series() const {
  std::vector<Series> out;
  for (const auto& s : impl_->series) {
    Series x;
    x.masterId = s.master.id;
    x.zone = s.zone;
    x.rule = s.master.rule;
    x.start = s.master.eventDate;
    const auto duration = sync::occurrenceDuration(s.master, s.zone.empty() ? "UTC" : s.zone);
    x.durationSeconds = duration ? duration.value().count() : 0;
    for (const auto& e : s.exceptions)
      (e.kind == sync::ExceptionKind::Deleted ? x.deletedIds : x.changedIds).push_back(e.id);
    out.push_back(std::move(x));
  }
  return out;
}

std::vector<CalendarModel::Single> CalendarModel::singles() const {
  std::vector<Single> out;
  for (const auto& s : impl_->singles) out.push_back({impl_->items[s.item].id, s.start, s.end, s.allDay});
  return out;
}

const sync::Item* CalendarModel::item(std::int64_t id) const {
  const auto it = impl_->byId.find(id);
  return it == impl_->byId.end() ? nullptr : &impl_->items[it->second];
}

std::vector<CalendarOccurrence> CalendarModel::occurrences(const Date& from, const Date& toExclusive) const {
  std::vector<CalendarOccurrence> out;
  if (!(from < toExclusive)) return out;
  const auto& d = impl_->desktop;
  const WallTime lo{from, 0}, hi{toExclusive, 0};
  // Timed events are matched in the desktop zone, all-day ones on the
  // floating calendar: the instant window covers both.
  const UtcTime windowStart = std::min(d.toUtc(lo), floatingMidnight(from));
  const UtcTime windowEnd = std::max(d.toUtc(hi), floatingMidnight(toExclusive));

  // Each kept occurrence is first only a sort key (its local start and end,
  // packed) naming where its times are: a single event, or an occurrence
  // in its series' expansion. Text is copied once, into the result. A year
  // of a busy calendar is ~50,000 occurrences: copying titles and zone
  // names while sorting, or a large intermediate copy of every occurrence
  // (page faults for fresh memory on each call), cost more than expanding.
  struct Key {
    long long start;  // local day * 4096 + (timed ? 2048 : 0) + minute: all-day first on a day
    long long end;    // local day * 2048 + minute
    std::uint32_t series;  // index into impl_->series, or kSingle
    std::uint32_t index;   // into that series' expansion, or into impl_->singles
  };
  constexpr std::uint32_t kSingle = UINT32_MAX;
  std::vector<Key> keys;
  // Timed events are compared in whole minutes of the desktop's clock, as
  // WallTime holds them, counted from 1970 so no calendar date is needed yet.
  const long long loMinute = dayNumber(from) * 1440, hiMinute = dayNumber(toExclusive) * 1440;
  auto consider = [&](bool allDay, UtcTime start, UtcTime end, std::uint32_t series, std::size_t index) {
    if (allDay) {
      WallTime ls, le;
      impl_->placeLocally(true, start, end, ls, le);
      const Date last = std::max(ls.date, addDays(le.date, -1));
      if (!(ls.date < toExclusive) || last < from) return;
      keys.push_back({dayNumber(ls.date) * 4096, dayNumber(le.date) * 2048, series, static_cast<std::uint32_t>(index)});
      return;
    }
    const long long startMinute = floorDiv(d.wallSeconds(start), 60);
    const long long endMinute = floorDiv(d.wallSeconds(end), 60);
    if (startMinute >= hiMinute) return;
    if (!(loMinute < endMinute || (start == end && startMinute >= loMinute))) return;
    const long long startDay = floorDiv(startMinute, 1440), endDay = floorDiv(endMinute, 1440);
    keys.push_back({startDay * 4096 + 2048 + (startMinute - startDay * 1440), endDay * 2048 + (endMinute - endDay * 1440),
                    series, static_cast<std::uint32_t>(index)});
  };
  for (std::size_t i = 0; i < impl_->singles.size(); ++i) {
    const auto& s = impl_->singles[i];
    consider(s.allDay, s.start, s.end, kSingle, i);
  }
  std::vector<std::vector<sync::Occurrence>> expanded(impl_->series.size());
  sync::ExpansionWindow window;
  window.start = windowStart;
  window.end = windowEnd;
  for (std::size_t si = 0; si < impl_->series.size(); ++si) {
    const auto& s = impl_->series[si];
    window.timeZone = s.zone.empty() ? "UTC" : s.zone;
    auto result = sync::expandSeries(s.master, s.exceptions, window);
    if (!result) continue;  // reported by problems() only when the rule itself is bad
    expanded[si] = std::move(result.value());
    for (std::size_t k = 0; k < expanded[si].size(); ++k) {
      const auto& x = expanded[si][k];
      consider(x.allDay, x.start, x.end, static_cast<std::uint32_t>(si), k);
    }
  }

  // What a key's occurrence is: its item, series and times.
  struct Source {
    std::size_t item;            // index into impl_->items
    const sync::Item* master;    // nullptr for a single event
    std::int64_t masterId;       // 0 for a single event
    UtcTime recurrenceId;
    bool recurring;
    bool isException;
    bool allDay;
    UtcTime start, end;
    const std::string* zone;     // the series' zone; nullptr for a single event
  };
  auto sourceOf = [&](const Key& k) -> Source {
    if (k.series == kSingle) {
      const auto& s = impl_->singles[k.index];
      return {s.item, nullptr, s.masterId, s.recurrenceId, s.masterId != 0, s.masterId != 0, s.allDay, s.start, s.end,
              nullptr};
    }
    const auto& s = impl_->series[k.series];
    const auto& x = expanded[k.series][k.index];
    const auto idx = x.isException ? impl_->byId.find(x.itemId) : impl_->byId.end();
    return {idx != impl_->byId.end() ? idx->second : s.item, &impl_->items[s.item], s.master.id, x.recurrenceId, true,
            x.isException, x.allDay, x.start, x.end, &s.zone};
  };
  auto itemIdOf = [&](const Key& k) {
    if (k.series == kSingle) return impl_->items[impl_->singles[k.index].item].id;
    const auto& x = expanded[k.series][k.index];
    return x.isException ? std::int64_t{x.itemId} : impl_->items[impl_->series[k.series].item].id;
  };
  auto recurrenceIdOf = [&](const Key& k) {
    return k.series == kSingle ? impl_->singles[k.index].recurrenceId : expanded[k.series][k.index].recurrenceId;
  };
  // Start day, all-day first, start minute; then end; then item and slot.
  std::sort(keys.begin(), keys.end(), [&](const Key& a, const Key& b) {
    if (a.start != b.start) return a.start < b.start;
    if (a.end != b.end) return a.end < b.end;
    const auto ia = itemIdOf(a), ib = itemIdOf(b);
    if (ia != ib) return ia < ib;
    return recurrenceIdOf(a) < recurrenceIdOf(b);
  });

  out.resize(keys.size());
  for (std::size_t k = 0; k < keys.size(); ++k) {
    const Key& key = keys[k];
    const Source src = sourceOf(key);
    CalendarOccurrence& o = out[k];
    o.itemId = impl_->items[src.item].id;
    o.masterId = src.masterId;
    o.recurrenceId = src.recurrenceId;
    o.recurring = src.recurring;
    o.isException = src.isException;
    o.allDay = src.allDay;
    o.start = src.start;
    o.end = src.end;
    const long long startDay = floorDiv(key.start, 4096), endDay = floorDiv(key.end, 2048);
    o.localStart = {dateFromDayNumber(startDay), static_cast<int>(key.start - startDay * 4096) % 2048};
    o.localEnd = {dateFromDayNumber(endDay), static_cast<int>(key.end - endDay * 2048)};
    const auto& text = impl_->texts[src.item];
    o.uid = text.uid;
    if (o.uid.empty() && src.master) o.uid = impl_->texts[static_cast<std::size_t>(src.master - impl_->items.data())].uid;
    o.title = text.title;
    o.location = text.location;
    o.state = impl_->items[src.item].state;
    if (src.zone) o.seriesZone = *src.zone;
  }
  return out;
}

// ---------------------------------------------------------------- month grid

Date weekStart(const Date& day, Weekday firstDayOfWeek) {
  const int back = (static_cast<int>(weekdayOf(day)) - static_cast<int>(firstDayOfWeek) + 7) % 7;
  return addDays(day, -back);
}

namespace {

// An event drawn as a bar: all-day, or running into a later day.
bool isBar(const CalendarOccurrence& o) { return o.allDay || o.lastDay() != o.firstDay(); }

// Lowest lane free on every column of [first, last]; marks it taken.
int takeLane(std::vector<std::vector<bool>>& taken, int first, int last) {
  for (int lane = 0;; ++lane) {
    bool free = true;
    for (int c = first; c <= last && free; ++c)
      free = lane >= static_cast<int>(taken[c].size()) || !taken[c][lane];
    if (!free) continue;
    for (int c = first; c <= last; ++c) {
      if (static_cast<int>(taken[c].size()) <= lane) taken[c].resize(lane + 1, false);
      taken[c][lane] = true;
    }
    return lane;
  }
}

}  // namespace

MonthGrid monthGrid(const CalendarModel& model, const Date& month, Weekday firstDayOfWeek, int maxLanes,
                    const Date& today) {
  MonthGrid grid;
  grid.first = weekStart(Date{month.year, month.month, 1}, firstDayOfWeek);
  grid.maxLanes = maxLanes;
  grid.occurrences = model.occurrences(grid.first, addDays(grid.first, 42));
  grid.days.resize(42);
  for (int i = 0; i < 42; ++i) {
    auto& day = grid.days[i];
    day.date = addDays(grid.first, i);
    day.inMonth = day.date.month == month.month && day.date.year == month.year;
    day.today = day.date == today;
  }
  const long long firstNumber = dayNumber(grid.first);
  // Per cell: every item on it with its lane (bars first, then chips).
  struct Placed {
    std::size_t occurrence;
    int lane;
    bool bar;
  };
  std::vector<std::vector<Placed>> placed(42);
  struct Segment {
    std::size_t occurrence;
    int week, first, last, lane;
    bool before, after;
  };
  std::vector<Segment> segments;
  // The bars, and per cell the one-day events starting on it (in the order
  // of grid.occurrences): sorted out once, not for each of the 42 cells.
  std::vector<std::size_t> barOccurrences;
  std::vector<std::vector<std::size_t>> startingOn(42);
  for (std::size_t i = 0; i < grid.occurrences.size(); ++i) {
    const auto& o = grid.occurrences[i];
    if (isBar(o)) {
      barOccurrences.push_back(i);
    } else if (const long long cell = dayNumber(o.firstDay()) - firstNumber; cell >= 0 && cell < 42) {
      startingOn[static_cast<std::size_t>(cell)].push_back(i);
    }
  }

  for (int week = 0; week < 6; ++week) {
    std::vector<std::vector<bool>> taken(7);
    std::vector<std::pair<std::size_t, std::pair<int, int>>> bars;
    for (const std::size_t i : barOccurrences) {
      const auto& o = grid.occurrences[i];
      const long long a = dayNumber(o.firstDay()) - firstNumber - week * 7;
      const long long b = dayNumber(o.lastDay()) - firstNumber - week * 7;
      if (b < 0 || a > 6) continue;
      bars.push_back({i, {static_cast<int>(std::max(0LL, a)), static_cast<int>(std::min(6LL, b))}});
    }
    // Earlier, then longer bars take the upper lanes, so a long bar does not
    // zig-zag under short ones.
    std::stable_sort(bars.begin(), bars.end(), [](const auto& x, const auto& y) {
      if (x.second.first != y.second.first) return x.second.first < y.second.first;
      return x.second.second - x.second.first > y.second.second - y.second.first;
    });
    for (const auto& [idx, span] : bars) {
      const auto& o = grid.occurrences[idx];
      const int lane = takeLane(taken, span.first, span.second);
      const long long a = dayNumber(o.firstDay()) - firstNumber - week * 7;
      const long long b = dayNumber(o.lastDay()) - firstNumber - week * 7;
      segments.push_back({idx, week, span.first, span.second, lane, a < 0, b > 6});
      for (int c = span.first; c <= span.second; ++c) placed[week * 7 + c].push_back({idx, lane, true});
    }
    for (int c = 0; c < 7; ++c)
      for (const std::size_t i : startingOn[static_cast<std::size_t>(week * 7 + c)])
        placed[week * 7 + c].push_back({i, takeLane(taken, c, c), false});
  }

  // A day that overflows gives its last lane to "+N more"; a one-lane cell
  // keeps its lane for an event and shows the count in its header.
  std::vector<int> visibleLanes(42, 1 << 30);
  for (int cell = 0; cell < 42; ++cell) {
    auto& day = grid.days[cell];
    if (maxLanes > 0) {
      const bool overflow = std::any_of(placed[cell].begin(), placed[cell].end(),
                                        [&](const Placed& p) { return p.lane >= maxLanes; });
      day.moreInHeader = overflow && maxLanes == 1;
      visibleLanes[cell] = overflow && !day.moreInHeader ? maxLanes - 1 : maxLanes;
    }
    for (const auto& p : placed[cell]) {
      if (p.lane >= visibleLanes[cell]) {
        ++day.moreCount;
        continue;
      }
      if (!p.bar) day.chips.push_back({p.occurrence, p.lane});
    }
  }
  // Bars are cut where a day hides their lane.
  for (const auto& s : segments) {
    int c = s.first;
    while (c <= s.last) {
      if (s.lane >= visibleLanes[s.week * 7 + c]) {
        ++c;
        continue;
      }
      int end = c;
      while (end + 1 <= s.last && s.lane < visibleLanes[s.week * 7 + end + 1]) ++end;
      grid.bars.push_back({s.occurrence, s.week, c, end, s.lane, c > s.first || s.before, end < s.last || s.after});
      c = end + 1;
    }
  }
  return grid;
}

// ---------------------------------------------------------------- week/day

WeekLayout weekLayout(const CalendarModel& model, const Date& first, int dayCount) {
  WeekLayout layout;
  layout.first = first;
  layout.dayCount = std::max(1, dayCount);
  const Date end = addDays(first, layout.dayCount);
  layout.occurrences = model.occurrences(first, end);
  std::vector<std::vector<bool>> taken(layout.dayCount);
  std::vector<std::vector<TimedBlock>> perDay(layout.dayCount);
  for (std::size_t i = 0; i < layout.occurrences.size(); ++i) {
    const auto& o = layout.occurrences[i];
    const long long a = daysBetween(first, o.firstDay());
    const long long b = daysBetween(first, o.lastDay());
    if (o.allDay || o.end - o.start >= seconds(kDay)) {
      AllDayStripBar bar;
      bar.occurrence = i;
      bar.firstDay = static_cast<int>(std::max(0LL, a));
      bar.lastDay = static_cast<int>(std::min<long long>(layout.dayCount - 1, b));
      bar.continuesBefore = a < 0;
      bar.continuesAfter = b >= layout.dayCount;
      bar.lane = takeLane(taken, bar.firstDay, bar.lastDay);
      layout.allDayLanes = std::max(layout.allDayLanes, bar.lane + 1);
      layout.allDay.push_back(bar);
      continue;
    }
    for (long long d = std::max(0LL, a); d <= std::min<long long>(layout.dayCount - 1, b); ++d) {
      const Date date = addDays(first, d);
      TimedBlock block;
      block.occurrence = i;
      block.day = static_cast<int>(d);
      block.startMinute = o.localStart.date == date ? o.localStart.minutes : 0;
      block.endMinute = o.localEnd.date == date ? o.localEnd.minutes : 1440;
      block.continuesBefore = o.localStart.date < date;
      block.continuesAfter = date < o.lastDay();
      perDay[d].push_back(block);
    }
  }
  for (auto& blocks : perDay) {
    std::stable_sort(blocks.begin(), blocks.end(), [](const TimedBlock& x, const TimedBlock& y) {
      if (x.startMinute != y.startMinute) return x.startMinute < y.startMinute;
      return x.endMinute > y.endMinute;
    });
    // Overlap groups: each block takes the leftmost column free at its start;
    // every block of a group shares the group's column count.
    std::size_t groupBegin = 0;
    int groupEnd = -1;
    std::vector<int> columnEnds;
    auto closeGroup = [&](std::size_t upTo) {
      for (std::size_t k = groupBegin; k < upTo; ++k) blocks[k].columnCount = static_cast<int>(columnEnds.size());
    };
    for (std::size_t k = 0; k < blocks.size(); ++k) {
      auto& b = blocks[k];
      // A zero-length event still occupies its slot.
      const int effectiveEnd = std::max(b.endMinute, b.startMinute + 1);
      if (b.startMinute >= groupEnd) {
        closeGroup(k);
        groupBegin = k;
        columnEnds.clear();
      }
      int column = 0;
      while (column < static_cast<int>(columnEnds.size()) && columnEnds[column] > b.startMinute) ++column;
      if (column == static_cast<int>(columnEnds.size())) columnEnds.push_back(effectiveEnd);
      else columnEnds[column] = effectiveEnd;
      b.column = column;
      groupEnd = std::max(groupEnd, effectiveEnd);
    }
    closeGroup(blocks.size());
    layout.blocks.insert(layout.blocks.end(), blocks.begin(), blocks.end());
  }
  return layout;
}

// ---------------------------------------------------------------- agenda

std::vector<AgendaDay> agenda(const CalendarModel& model, const Date& from, int days) {
  std::vector<AgendaDay> out;
  if (days <= 0) return out;
  const auto all = model.occurrences(from, addDays(from, days));
  for (int i = 0; i < days; ++i) {
    const Date date = addDays(from, i);
    AgendaDay day{date, {}};
    for (const auto& o : all)
      if (!(date < o.firstDay()) && !(o.lastDay() < date)) day.occurrences.push_back(o);
    // What fills the whole day (all-day, or begun on an earlier day) heads it.
    std::stable_partition(day.occurrences.begin(), day.occurrences.end(),
                          [&](const CalendarOccurrence& o) { return o.allDay || o.firstDay() < date; });
    if (!day.occurrences.empty()) out.push_back(std::move(day));
  }
  return out;
}

// ---------------------------------------------------------------- writing

EventDraft newEventDraft(const Date& day, const WallTime& now) {
  EventDraft d;
  d.start = {day, 9 * 60};
  if (day == now.date) d.start.minutes = std::min(23, now.minutes / 60 + 1) * 60;
  d.end = addMinutes(d.start, 60);
  return d;
}

EventDraft draftForOccurrence(const CalendarModel& model, const CalendarOccurrence& occurrence) {
  EventDraft d;
  d.title = occurrence.title;
  d.location = occurrence.location;
  if (const auto* item = model.item(occurrence.itemId)) {
    d.storedDescription = sync::ConstEvent(*item).description();
    d.description = wordsOf(*d.storedDescription);
  }
  d.allDay = occurrence.allDay;
  d.start = occurrence.localStart;
  d.end = occurrence.allDay ? WallTime{occurrence.lastDay(), 0} : occurrence.localEnd;
  return d;
}

std::optional<EventDraft> draftForSeries(const CalendarModel& model, std::int64_t masterId) {
  const auto* item = model.item(masterId);
  if (!item) return std::nullopt;
  sync::ConstEvent e(*item);
  auto rule = sync::parseRecurrenceData(e.recurrenceData());
  const auto start = sync::parseUtcTime(e.eventDate());
  if (!rule || !start) return std::nullopt;
  EventDraft d;
  d.title = e.title();
  d.location = e.location();
  d.storedDescription = e.description();
  d.description = wordsOf(*d.storedDescription);
  d.allDay = e.allDay();
  const auto& zones = model.zones();
  int zoneId = 0;
  if (const auto id = item->integer("TimeZone"); id && *id > 0 && sync::sharePointZone(static_cast<int>(*id)))
    zoneId = static_cast<int>(*id);
  else if (sync::sharePointZone(zones.siteZoneId))
    zoneId = zones.siteZoneId;
  d.seriesTimeZoneId = zoneId;
  const Zone seriesZone =
      d.allDay || zoneId == 0 ? Zone::utc()
                              : Zone::named(std::string(sync::sharePointZone(zoneId)->iana)).value_or(Zone::utc());
  sync::SeriesMaster master;
  master.eventDate = *start;
  master.endDate = sync::parseUtcTime(e.endDate()).value_or(*start);
  master.allDay = d.allDay;
  if (const auto dur = item->integer("Duration"); dur && *dur >= 0) master.duration = seconds(*dur);
  const auto duration = sync::occurrenceDuration(master, d.allDay ? "UTC" : seriesZone.name());
  const seconds length = duration ? duration.value() : seconds(3600);
  if (d.allDay) {
    d.start = {dateOf(sync::toCivil(*start)), 0};
    d.end = {dateOf(sync::toCivil(*start + length)), 0};
  } else {
    d.start = model.desktopZone().toWall(*start);
    d.end = model.desktopZone().toWall(*start + length);
  }
  d.recurrence = rule.value();
  if (rule.value().range == sync::RangeKind::Until)
    d.until = d.allDay ? dateOf(sync::toCivil(rule.value().windowEnd)) : seriesZone.toWall(rule.value().windowEnd).date;
  return d;
}

bool descriptionsAreHtml(const CalendarModel& model) {
  int html = 0, plain = 0;
  for (const auto& item : model.items()) {
    const std::string d = sync::ConstEvent(item).description();
    if (d.find_first_not_of(" \t\r\n") == std::string::npos) continue;
    ++(storedAsHtml(d) ? html : plain);
  }
  return html >= plain;
}

std::vector<DraftError> validateDraft(const EventDraft& draft) {
  std::vector<DraftError> errors;
  if (trimmed(draft.title).empty()) errors.push_back({"Title", _("Enter a title.")});
  if (draft.allDay) {
    if (draft.end.date < draft.start.date)
      errors.push_back({"EndDate", _("The event cannot end before the day it starts.")});
  } else if (!(draft.start < draft.end)) {
    errors.push_back({"EndDate", _("The end must be after the start.")});
  }
  if (draft.recurrence) {
    if (const std::string why = sync::validateRecurrenceRule(*draft.recurrence); !why.empty())
      errors.push_back({"RecurrenceData", std::string(_("The repeat pattern is not valid: ")) + why});
    else if (draft.recurrence->range == sync::RangeKind::Until && !draft.until)
      errors.push_back({"RecurrenceData", _("Choose the day the series ends.")});
    else if (draft.recurrence->range == sync::RangeKind::Until && *draft.until < draft.start.date)
      errors.push_back({"RecurrenceData", _("The series cannot end before its first day.")});
  }
  return errors;
}

namespace {

struct DraftTimes {
  UtcTime start{};
  UtcTime end{};
};

DraftTimes timesOf(const EventDraft& draft, const Zone& desktop) {
  if (draft.allDay) {
    const Date last = std::max(draft.start.date, draft.end.date);
    // All-day events are stored floating, 00:00 of the first day to 23:59 of the last.
    return {floatingMidnight(draft.start.date), floatingMidnight(last) + std::chrono::minutes(23 * 60 + 59)};
  }
  return {desktop.toUtc(draft.start), desktop.toUtc(draft.end)};
}

void setCommon(sync::Fields& f, const EventDraft& draft, const DraftTimes& t) {
  f["Title"] = draft.title;
  f["Location"] = draft.location;
  if (!draft.storedDescription) {
    f["Description"] = draft.descriptionAsHtml ? plainTextToHtml(draft.description) : draft.description;
  } else {
    auto changed = storedForWords(draft.description, *draft.storedDescription);
    f["Description"] = changed ? std::move(*changed) : *draft.storedDescription;
  }
  f["fAllDayEvent"] = draft.allDay;
  f["EventDate"] = sync::formatUtcTime(t.start);
  f["EndDate"] = sync::formatUtcTime(t.end);
}

UtcTime addYears(UtcTime t, int years) {
  auto c = sync::toCivil(t);
  c.year += years;
  c.day = std::min(c.day, sync::daysInMonth(c.year, c.month));
  return sync::fromCivil(c);
}

// The fields of a series: SharePoint's EndDate is the end of the last
// occurrence (windowEnd's day, the count's last match), or ~999 years on for
// a series without end, as its own forms write it.
void setSeries(sync::Fields& f, const EventDraft& draft, const DraftTimes& t, const CalendarZones& zones,
               const Zone& desktop) {
  int zoneId = draft.seriesTimeZoneId;
  if (!sync::sharePointZone(zoneId)) zoneId = sync::sharePointZoneIdFor(desktop.name()).value_or(zones.siteZoneId);
  const auto* spZone = sync::sharePointZone(zoneId);
  const Zone seriesZone = draft.allDay || !spZone ? (draft.allDay ? Zone::utc() : desktop)
                                                  : Zone::named(std::string(spZone->iana)).value_or(desktop);
  sync::RecurrenceRule rule = *draft.recurrence;
  const seconds duration = std::max(seconds(0), t.end - t.start);
  if (rule.range == sync::RangeKind::Until && draft.until) {
    const int minutes = draft.allDay ? 0 : seriesZone.toWall(t.start).minutes;
    rule.windowEnd = seriesZone.toUtc({*draft.until, minutes});
  }
  UtcTime seriesEnd = addYears(t.start + duration, 999);
  if (rule.range == sync::RangeKind::Until) {
    seriesEnd = rule.windowEnd + duration;
  } else if (rule.range == sync::RangeKind::Count) {
    sync::SeriesMaster m;
    m.eventDate = t.start;
    m.endDate = t.end;
    m.allDay = draft.allDay;
    m.rule = rule;
    m.duration = duration;
    sync::ExpansionWindow w;
    w.start = t.start;
    w.end = addYears(t.start, 200);
    w.timeZone = draft.allDay ? "UTC" : seriesZone.name();
    if (const auto all = sync::expandSeries(m, {}, w); all && !all.value().empty()) seriesEnd = all.value().back().end;
  }
  f["EndDate"] = sync::formatUtcTime(seriesEnd);
  f["EventType"] = std::int64_t{sync::Event::RecurringMaster};
  f["fRecurrence"] = true;
  f["RecurrenceData"] = sync::writeRecurrenceData(rule);
  f["Duration"] = std::int64_t{duration.count()};
  if (zoneId > 0) f["TimeZone"] = std::int64_t{zoneId};
}

sync::Fields eventFields(const EventDraft& draft, const CalendarZones& zones) {
  const Zone desktop = Zone::named(zones.desktop).value_or(Zone::utc());
  const auto t = timesOf(draft, desktop);
  sync::Fields f;
  setCommon(f, draft, t);
  if (draft.recurrence) {
    setSeries(f, draft, t, zones, desktop);
  } else {
    f["EventType"] = std::int64_t{sync::Event::Single};
    f["fRecurrence"] = false;
    f["RecurrenceData"] = std::monostate{};
  }
  return f;
}

}  // namespace

CalendarWrite createEvent(const EventDraft& draft, const CalendarZones& zones) {
  CalendarWrite w;
  w.kind = CalendarWrite::Kind::Create;
  w.fields = eventFields(draft, zones);
  if (draft.recurrence) w.fields["UID"] = newSeriesUid();
  return w;
}

CalendarWrite updateEvent(std::int64_t itemId, const EventDraft& draft, const CalendarZones& zones) {
  CalendarWrite w;
  w.kind = CalendarWrite::Kind::Update;
  w.itemId = itemId;
  w.fields = eventFields(draft, zones);
  return w;
}

CalendarWrite changeOccurrence(const CalendarOccurrence& occurrence, const EventDraft& draft,
                               const CalendarZones& zones) {
  const Zone desktop = Zone::named(zones.desktop).value_or(Zone::utc());
  const auto t = timesOf(draft, desktop);
  CalendarWrite w;
  setCommon(w.fields, draft, t);
  if (occurrence.isException && occurrence.itemId != occurrence.masterId) {
    w.kind = CalendarWrite::Kind::Update;
    w.itemId = occurrence.itemId;
    return w;
  }
  w.kind = CalendarWrite::Kind::Create;
  w.fields["EventType"] = std::int64_t{sync::Event::ChangedOccurrence};
  w.fields["fRecurrence"] = true;
  w.fields["MasterSeriesItemID"] = std::int64_t{occurrence.masterId};
  w.fields["RecurrenceID"] = sync::formatUtcTime(occurrence.recurrenceId);
  if (!occurrence.uid.empty()) w.fields["UID"] = occurrence.uid;
  w.fields["Duration"] = std::int64_t{std::max(seconds(0), t.end - t.start).count()};
  return w;
}

CalendarWrite deleteOccurrence(const CalendarOccurrence& occurrence) {
  CalendarWrite w;
  // SharePoint's own convention for the hidden item's title; data, not UI text.
  w.fields["Title"] = "Deleted: " + occurrence.title;
  w.fields["EventType"] = std::int64_t{sync::Event::DeletedOccurrence};
  if (occurrence.isException && occurrence.itemId != occurrence.masterId) {
    w.kind = CalendarWrite::Kind::Update;
    w.itemId = occurrence.itemId;
    return w;
  }
  w.kind = CalendarWrite::Kind::Create;
  w.fields["fRecurrence"] = true;
  w.fields["fAllDayEvent"] = occurrence.allDay;
  w.fields["MasterSeriesItemID"] = std::int64_t{occurrence.masterId};
  w.fields["RecurrenceID"] = sync::formatUtcTime(occurrence.recurrenceId);
  w.fields["EventDate"] = sync::formatUtcTime(occurrence.start);
  w.fields["EndDate"] = sync::formatUtcTime(occurrence.end);
  if (!occurrence.uid.empty()) w.fields["UID"] = occurrence.uid;
  return w;
}

std::vector<CalendarWrite> deleteEvent(const CalendarModel& model, std::int64_t itemId) {
  std::vector<CalendarWrite> out;
  const auto* item = model.item(itemId);
  if (!item) return out;
  if (isMasterItem(sync::ConstEvent(*item))) {
    // Exceptions first: a master removed before them would leave them pointing nowhere.
    for (const auto& other : model.items()) {
      sync::ConstEvent e(other);
      if (isExceptionType(e.eventType()) && e.masterSeriesItemId() == itemId)
        out.push_back({CalendarWrite::Kind::Remove, other.id, {}});
    }
  }
  out.push_back({CalendarWrite::Kind::Remove, itemId, {}});
  return out;
}

std::string newSeriesUid() {
  static thread_local std::mt19937_64 random{std::random_device{}()};
  const std::uint64_t hi = random(), lo = random();
  char buf[40];
  std::snprintf(buf, sizeof buf, "%08llx-%04llx-4%03llx-%04llx-%012llx",
                static_cast<unsigned long long>(hi >> 32), static_cast<unsigned long long>((hi >> 16) & 0xffff),
                static_cast<unsigned long long>(hi & 0xfff),
                static_cast<unsigned long long>(0x8000 | ((lo >> 48) & 0x3fff)),
                static_cast<unsigned long long>(lo & 0xffffffffffffULL));
  return buf;
}

}  // namespace deskpane::overlay::calendar
