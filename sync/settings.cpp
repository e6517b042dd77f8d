#include "sync/settings.h"

#include <boost/property_tree/ini_parser.hpp>
#include <boost/property_tree/ptree.hpp>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <set>
#include <optional>
#include <sstream>

#include "sync/url_origin.h"
#include "sync/settings_file.h"

namespace deskpane::sync {

namespace pt = boost::property_tree;

namespace {

constexpr std::array<std::string_view, 6> kSecretWords{"password", "passwd", "token", "secret", "credential",
                                                       "apikey"};

std::string lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return std::tolower(c); });
  return out;
}

std::optional<bool> parseBool(std::string_view v) {
  std::string l = lower(v);
  if (l == "true" || l == "yes" || l == "on" || l == "1") return true;
  if (l == "false" || l == "no" || l == "off" || l == "0") return false;
  return std::nullopt;
}

std::optional<int> parseInt(std::string_view v) {
  int out = 0;
  auto r = std::from_chars(v.data(), v.data() + v.size(), out);
  if (r.ec != std::errc() || r.ptr != v.data() + v.size() || v.empty()) return std::nullopt;
  return out;
}

bool validUrl(std::string_view url) {
  std::string_view rest;
  if (url.substr(0, 7) == "http://")
    rest = url.substr(7);
  else if (url.substr(0, 8) == "https://")
    rest = url.substr(8);
  else
    return false;
  if (rest.empty() || rest[0] == '/' || rest[0] == ':') return false;
  return std::none_of(rest.begin(), rest.end(),
                      [](unsigned char c) { return std::isspace(c) || c < 0x20 || c == '"' || c == '<' || c == '>'; });
}

std::string paneSection(ListKind k) { return std::string(listKindKey(k)); }

// Collects the first problem with its location.
struct Checker {
  std::string_view text;  // the file, for line numbers; empty when validating setters
  std::optional<Error> error;

  bool ok() const { return !error; }
  void fail(std::string_view section, std::string_view key, const std::string& why) {
    if (error) return;
    int line = text.empty() ? 0 : settings_file::findKeyLine(text, section, key);
    std::string where = line > 0 ? "line " + std::to_string(line) + ": " : std::string();
    error = Error{ErrorCode::InvalidValue,
                  where + "[" + std::string(section) + "] " + std::string(key) + ": " + why, line};
  }
};

}  // namespace

std::string_view authMethodKey(AuthMethod m) { return m == AuthMethod::DeviceCode ? "device-code" : "none"; }

std::string_view themeKey(Theme t) {
  switch (t) {
    case Theme::Dark: return "dark";
    case Theme::Light: return "light";
    case Theme::Auto: break;
  }
  return "auto";
}

std::optional<Theme> themeFromKey(std::string_view key) {
  const std::string l = lower(key);
  if (l == "auto") return Theme::Auto;
  if (l == "dark") return Theme::Dark;
  if (l == "light") return Theme::Light;
  return std::nullopt;
}

std::optional<AuthMethod> authMethodFromKey(std::string_view key) {
  if (key == "none") return AuthMethod::None;
  if (key == "device-code") return AuthMethod::DeviceCode;
  return std::nullopt;
}

bool PaneSettings::operator==(const PaneSettings& o) const {
  return list == o.list && visible == o.visible && x == o.x && y == o.y && width == o.width &&
         height == o.height && opacity == o.opacity && locked == o.locked && view == o.view && places == o.places;
}

struct Settings::Impl {
  SiteSettings site;
  AppSettings app;
  std::array<PaneSettings, kAllListKinds.size()> panes;
  pt::ptree tree;  // everything read, so that unknown keys survive a save
  std::string text;  // the file as read: a save changes only the values that changed in it

  Impl() {
    for (ListKind k : kAllListKinds) panes[static_cast<std::size_t>(k)] = defaultPane(k);
  }
};

Settings::Settings() : impl_(std::make_unique<Impl>()) {}
Settings::Settings(const Settings& o) : impl_(std::make_unique<Impl>(*o.impl_)) {}
Settings& Settings::operator=(const Settings& o) {
  if (this != &o) impl_ = std::make_unique<Impl>(*o.impl_);
  return *this;
}
Settings::Settings(Settings&&) noexcept = default;
Settings& Settings::operator=(Settings&&) noexcept = default;
Settings::~Settings() = default;

