#pragma once
// The Tasks pane as data: the cached Tasks-list items (templates 171 and 107)
// → the rows the pane shows (filtered, sorted, with a due text in the
// desktop's zone), the fields a completion toggle writes, and the editor's
// draft with its validation and writes. No toolkit here: tasks_view.cpp and
// tasks_editor.cpp draw and edit what this computes, and
// tests/unit/panes/tasks/ checks it from fixture files.
#include "overlay/calendar/calendar_model.h"
#include "sync/item.h"

#include <cstdint>
#include <ctime>
#include <optional>
#include <string>
#include <vector>

namespace deskpane::overlay::tasks {

using calendar::Date;
using calendar::Zone;
using sync::UtcTime;

enum class Filter { Active, All, Completed };
enum class SortBy { DueDate, Priority };

struct TaskQuery {
  Filter filter = Filter::Active;
  SortBy sort = SortBy::DueDate;
};

// SharePoint's "(1) High" / "(2) Normal" / "(3) Low" as 1 / 2 / 3; 0 = none or unknown.
int priorityLevel(const std::string& priority);

// Completed as the pane shows it. Status wins when it is set: after a local
// uncheck the cached Checkmark (computed by the server) is stale until the
// next sync, while Status is what we wrote.
bool isCompleted(const sync::Item& item);

struct TaskRow {
  std::int64_t id = 0;
  std::string title;
  std::string due;      // "Today", "Tomorrow", "Friday", "12 Mar", "3 Jan 2027", "Yesterday"; "" = no due date
  bool overdue = false;  // due before today and not completed: drawn in red
  bool completed = false;
  int priority = 0;     // priorityLevel()
  int percent = 0;      // 0..100
  std::string status;   // as the server stores it ("In Progress"), "" when unset
  bool pending = false;   // a local change waits for upload
  bool conflict = false;
};

// What the due date of a task says on `today` (a date in the desktop's zone):
// "Today", "Tomorrow", "Yesterday", the weekday name for the five days after
// tomorrow, else "12 Mar" (this year) or "12 Mar 2027". Translated.
std::string dueText(const Date& due, const Date& today);

// The rows of `query` in display order. Sorting by due date: earliest first,
// tasks without a due date after those with one; by priority: High first,
// no priority last, then by due date. Ties go by title, then id. In "All",
// completed tasks follow the open ones (each part sorted as above).
std::vector<TaskRow> taskRows(const std::vector<sync::Item>& items, const TaskQuery& query, UtcTime now,
                              const Zone& zone);

// One line per row for assistive technologies and the tests:
// "Prepare Q3 budget, due Tomorrow, high priority, 40 % complete".
std::string accessibleLine(const TaskRow& row);

// The fields a check box click (or Space) writes, as SharePoint's own form
// does: completing sets Status "Completed" and PercentComplete 1. Un-completing
// sets "In Progress" and keeps a percent between 0 and 1 exclusive, else
// "Not Started" with 0.
sync::Fields completionChange(const sync::Item& item, bool done);

// ---- the editor (overlay/item_form.h over the list schema's fields)

// The fields the editor offers, in its order: title, start, due, status,
// priority, % complete, description.
std::vector<std::string> editorFields();
// A new task's values: Not Started, (2) Normal, 0 %, starting today (the
// local midnight of `now`), with no due date: what SharePoint's own new-task
// form fills in. A due date set to today would make a task overdue the
// moment it is saved.
sync::Fields newTaskDefaults(std::time_t now);

struct TaskProblem {
  std::string field;    // internal name ("DueDate")
  std::string message;  // translated, names the field by its label
};
// `values` as the editor writes them (dates ISO-8601 UTC or null, percent
// 0..1): title required, due not before start, % complete within 0..100.
std::optional<TaskProblem> validate(const sync::Fields& values);

// What saving writes: the editor's `changed` fields, with Status and
// PercentComplete kept in step as SharePoint's form keeps them ("Completed"
// means 100 %, and 100 % on an open task means "Completed"), whichever of the
// two was edited. `values` are all the editor's values.
sync::Fields normalizedWrite(sync::Fields changed, const sync::Fields& values);

}  // namespace deskpane::overlay::tasks
