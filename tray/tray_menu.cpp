#include "tray/tray_menu.h"

#include <wx/intl.h>
#include <wx/menu.h>

#include <cstdio>
#include <cstdlib>
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
  // The kind titles are marked in sync/list_kind.cpp; translated here, where they are shown.
  for (std::size_t i = 0; i < sync::kAllListKinds.size(); ++i)
    menu_->AppendCheckItem(kPaneBase + static_cast<int>(i),
                           wxGetTranslation(wxString::FromUTF8(std::string(sync::listKindTitle(sync::kAllListKinds[i])))));
  menu_->AppendSeparator();
  // The accelerator stays out of the msgid so no translation can lose it.
  menu_->Append(kSyncAll, _("Sync all") + "\tF9");
  menu_->AppendCheckItem(kLock, _("Lock panes"));
  menu_->Append(wxID_PREFERENCES, _("Settings…"));
  menu_->AppendCheckItem(kAutostart, _("Start at login"));
  menu_->AppendSeparator();
  menu_->Append(kQuit, _("Quit"));

  // DESKPANE_TRACE_ROWS=1: the labels as shown, for GUI tests that check the
  // language without OCR (a GTK menu's text is not readable from X).
  if (std::getenv("DESKPANE_TRACE_ROWS")) {
    wxString labels;
    for (const wxMenuItem* item : menu_->GetMenuItems())
      if (!item->IsSeparator()) labels += (labels.empty() ? "" : "|") + item->GetItemLabelText();
    std::printf("deskpane: menu %s\n", labels.utf8_str().data());
    std::fflush(stdout);
  }

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