PaneSettings Settings::defaultPane(ListKind kind) {
  PaneSettings p;
  auto i = static_cast<int>(kind);
  p.list = std::string(listKindTitle(kind));
  p.visible = kind == ListKind::Calendar;
  p.x = 40 + 40 * i;  // cascaded so that panes shown together do not hide each other
  p.y = 40 + 40 * i;
  auto v = views(kind);
  if (!v.empty()) p.view = v.front();
  return p;
}

std::vector<std::string> Settings::views(ListKind kind) {
  switch (kind) {
    case ListKind::Calendar: return {"month", "week", "day", "agenda"};
    case ListKind::Tasks: return {"active", "all", "completed"};
    default: return {};
  }
}

const SiteSettings& Settings::site() const { return impl_->site; }
void Settings::setSite(SiteSettings site) { impl_->site = std::move(site); }
const AppSettings& Settings::app() const { return impl_->app; }
void Settings::setApp(AppSettings app) { impl_->app = app; }
const PaneSettings& Settings::pane(ListKind kind) const { return impl_->panes[static_cast<std::size_t>(kind)]; }
void Settings::setPane(ListKind kind, PaneSettings pane) {
  impl_->panes[static_cast<std::size_t>(kind)] = std::move(pane);
}
bool Settings::paneLocked(ListKind kind) const { return pane(kind).locked.value_or(impl_->app.locked); }

std::optional<std::string> Settings::unknownValue(const std::string& section, const std::string& key) const {
  const pt::ptree* node = &impl_->tree;
  if (!section.empty()) {
    auto s = impl_->tree.get_child_optional(pt::ptree::path_type(section, '\0'));
    if (!s) return std::nullopt;
    node = &*s;
  }
  auto v = node->get_optional<std::string>(pt::ptree::path_type(key, '\0'));
  if (!v) return std::nullopt;
  return *v;
}

namespace {

constexpr std::string_view kPlacePrefix = "place@";

// "x,y,width,height" with a sane size.
std::optional<PanePlace> parsePlace(const std::string& text) {
  PanePlace p;
  int* parts[] = {&p.x, &p.y, &p.width, &p.height};
  std::size_t at = 0;
  for (std::size_t i = 0; i < 4; ++i) {
    const auto comma = i < 3 ? text.find(',', at) : text.size();
    if (comma == std::string::npos) return std::nullopt;
    const auto n = parseInt(std::string_view(text).substr(at, comma - at));
    if (!n) return std::nullopt;
    *parts[i] = *n;
    at = comma + 1;
  }
  if (p.width < Settings::kMinSize || p.width > Settings::kMaxSize || p.height < Settings::kMinSize ||
      p.height > Settings::kMaxSize)
    return std::nullopt;
  return p;
}

void checkPane(Checker& c, ListKind kind, const PaneSettings& p) {
  auto sec = listKindKey(kind);
  if (p.opacity < Settings::kOpacityMin || p.opacity > Settings::kOpacityMax)
    c.fail(sec, "opacity", "must be " + std::to_string(Settings::kOpacityMin) + ".." +
                               std::to_string(Settings::kOpacityMax) + ", got " + std::to_string(p.opacity));
  if (p.width < Settings::kMinSize || p.width > Settings::kMaxSize)
    c.fail(sec, "width", "must be " + std::to_string(Settings::kMinSize) + ".." + std::to_string(Settings::kMaxSize));
  if (p.height < Settings::kMinSize || p.height > Settings::kMaxSize)
    c.fail(sec, "height",
           "must be " + std::to_string(Settings::kMinSize) + ".." + std::to_string(Settings::kMaxSize));
  auto v = Settings::views(kind);
  if (v.empty() ? !p.view.empty() : std::find(v.begin(), v.end(), p.view) == v.end()) {
    std::string allowed;
    for (const auto& name : v) allowed += (allowed.empty() ? "" : " | ") + name;
    c.fail(sec, "view",
           "unknown view \"" + p.view + "\"" + (v.empty() ? " (this pane has no views)" : " (" + allowed + ")"));
  }
}

void checkApp(Checker& c, const AppSettings& a) {
  if (a.reminderMinutes < 0 || a.reminderMinutes > AppSettings::kReminderMinutesMax)
    c.fail("app", "reminder_minutes",
           "must be between 0 and " + std::to_string(AppSettings::kReminderMinutesMax) + " (minutes before an event)");
}

void checkSite(Checker& c, const SiteSettings& s) {
  if (!s.url.empty() && !validUrl(s.url)) c.fail("site", "url", "not an http(s) URL: \"" + s.url + "\"");
  if (s.auth == AuthMethod::DeviceCode && s.clientId.empty())
    c.fail("site", "client_id", "required for auth=device-code");
  // The sign-in token would cross the network in clear text.
  if (s.auth == AuthMethod::DeviceCode && validUrl(s.url) && s.url.rfind("http://", 0) == 0 && !isLoopbackUrl(s.url))
    c.fail("site", "auth",
           "auth=device-code needs an https:// site URL: the sign-in token is never sent over plain http "
           "(only to this computer: localhost, 127.0.0.1, [::1])");
}

}  // namespace

