#pragma once
// Shows a pane's painted header buttons to screen readers as push buttons.
// Like AccessibleRows, an invisible, input-less GTK widget in the window
// carries an ATK object (a tool bar) whose children are buttons with a name,
// the key that does the same as their description, and a "click" action
// that AT-SPI clients (Orca's "activate", switch access, test scripts) can
// invoke. The action runs the button's callback on the next turn of the
// event loop, never inside the assistive technology's call.
//
// No GTK header here: this header is included by the pane window's.
#include <functional>
#include <memory>
#include <string>
#include <vector>

class wxWindow;

namespace deskpane::overlay {

struct AccessibleButton {
  std::string name;         // what it does ("Refresh")
  std::string description;  // the key that does the same ("F5")
  std::function<void()> press;
};

class AccessibleButtons {
 public:
  // Adds the tool bar, named `name`, to `window`'s client area.
  AccessibleButtons(wxWindow& window, const std::string& name, std::vector<AccessibleButton> buttons);
  ~AccessibleButtons();
  AccessibleButtons(const AccessibleButtons&) = delete;
  AccessibleButtons& operator=(const AccessibleButtons&) = delete;

  // Another set of buttons (a card opened or closed): an assistive
  // technology still holding an old one finds it defunct.
  void setButtons(std::vector<AccessibleButton> buttons);

  struct State;  // shared with the ATK callbacks in the .cpp

 private:
  std::unique_ptr<State> state_;
};

}  // namespace deskpane::overlay
