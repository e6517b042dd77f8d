#pragma once
// The app's idea of "now": the real clock, or (for tests) a clock that
// started at a given local time and runs on at real speed.
#include <chrono>
#include <optional>
#include <string>

namespace deskpane::tray {

using Clock = std::chrono::system_clock;

class AppClock {
 public:
  AppClock() = default;
  // `localIso` like "2024-11-26T23:59:57" (local time); nullopt if malformed.
  static std::optional<AppClock> startingAt(const std::string& localIso);
  Clock::time_point now() const { return Clock::now() + offset_; }
  // Real-clock time at which this clock shows `t` (for arming real timers).
  Clock::time_point toReal(Clock::time_point t) const { return t - offset_; }
  bool fake() const { return offset_ != Clock::duration::zero(); }

 private:
  Clock::duration offset_{};
};

// The next local midnight strictly after `t` (DST-safe: 00:00 of the next
// calendar day as the time zone defines it).
Clock::time_point nextLocalMidnight(Clock::time_point t);
// Day of the month of `t` in local time.
int localDayOfMonth(Clock::time_point t);

}  // namespace deskpane::tray
