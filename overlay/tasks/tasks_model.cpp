#include "overlay/tasks/tasks_model.h"

#include "overlay/i18n.h"
#include "sync/list_schema.h"
#include "sync/recurrence_time.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <ctime>
#include <tuple>
#include <unordered_map>

namespace deskpane::overlay::tasks {

namespace {

constexpr const char* kCompleted = "Completed";
constexpr const char* kInProgress = "In Progress";
constexpr const char* kNotStarted = "Not Started";

std::string format(const char* fmt, const std::string& a) {
  char buf[512];
  std::snprintf(buf, sizeof buf, fmt, a.c_str());
  return buf;
}

// A field's label from the list schema, translated, for messages that name it.
std::string label(std::string_view name) {
  const sync::FieldSpec* f = sync::findField(sync::ListKind::Tasks, name);
  return f ? std::string(_(std::string(f->label).c_str())) : std::string(name);
}


// The desktop date of many instants: the zone's offset is looked up once per
// hour of UTC (zones change offset on the hour), as a libical conversion per
// task would take most of a 10,000-task pane's first paint.
class LocalDates {
 public:
  explicit LocalDates(const Zone& zone) : zone_(zone) {}
  std::optional<Date> of(const std::string& iso) {
    if (iso.empty()) return std::nullopt;
    const auto t = sync::parseUtcTime(iso);
    if (!t) return std::nullopt;
    const long long secs = t->time_since_epoch().count();
    const long long hour = secs >= 0 ? secs / 3600 : (secs - 3599) / 3600;
    auto it = offsets_.find(hour);
    if (it == offsets_.end()) {
      const calendar::WallTime w = zone_.toWall(UtcTime(std::chrono::seconds(hour * 3600)));
      const long long wall = calendar::dayNumber(w.date) * 86400 + w.minutes * 60LL;
      it = offsets_.emplace(hour, wall - hour * 3600).first;
    }
    const long long local = secs + it->second;
    return calendar::dateFromDayNumber(local >= 0 ? local / 86400 : (local - 86399) / 86400);
  }

