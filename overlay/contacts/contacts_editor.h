#pragma once
// The contact editor: the shared item form (overlay/item_form.h) with every
// editable field of the Contacts list, checked by validateContact so a bad
// email or phone is named before anything is saved.
#include "sync/item.h"
#include "sync/store.h"

#include <optional>
#include <vector>

class wxWindow;

namespace deskpane::overlay::contacts {

struct EditorOutcome {
  enum Action { Cancelled, Save, KeepMine, KeepTheirs } action = Cancelled;
  sync::Fields fields;  // Save: what to write (a new contact's non-empty fields, else the changed ones)
};

// Modal. `contact` null = a new contact; `conflicts` offer keep mine / keep theirs.
EditorOutcome runContactEditor(wxWindow* parent, const sync::Item* contact,
                               const std::vector<sync::Conflict>& conflicts = {});

}  // namespace deskpane::overlay::contacts
