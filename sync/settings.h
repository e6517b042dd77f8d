#pragma once
// settings.ini (DESIGN §4): load with validation, save atomically keeping
// keys this version does not know. Never holds a secret: tokens live in the
// platform secret store, and a file that tries to hold one is rejected.
#include <array>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sync/list_kind.h"
#include "sync/result.h"

namespace deskpane::sync {

enum class AuthMethod { None, DeviceCode };
std::string_view authMethodKey(AuthMethod m);  // "none" | "device-code"
std::optional<AuthMethod> authMethodFromKey(std::string_view key);

// The panes' colours ([app] theme): follow the desktop's light/dark theme,
// or always one of them.
enum class Theme { Auto, Dark, Light };
std::string_view themeKey(Theme t);  // "auto" | "dark" | "light"
std::optional<Theme> themeFromKey(std::string_view key);

struct SiteSettings {
  std::string url;  // "" = no site configured yet (welcome dialog)
  AuthMethod auth = AuthMethod::None;
  std::string tenant;
  std::string clientId;
  // PEM file of a CA to trust for this https site besides the system's (a
  // company or test CA); certificates are verified either way.
  // (`= {}`: a braced SiteSettings written before this key may leave it out.)
  std::string caFile = {};
  // The bundled demo site ("Try the demo"): the app starts the emulator with
  // its demo data at each start and `url` is wherever it listens this time.
  bool demo = false;
};

struct AppSettings {
  static constexpr int kReminderMinutesMax = 24 * 60;
  bool autostart = true;
  bool locked = false;
  // Desktop notifications for events and tasks due today ([app] reminders).
  bool reminders = true;
  // How long before a timed event its reminder comes ([app] reminder_minutes,
  // 0..kReminderMinutesMax): SharePoint's Events list carries no reminder of
  // its own (docs/decisions.md D-rem-1).
  int reminderMinutes = 15;
  Theme theme = Theme::Auto;
};

// Where a pane sat under one monitor layout.
struct PanePlace {
  int x = 0, y = 0, width = 0, height = 0;
  bool operator==(const PanePlace& o) const {
    return x == o.x && y == o.y && width == o.width && height == o.height;
  }
};

struct PaneSettings {
  std::string list;             // SharePoint list title
  bool visible = false;
  int x = 40, y = 40;
  int width = 520, height = 420;
  int opacity = 85;             // percent, kOpacityMin..kOpacityMax
  std::optional<bool> locked;   // unset = follow [app] locked
  std::string view;             // see Settings::views()
  // The place per monitor layout ("1920x1080+0+0_1280x1024+1920+0"), as
  // `place@LAYOUT=x,y,width,height` keys: a laptop's panes go back where they
  // were on the docked screens when it is docked again. x/y/width/height
  // above are the last place, for a layout not seen before.
  std::map<std::string, PanePlace> places;

  bool operator==(const PaneSettings& o) const;
};

class Settings {
 public:
  static constexpr int kOpacityMin = 20;
  static constexpr int kOpacityMax = 100;
  static constexpr int kMinSize = 50;
  static constexpr int kMaxSize = 16384;

  Settings();  // every default
  Settings(const Settings&);
  Settings& operator=(const Settings&);
  Settings(Settings&&) noexcept;
  Settings& operator=(Settings&&) noexcept;
  ~Settings();

  // ErrorCode::NotFound when the file does not exist (first run); Malformed /
  // InvalidValue with Error::line and a message naming the line and the key.
  static Result<Settings> load(const std::string& path);
  // Validates, then writes a temp file in the same folder (mode 0600) and
  // renames it over `path`: the old file stays intact if anything fails.
  Result<void> save(const std::string& path) const;
  // The same checks load() applies, for values set through the setters.
  Result<void> validate() const;

  const SiteSettings& site() const;
  void setSite(SiteSettings site);
  const AppSettings& app() const;
  void setApp(AppSettings app);
  const PaneSettings& pane(ListKind kind) const;
  void setPane(ListKind kind, PaneSettings pane);
  // Per-pane lock falling back to [app] locked.
  bool paneLocked(ListKind kind) const;

  static PaneSettings defaultPane(ListKind kind);
  // Allowed `view` values; the first is the default. Empty = the pane has no views.
  static std::vector<std::string> views(ListKind kind);

  // A key this version does not know, as read from the file ("" section = top level).
  std::optional<std::string> unknownValue(const std::string& section, const std::string& key) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace deskpane::sync
