#include "overlay/pane_rows.h"

#include "overlay/i18n.h"
#include "overlay/calendar/calendar_model.h"
#include "sync/event_series.h"

#include <algorithm>
#include <cstdio>
#include <ctime>
#include <map>
#include <tuple>

namespace deskpane::overlay {

namespace {

using sync::field::Title;

std::tm localTm(Clock::time_point t) {
  const std::time_t tt = Clock::to_time_t(t);
  std::tm tm{};
  localtime_r(&tt, &tm);
  return tm;
}

std::string format(Clock::time_point t, const char* fmt) {
  const std::tm tm = localTm(t);
  char buf[64];
  const std::size_t n = std::strftime(buf, sizeof buf, fmt, &tm);
  return std::string(buf, n);
}

bool sameLocalDay(Clock::time_point a, Clock::time_point b) {
  const std::tm x = localTm(a), y = localTm(b);
  return x.tm_year == y.tm_year && x.tm_yday == y.tm_yday;
}

// "Today 09:00", "Tue 26 Nov 09:00", "Tue 26 Nov" (all day / date only).
// Day and month names come from LC_TIME; %-d (glibc) leaves single-digit
// days unpadded whatever the length of the locale's weekday names.
std::string whenText(Clock::time_point t, Clock::time_point now, bool withTime) {
  const std::string day = sameLocalDay(t, now) ? std::string(_("Today")) : format(t, "%a %-d %b");
  return withTime ? day + " " + format(t, "%H:%M") : day;
}

// A translated printf format filled in; the formats come from the catalogue,
// which msgfmt --check keeps to the msgid's specifiers.
std::string withNumber(const char* translatedFormat, int n) {
  char buf[160];
  std::snprintf(buf, sizeof buf, translatedFormat, n);
  return buf;
}
std::string withText(const char* translatedFormat, const std::string& text) {
  char buf[160];
  std::snprintf(buf, sizeof buf, translatedFormat, text.c_str());
  return buf;
}

Clock::time_point orMax(const std::optional<Clock::time_point>& t) { return t.value_or(Clock::time_point::max()); }

PaneRow baseRow(const sync::Item& item) {
  PaneRow row;
  row.id = item.id;
  row.title = item.text(Title);
  row.pending = item.state == sync::LocalState::Dirty || item.isTemporary();
  row.conflict = item.state == sync::LocalState::Conflict;
  return row;
}

sync::UtcTime toUtc(Clock::time_point t) { return std::chrono::time_point_cast<std::chrono::seconds>(t); }

struct NextOccurrence {
  sync::UtcTime start{};
  sync::UtcTime end{};
};
using SeriesNext = std::map<std::int64_t, NextOccurrence>;

// Each series' first occurrence that has not ended at `now`, within 400
// days, as the Calendar pane expands it: deleted occurrences skipped, a moved
// one left to its own exception item (a dated event of its own).
SeriesNext seriesNext(const std::vector<sync::Item>& events, Clock::time_point now, int siteZoneId) {
  SeriesNext next;
  const bool anySeries = std::any_of(events.begin(), events.end(), [](const sync::Item& item) {
    const sync::ConstEvent e(item);
    return e.recurrence() && e.eventType() != sync::Event::ChangedOccurrence &&
           e.eventType() != sync::Event::DeletedOccurrence;
  });
  if (!anySeries) return next;
  const calendar::CalendarModel model(events, calendar::CalendarZones{sync::systemTimeZone(), siteZoneId});
  const sync::UtcTime at = toUtc(now);
  const calendar::Date today = model.desktopZone().toWall(at).date;
  const std::size_t seriesCount = model.series().size();
  // A week covers most series; only when some have nothing in it is the
  // rest of the horizon expanded.
  for (const int days : {8, 400}) {
    for (const auto& o : model.occurrences(calendar::addDays(today, -1), calendar::addDays(today, days))) {
      if (!o.recurring || o.isException || o.masterId == 0 || o.end <= at) continue;
      next.emplace(o.masterId, NextOccurrence{o.start, o.end});  // occurrences come by start: the first stays
    }
    if (next.size() >= seriesCount) break;
  }
  return next;
}

// When an event happens as far as the lists are concerned: a series at its
// next occurrence; a series with none ahead (ended, or an unreadable rule) at
// where it began; anything else at its own dates.
struct EventTimes {
  std::optional<Clock::time_point> start, end;
  bool series = false;    // a recurring master (a changed occurrence is one dated event)
  bool upcoming = false;  // a series with an occurrence ahead
};

EventTimes eventTimes(const sync::ConstEvent& e, std::int64_t id, const SeriesNext& next) {
  EventTimes t{parseIsoUtc(e.eventDate()), parseIsoUtc(e.endDate()),
               e.recurrence() && e.eventType() != sync::Event::ChangedOccurrence, false};
  if (const auto it = t.series ? next.find(id) : next.end(); it != next.end()) {
    t.start = Clock::time_point(it->second.start);
    t.end = Clock::time_point(it->second.end);
    t.upcoming = true;
  }
  return t;
}

void eventRows(const std::vector<sync::Item>& items, Clock::time_point now, int siteZoneId, std::vector<PaneRow>& out) {
  // Coming and current events first (soonest on top), then past ones, most recent first.
  struct Keyed {
    bool past;
    Clock::time_point start;
    PaneRow row;
  };
  const auto next = seriesNext(items, now, siteZoneId);
  std::vector<Keyed> rows;
  for (const auto& item : items) {
    sync::ConstEvent e(item);
    if (e.eventType() == sync::Event::DeletedOccurrence) continue;
    PaneRow row = baseRow(item);
    const auto t = eventTimes(e, item.id, next);
    if (t.upcoming) {
      // A series is listed where it goes next: "Today 09:00 · repeats".
      row.detail = whenText(*t.start, now, !e.allDay()) + (e.allDay() ? std::string(" · ") + _("all day") : "") +
                   " · " + _("repeats");
    } else if (t.start) {
      row.detail = (t.series ? std::string(_("Repeats from")) + " " : std::string()) + whenText(*t.start, now, !e.allDay());
      if (e.allDay()) row.detail += std::string(" · ") + _("all day");
    }
    if (!e.location().empty()) row.detail += (row.detail.empty() ? "" : " · ") + e.location();
    const bool past = (t.end ? *t.end : orMax(t.start)) < now && !(t.series && !t.upcoming);
    row.muted = past;
    rows.push_back({past, orMax(t.start), std::move(row)});
  }
  std::stable_sort(rows.begin(), rows.end(), [](const Keyed& a, const Keyed& b) {
    if (a.past != b.past) return !a.past;
    return a.past ? a.start > b.start : a.start < b.start;
  });
  for (auto& r : rows) out.push_back(std::move(r.row));
}

void taskRows(const std::vector<sync::Item>& items, Clock::time_point now, std::vector<PaneRow>& out) {
  struct Keyed {
    bool done;
    Clock::time_point due;
    PaneRow row;
  };
  std::vector<Keyed> rows;
  for (const auto& item : items) {
    sync::ConstTask t(item);
    PaneRow row = baseRow(item);
    const auto due = parseIsoUtc(t.dueDate());
    const bool done = t.completed();
    if (done)
      row.detail = _("Completed");
    else if (due)
      row.detail = std::string(_("Due")) + " " + whenText(*due, now, false);
    else
      row.detail = t.status();
    if (!done && !t.priority().empty() && t.priority().rfind("(1)", 0) == 0) row.detail += std::string(" · ") + _("high priority");
    row.muted = done;
    row.emphasised = !done && due && *due < now && !sameLocalDay(*due, now);
    rows.push_back({done, orMax(due), std::move(row)});
  }
  std::stable_sort(rows.begin(), rows.end(),
                   [](const Keyed& a, const Keyed& b) { return std::tie(a.done, a.due) < std::tie(b.done, b.due); });
  for (auto& r : rows) out.push_back(std::move(r.row));
}

void contactRows(const std::vector<sync::Item>& items, std::vector<PaneRow>& out) {
  std::vector<PaneRow> rows;
  for (const auto& item : items) {
    sync::ConstContact c(item);
    PaneRow row = baseRow(item);
    row.title = c.fullName();
    const std::string phone = !c.workPhone().empty() ? c.workPhone() : c.cellPhone();
    for (const std::string& part : {c.company(), c.email().empty() ? phone : c.email()})
      if (!part.empty()) row.detail += (row.detail.empty() ? "" : " · ") + part;
    rows.push_back(std::move(row));
  }
  std::stable_sort(rows.begin(), rows.end(), [](const PaneRow& a, const PaneRow& b) { return a.title < b.title; });
  out.insert(out.end(), rows.begin(), rows.end());
}

// Newest first by `dateField` (falling back to Modified).
void datedRows(const std::vector<sync::Item>& items, Clock::time_point now, std::vector<PaneRow>& out,
               bool threads) {
  std::vector<std::pair<Clock::time_point, PaneRow>> rows;
  for (const auto& item : items) {
    PaneRow row = baseRow(item);
    std::string when = item.modified;
    if (threads) {
      sync::ConstMessage m(item);
      if (!m.isDiscussion() && m.parentItemId()) continue;  // a reply, shown inside its thread later
      if (!m.discussionLastUpdated().empty()) when = m.discussionLastUpdated();
      row.detail = m.author();
    } else {
      // The note text: Body, or the NoteBody column some note lists (and the emulator) use.
      const std::string body = sync::ConstNote(item).body();
      row.detail = firstLinePlain(body.empty() ? item.text("NoteBody") : body);
    }
    const auto t = parseIsoUtc(when);
    if (threads && t) row.detail += (row.detail.empty() ? "" : " · ") + whenText(*t, now, true);
    rows.emplace_back(t.value_or(Clock::time_point::min()), std::move(row));
  }
  std::stable_sort(rows.begin(), rows.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
  for (auto& r : rows) out.push_back(std::move(r.second));
}

}  // namespace

std::optional<Clock::time_point> parseIsoUtc(const std::string& iso) {
  int y, mo, d, h = 0, mi = 0, s = 0;
  if (std::sscanf(iso.c_str(), "%4d-%2d-%2dT%2d:%2d:%2d", &y, &mo, &d, &h, &mi, &s) < 3) return std::nullopt;
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 60) return std::nullopt;
  std::tm tm{};
  tm.tm_year = y - 1900;
  tm.tm_mon = mo - 1;
  tm.tm_mday = d;
  tm.tm_hour = h;
  tm.tm_min = mi;
  tm.tm_sec = s;
  return Clock::from_time_t(timegm(&tm));
}

std::vector<PaneRow> paneRows(sync::ListKind kind, const std::vector<sync::Item>& items, Clock::time_point now,
                              int siteZoneId) {
  std::vector<PaneRow> out;
  out.reserve(items.size());
  switch (kind) {
    case sync::ListKind::Calendar: eventRows(items, now, siteZoneId, out); break;
    case sync::ListKind::Tasks: taskRows(items, now, out); break;
    case sync::ListKind::Contacts: contactRows(items, out); break;
    case sync::ListKind::Notes: datedRows(items, now, out, false); break;
    case sync::ListKind::Inbox: datedRows(items, now, out, true); break;
  }
  for (auto& row : out)
    if (row.title.empty()) row.title = _("(no title)");
  return out;
}

std::string syncStateText(const sync::ListStatus& status) {
  switch (status.state) {
    case sync::SyncState::Syncing: return _("Syncing…");
    case sync::SyncState::SignInNeeded: return _("Sign-in needed");
    case sync::SyncState::Offline:
      return status.pendingChanges > 0
                 ? std::string(_("Offline")) + " · " + withNumber(::ngettext("%d waiting", "%d waiting", static_cast<unsigned long>(status.pendingChanges)), status.pendingChanges)
                 : std::string(_("Offline"));
    case sync::SyncState::Error: return _("Error");
    case sync::SyncState::Synced: break;
  }
  if (status.conflicts > 0)
    return status.conflicts == 1 ? std::string(_("Conflict")) : withNumber(::ngettext("%d conflict", "%d conflicts", static_cast<unsigned long>(status.conflicts)), status.conflicts);
  if (status.refusedChanges > 0)
    return withNumber(::ngettext("%d change refused", "%d changes refused", static_cast<unsigned long>(status.refusedChanges)), status.refusedChanges);
  if (status.pendingChanges > 0) return withNumber(::ngettext("%d waiting", "%d waiting", static_cast<unsigned long>(status.pendingChanges)), status.pendingChanges);
  if (!status.lastSync) return _("Not synced yet");
  // TRANSLATORS: %s is the time of the last sync, e.g. 09:41.
  return withText(_("Synced %s"), format(*status.lastSync, "%H:%M"));
}

std::string syncStateDetail(const sync::ListStatus& status) {
  if (status.state != sync::SyncState::Offline) return status.message;
  std::string out = _("The site cannot be reached. What you change here is kept and sent when it can be.");
  if (!status.message.empty()) out += "\n(" + status.message + ")";
  return out;
}

std::optional<std::string> nextEventText(const std::vector<sync::Item>& events, Clock::time_point now,
                                         int siteZoneId) {
  const sync::Item* best = nullptr;
  Clock::time_point bestStart = Clock::time_point::max();
  const auto next = seriesNext(events, now, siteZoneId);
  for (const auto& item : events) {
    sync::ConstEvent e(item);
    if (e.eventType() == sync::Event::DeletedOccurrence) continue;
    const auto t = eventTimes(e, item.id, next);
    if (t.series && !t.upcoming) continue;  // a series with nothing ahead is not "next"
    const auto& start = t.start;
    const auto& end = t.end;
    if (!start || (end ? *end : *start) < now) continue;
    if (*start < bestStart) {
      bestStart = *start;
      best = &item;
    }
  }
  if (!best) return std::nullopt;
  sync::ConstEvent e(*best);
  return (e.title().empty() ? std::string("(no title)") : e.title()) + " · " + whenText(bestStart, now, !e.allDay());
}

std::string firstLinePlain(const std::string& text) {
  std::string plain;
  bool inTag = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '<') {
      // Block ends become line breaks so "<div>a</div><div>b</div>" gives "a".
      const std::string tag = text.substr(i, 5);
      if (!plain.empty() && (tag.rfind("<br", 0) == 0 || tag.rfind("</p", 0) == 0 || tag.rfind("</div", 0) == 0))
        plain += '\n';
      inTag = true;
    } else if (c == '>' && inTag) {
      inTag = false;
    } else if (!inTag) {
      plain += c;
    }
  }
  // Common entities; the rich-text sanitiser of a later issue does the full job.
  const std::pair<const char*, const char*> entities[] = {
      {"&nbsp;", " "}, {"&amp;", "&"}, {"&lt;", "<"}, {"&gt;", ">"}, {"&quot;", "\""}, {"&#39;", "'"}};
  for (const auto& [from, to] : entities)
    for (std::size_t p; (p = plain.find(from)) != std::string::npos;) plain.replace(p, std::string(from).size(), to);
  const auto begin = plain.find_first_not_of(" \t\r\n");
  if (begin == std::string::npos) return {};
  const auto end = plain.find_first_of("\r\n", begin);
  std::string line = plain.substr(begin, end == std::string::npos ? std::string::npos : end - begin);
  while (!line.empty() && (line.back() == ' ' || line.back() == '\t')) line.pop_back();
  return line;
}

}  // namespace deskpane::overlay
