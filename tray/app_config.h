#pragma once
// The settings the app shell works with (DESIGN §4 settings.ini), as plain
// data the dialog can edit. Loading and saving go through sync::Settings,
// which validates the file and keeps unknown keys.
#include "sync/list_kind.h"

#include <array>
#include <map>
#include <optional>
#include <string>

namespace deskpane::tray {

struct PaneConfig {
  std::string list;  // SharePoint list title; empty = pane not bound
  bool visible = false;
  int x = 40, y = 40, width = 520, height = 420;
  int opacity = 85;
  std::string view;  // pane-specific (calendar: month|week|day|agenda)
  // x/y/width/height per monitor layout (overlay::monitorLayoutKey), {x, y, w, h}.
  std::map<std::string, std::array<int, 4>> places;
};

struct AppConfig {
  std::string siteUrl;
  bool demo = false;  // the bundled demo site: started by the app, siteUrl is where it listens now
  std::string auth = "none";  // none | device-code
  std::string tenant;
  std::string clientId;
  bool autostart = false;
  bool locked = false;
  bool reminders = true;     // desktop notifications for events and tasks due today
  int reminderMinutes = 15;  // before a timed event
  std::string theme = "auto";  // auto (follow the desktop) | dark | light
  std::array<PaneConfig, 5> panes;  // by ListKind order

  PaneConfig& pane(sync::ListKind k) { return panes[static_cast<std::size_t>(k)]; }
  const PaneConfig& pane(sync::ListKind k) const { return panes[static_cast<std::size_t>(k)]; }
};

struct ConfigLoad {
  std::optional<AppConfig> config;  // nullopt: see missing / error
  bool missing = false;             // no file: first run, the welcome dialog
  std::string error;                // malformed or invalid: names the line and key
};

ConfigLoad loadConfig(const std::string& path);
// Writes atomically, mode 0600, keeping keys it does not know. "" on success.
std::string saveConfig(const std::string& path, const AppConfig& config);

// Checks a config the user entered; "" when valid, else a message naming the field.
std::string validateConfig(const AppConfig& config);

}  // namespace deskpane::tray
