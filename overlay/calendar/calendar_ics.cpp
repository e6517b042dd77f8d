#include "overlay/calendar/calendar_ics.h"

#include "sync/event_series.h"
#include "sync/recurrence_rrule.h"
#include "sync/store.h"

#include <libical/ical.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <set>

namespace deskpane::overlay::calendar {

namespace {

using std::chrono::seconds;

std::string oneLine(std::string s) {
  for (char& c : s)
    if (c == '\t' || c == '\n' || c == '\r') c = ' ';
  return s;
}

std::string stamp(const WallTime& w) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%02d:%02d", w.minutes / 60, w.minutes % 60);
  return formatDate(w.date) + "T" + buf;
}

// Rich-text descriptions → plain text: tags dropped, the common entities decoded.
std::string plainText(const std::string& html) {
  std::string out;
  bool inTag = false;
  for (char c : html) {
    if (c == '<') inTag = true;
    else if (c == '>') inTag = false;
    else if (!inTag) out += c;
  }
  for (const auto& [from, to] : std::map<std::string, std::string>{
           {"&lt;", "<"}, {"&gt;", ">"}, {"&quot;", "\""}, {"&#39;", "'"}, {"&nbsp;", " "}, {"&amp;", "&"}})
    for (auto at = out.find(from); at != std::string::npos; at = out.find(from, at + to.size()))
      out.replace(at, from.size(), to);
  return out;
}

struct ComponentDeleter {
  void operator()(icalcomponent* c) const { icalcomponent_free(c); }
};
using ComponentPtr = std::unique_ptr<icalcomponent, ComponentDeleter>;

icaltimetype dateValue(const Date& d) {
  icaltimetype t = icaltime_null_date();
  t.year = d.year;
  t.month = d.month;
  t.day = d.day;
  return t;
}

icaltimetype utcValue(UtcTime t) {
  return icaltime_from_timet_with_zone(static_cast<time_t>(t.time_since_epoch().count()), 0,
                                       icaltimezone_get_utc_timezone());
}

// A date-time as wall time in `zone` with a TZID parameter, or in UTC ("Z")
// when the zone is UTC.
icalproperty* zonedProperty(icalproperty* (*make)(icaltimetype), UtcTime t, const Zone& zone) {
  if (zone.name() == "UTC") return make(utcValue(t));
  const WallTime w = zone.toWall(t);
  icaltimetype local = icaltime_null_time();
  local.year = w.date.year;
  local.month = w.date.month;
  local.day = w.date.day;
  local.hour = w.minutes / 60;
  local.minute = w.minutes % 60;
  const auto seconds = static_cast<int>(t.time_since_epoch().count() % 60);
  local.second = seconds < 0 ? seconds + 60 : seconds;
  icalproperty* p = make(local);
  icalproperty_add_parameter(p, icalparameter_new_tzid(zone.name().c_str()));
  return p;
}

// All-day dates are floating: the UTC calendar date, as SharePoint stores
// them; a RecurrenceID written as some zone's midnight rounds to its day.
Date floatingDate(UtcTime t, bool roundToNearest) {
  const auto c = sync::toCivil(roundToNearest ? t + std::chrono::hours(12) : t);
  return {c.year, c.month, c.day};
}

Date allDayEndExclusive(UtcTime start, UtcTime end) {
  // Stored 00:00 of the first day .. 23:59 of the last.
  const Date first = floatingDate(start, false);
  const auto c = sync::toCivil(end);
  Date last{c.year, c.month, c.day};
  if (end > start && c.hour == 0 && c.minute == 0 && c.second == 0) last = addDays(last, -1);
  if (last < first) last = first;
  return addDays(last, 1);
}

void addText(icalcomponent* event, const sync::Item& item, const std::string& uid) {
  sync::ConstEvent e(item);
  icalcomponent_add_property(event, icalproperty_new_uid(uid.c_str()));
  icalcomponent_add_property(event, icalproperty_new_summary(e.title().c_str()));
  if (!e.location().empty()) icalcomponent_add_property(event, icalproperty_new_location(e.location().c_str()));
  if (const auto d = plainText(e.description()); !d.empty())
    icalcomponent_add_property(event, icalproperty_new_description(d.c_str()));
  if (!e.category().empty()) icalcomponent_add_property(event, icalproperty_new_categories(e.category().c_str()));
}

std::string uidOf(const sync::Item& item) {
  const auto uid = sync::ConstEvent(item).uid();
  if (!uid.empty()) return uid;
  return (item.uniqueId.empty() ? "deskpane-item-" + std::to_string(item.id) : item.uniqueId) + "@deskpane";
}

// RRULE text with UNTIL: windowEnd is an inclusive UTC instant (a DATE for
// all-day series, as RFC 5545 wants UNTIL of DTSTART's type).
std::string rruleText(const CalendarModel::Series& s) {
  std::string text = sync::toICalRRule(s.rule);
  if (s.rule.range == sync::RangeKind::Until) {
    char buf[24];
    if (s.zone.empty()) {
      const Date d = floatingDate(s.rule.windowEnd, false);
      std::snprintf(buf, sizeof buf, "%04d%02d%02d", d.year, d.month, d.day);
    } else {
      const auto c = sync::toCivil(s.rule.windowEnd);
      std::snprintf(buf, sizeof buf, "%04d%02d%02dT%02d%02d%02dZ", c.year, c.month, c.day, c.hour, c.minute, c.second);
    }
    text += std::string(";UNTIL=") + buf;
  }
  return text;
}

}  // namespace

