#include "overlay/contacts/contacts_editor.h"

#include "overlay/contacts/contacts_model.h"
#include "overlay/item_form.h"

#include <wx/intl.h>

namespace deskpane::overlay::contacts {

EditorOutcome runContactEditor(wxWindow* parent, const sync::Item* contact,
                               const std::vector<sync::Conflict>& conflicts) {
  ItemForm form(parent, contact ? _("Edit contact") : _("New contact"), sync::ListKind::Contacts, editorFields(),
                contact, {}, conflicts);
  form.setValidator([](const sync::Fields& values) -> std::optional<FieldProblem> {
    const auto problems = validateContact(values);
    if (problems.empty()) return std::nullopt;
    return FieldProblem{problems.front().field, problems.front().message};
  });
  EditorOutcome out;
  switch (form.ShowModal()) {
    case wxID_OK:
      out.action = EditorOutcome::Save;
      out.fields = trimmedFields(form.changed());
      break;
    case ItemForm::ID_KEEP_MINE: out.action = EditorOutcome::KeepMine; break;
    case ItemForm::ID_KEEP_THEIRS: out.action = EditorOutcome::KeepTheirs; break;
    default: break;
  }
  return out;
}

}  // namespace deskpane::overlay::contacts
