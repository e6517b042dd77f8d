#pragma once
// Gives the keyboard back to the pane a dialog came from once the dialog is
// hidden. Window managers pick the next focus among normal windows, and a
// pane is a keep-below window off the taskbar, so after an editor closed
// nobody had the keyboard: Ctrl+N, the arrows or Delete did nothing until
// the user clicked the pane again.
//
// One instance, alive as long as the panes: it registers itself as a wx
// event filter and removes itself when destroyed.
#include <memory>

class wxWindow;

namespace deskpane::overlay {

// The same for a dialog wx does not show as a wx window (GTK's native
// message boxes run a loop of their own): call it once the box returned,
// with the box's parent.
void giveKeyboardBack(wxWindow* dialogParent);

class DialogFocusReturn {
 public:
  DialogFocusReturn();
  ~DialogFocusReturn();
  DialogFocusReturn(const DialogFocusReturn&) = delete;
  DialogFocusReturn& operator=(const DialogFocusReturn&) = delete;

 private:
  class Filter;
  std::unique_ptr<Filter> filter_;
};

}  // namespace deskpane::overlay
