#include "sync/event_series.h"

#include <unistd.h>

#include <cstdlib>

namespace deskpane::sync {

std::string systemTimeZone() {
  if (const char* tz = std::getenv("TZ"); tz && *tz) {
    std::string name = tz[0] == ':' ? tz + 1 : tz;
    // A path ("/usr/share/zoneinfo/Europe/Berlin") names its zone after "zoneinfo/".
    if (const auto at = name.find("zoneinfo/"); at != std::string::npos) name = name.substr(at + 9);
    if (!name.empty() && name[0] != '/') return name;
  }
  char target[512];
  const auto n = readlink("/etc/localtime", target, sizeof target - 1);
  if (n > 0) {
    const std::string link(target, static_cast<std::size_t>(n));
    if (const auto at = link.find("zoneinfo/"); at != std::string::npos) return link.substr(at + 9);
  }
  return "UTC";
}

}  // namespace deskpane::sync
