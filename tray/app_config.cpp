#include "tray/app_config.h"

#include <boost/property_tree/ini_parser.hpp>
#include <boost/property_tree/ptree.hpp>

#include <sys/stat.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace deskpane::tray {

namespace pt = boost::property_tree;
namespace fs = std::filesystem;

namespace {

using sync::ListKind;

std::string trim(std::string s) {
  const auto b = s.find_first_not_of(" \t\r");
  if (b == std::string::npos) return {};
  const auto e = s.find_last_not_of(" \t\r");
  return s.substr(b, e - b + 1);
}

// DESIGN's example file has trailing "; comments" after values, which
// Boost's INI reader keeps as part of the value.
std::string valueOf(const pt::ptree& tree, const std::string& path, const std::string& fallback) {
  auto v = tree.get_optional<std::string>(pt::ptree::path_type(path, '/'));
  if (!v) return fallback;
  std::string s = *v;
  for (std::size_t p = 0; (p = s.find(';', p)) != std::string::npos; ++p)
    if (p == 0 || s[p - 1] == ' ' || s[p - 1] == '\t') {
      s.erase(p);
      break;
    }
  return trim(s);
}

// 1-based line of `key` in `[section]` of the file text, 0 if not found.
int lineOf(const std::string& text, const std::string& section, const std::string& key) {
  std::istringstream in(text);
  std::string line, current;
  for (int n = 1; std::getline(in, line); ++n) {
    const std::string t = trim(line);
    if (!t.empty() && t.front() == '[') {
      current = trim(t.substr(1, t.find(']') - 1));
    } else if (current == section) {
      const auto eq = t.find('=');
      if (eq != std::string::npos && trim(t.substr(0, eq)) == key) return n;
    }
  }
  return 0;
}

struct Reader {
  const pt::ptree& tree;
  const std::string& text;
  std::string error;

  void fail(const std::string& section, const std::string& key, const std::string& why) {
    if (!error.empty()) return;
    const int line = lineOf(text, section, key);
    error = (line ? "line " + std::to_string(line) + ": " : std::string()) + "[" + section + "] " + key + ": " + why;
  }
  std::string str(const std::string& section, const std::string& key, const std::string& fallback) {
    return valueOf(tree, section + "/" + key, fallback);
  }
  bool flag(const std::string& section, const std::string& key, bool fallback) {
    const std::string v = str(section, key, fallback ? "true" : "false");
    if (v == "true" || v == "1" || v == "yes") return true;
    if (v == "false" || v == "0" || v == "no") return false;
    fail(section, key, "'" + v + "' is not true or false");
    return fallback;
  }
  int number(const std::string& section, const std::string& key, int fallback, int lo, int hi) {
    const std::string v = str(section, key, std::to_string(fallback));
    try {
      std::size_t used = 0;
      const long n = std::stol(v, &used);
      if (used != v.size()) throw std::invalid_argument(v);
      if (n < lo || n > hi) {
        fail(section, key, v + " is out of range " + std::to_string(lo) + ".." + std::to_string(hi));
        return fallback;
      }
      return static_cast<int>(n);
    } catch (const std::exception&) {
      fail(section, key, "'" + v + "' is not a whole number");
      return fallback;
    }
  }
};

}  // namespace

ConfigLoad loadConfig(const std::string& path) {
  ConfigLoad out;
  std::error_code ec;
  if (!fs::exists(path, ec)) {
    out.missing = true;
    return out;
  }
  std::ifstream in(path);
  std::stringstream ss;
  ss << in.rdbuf();
  const std::string text = ss.str();
  pt::ptree tree;
  try {
    std::istringstream parse(text);
    pt::read_ini(parse, tree);
  } catch (const pt::ini_parser_error& e) {
    out.error = "line " + std::to_string(e.line()) + ": " + e.message();
    return out;
  }
  Reader r{tree, text, {}};
  AppConfig c;
  c.siteUrl = r.str("site", "url", "");
  c.auth = r.str("site", "auth", "none");
  if (c.auth != "none" && c.auth != "device-code") r.fail("site", "auth", "'" + c.auth + "' is not none or device-code");
  c.tenant = r.str("site", "tenant", "");
  c.clientId = r.str("site", "client_id", "");
  c.autostart = r.flag("app", "autostart", false);
  c.locked = r.flag("app", "locked", false);
  for (ListKind k : sync::kAllListKinds) {
    const std::string s(sync::listKindKey(k));
    PaneConfig& p = c.pane(k);
    p.list = r.str(s, "list", "");
    p.visible = r.flag(s, "visible", !p.list.empty());
    p.x = r.number(s, "x", p.x, -100000, 100000);
    p.y = r.number(s, "y", p.y, -100000, 100000);
    p.width = r.number(s, "width", p.width, 100, 20000);
    p.height = r.number(s, "height", p.height, 100, 20000);
    p.opacity = r.number(s, "opacity", p.opacity, 20, 100);
    p.view = r.str(s, "view", "");
  }
  if (!r.error.empty()) {
    out.error = r.error;
    return out;
  }
  out.config = c;
  return out;
}

std::string saveConfig(const std::string& path, const AppConfig& c) {
  pt::ptree tree;
  std::error_code ec;
  if (fs::exists(path, ec)) {
    try {
      pt::read_ini(path, tree);  // keep keys this version does not know
    } catch (const pt::ini_parser_error&) {
      return "the existing file " + path + " is malformed; it was not overwritten";
    }
  }
  auto put = [&](const std::string& section, const std::string& key, const std::string& value) {
    tree.put(pt::ptree::path_type(section + "/" + key, '/'), value);
  };
  put("site", "url", c.siteUrl);
  put("site", "auth", c.auth);
  put("site", "tenant", c.tenant);
  put("site", "client_id", c.clientId);
  put("app", "autostart", c.autostart ? "true" : "false");
  put("app", "locked", c.locked ? "true" : "false");
  for (ListKind k : sync::kAllListKinds) {
    const std::string s(sync::listKindKey(k));
    const PaneConfig& p = c.pane(k);
    put(s, "list", p.list);
    put(s, "visible", p.visible ? "true" : "false");
    put(s, "x", std::to_string(p.x));
    put(s, "y", std::to_string(p.y));
    put(s, "width", std::to_string(p.width));
    put(s, "height", std::to_string(p.height));
    put(s, "opacity", std::to_string(p.opacity));
    if (!p.view.empty()) put(s, "view", p.view);
  }
  fs::create_directories(fs::path(path).parent_path(), ec);
  const std::string temp = path + ".tmp";
  try {
    std::ofstream out(temp, std::ios::trunc);
    chmod(temp.c_str(), 0600);  // settings may name accounts; only the user reads them
    pt::write_ini(out, tree);
    out.flush();
    if (!out) return "cannot write " + temp;
  } catch (const pt::ini_parser_error& e) {
    fs::remove(temp, ec);
    return e.message();
  }
  fs::rename(temp, path, ec);
  if (ec) {
    fs::remove(temp, ec);
    return "cannot replace " + path + ": " + ec.message();
  }
  return {};
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
  return {};
}

}  // namespace deskpane::tray
