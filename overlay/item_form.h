#pragma once
// An item editor built from the list's field descriptions (sync/list_schema.h):
// one labelled control per field, in the order asked for. Panes whose editor
// is a plain form (contacts, tasks, a new discussion) use it as it is; others
// put their own controls beside it.
//
// Keyboard: Enter in a one-line field saves, Ctrl+Enter saves from anywhere
// (multi-line fields keep Enter for new lines), Esc cancels. Saving checks
// required fields and the pane's own validator; a problem is shown under the
// form, naming the field, and that field gets the focus. An item in conflict
// shows what differs and "Keep mine" / "Keep theirs".
#include "sync/item.h"
#include "sync/list_kind.h"
#include "sync/store.h"

#include <wx/dialog.h>

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

class wxStaticText;
class wxWindow;

namespace deskpane::overlay {

// A problem with the values: the field's internal name and the message to show.
struct FieldProblem {
  std::string field;
  std::string message;
};
using FieldValidator = std::function<std::optional<FieldProblem>(const sync::Fields& values)>;

class ItemForm : public wxDialog {
 public:
  // Returned by ShowModal() besides wxID_OK / wxID_CANCEL.
  enum { ID_KEEP_MINE = wxID_HIGHEST + 401, ID_KEEP_THEIRS };

  // `item` null = a new item (the fields start empty or at `defaults`).
  ItemForm(wxWindow* parent, const wxString& title, sync::ListKind kind, const std::vector<std::string>& fieldNames,
           const sync::Item* item, const sync::Fields& defaults = {},
           const std::vector<sync::Conflict>& conflicts = {});

  void setValidator(FieldValidator validator) { validator_ = std::move(validator); }
  // Every offered field's value now (dates as ISO-8601 UTC, empty text as "").
  sync::Fields values() const;
  // Only those that differ from the item (all non-empty ones for a new item).
  sync::Fields changed() const;
  // The control of `name`, to add behaviour or focus it; nullptr if not offered.
  wxWindow* control(const std::string& name) const;

 private:
  struct Row;
  bool trySave();
  void showProblem(const FieldProblem& problem);

  sync::ListKind kind_;
  std::vector<std::string> names_;
  sync::Fields original_;
  bool isNew_;
  std::map<std::string, std::vector<wxWindow*>> controls_;  // wx-parented, owned by the dialog
  wxStaticText* problem_ = nullptr;
  FieldValidator validator_;
};

}  // namespace deskpane::overlay
