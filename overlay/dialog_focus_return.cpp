#include "overlay/dialog_focus_return.h"

#include "overlay/pane_frame.h"

#include <wx/dialog.h>
#include <wx/event.h>
#include <wx/eventfilter.h>
#include <wx/toplevel.h>

namespace deskpane::overlay {

void giveKeyboardBack(wxWindow* dialogParent) {
  auto* pane = dynamic_cast<PaneFrame*>(dialogParent ? wxGetTopLevelParent(dialogParent) : nullptr);
  if (!pane) return;
  // After the dialog's own hiding is done (a modal loop may still run until
  // the caller returns); by then the pane may be hidden or closing, which
  // takeKeyboardBack() checks.
  pane->CallAfter(&PaneFrame::takeKeyboardBack);
}

class DialogFocusReturn::Filter final : public wxEventFilter {
 public:
  int FilterEvent(wxEvent& event) override {
    if (event.GetEventType() != wxEVT_SHOW || static_cast<wxShowEvent&>(event).IsShown()) return Event_Skip;
    auto* dialog = dynamic_cast<wxDialog*>(event.GetEventObject());
    if (!dialog) return Event_Skip;
    giveKeyboardBack(dialog->GetParent());
    return Event_Skip;
  }
};

DialogFocusReturn::DialogFocusReturn() : filter_(std::make_unique<Filter>()) {
  wxEvtHandler::AddFilter(filter_.get());
}

DialogFocusReturn::~DialogFocusReturn() { wxEvtHandler::RemoveFilter(filter_.get()); }

}  // namespace deskpane::overlay
