#pragma once
// A small transient popup with a slider for a pane's opacity: the pane
// follows the slider live, and the value is kept when the popup closes.
#include <wx/popupwin.h>

#include <functional>

class wxSlider;

namespace deskpane::overlay {

class OpacityPopup : public wxPopupTransientWindow {
 public:
  // `changed` runs on every slider step, `done` once when the popup closes.
  OpacityPopup(wxWindow* parent, int percent, std::function<void(int)> changed, std::function<void()> done);
  // Shows it with the slider focused, so arrow keys move it at once.
  void open();

 private:
  void OnDismiss() override;

  std::function<void(int)> changed_;
  std::function<void()> done_;
  wxSlider* slider_ = nullptr;  // owned by wx (child window)
  bool dismissed_ = false;      // Esc closes it by hand; wx may report the dismissal too
};

}  // namespace deskpane::overlay