 private:
  const Zone& zone_;
  std::unordered_map<long long, long long> offsets_;
};

double percentOf(const sync::Item& item) {
  const double p = item.number(sync::field::PercentComplete).value_or(0.0);
  return std::clamp(p, 0.0, 1.0);
}

}  // namespace

int priorityLevel(const std::string& priority) {
  // "(1) High": the digit is the level in every language SharePoint ships.
  if (priority.size() >= 3 && priority[0] == '(' && priority[2] == ')' && priority[1] >= '1' && priority[1] <= '3')
    return priority[1] - '0';
  return 0;
}

bool isCompleted(const sync::Item& item) {
  const std::string status = item.text(sync::field::Status);
  if (!status.empty()) return status == kCompleted;
  return item.flag(sync::field::Checkmark) || percentOf(item) >= 1.0;
}

std::string dueText(const Date& due, const Date& today) {
  const long long days = calendar::daysBetween(today, due);
  if (days == 0) return _("Today");
  if (days == 1) return _("Tomorrow");
  if (days == -1) return _("Yesterday");
  if (days >= 2 && days <= 6) {
    static const char* const kWeekdays[] = {N_("Sunday"),   N_("Monday"), N_("Tuesday"), N_("Wednesday"),
                                            N_("Thursday"), N_("Friday"), N_("Saturday")};
    return _(kWeekdays[static_cast<int>(calendar::weekdayOf(due))]);
  }
  static const char* const kMonths[] = {N_("Jan"), N_("Feb"), N_("Mar"), N_("Apr"), N_("May"), N_("Jun"),
                                        N_("Jul"), N_("Aug"), N_("Sep"), N_("Oct"), N_("Nov"), N_("Dec")};
  std::string text = std::to_string(due.day) + " " + _(kMonths[due.month - 1]);
  if (due.year != today.year) text += " " + std::to_string(due.year);
  return text;
}

std::vector<TaskRow> taskRows(const std::vector<sync::Item>& items, const TaskQuery& query, UtcTime now,
                              const Zone& zone) {
  const Date today = zone.toWall(now).date;
  LocalDates dates(zone);
  struct Keyed {
    TaskRow row;
    std::optional<Date> due;
  };
  std::vector<Keyed> keyed;
  keyed.reserve(items.size());
  for (const auto& item : items) {
    if (item.state == sync::LocalState::Deleted) continue;
    const bool done = isCompleted(item);
    if ((query.filter == Filter::Active && done) || (query.filter == Filter::Completed && !done)) continue;
    sync::ConstTask task(item);
    Keyed k;
    k.row.id = item.id;
    k.row.title = task.title();
    k.row.completed = done;
    k.row.status = task.status();
    k.row.priority = priorityLevel(task.priority());
    k.row.percent = static_cast<int>(std::lround(percentOf(item) * 100.0));
    k.row.pending = item.state == sync::LocalState::Dirty;
    k.row.conflict = item.state == sync::LocalState::Conflict;
    k.due = dates.of(task.dueDate());
    if (k.due) {
      k.row.due = dueText(*k.due, today);
      k.row.overdue = !done && *k.due < today;
    }
    keyed.push_back(std::move(k));
  }
  // Sort keys as tuples: missing dates and priorities sort last.
  const auto dueKey = [](const Keyed& k) {
    return std::make_pair(!k.due.has_value(), k.due ? calendar::dayNumber(*k.due) : 0LL);
  };
  const auto prioKey = [](const Keyed& k) { return k.row.priority == 0 ? 4 : k.row.priority; };
  std::stable_sort(keyed.begin(), keyed.end(), [&](const Keyed& a, const Keyed& b) {
    if (a.row.completed != b.row.completed) return !a.row.completed;
    const auto ta = query.sort == SortBy::DueDate ? std::make_tuple(dueKey(a), prioKey(a))
                                                  : std::make_tuple(std::make_pair(false, 0LL), prioKey(a));
    const auto tb = query.sort == SortBy::DueDate ? std::make_tuple(dueKey(b), prioKey(b))
                                                  : std::make_tuple(std::make_pair(false, 0LL), prioKey(b));
    if (ta != tb) return ta < tb;
    if (query.sort == SortBy::Priority && dueKey(a) != dueKey(b)) return dueKey(a) < dueKey(b);
    if (a.row.title != b.row.title) return a.row.title < b.row.title;
    return a.row.id < b.row.id;
  });
  std::vector<TaskRow> rows;
  rows.reserve(keyed.size());
  for (auto& k : keyed) rows.push_back(std::move(k.row));
  return rows;
}

std::string accessibleLine(const TaskRow& row) {
  std::string line = row.title;
  if (row.completed) line += ", " + std::string(_("completed"));
  if (!row.due.empty()) line += ", " + format(row.overdue ? _("overdue since %s") : _("due %s"), row.due);
  if (row.priority == 1) line += ", " + std::string(_("high priority"));
  if (row.priority == 3) line += ", " + std::string(_("low priority"));
  line += ", " + format(_("%s %% complete"), std::to_string(row.percent));
  if (row.conflict) line += ", " + std::string(_("in conflict"));
  else if (row.pending) line += ", " + std::string(_("waiting to upload"));
  return line;
}

sync::Fields completionChange(const sync::Item& item, bool done) {
  sync::Fields f;
  if (done) {
    f[std::string(sync::field::Status)] = std::string(kCompleted);
    f[std::string(sync::field::PercentComplete)] = 1.0;
    return f;
  }
  const double p = percentOf(item);
  if (p > 0.0 && p < 1.0) {
    f[std::string(sync::field::Status)] = std::string(kInProgress);
  } else {
    f[std::string(sync::field::Status)] = std::string(kNotStarted);
    f[std::string(sync::field::PercentComplete)] = 0.0;
  }
  return f;
}

std::vector<std::string> editorFields() {
  return {std::string(sync::field::Title),  std::string(sync::field::StartDate),
          std::string(sync::field::DueDate), std::string(sync::field::Status),
          std::string(sync::field::Priority), std::string(sync::field::PercentComplete),
          std::string(sync::field::Body)};
}

sync::Fields newTaskDefaults(std::time_t now) {
  std::tm local{};
  localtime_r(&now, &local);
  local.tm_hour = local.tm_min = local.tm_sec = 0;
  local.tm_isdst = -1;  // midnight may be on the other side of a DST change
  const sync::UtcTime midnight(std::chrono::seconds(std::mktime(&local)));
  return {{std::string(sync::field::Status), std::string(kNotStarted)},
          {std::string(sync::field::Priority), std::string("(2) Normal")},
          {std::string(sync::field::PercentComplete), 0.0},
          {std::string(sync::field::StartDate), sync::formatUtcTime(midnight)}};
}

std::optional<TaskProblem> validate(const sync::Fields& values) {
  sync::Item v;
  v.fields = values;
  const std::string title = v.text(sync::field::Title);
  if (title.find_first_not_of(" \t\r\n") == std::string::npos)
    return TaskProblem{"Title", format(_("%s is required."), label(sync::field::Title))};
  const auto start = sync::parseUtcTime(v.text(sync::field::StartDate));
  const auto due = sync::parseUtcTime(v.text(sync::field::DueDate));
  if (start && due && *due < *start)
    return TaskProblem{"DueDate", format(_("%s can't be before the start date."), label(sync::field::DueDate))};
  const double pct = v.number(sync::field::PercentComplete).value_or(0.0);
  if (!(pct >= 0.0 && pct <= 1.0))
    return TaskProblem{"PercentComplete",
                       format(_("%s must be between 0 and 100."), label(sync::field::PercentComplete))};
  return std::nullopt;
}

sync::Fields normalizedWrite(sync::Fields changed, const sync::Fields& values) {
  sync::Item v;
  v.fields = values;
  const std::string status = v.text(sync::field::Status);
  const double pct = v.number(sync::field::PercentComplete).value_or(0.0);
  const bool statusEdited = changed.count(sync::field::Status) > 0;
  const bool pctEdited = changed.count(sync::field::PercentComplete) > 0;
  if (status == kCompleted && pct < 1.0 && (statusEdited || !pctEdited)) {
    changed[std::string(sync::field::PercentComplete)] = 1.0;
  } else if (pct >= 1.0 && status != kCompleted && pctEdited &&
             (status.empty() || status == kNotStarted || status == kInProgress)) {
    changed[std::string(sync::field::Status)] = std::string(kCompleted);
  }
  return changed;
}

}  // namespace deskpane::overlay::tasks
