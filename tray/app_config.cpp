#include "tray/app_config.h"

#include "sync/private_dirs.h"
#include "sync/settings.h"

#include <filesystem>

namespace deskpane::tray {

namespace {

using sync::ListKind;

AppConfig fromSettings(const sync::Settings& s) {
  AppConfig c;
  c.siteUrl = s.site().url;
  c.demo = s.site().demo;
  c.auth = std::string(sync::authMethodKey(s.site().auth));
  c.tenant = s.site().tenant;
  c.clientId = s.site().clientId;
  c.autostart = s.app().autostart;
  c.locked = s.app().locked;
  c.reminders = s.app().reminders;
  c.reminderMinutes = s.app().reminderMinutes;
  c.theme = std::string(sync::themeKey(s.app().theme));
  for (ListKind k : sync::kAllListKinds) {
    const sync::PaneSettings& p = s.pane(k);
    c.pane(k) = {p.list, p.visible, p.x, p.y, p.width, p.height, p.opacity, p.view, {}};
    for (const auto& [layout, place] : p.places)
      c.pane(k).places[layout] = {place.x, place.y, place.width, place.height};
  }
  return c;
}

// Writes `c` over `s`, keeping what AppConfig does not model (unknown keys,
// per-pane lock overrides).
void intoSettings(const AppConfig& c, sync::Settings& s) {
  sync::SiteSettings site = s.site();
  site.url = c.siteUrl;
  site.demo = c.demo;
  site.auth = sync::authMethodFromKey(c.auth).value_or(sync::AuthMethod::None);
  site.tenant = c.tenant;
  site.clientId = c.clientId;
  s.setSite(site);
  sync::AppSettings app = s.app();
  app.autostart = c.autostart;
  app.locked = c.locked;
  app.reminders = c.reminders;
  app.reminderMinutes = c.reminderMinutes;
  app.theme = sync::themeFromKey(c.theme).value_or(sync::Theme::Auto);
  s.setApp(app);
  for (ListKind k : sync::kAllListKinds) {
    sync::PaneSettings p = s.pane(k);
    const PaneConfig& pc = c.pane(k);
    p.list = pc.list;
    p.visible = pc.visible;
    p.x = pc.x;
    p.y = pc.y;
    p.width = pc.width;
    p.height = pc.height;
    p.opacity = pc.opacity;
    if (!pc.view.empty()) p.view = pc.view;
    p.places.clear();
    for (const auto& [layout, r] : pc.places) p.places[layout] = {r[0], r[1], r[2], r[3]};
    s.setPane(k, p);
  }
}

}  // namespace

ConfigLoad loadConfig(const std::string& path) {
  ConfigLoad out;
  auto loaded = sync::Settings::load(path);
  if (loaded) {
    out.config = fromSettings(*loaded);
  } else if (loaded.error().code == sync::ErrorCode::NotFound) {
    out.missing = true;
  } else {
    out.error = loaded.error().message;
  }
  return out;
}

std::string saveConfig(const std::string& path, const AppConfig& c) {
  // Start from the file as it is, so keys this version does not know survive.
  sync::Settings settings;
  auto existing = sync::Settings::load(path);
  if (existing) {
    settings = std::move(existing.value());
  } else if (existing.error().code != sync::ErrorCode::NotFound) {
    return "the existing file is not valid (" + existing.error().message + "); it was not overwritten";
  }
  intoSettings(c, settings);
  // Private folders (0700), like the file itself (0600). A failure shows up
  // as save()'s own error just below.
  (void)sync::makePrivateDirectories(std::filesystem::path(path).parent_path().string());
  auto saved = settings.save(path);
  return saved ? std::string() : saved.error().message;
}

std::string validateConfig(const AppConfig& c) {
  if (!c.siteUrl.empty() && c.siteUrl.rfind("http://", 0) != 0 && c.siteUrl.rfind("https://", 0) != 0)
    return "Site URL must start with http:// or https://";
  if (c.siteUrl.find(' ') != std::string::npos) return "Site URL must not contain spaces";
  if (c.auth == "device-code" && c.siteUrl.rfind("https://", 0) != 0)
    return "Microsoft 365 sign-in needs an https:// site URL";
  for (ListKind k : sync::kAllListKinds) {
    const PaneConfig& p = c.pane(k);
    const std::string name(sync::listKindTitle(k));
    if (p.visible && p.list.empty()) return name + ": choose a list to show, or untick Show";
    if (p.opacity < 20 || p.opacity > 100) return name + ": opacity must be 20 to 100 %";
    if (p.list.find_first_of("/\\\n") != std::string::npos) return name + ": a list title cannot contain / or \\";
  }
  // Whatever else the settings file itself would refuse.
  sync::Settings settings;
  intoSettings(c, settings);
  auto valid = settings.validate();
  return valid ? std::string() : valid.error().message;
}

}  // namespace deskpane::tray
