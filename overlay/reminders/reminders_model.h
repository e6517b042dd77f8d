#pragma once
// Reminders as data: which calendar occurrences and tasks are due for a
// desktop notification at a given instant, when the next one falls due, and
// the user's "dismiss" and "snooze" marks in the form the app keeps them.
// No toolkit and no clock of its own: the app's ReminderDesk
// (tray/reminder_desk.h) shows what this computes and aims one timer at
// Schedule::next; tests/unit/panes/reminders/ checks it from fixture files.
//
// SharePoint's Events list has no reminder column (docs/decisions.md
// D-rem-1), so every timed occurrence is reminded `eventLeadMinutes` before
// its start; an all-day event and a task due on a day are reminded when that
// day begins in the desktop's zone. A reminder stays due until its event
// ends (a task: its due day ends) unless it is dismissed or snoozed.
#include "overlay/calendar/calendar_model.h"
#include "sync/item.h"
#include "sync/list_kind.h"

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace deskpane::overlay::reminders {

using sync::UtcTime;

struct ReminderSettings {
  int eventLeadMinutes = 15;  // 0..kMaxLeadMinutes
  bool use24Hour = true;      // how the notification's body writes times
};
// A lead beyond a day would need a look-ahead wider than schedule()'s.
inline constexpr int kMaxLeadMinutes = 24 * 60;

struct Reminder {
  // Stable across syncs and restarts: "calendar/<item id>/<start>" (the
  // occurrence's item: a single event, a series master, or a changed
  // occurrence) or "tasks/<item id>/<due day>". An event moved to another
  // time is a new reminder.
  std::string key;
  sync::ListKind kind = sync::ListKind::Calendar;
  std::int64_t itemId = 0;
  UtcTime at{};     // when it falls due
  UtcTime until{};  // no longer shown from here on (the event's end, the end of the task's due day)
  UtcTime start{};  // the occurrence's start; a task: the start of its due day
  std::string summary;  // the item's title
  std::string body;     // "Today 15:00–16:00 · Room 4", "Today, all day", "Task due today" (translated)
};

// One mark per reminder key the user acted on. A mark outlives its reminder
// by a day and is then dropped (formatMarks), so the set stays small.
struct ReminderMark {
  bool dismissed = false;
  UtcTime snoozedUntil{};  // ignored when dismissed
  UtcTime expires{};       // the reminder's `until`
};
using ReminderMarks = std::map<std::string, ReminderMark, std::less<>>;

struct Schedule {
  std::vector<Reminder> due;   // to show now, by `at`, then key
  std::optional<UtcTime> next;  // the next instant the answer can change: a reminder or snooze falling due, or the look-ahead's end
};

// `events` are the Calendar list's occurrences (series expanded by the
// calendar model, in its desktop zone); `tasks` the Tasks list's cached
// items (completed and locally deleted ones are never reminded).
Schedule schedule(const calendar::CalendarModel& events, const std::vector<sync::Item>& tasks, UtcTime now,
                  const ReminderSettings& settings, const ReminderMarks& marks);

// The marks as the app stores them (one per line: "dismissed KEY EXPIRES" or
// "snoozed KEY UNTIL EXPIRES", instants ISO-8601 UTC), leaving out marks that
// expired more than a day before `now`.
std::string formatMarks(const ReminderMarks& marks, UtcTime now);
// Lines it cannot read are skipped: a damaged line costs one mark, not all.
ReminderMarks parseMarks(std::string_view text);

}  // namespace deskpane::overlay::reminders
