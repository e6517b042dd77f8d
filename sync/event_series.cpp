#include "sync/event_series.h"

#include "sync/recurrence.h"

#include <unistd.h>

#include <chrono>
#include <cstdlib>

namespace deskpane::sync {

namespace {

bool isMaster(const ConstEvent& e) {
  const int type = e.eventType();
  return type == Event::RecurringMaster || (type == Event::Single && e.recurrence());
}

std::optional<SeriesException> exceptionFrom(const Item& item) {
  ConstEvent e(item);
  const int type = e.eventType();
  if (type != Event::DeletedOccurrence && type != Event::ChangedOccurrence) return std::nullopt;
  const auto master = e.masterSeriesItemId();
  const auto recurrenceId = parseUtcTime(e.recurrenceId());
  if (!master || !recurrenceId) return std::nullopt;
  SeriesException x;
  x.id = static_cast<int>(item.id);
  x.kind = type == Event::DeletedOccurrence ? ExceptionKind::Deleted : ExceptionKind::Changed;
  x.masterSeriesItemId = static_cast<int>(*master);
  x.recurrenceId = *recurrenceId;
  x.eventDate = parseUtcTime(e.eventDate()).value_or(*recurrenceId);
  x.endDate = parseUtcTime(e.endDate()).value_or(x.eventDate);
  x.allDay = e.allDay();
  return x;
}

}  // namespace

std::map<std::int64_t, NextOccurrence> nextOccurrences(const std::vector<Item>& events, UtcTime now,
                                                      const std::string& timeZone, int horizonDays) {
  std::map<int, std::vector<SeriesException>> exceptionsByMaster;
  for (const auto& item : events)
    if (auto x = exceptionFrom(item)) exceptionsByMaster[x->masterSeriesItemId].push_back(*x);

  ExpansionWindow window;
  window.start = now;
  window.end = now + std::chrono::hours(24) * horizonDays;
  window.timeZone = timeZone.empty() ? "UTC" : timeZone;

  std::map<std::int64_t, NextOccurrence> out;
  for (const auto& item : events) {
    ConstEvent e(item);
    if (!isMaster(e)) continue;
    auto rule = parseRecurrenceData(e.recurrenceData());
    const auto start = parseUtcTime(e.eventDate());
    const auto end = parseUtcTime(e.endDate());
    if (!rule || !start || !end) continue;
    SeriesMaster master;
    master.id = static_cast<int>(item.id);
    master.eventDate = *start;
    master.endDate = *end;
    master.allDay = e.allDay();
    master.rule = std::move(rule.value());
    const auto it = exceptionsByMaster.find(master.id);
    const auto& exceptions = it == exceptionsByMaster.end() ? std::vector<SeriesException>{} : it->second;
    auto occurrences = expandSeries(master, exceptions, window);
    if (!occurrences && window.timeZone != "UTC") {
      // A POSIX $TZ ("CET-1CEST") is no IANA name: UTC beats showing nothing.
      ExpansionWindow utc = window;
      utc.timeZone = "UTC";
      occurrences = expandSeries(master, exceptions, utc);
    }
    if (!occurrences) continue;
    for (const auto& o : occurrences.value()) {
      if (o.isException || o.end <= now) continue;  // a moved slot is its own item's row
      out[item.id] = {o.start, o.end};
      break;
    }
  }
  return out;
}

std::string systemTimeZone() {
  if (const char* tz = std::getenv("TZ"); tz && *tz) {
    std::string name = tz[0] == ':' ? tz + 1 : tz;
    // A path ("/usr/share/zoneinfo/Europe/Berlin") names its zone after "zoneinfo/".
    if (const auto at = name.find("zoneinfo/"); at != std::string::npos) name = name.substr(at + 9);
    if (!name.empty() && name[0] != '/') return name;
  }
  char target[512];
  const auto n = readlink("/etc/localtime", target, sizeof target - 1);
  if (n > 0) {
    const std::string link(target, static_cast<std::size_t>(n));
    if (const auto at = link.find("zoneinfo/"); at != std::string::npos) return link.substr(at + 9);
  }
  return "UTC";
}

}  // namespace deskpane::sync
