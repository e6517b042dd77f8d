#include "overlay/reminders/reminders_model.h"

#include "overlay/i18n.h"
#include "overlay/tasks/tasks_model.h"
#include "sync/recurrence_time.h"

#include <algorithm>
#include <sstream>

namespace deskpane::overlay::reminders {

namespace {

using calendar::Date;
using calendar::WallTime;
using namespace std::chrono_literals;

// Occurrences are read from the day before today (an event that began
// yesterday may still run) to this many days ahead. With a lead of at most a
// day, every reminder due before the last day's start is inside the window,
// so the window's last day is also where the schedule looks again.
constexpr int kLookAheadDays = 8;

std::string dayText(const Date& day, const Date& today) { return tasks::dueText(day, today); }

std::string eventBody(const calendar::CalendarOccurrence& o, const Date& today, bool use24Hour) {
  std::string text;
  if (o.allDay) {
    text = dayText(o.firstDay(), today);
    if (o.lastDay() != o.firstDay()) text += " – " + dayText(o.lastDay(), today);
    text += std::string(", ") + _("all day");
  } else {
    text = dayText(o.localStart.date, today) + " " + calendar::formatClock(o.localStart.minutes, use24Hour);
    const std::string end = calendar::formatClock(o.localEnd.minutes, use24Hour);
    if (o.localEnd.date == o.localStart.date)
      text += "–" + end;
    else
      text += " – " + dayText(o.localEnd.date, today) + " " + end;
  }
  if (!o.location.empty()) text += " · " + o.location;
  return text;
}

bool snoozed(const ReminderMark& m, UtcTime now) { return !m.dismissed && m.snoozedUntil > now; }

}  // namespace

Schedule schedule(const calendar::CalendarModel& events, const std::vector<sync::Item>& tasks, UtcTime now,
                  const ReminderSettings& settings, const ReminderMarks& marks) {
  const calendar::Zone& zone = events.desktopZone();
  const Date today = zone.toWall(now).date;
  const Date windowEnd = calendar::addDays(today, kLookAheadDays);
  const auto lead = std::chrono::minutes(std::clamp(settings.eventLeadMinutes, 0, kMaxLeadMinutes));

  std::vector<Reminder> all;
  for (const auto& o : events.occurrences(calendar::addDays(today, -1), calendar::addDays(windowEnd, 1))) {
    Reminder r;
    r.kind = sync::ListKind::Calendar;
    r.itemId = o.itemId;
    r.start = o.allDay ? zone.toUtc(o.localStart) : o.start;
    r.key = "calendar/" + std::to_string(o.itemId) + "/" + sync::formatUtcTime(o.start);
    if (o.allDay) {
      r.at = r.start;
      r.until = zone.toUtc(o.localEnd);
    } else {
      r.at = o.start - lead;
      // A zero-length event is still worth its reminder up to its start.
      r.until = std::max(o.end, o.start + 1min);
    }
    r.summary = o.title.empty() ? _("(no title)") : o.title;
    r.body = eventBody(o, today, settings.use24Hour);
    all.push_back(std::move(r));
  }

  for (const auto& item : tasks) {
    if (item.state == sync::LocalState::Deleted || tasks::isCompleted(item)) continue;
    const auto dueAt = sync::parseUtcTime(item.text(sync::field::DueDate));
    if (!dueAt) continue;
    const Date due = zone.toWall(*dueAt).date;
    if (due < today || !(due < windowEnd)) continue;
    Reminder r;
    r.kind = sync::ListKind::Tasks;
    r.itemId = item.id;
    r.key = "tasks/" + std::to_string(item.id) + "/" + calendar::formatDate(due);
    r.start = zone.toUtc(WallTime{due, 0});
    r.at = r.start;
    r.until = zone.toUtc(WallTime{calendar::addDays(due, 1), 0});
    const std::string title = item.text(sync::field::Title);
    r.summary = title.empty() ? _("(no title)") : title;
    r.body = _("Task due today");
    all.push_back(std::move(r));
  }

  Schedule out;
  out.next = zone.toUtc(WallTime{windowEnd, 0});
  const auto aim = [&](UtcTime t) {
    if (!out.next || t < *out.next) out.next = t;
  };
  for (auto& r : all) {
    if (r.until <= now) continue;
    const auto mark = marks.find(r.key);
    if (mark != marks.end() && mark->second.dismissed) continue;
    if (r.at > now) {
      aim(r.at);
      continue;
    }
    if (mark != marks.end() && snoozed(mark->second, now)) {
      if (mark->second.snoozedUntil < r.until) aim(mark->second.snoozedUntil);
      continue;
    }
    out.due.push_back(std::move(r));
  }
  std::sort(out.due.begin(), out.due.end(),
            [](const Reminder& a, const Reminder& b) { return a.at != b.at ? a.at < b.at : a.key < b.key; });
  return out;
}

std::string formatMarks(const ReminderMarks& marks, UtcTime now) {
  std::string out;
  for (const auto& [key, m] : marks) {
    if (m.expires + 24h < now) continue;
    if (m.dismissed)
      out += "dismissed " + key + " " + sync::formatUtcTime(m.expires) + "\n";
    else
      out += "snoozed " + key + " " + sync::formatUtcTime(m.snoozedUntil) + " " + sync::formatUtcTime(m.expires) + "\n";
  }
  return out;
}

ReminderMarks parseMarks(std::string_view text) {
  ReminderMarks out;
  std::istringstream in{std::string(text)};
  std::string line;
  while (std::getline(in, line)) {
    std::istringstream words(line);
    std::string what, key, a, b;
    words >> what >> key >> a >> b;
    ReminderMark m;
    if (what == "dismissed" && !key.empty()) {
      const auto expires = sync::parseUtcTime(a);
      if (!expires) continue;
      m.dismissed = true;
      m.expires = *expires;
    } else if (what == "snoozed" && !key.empty()) {
      const auto until = sync::parseUtcTime(a), expires = sync::parseUtcTime(b);
      if (!until || !expires) continue;
      m.snoozedUntil = *until;
      m.expires = *expires;
    } else {
      continue;
    }
    out[key] = m;
  }
  return out;
}

}  // namespace deskpane::overlay::reminders
