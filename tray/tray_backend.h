#pragma once
// Where the tray icon lives. Two back-ends behind one interface, chosen at
// run time: StatusNotifierItem (libayatana-appindicator3) when a watcher owns
// org.kde.StatusNotifierWatcher on the session bus (KDE, GNOME with the
// AppIndicator extension, XFCE, Wayland sessions), else wxTaskBarIcon's XEmbed
// tray icon (shared/desktop-linux.md §1).
#include <functional>
#include <memory>
#include <string>

class wxMenu;

namespace deskpane::tray {

class TrayBackend {
 public:
  virtual ~TrayBackend() = default;
  virtual const char* name() const = 0;  // "sni" or "xembed"
  // Redraws the day icon and sets the tooltip text.
  virtual void show(int dayOfMonth, const std::string& tooltip) = 0;
  virtual void setTooltip(const std::string& tooltip) = 0;
  // False when nothing can display the icon (no tray host at all).
  virtual bool available() const = 0;
};

struct TrayHooks {
  wxMenu* menu = nullptr;              // persistent; owned by the caller
  std::function<void()> activate;      // left click: show/hide the panes
  std::function<void()> menuOpening;   // refresh check marks before a popup
};

// True if an SNI host is registered on the session bus.
bool statusNotifierWatcherPresent();

std::unique_ptr<TrayBackend> makeSniTray(const TrayHooks& hooks, const std::string& iconDir);
std::unique_ptr<TrayBackend> makeXembedTray(const TrayHooks& hooks);

}  // namespace deskpane::tray