Result<void> Settings::validate() const {
  Checker c;
  checkSite(c, impl_->site);
  checkApp(c, impl_->app);
  for (ListKind k : kAllListKinds) checkPane(c, k, pane(k));
  if (c.error) return *c.error;
  return {};
}

namespace {

// The first section header that repeats an earlier one, and its line (from 1).
std::optional<std::pair<std::string, int>> repeatedSection(std::string_view text) {
  std::set<std::string, std::less<>> seen;
  int line = 0;
  std::size_t start = 0;
  while (start < text.size()) {
    ++line;
    std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    std::string_view l = text.substr(start, end - start);
    start = end + 1;
    while (!l.empty() && std::isspace(static_cast<unsigned char>(l.front()))) l.remove_prefix(1);
    while (!l.empty() && std::isspace(static_cast<unsigned char>(l.back()))) l.remove_suffix(1);
    // As Boost reads a header: the name runs to the first ']', whatever follows.
    const std::size_t close = l.find(']');
    if (l.empty() || l.front() != '[' || close == std::string_view::npos) continue;
    std::string_view name = l.substr(1, close - 1);
    while (!name.empty() && std::isspace(static_cast<unsigned char>(name.front()))) name.remove_prefix(1);
    while (!name.empty() && std::isspace(static_cast<unsigned char>(name.back()))) name.remove_suffix(1);
    if (!seen.emplace(name).second) return std::make_pair(std::string(name), line);
  }
  return std::nullopt;
}

}  // namespace