std::vector<std::string> agendaLines(const CalendarModel& model, const Date& from, int days) {
  std::vector<std::string> lines;
  if (days <= 0) return lines;
  for (const auto& o : model.occurrences(from, addDays(from, days))) {
    const std::string start = o.allDay ? formatDate(o.firstDay()) : stamp(o.localStart);
    const std::string end = o.allDay ? formatDate(o.localEnd.date) : stamp(o.localEnd);
    lines.push_back(start + "\t" + end + "\t" + oneLine(o.title));
  }
  return lines;
}

std::string exportIcs(const CalendarModel& model, UtcTime now) {
  ComponentPtr calendar(icalcomponent_new(ICAL_VCALENDAR_COMPONENT));
  icalcomponent_add_property(calendar.get(), icalproperty_new_prodid("-//deskpane//Calendar pane//EN"));
  icalcomponent_add_property(calendar.get(), icalproperty_new_version("2.0"));
  icalcomponent_add_property(calendar.get(), icalproperty_new_calscale("GREGORIAN"));
  std::set<std::string> zonesUsed;
  std::vector<icalcomponent*> events;  // owned by `calendar` once added
  const icaltimetype dtstamp = utcValue(now);
  auto newEvent = [&]() {
    icalcomponent* e = icalcomponent_new(ICAL_VEVENT_COMPONENT);
    icalcomponent_add_property(e, icalproperty_new_dtstamp(dtstamp));
    events.push_back(e);
    return e;
  };
  auto addTimes = [&](icalcomponent* e, UtcTime start, UtcTime end, bool allDay, const Zone& zone) {
    if (allDay) {
      icalcomponent_add_property(e, icalproperty_new_dtstart(dateValue(floatingDate(start, false))));
      icalcomponent_add_property(e, icalproperty_new_dtend(dateValue(allDayEndExclusive(start, end))));
    } else {
      icalcomponent_add_property(e, zonedProperty(icalproperty_new_dtstart, start, zone));
      icalcomponent_add_property(e, zonedProperty(icalproperty_new_dtend, end, zone));
    }
  };

  for (const auto& s : model.series()) {
    const auto* master = model.item(s.masterId);
    if (!master) continue;
    const bool allDay = s.zone.empty();
    const Zone zone = allDay ? Zone::utc() : Zone::named(s.zone).value_or(Zone::utc());
    if (!allDay && zone.name() != "UTC") zonesUsed.insert(zone.name());
    const std::string uid = uidOf(*master);
    icalcomponent* e = newEvent();
    addText(e, *master, uid);
    addTimes(e, s.start, s.start + seconds(s.durationSeconds), allDay, zone);
    const icalrecurrencetype rrule = icalrecurrencetype_from_string(rruleText(s).c_str());
    icalcomponent_add_property(e, icalproperty_new_rrule(rrule));
    for (const auto id : s.deletedIds) {
      const auto* x = model.item(id);
      const auto rid = x ? sync::parseUtcTime(sync::ConstEvent(*x).recurrenceId()) : std::nullopt;
      if (!rid) continue;
      if (allDay)
        icalcomponent_add_property(e, icalproperty_new_exdate(dateValue(floatingDate(*rid, true))));
      else
        icalcomponent_add_property(e, zonedProperty(icalproperty_new_exdate, *rid, zone));
    }
    for (const auto id : s.changedIds) {
      const auto* x = model.item(id);
      if (!x) continue;
      sync::ConstEvent ex(*x);
      const auto rid = sync::parseUtcTime(ex.recurrenceId());
      const auto start = sync::parseUtcTime(ex.eventDate());
      if (!rid || !start) continue;
      const auto end = std::max(sync::parseUtcTime(ex.endDate()).value_or(*start), *start);
      icalcomponent* o = newEvent();
      addText(o, *x, uid);
      if (allDay)
        icalcomponent_add_property(o, icalproperty_new_recurrenceid(dateValue(floatingDate(*rid, true))));
      else
        icalcomponent_add_property(o, zonedProperty(icalproperty_new_recurrenceid, *rid, zone));
      addTimes(o, *start, end, ex.allDay(), zone);
    }
  }
  for (const auto& s : model.singles()) {
    const auto* item = model.item(s.itemId);
    if (!item) continue;
    icalcomponent* e = newEvent();
    // A changed occurrence whose series is not cached stands alone: its own UID.
    const bool orphan = sync::ConstEvent(*item).eventType() == sync::Event::ChangedOccurrence;
    addText(e, *item, orphan ? "deskpane-item-" + std::to_string(item->id) + "@deskpane" : uidOf(*item));
    addTimes(e, s.start, s.end, s.allDay, Zone::utc());
  }

  // VTIMEZONEs first, as most readers expect them before their users.
  for (const auto& name : zonesUsed) {
    icaltimezone* tz = icaltimezone_get_builtin_timezone(name.c_str());
    icalcomponent* source = tz ? icaltimezone_get_component(tz) : nullptr;
    if (!source) continue;
    icalcomponent* vtimezone = icalcomponent_new_clone(source);
    // libical names its built-in zones "/freeassociation.sourceforge.net/…";
    // the plain IANA name is what the TZID parameters say and what other
    // programs recognise.
    if (icalproperty* tzid = icalcomponent_get_first_property(vtimezone, ICAL_TZID_PROPERTY))
      icalproperty_set_tzid(tzid, name.c_str());
    icalcomponent_add_component(calendar.get(), vtimezone);
  }
  for (auto* e : events) icalcomponent_add_component(calendar.get(), e);
  char* text = icalcomponent_as_ical_string_r(calendar.get());
  std::string out = text ? text : "";
  icalmemory_free_buffer(text);
  return out;
}

