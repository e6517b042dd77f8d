#include "overlay/dialog_focus_return.h"

#include "overlay/pane_frame.h"

#include <wx/dialog.h>
#include <wx/event.h>
#include <wx/eventfilter.h>

namespace deskpane::overlay {

class DialogFocusReturn::Filter final : public wxEventFilter {
 public:
  int FilterEvent(wxEvent& event) override {
    if (event.GetEventType() != wxEVT_SHOW || static_cast<wxShowEvent&>(event).IsShown()) return Event_Skip;
    auto* dialog = dynamic_cast<wxDialog*>(event.GetEventObject());
    if (!dialog) return Event_Skip;
    auto* pane = dynamic_cast<PaneFrame*>(dialog->GetParent());
    if (!pane) return Event_Skip;
    // After the dialog's own hiding is done (a modal loop still runs until
    // this event returns); by then the pane may be hidden or closing, which
    // takeKeyboardBack() checks.
    pane->CallAfter(&PaneFrame::takeKeyboardBack);
    return Event_Skip;
  }
};

DialogFocusReturn::DialogFocusReturn() : filter_(std::make_unique<Filter>()) {
  wxEvtHandler::AddFilter(filter_.get());
}

DialogFocusReturn::~DialogFocusReturn() { wxEvtHandler::RemoveFilter(filter_.get()); }

}  // namespace deskpane::overlay
