#pragma once
// The reminders' logic between the cache and the desktop, without a timer,
// a bus or a toolkit: refresh() reads the events and tasks, shows every
// reminder that is due and not shown yet, closes the ones that are no longer
// due (dismissed elsewhere, completed, deleted, over), and says when to look
// again; the user's actions dismiss, snooze or reveal. The app (tray/reminders.h)
// aims one timer at that instant; tests/unit/tray/ drives it with a fake
// notifier and a fake clock.
#include "overlay/calendar/calendar_model.h"
#include "overlay/reminders/reminders_model.h"
#include "tray/notifier.h"

#include <chrono>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace deskpane::tray {

using overlay::reminders::UtcTime;

struct ReminderSources {
  std::function<overlay::calendar::CalendarModel()> events;  // the Calendar list's cached items
  std::function<std::vector<sync::Item>()> tasks;            // the Tasks list's cached items
  std::function<std::string()> loadMarks;                    // the stored dismiss/snooze marks
  std::function<void(const std::string&)> saveMarks;
  // A click on a notification: show this item (and occurrence) in its pane.
  std::function<void(sync::ListKind, std::int64_t itemId, UtcTime start)> reveal;
  std::function<void(const std::string&)> trace;  // "reminder shown KEY" lines for the log and tests
};

class ReminderDesk {
 public:
  static constexpr std::chrono::minutes kSnooze{10};

  ReminderDesk(Notifier& notifier, ReminderSources sources, overlay::reminders::ReminderSettings settings);
  ReminderDesk(const ReminderDesk&) = delete;
  ReminderDesk& operator=(const ReminderDesk&) = delete;

  // Reads the cache and the marks and updates the desktop; returns when the
  // answer can next change (nullopt: never, as far as the cache knows).
  std::optional<UtcTime> refresh(UtcTime now);
  // A notification's action ("default", "snooze", "dismiss"); returns what
  // refresh() returns, as a snooze moves the next instant.
  std::optional<UtcTime> act(const std::string& key, const std::string& action, UtcTime now);

  // Keys of the reminders on the desktop now.
  std::vector<std::string> shownKeys() const;

 private:
  Notification notificationFor(const overlay::reminders::Reminder& r) const;
  void trace(const std::string& line) const;

  Notifier& notifier_;
  ReminderSources sources_;
  overlay::reminders::ReminderSettings settings_;
  overlay::reminders::ReminderMarks marks_;
  bool marksLoaded_ = false;
  std::map<std::string, overlay::reminders::Reminder> shown_;  // shown this run, by key
};

}  // namespace deskpane::tray