Result<Settings> Settings::load(const std::string& path) {
  auto text = settings_file::readText(path);
  if (!text) return text.error();

  Settings out;
  Impl& im = *out.impl_;
  im.text = *text;
  try {
    // A byte order mark is no part of the first line (Boost would read it as one).
    std::string_view withoutBom(*text);
    if (withoutBom.substr(0, settings_file::kUtf8Bom.size()) == settings_file::kUtf8Bom)
      withoutBom.remove_prefix(settings_file::kUtf8Bom.size());
    // Boost reads a section named twice when its first copy is empty, but
    // a save then fills that first copy and the file stops loading: a
    // section named twice is refused here, with its line.
    if (const auto twice = repeatedSection(withoutBom))
      return Error{ErrorCode::Malformed,
                   path + ": line " + std::to_string(twice->second) + ": section [" + twice->first +
                       "] appears twice; merge it into one",
                   twice->second};
    std::istringstream in{std::string(withoutBom)};
    pt::read_ini(in, im.tree);
  } catch (const pt::ini_parser_error& e) {
    int line = static_cast<int>(e.line());
    return Error{ErrorCode::Malformed, path + ": line " + std::to_string(line) + ": " + e.message(), line};
  }

  Checker c{*text, std::nullopt};
  // No secret ever lives in this file, whatever a user or an old version put there.
  auto checkSecrets = [&](std::string_view section, const pt::ptree& node) {
    for (const auto& [key, child] : node) {
      if (!child.empty()) continue;
      std::string l = lower(key);
      for (auto w : kSecretWords)
        if (l.find(w) != std::string::npos)
          c.fail(section, key, "secrets are not stored in settings (the system keyring holds them); remove this key");
    }
  };
  checkSecrets("", im.tree);
  for (const auto& [section, node] : im.tree) checkSecrets(section, node);

  auto raw = [&](std::string_view section, std::string_view key) -> std::optional<std::string> {
    auto sec = im.tree.get_child_optional(pt::ptree::path_type(std::string(section), '\0'));
    if (!sec) return std::nullopt;
    auto v = sec->get_optional<std::string>(pt::ptree::path_type(std::string(key), '\0'));
    if (!v) return std::nullopt;
    return settings_file::stripInlineComment(*v);
  };
  auto readBool = [&](std::string_view section, std::string_view key, bool& target) {
    if (auto v = raw(section, key)) {
      if (auto b = parseBool(*v))
        target = *b;
      else
        c.fail(section, key, "expected true or false, got \"" + *v + "\"");
    }
  };
  auto readInt = [&](std::string_view section, std::string_view key, int& target) {
    if (auto v = raw(section, key)) {
      if (auto i = parseInt(*v))
        target = *i;
      else
        c.fail(section, key, "expected an integer, got \"" + *v + "\"");
    }
  };

  if (auto v = raw("site", "url")) im.site.url = *v;
  if (auto v = raw("site", "auth")) {
    if (auto m = authMethodFromKey(*v))
      im.site.auth = *m;
    else
      c.fail("site", "auth", "unknown auth method \"" + *v + "\" (none | device-code)");
  }
  if (auto v = raw("site", "tenant")) im.site.tenant = *v;
  if (auto v = raw("site", "client_id")) im.site.clientId = *v;
  if (auto v = raw("site", "ca_file")) im.site.caFile = *v;
  readBool("site", "demo", im.site.demo);
  readBool("app", "autostart", im.app.autostart);
  readBool("app", "locked", im.app.locked);
  readBool("app", "reminders", im.app.reminders);
  readInt("app", "reminder_minutes", im.app.reminderMinutes);
  if (auto v = raw("app", "theme")) {
    if (auto t = themeFromKey(*v))
      im.app.theme = *t;
    else
      c.fail("app", "theme", "unknown theme \"" + *v + "\" (auto | dark | light)");
  }

  for (ListKind k : kAllListKinds) {
    PaneSettings& p = im.panes[static_cast<std::size_t>(k)];
    std::string sec = paneSection(k);
    if (auto v = raw(sec, "list")) p.list = *v;
    readBool(sec, "visible", p.visible);
    readInt(sec, "x", p.x);
    readInt(sec, "y", p.y);
    readInt(sec, "width", p.width);
    readInt(sec, "height", p.height);
    readInt(sec, "opacity", p.opacity);
    if (raw(sec, "locked")) {
      bool b = false;
      readBool(sec, "locked", b);
      p.locked = b;
    }
    if (auto v = raw(sec, "view"); v && !v->empty()) p.view = *v;
    if (auto node = im.tree.get_child_optional(pt::ptree::path_type(sec, '\0'))) {
      for (const auto& [key, child] : *node) {
        if (key.rfind(kPlacePrefix, 0) != 0 || key.size() == kPlacePrefix.size()) continue;
        const auto place = parsePlace(settings_file::stripInlineComment(child.data()));
        if (!place) {
          c.fail(sec, key, "expected x,y,width,height (" + std::to_string(Settings::kMinSize) + ".." +
                               std::to_string(Settings::kMaxSize) + " px wide and high), got \"" + child.data() + "\"");
          continue;
        }
        p.places[key.substr(kPlacePrefix.size())] = *place;
      }
    }
    if (c.ok()) checkPane(c, k, p);
  }
  if (c.ok()) checkSite(c, im.site);
  if (c.ok()) checkApp(c, im.app);
  if (c.error) {
    c.error->message = path + ": " + c.error->message;
    return *c.error;
  }
  return out;
}

