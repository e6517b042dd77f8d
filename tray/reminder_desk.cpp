#include "tray/reminder_desk.h"

#include "overlay/i18n.h"
#include "sync/recurrence_time.h"

namespace deskpane::tray {

namespace reminders = overlay::reminders;

ReminderDesk::ReminderDesk(Notifier& notifier, ReminderSources sources, reminders::ReminderSettings settings)
    : notifier_(notifier), sources_(std::move(sources)), settings_(settings) {}

void ReminderDesk::trace(const std::string& line) const {
  if (sources_.trace) sources_.trace(line);
}

Notification ReminderDesk::notificationFor(const reminders::Reminder& r) const {
  Notification n;
  n.summary = r.summary;
  n.body = r.body;
  n.actions = {{"default", _("Show")}, {"snooze", _("Snooze 10 min")}, {"dismiss", _("Dismiss")}};
  return n;
}

std::optional<UtcTime> ReminderDesk::refresh(UtcTime now) {
  // Read once: the marks change only through act(), which keeps them here too.
  if (!marksLoaded_ && sources_.loadMarks) {
    marks_ = reminders::parseMarks(sources_.loadMarks());
    marksLoaded_ = true;
  }
  const auto schedule = reminders::schedule(sources_.events(), sources_.tasks(), now, settings_, marks_);
  std::map<std::string, reminders::Reminder> due;
  for (const auto& r : schedule.due) due.emplace(r.key, r);
  // What is on the desktop but no longer due: the event is over, the task was
  // completed or deleted (here or on the site), or the mark came from an action.
  for (auto it = shown_.begin(); it != shown_.end();) {
    if (due.count(it->first)) {
      ++it;
      continue;
    }
    notifier_.withdraw(it->first);
    trace("reminder withdrawn " + it->first);
    it = shown_.erase(it);
  }
  for (const auto& r : schedule.due) {
    if (shown_.count(r.key)) continue;
    // Marked as shown even when no service answered: retrying at every cache
    // change would only repeat the same failure.
    const bool ok = notifier_.show(r.key, notificationFor(r));
    shown_.emplace(r.key, r);
    trace("reminder " + std::string(ok ? "shown " : "not shown (no notification service) ") + r.key + " | " +
          r.summary + " | " + r.body);
  }
  return schedule.next;
}

std::optional<UtcTime> ReminderDesk::act(const std::string& key, const std::string& action, UtcTime now) {
  const auto it = shown_.find(key);
  if (it == shown_.end()) {
    // From a notification of an earlier run, or one already withdrawn.
    trace("reminder action " + action + " for an unknown " + key);
    return refresh(now);
  }
  const reminders::Reminder r = it->second;
  if (action == "dismiss") {
    marks_[key] = {true, {}, r.until};
    trace("reminder dismissed " + key);
  } else if (action == "snooze") {
    marks_[key] = {false, now + kSnooze, r.until};
    trace("reminder snoozed " + key + " until " + sync::formatUtcTime(now + kSnooze));
  } else {
    // A click shows the item; the reminder stays until it is dismissed.
    trace("reminder opened " + key);
    if (sources_.reveal) sources_.reveal(r.kind, r.itemId, r.start);
    return refresh(now);
  }
  if (sources_.saveMarks) sources_.saveMarks(reminders::formatMarks(marks_, now));
  // Its notification is closed by the service after an action; forgetting it
  // here lets a snoozed reminder be shown anew when the snooze ends.
  notifier_.withdraw(key);
  shown_.erase(key);
  return refresh(now);
}

std::vector<std::string> ReminderDesk::shownKeys() const {
  std::vector<std::string> out;
  for (const auto& [key, r] : shown_) out.push_back(key);
  return out;
}

}  // namespace deskpane::tray
