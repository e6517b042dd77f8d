#include "tray/app_clock.h"

#include <cstdio>
#include <ctime>

namespace deskpane::tray {

std::optional<AppClock> AppClock::startingAt(const std::string& localIso) {
  std::tm tm{};
  int y, mo, d, h = 0, mi = 0, s = 0;
  if (std::sscanf(localIso.c_str(), "%4d-%2d-%2dT%2d:%2d:%2d", &y, &mo, &d, &h, &mi, &s) < 3) return std::nullopt;
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 59) return std::nullopt;
  tm.tm_year = y - 1900;
  tm.tm_mon = mo - 1;
  tm.tm_mday = d;
  tm.tm_hour = h;
  tm.tm_min = mi;
  tm.tm_sec = s;
  tm.tm_isdst = -1;
  const std::time_t t = std::mktime(&tm);
  if (t == -1) return std::nullopt;
  AppClock clock;
  clock.offset_ = Clock::from_time_t(t) - Clock::now();
  return clock;
}

Clock::time_point nextLocalMidnight(Clock::time_point t) {
  const std::time_t tt = Clock::to_time_t(t);
  std::tm tm{};
  localtime_r(&tt, &tm);
  tm.tm_mday += 1;  // mktime normalises month/year ends
  tm.tm_hour = tm.tm_min = tm.tm_sec = 0;
  tm.tm_isdst = -1;
  return Clock::from_time_t(std::mktime(&tm));
}

int localDayOfMonth(Clock::time_point t) {
  const std::time_t tt = Clock::to_time_t(t);
  std::tm tm{};
  localtime_r(&tt, &tm);
  return tm.tm_mday;
}

}  // namespace deskpane::tray
