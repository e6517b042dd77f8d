#include "tray/tray_menu.h"

#include <wx/menu.h>

#include <string>

namespace deskpane::tray {

namespace {
// Fixed ids keep the menu's items addressable across updates.
constexpr int kPaneBase = wxID_HIGHEST + 100;  // + ListKind index
constexpr int kSyncAll = wxID_HIGHEST + 110;
constexpr int kLock = wxID_HIGHEST + 111;
constexpr int kAutostart = wxID_HIGHEST + 112;
// Not wxID_EXIT: GTK would show its stock Ctrl+Q, which a tray menu does not have.
constexpr int kQuit = wxID_HIGHEST + 113;
}  // namespace

TrayMenu::TrayMenu(MenuActions actions) : actions_(std::move(actions)), menu_(new wxMenu) {
  for (std::size_t i = 0; i < sync::kAllListKinds.size(); ++i)
    menu_->AppendCheckItem(kPaneBase + static_cast<int>(i),
                           wxString::FromUTF8(std::string(sync::listKindTitle(sync::kAllListKinds[i]))));
  menu_->AppendSeparator();
  menu_->Append(kSyncAll, "Sync all\tF9");
  menu_->AppendCheckItem(kLock, "Lock panes");
  menu_->Append(wxID_PREFERENCES, wxString::FromUTF8("Settings…"));
  menu_->AppendCheckItem(kAutostart, "Start at login");
  menu_->AppendSeparator();
  menu_->Append(kQuit, "Quit");

  menu_->Bind(wxEVT_MENU, [this](wxCommandEvent& e) {
    const int id = e.GetId();
    if (id >= kPaneBase && id < kPaneBase + 5) {
      if (actions_.togglePane) actions_.togglePane(sync::kAllListKinds[id - kPaneBase]);
    } else if (id == kSyncAll) {
      if (actions_.syncAll) actions_.syncAll();
    } else if (id == kLock) {
      if (actions_.toggleLock) actions_.toggleLock();
    } else if (id == wxID_PREFERENCES) {
      if (actions_.openSettings) actions_.openSettings();
    } else if (id == kAutostart) {
      if (actions_.toggleAutostart) actions_.toggleAutostart();
    } else if (id == kQuit) {
      if (actions_.quit) actions_.quit();
    }
  });
}

TrayMenu::~TrayMenu() { delete menu_; }

void TrayMenu::update(const MenuState& state) {
  for (int i = 0; i < 5; ++i) {
    menu_->Check(kPaneBase + i, state.paneVisible[i]);
    menu_->Enable(kPaneBase + i, state.paneBound[i]);
  }
  menu_->Check(kLock, state.locked);
  menu_->Check(kAutostart, state.autostart);
}

}  // namespace deskpane::tray
