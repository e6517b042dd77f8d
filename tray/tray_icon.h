#pragma once
// The tray icon and its right-click menu (XEmbed through wxTaskBarIcon).
#include <wx/taskbar.h>

#include <functional>

namespace deskpane::tray {

class TrayIcon : public wxTaskBarIcon {
 public:
  explicit TrayIcon(std::function<void()> onQuit);
  // Redraws the icon for today's date.
  void refresh();
  int shownDay() const { return shownDay_; }

 protected:
  wxMenu* CreatePopupMenu() override;

 private:
  std::function<void()> onQuit_;
  int shownDay_ = 0;
};

}  // namespace deskpane::tray
