#include "emulator/site_zone.h"

#include <cstdio>

namespace deskpane::emu {

namespace {

bool leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

int daysIn(int y, int m) {
  static const int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && leap(y) ? 29 : kDays[m - 1];
}

// Days since 1970-01-01 (Howard Hinnant's days_from_civil).
long long daysFromCivil(int y, int m, int d) {
  y -= m <= 2;
  const long long era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * static_cast<unsigned>(m > 2 ? m - 3 : m + 9) + 2) / 5 + static_cast<unsigned>(d) - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<long long>(doe) - 719468;
}

// Day of month of the n-th Sunday of a month.
int nthSunday(int y, int m, int n) {
  const long long first = daysFromCivil(y, m, 1);
  const int weekday = static_cast<int>((first + 4) % 7);  // 1970-01-01 was a Thursday (4)
  return 1 + (7 - weekday) % 7 + 7 * (n - 1);
}

}  // namespace

std::optional<std::string> siteWallToUtcIso(const WallTime& t) {
  if (t.year < 1900 || t.year > 8900 || t.month < 1 || t.month > 12 || t.day < 1 || t.day > daysIn(t.year, t.month) ||
      t.hour < 0 || t.hour > 23 || t.minute < 0 || t.minute > 59 || t.second < 0 || t.second > 59)
    return std::nullopt;
  const long long wall = daysFromCivil(t.year, t.month, t.day) * 86400 + t.hour * 3600 + t.minute * 60 + t.second;
  // Both transitions at 02:00 wall time. Wall times 02:00-02:59 on the
  // spring day do not exist and keep standard time; 01:00-01:59 on the
  // autumn day happen twice and take the first, summer time.
  const long long start = daysFromCivil(t.year, 3, nthSunday(t.year, 3, 2)) * 86400 + 3 * 3600;
  const long long end = daysFromCivil(t.year, 11, nthSunday(t.year, 11, 1)) * 86400 + 2 * 3600;
  const bool summer = wall >= start && wall < end;
  const long long utc = wall + (summer ? 7 : 8) * 3600;
  const long long days = utc / 86400 - (utc % 86400 < 0);
  const long long secs = utc - days * 86400;
  // civil_from_days
  const long long z = days + 719468;
  const long long era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const int d = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  const int m = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  const long long y = static_cast<long long>(yoe) + era * 400 + (m <= 2);
  char buf[64];
  std::snprintf(buf, sizeof buf, "%04lld-%02d-%02dT%02d:%02d:%02dZ", y, m, d, static_cast<int>(secs / 3600),
                static_cast<int>(secs / 60 % 60), static_cast<int>(secs % 60));
  return std::string(buf);
}

}  // namespace deskpane::emu
