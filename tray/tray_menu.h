#pragma once
// The tray menu of DESIGN §1: one check item per pane, Sync all (F9), Lock
// panes, Settings…, Start at login, Quit. One persistent wxMenu (the SNI host
// shows it over D-Bus, so it cannot be rebuilt per popup); its check marks are
// set from the real state with update().
#include "sync/list_kind.h"

#include <array>
#include <functional>

class wxMenu;

namespace deskpane::tray {

struct MenuState {
  std::array<bool, 5> paneVisible{};  // by ListKind order
  std::array<bool, 5> paneBound{};    // a pane without a list is greyed out
  bool locked = false;
  bool autostart = false;
};

struct MenuActions {
  std::function<void(sync::ListKind)> togglePane;
  std::function<void()> syncAll;
  std::function<void()> toggleLock;
  std::function<void()> openSettings;
  std::function<void()> toggleAutostart;
  std::function<void()> quit;
};

class TrayMenu {
 public:
  explicit TrayMenu(MenuActions actions);
  ~TrayMenu();
  TrayMenu(const TrayMenu&) = delete;
  TrayMenu& operator=(const TrayMenu&) = delete;

  void update(const MenuState& state);
  wxMenu* menu() const { return menu_; }

 private:
  MenuActions actions_;
  wxMenu* menu_;  // owned; wx menus are deleted with `delete` by their owner
};

}  // namespace deskpane::tray
