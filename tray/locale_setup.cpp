#include "tray/locale_setup.h"

#include "tray/program_paths.h"

#include <langinfo.h>
#include <libintl.h>

#include <clocale>
#include <cstdlib>
#include <cstring>
#include <filesystem>

namespace deskpane::tray {

namespace {
constexpr const char* kDomain = "deskpane";
}  // namespace

std::string localeDir() {
  if (const char* dir = std::getenv("DESKPANE_LOCALEDIR"); dir && *dir) return dir;
  std::error_code ec;
  const std::filesystem::path prefix = std::filesystem::path(launcherPath()).parent_path().parent_path();
  for (const auto& candidate : {prefix / "share" / "locale", prefix / "locale"}) {
    if (std::filesystem::exists(candidate / "de" / "LC_MESSAGES" / "deskpane.mo", ec)) return candidate.string();
  }
  return "/usr/share/locale";
}

// Numbers written as text for machines (the cache's JSON, values sent to
// SharePoint, libraries' formatting) need a decimal point: under a German
// LC_NUMERIC, printf writes "0,5" and strtod stops at the '.' of "1.0". wx
// formats numbers for people from its own locale data.
void keepNumbersInC() { std::setlocale(LC_NUMERIC, "C"); }

void setUpProcessLocale() {
  std::setlocale(LC_ALL, "");
  // Without a UTF-8 character type, every non-ASCII source string (and
  // every list title from the server) would be mangled on its way into wx.
  const char* codeset = nl_langinfo(CODESET);
  if (!codeset || std::strcmp(codeset, "UTF-8") != 0) std::setlocale(LC_CTYPE, "C.UTF-8");
  keepNumbersInC();
  const std::string dir = localeDir();
  bindtextdomain(kDomain, dir.c_str());
  bind_textdomain_codeset(kDomain, "UTF-8");
  textdomain(kDomain);
}

}  // namespace deskpane::tray
