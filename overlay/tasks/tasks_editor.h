#pragma once
// The task editor: the shared item form (overlay/item_form.h) over the Tasks
// list's fields — title, start, due, status, priority, % complete and the
// description as plain text — with the model's validation (it names the
// field) and its Status / % complete rule applied to what is written.
#include "overlay/item_form.h"

#include <vector>

namespace deskpane::overlay {

class TasksEditor : public ItemForm {
 public:
  // `item` null = a new task (Not Started, normal priority, 0 %).
  TasksEditor(wxWindow* parent, const sync::Item* item, const std::vector<sync::Conflict>& conflicts);
  // What saving writes (only what changed, Status and % complete in step).
  sync::Fields writes() const;
};

}  // namespace deskpane::overlay
