#pragma once
// Times of day as the user reads and types them, without a toolkit: the
// locale's 12- or 24-hour clock, and what a time field accepts ("9", "9:30",
// "930", "21.30", "9:30 pm"). The calendar's views and the editors' time
// fields (time_field.h) share it.
#include <langinfo.h>
#include <locale.h>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace deskpane::overlay {

// The environment's LC_TIME, read without touching the process's global
// locale (the app may not have called setlocale yet, or set another one).
class TimeLocale {
 public:
  TimeLocale();
  ~TimeLocale();
  TimeLocale(const TimeLocale&) = delete;
  TimeLocale& operator=(const TimeLocale&) = delete;
  const char* info(nl_item item) const;

 private:
  locale_t locale_;
};

// Whether the locale writes times on a 24-hour clock (LC_TIME's T_FMT).
bool locale24Hour();
// "09:00" / "9:00 AM" for minutes since midnight.
std::string formatClock(int minutes, bool use24Hour);
// Minutes since midnight of a typed time, or nullopt. Hours alone ("9"),
// with minutes after ':' '.' or 'h' ("9:30", "9.30", "9h30") or run
// together ("930", "0930"); a 12-hour suffix ("am", "p.m.", "P", or the
// locale's own AM/PM words) takes hours 1 to 12. Case and spaces do not matter.
std::optional<int> parseClock(std::string_view text);
// What a time field's list offers: every `step` minutes from midnight.
inline constexpr int kClockStep = 30;
std::vector<std::string> clockChoices(bool use24Hour, int step = kClockStep);

}  // namespace deskpane::overlay