Result<void> Settings::save(const std::string& path) const {
  if (auto v = validate(); !v) return v;
  pt::ptree tree = impl_->tree;
  auto put = [&](const std::string& section, const char* key, const std::string& value) {
    tree.put(pt::ptree::path_type(section + '\x1f' + key, '\x1f'), value);
  };
  put("site", "url", impl_->site.url);
  put("site", "auth", std::string(authMethodKey(impl_->site.auth)));
  put("site", "tenant", impl_->site.tenant);
  put("site", "client_id", impl_->site.clientId);
  if (!impl_->site.caFile.empty()) put("site", "ca_file", impl_->site.caFile);
  // Written while on, and turned off where it was written; never added as "false".
  if (impl_->site.demo || tree.get_child_optional(pt::ptree::path_type("site\x1f" "demo", '\x1f')))
    put("site", "demo", impl_->site.demo ? "true" : "false");
  put("app", "autostart", impl_->app.autostart ? "true" : "false");
  put("app", "locked", impl_->app.locked ? "true" : "false");
  // Like demo: written once they differ from the default or the file has them,
  // so a file written by an older version does not change for nothing.
  const auto has = [&](const char* key) {
    return static_cast<bool>(tree.get_child_optional(pt::ptree::path_type(std::string("app\x1f") + key, '\x1f')));
  };
  if (!impl_->app.reminders || has("reminders")) put("app", "reminders", impl_->app.reminders ? "true" : "false");
  if (impl_->app.reminderMinutes != AppSettings{}.reminderMinutes || has("reminder_minutes"))
    put("app", "reminder_minutes", std::to_string(impl_->app.reminderMinutes));
  if (impl_->app.theme != AppSettings{}.theme || has("theme")) {
    // The user's own spelling ("Dark") stays while it still means the same.
    const auto written = tree.get_optional<std::string>(pt::ptree::path_type("app\x1f" "theme", '\x1f'));
    if (!written || themeFromKey(settings_file::stripInlineComment(*written)) != impl_->app.theme)
      put("app", "theme", std::string(themeKey(impl_->app.theme)));
  }
  for (ListKind k : kAllListKinds) {
    const PaneSettings& p = pane(k);
    std::string sec = paneSection(k);
    put(sec, "list", p.list);
    put(sec, "visible", p.visible ? "true" : "false");
    put(sec, "x", std::to_string(p.x));
    put(sec, "y", std::to_string(p.y));
    put(sec, "width", std::to_string(p.width));
    put(sec, "height", std::to_string(p.height));
    put(sec, "opacity", std::to_string(p.opacity));
    if (p.locked) {
      put(sec, "locked", *p.locked ? "true" : "false");
    } else if (auto s = tree.get_child_optional(pt::ptree::path_type(sec, '\0'))) {
      s->erase("locked");
    }
    if (!p.view.empty()) put(sec, "view", p.view);
    for (const auto& [layout, place] : p.places)
      tree.put(pt::ptree::path_type(sec + '\x1f' + std::string(kPlacePrefix) + layout, '\x1f'),
               std::to_string(place.x) + "," + std::to_string(place.y) + "," + std::to_string(place.width) + "," +
                   std::to_string(place.height));
  }
  // The user's own file is edited, not regenerated: comments, blank lines
  // and order survive the first save (a pane moved) and every later one.
  std::vector<settings_file::IniSection> wanted;
  settings_file::IniSection topLevel;
  std::string_view text = impl_->text;
  if (text.substr(0, settings_file::kUtf8Bom.size()) == settings_file::kUtf8Bom)
    text.remove_prefix(settings_file::kUtf8Bom.size());
  for (const auto& [name, node] : tree) {
    // In the tree an empty "[name]" and a top-level "name =" look the same;
    // only the file tells them apart. Saved as a section, such a key came
    // back as a header that could name an existing section twice.
    if (node.empty() && (!node.data().empty() || settings_file::findKeyLine(text, "", name) != 0)) {
      topLevel.keys.emplace_back(name, node.data());
      continue;
    }
    settings_file::IniSection section{name, {}};
    for (const auto& [key, child] : node) section.keys.emplace_back(key, child.data());
    wanted.push_back(std::move(section));
  }
  if (!topLevel.keys.empty()) wanted.insert(wanted.begin(), std::move(topLevel));
  return settings_file::writeAtomically(path, settings_file::updateIniText(impl_->text, wanted));
}

}  // namespace deskpane::sync
