#include "platform/linux/xdg_autostart.h"

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <system_error>

namespace deskpane::platform {

namespace fs = std::filesystem;

namespace {
std::string defaultConfigHome() {
  if (const char* x = std::getenv("XDG_CONFIG_HOME"); x && *x) return x;
  const char* home = std::getenv("HOME");
  return std::string(home ? home : "") + "/.config";
}

// Each Exec= argument (the path and every option) is quoted, with `"`, `` ` ``,
// `$` and `\` escaped by a backslash (the quoting rule) and that backslash
// written `\\` because the string escape rule is applied first (Desktop Entry
// spec, "The Exec key"; GLib rejects a bare `\$`). `%` is doubled because it
// starts a field code.
std::string quoteExec(const std::string& arg) {
  std::string out = "\"";
  for (char c : arg) {
    if (c == '"' || c == '`' || c == '$') out += "\\\\";
    if (c == '\\') out += "\\\\\\";
    if (c == '%') out += '%';
    out += c;
  }
  return out + "\"";
}
}  // namespace

XdgAutostart::XdgAutostart(std::string configHome)
    : entryPath_((configHome.empty() ? defaultConfigHome() : configHome) + "/autostart/deskpane.desktop") {}

bool XdgAutostart::isEnabled() const {
  std::error_code ec;
  return fs::is_regular_file(entryPath_, ec);
}

std::string XdgAutostart::entryText(const std::string& executablePath, const std::vector<std::string>& arguments) {
  std::string exec = quoteExec(executablePath) + " --autostart";
  for (const auto& arg : arguments) exec += " " + quoteExec(arg);
  return "[Desktop Entry]\n"
         "Type=Application\n"
         "Name=deskpane\n"
         "Comment=SharePoint lists as desktop panes\n"
         "Exec=" + exec + "\n"
         "Icon=deskpane\n"
         "Terminal=false\n"
         "Categories=Office;Calendar;\n"
         "X-GNOME-Autostart-enabled=true\n"
         "X-GNOME-Autostart-Delay=5\n";
}

std::string XdgAutostart::enable(const std::string& executablePath, const std::vector<std::string>& arguments) {
  std::error_code ec;
  const fs::path target(entryPath_);
  fs::create_directories(target.parent_path(), ec);
  if (ec) return "Cannot create " + target.parent_path().string() + ": " + ec.message();
  const fs::path temp = target.string() + ".tmp";
  {
    std::ofstream out(temp, std::ios::trunc);
    out << entryText(executablePath, arguments);
    out.flush();
    if (!out) return "Cannot write " + temp.string();
  }
  fs::rename(temp, target, ec);
  if (ec) {
    fs::remove(temp, ec);
    return "Cannot install " + target.string() + ": " + ec.message();
  }
  return {};
}

std::string XdgAutostart::disable() {
  std::error_code ec;
  fs::remove(entryPath_, ec);
  if (ec) return "Cannot remove " + entryPath_ + ": " + ec.message();
  return {};
}

std::unique_ptr<Autostart> makeAutostart() { return std::make_unique<XdgAutostart>(); }

}  // namespace deskpane::platform
