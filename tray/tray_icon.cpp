#include "tray/tray_icon.h"

#include "tray/day_icon.h"

#include <wx/datetime.h>
#include <wx/menu.h>

namespace deskpane::tray {

TrayIcon::TrayIcon(std::function<void()> onQuit) : onQuit_(std::move(onQuit)) { refresh(); }

void TrayIcon::refresh() {
  const wxDateTime today = wxDateTime::Today();
  shownDay_ = today.GetDay();
  wxVector<wxBitmap> sizes;
  for (int px : {16, 22, 24, 32, 48, 64}) sizes.push_back(drawDayIcon(shownDay_, px));
  SetIcon(wxBitmapBundle::FromBitmaps(sizes), today.Format("%A %e %B %Y"));
}

wxMenu* TrayIcon::CreatePopupMenu() {
  auto* menu = new wxMenu;  // wxTaskBarIcon owns and deletes the popup menu
  menu->Append(wxID_EXIT, "&Quit");
  menu->Bind(wxEVT_MENU, [this](wxCommandEvent&) { onQuit_(); }, wxID_EXIT);
  return menu;
}

}  // namespace deskpane::tray
