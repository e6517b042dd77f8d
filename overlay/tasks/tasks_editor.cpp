#include "overlay/tasks/tasks_editor.h"

#include "overlay/tasks/tasks_model.h"

#include <wx/intl.h>

#include <ctime>

namespace deskpane::overlay {

TasksEditor::TasksEditor(wxWindow* parent, const sync::Item* item, const std::vector<sync::Conflict>& conflicts)
    : ItemForm(parent, item ? _("Edit task") : _("New task"), sync::ListKind::Tasks, tasks::editorFields(), item,
               tasks::newTaskDefaults(std::time(nullptr)), conflicts) {
  SetName("task-editor");
  setValidator([](const sync::Fields& values) -> std::optional<FieldProblem> {
    if (auto p = tasks::validate(values)) return FieldProblem{p->field, p->message};
    return std::nullopt;
  });
}

sync::Fields TasksEditor::writes() const { return tasks::normalizedWrite(changed(), values()); }

}  // namespace deskpane::overlay