namespace {

// The cached calendar, or a message on `err`.
std::optional<CalendarModel> loadCalendar(const std::string& cachePath, std::ostream& err) {
  std::error_code ec;
  if (!std::filesystem::exists(cachePath, ec)) {
    err << "deskpane: no cache at " << cachePath << " (start deskpane or run deskpane --sync first)\n";
    return std::nullopt;
  }
  auto store = sync::Store::open(cachePath);
  if (!store) {
    err << "deskpane: cannot open the cache " << cachePath << ": " << store.error().message << "\n";
    return std::nullopt;
  }
  try {
    if (!store->list(sync::ListKind::Calendar) && store->count(sync::ListKind::Calendar) == 0) {
      err << "deskpane: the cache " << cachePath
          << " holds no calendar (bind an Events list in Settings and sync first)\n";
      return std::nullopt;
    }
    CalendarZones zones{sync::systemTimeZone(), store->siteTimeZoneId().value_or(0)};
    return CalendarModel(store->items(sync::ListKind::Calendar), zones);
  } catch (const std::exception& e) {
    err << "deskpane: cache error: " << e.what() << "\n";
    return std::nullopt;
  }
}

UtcTime nowUtc() {
  return std::chrono::time_point_cast<seconds>(std::chrono::system_clock::now());
}

}  // namespace

int runAgendaCommand(const std::string& cachePath, const std::optional<std::string>& from, int days,
                     std::ostream& out, std::ostream& err) {
  std::optional<Date> first;
  if (from) {
    first = parseDate(*from);
    if (!first) {
      err << "deskpane: --from wants a date YYYY-MM-DD, not '" << *from << "'\n";
      return 1;
    }
  }
  if (days < 1) {
    err << "deskpane: --days wants a number of days of at least 1\n";
    return 1;
  }
  const auto model = loadCalendar(cachePath, err);
  if (!model) return 1;
  if (!first) first = model->desktopZone().toWall(nowUtc()).date;
  for (const auto& line : agendaLines(*model, *first, days)) out << line << "\n";
  return 0;
}

int runExportIcsCommand(const std::string& cachePath, const std::string& file, std::ostream& out,
                        std::ostream& err) {
  const auto model = loadCalendar(cachePath, err);
  if (!model) return 1;
  const std::string ics = exportIcs(*model, nowUtc());
  if (file == "-") {
    out << ics;
    return 0;
  }
  std::ofstream f(file, std::ios::binary | std::ios::trunc);
  f << ics;
  f.close();
  if (!f) {
    err << "deskpane: cannot write " << file << "\n";
    return 1;
  }
  const auto series = model->series().size();
  out << "deskpane: exported " << series << " series and " << model->singles().size() << " single events to " << file
      << "\n";
  return 0;
}

}  // namespace deskpane::overlay::calendar
