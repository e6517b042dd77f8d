// StatusNotifierItem through libayatana-appindicator3. The host reads the icon
// from a file and caches it by name, so each day's icon gets a new file name.
#include "tray/day_icon.h"
#include "tray/tray_backend.h"

#include <gio/gio.h>
#include <gtk/gtk.h>
#include <libayatana-appindicator/app-indicator.h>
#include <wx/menu.h>

#include <cstdio>
#include <ctime>
#include <filesystem>

namespace deskpane::tray {

bool statusNotifierWatcherPresent() {
  GError* error = nullptr;
  GDBusConnection* bus = g_bus_get_sync(G_BUS_TYPE_SESSION, nullptr, &error);
  if (!bus) {
    if (error) g_error_free(error);
    return false;
  }
  GVariant* reply = g_dbus_connection_call_sync(
      bus, "org.freedesktop.DBus", "/org/freedesktop/DBus", "org.freedesktop.DBus", "NameHasOwner",
      g_variant_new("(s)", "org.kde.StatusNotifierWatcher"), G_VARIANT_TYPE("(b)"), G_DBUS_CALL_FLAGS_NONE, 1000,
      nullptr, &error);
  bool owned = false;
  if (reply) {
    gboolean b = FALSE;
    g_variant_get(reply, "(b)", &b);
    owned = b;
    g_variant_unref(reply);
  }
  if (error) g_error_free(error);
  g_object_unref(bus);
  return owned;
}

namespace {

class SniTray final : public TrayBackend {
 public:
  SniTray(const TrayHooks& hooks, std::string iconDir) : hooks_(hooks), iconDir_(std::move(iconDir)) {
    std::error_code ec;
    std::filesystem::create_directories(iconDir_, ec);
  }
  ~SniTray() override {
    if (indicator_) g_object_unref(indicator_);
    removeIconFile();
  }

  const char* name() const override { return "sni"; }

  void show(int day, const std::string& tooltip) override {
    // A new name each day (and per run): hosts cache icons by name.
    const std::string previous = iconPath_;
    char name[64];
    std::snprintf(name, sizeof name, "deskpane-day-%02d-%ld", day, static_cast<long>(std::time(nullptr)));
    iconPath_ = iconDir_ + "/" + name + ".png";
    drawDayIcon(day, 64).SaveFile(wxString::FromUTF8(iconPath_), wxBITMAP_TYPE_PNG);
    if (!indicator_) {
      indicator_ = app_indicator_new("deskpane", iconPath_.c_str(), APP_INDICATOR_CATEGORY_APPLICATION_STATUS);
      app_indicator_set_status(indicator_, APP_INDICATOR_STATUS_ACTIVE);
      // wxGTK's wxMenu wraps a GtkMenu; the indicator exports it over dbusmenu.
      if (hooks_.menu) app_indicator_set_menu(indicator_, GTK_MENU(hooks_.menu->m_menu));
    } else {
      app_indicator_set_icon_full(indicator_, iconPath_.c_str(), "deskpane");
    }
    setTooltip(tooltip);
    if (!previous.empty() && previous != iconPath_) std::filesystem::remove(previous);
  }

  // SNI has no tooltip call in appindicator; the title is what hosts show.
  void setTooltip(const std::string& tooltip) override {
    if (indicator_) app_indicator_set_title(indicator_, tooltip.c_str());
  }

  bool available() const override { return true; }

 private:
  void removeIconFile() {
    std::error_code ec;
    if (!iconPath_.empty()) std::filesystem::remove(iconPath_, ec);
  }

  TrayHooks hooks_;
  std::string iconDir_;
  std::string iconPath_;
  AppIndicator* indicator_ = nullptr;
};

}  // namespace

std::unique_ptr<TrayBackend> makeSniTray(const TrayHooks& hooks, const std::string& iconDir) {
  return std::make_unique<SniTray>(hooks, iconDir);
}

}  // namespace deskpane::tray
