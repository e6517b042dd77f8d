#pragma once
// One timer aimed at the next local midnight: a timerfd on CLOCK_REALTIME
// with TFD_TIMER_CANCEL_ON_SET, watched from the GLib main loop. It fires at
// midnight and also when the wall clock is set (manual change, NTP step,
// resume from suspend), so the day icon is right without any polling tick.
#include "tray/app_clock.h"

#include <functional>

namespace deskpane::tray {

class MidnightTimer {
 public:
  // `onWake` runs on the main loop at each midnight and after each clock
  // change; it should compare the day itself.
  MidnightTimer(const AppClock& clock, std::function<void()> onWake);
  ~MidnightTimer();
  MidnightTimer(const MidnightTimer&) = delete;
  MidnightTimer& operator=(const MidnightTimer&) = delete;

  bool ok() const { return fd_ >= 0; }
  // The app-clock time the timer is aimed at.
  Clock::time_point target() const { return target_; }
  // Called by the main-loop watch when the timerfd is readable.
  void wake();

 private:
  void arm();

  const AppClock& clock_;
  std::function<void()> onWake_;
  int fd_ = -1;
  unsigned source_ = 0;
  Clock::time_point target_{};
};

}  // namespace deskpane::tray
