#pragma once
// The reminders on the desktop: a ReminderDesk (what is due, shown through
// libnotify) and ONE timer aimed at the next instant the schedule can change.
// No polling: the timer is re-aimed when the cache changes (the app calls
// cacheChanged() from the engine's list-changed callbacks), when the wall
// clock is set (timerfd's cancel-on-set), when the system resumes (logind's
// PrepareForSleep on the system bus, where there is one) and, as the last
// word, by comparing the wall clock with the monotonic clock when it fires.
#include "tray/app_clock.h"
#include "tray/reminder_desk.h"

#include <memory>

namespace deskpane::tray {

class Reminders {
 public:
  Reminders(const AppClock& clock, std::unique_ptr<Notifier> notifier, ReminderSources sources,
            overlay::reminders::ReminderSettings settings);
  ~Reminders();
  Reminders(const Reminders&) = delete;
  Reminders& operator=(const Reminders&) = delete;

  // The Calendar or Tasks list changed in the cache.
  void cacheChanged();

  // Called from the main-loop sources.
  void timerReady();
  void sleepChanged(bool goingToSleep);

 private:
  // Each handle is closed by its owner's destructor, in reverse order of
  // declaration: the main-loop source goes before the descriptor it watches.
  class TimerFd {
   public:
    TimerFd();
    ~TimerFd();
    TimerFd(const TimerFd&) = delete;
    TimerFd& operator=(const TimerFd&) = delete;
    int get() const { return fd_; }

   private:
    int fd_ = -1;
  };
  class MainLoopSource {
   public:
    MainLoopSource() = default;
    ~MainLoopSource();
    MainLoopSource(const MainLoopSource&) = delete;
    MainLoopSource& operator=(const MainLoopSource&) = delete;
    void reset(unsigned id);

   private:
    unsigned id_ = 0;
  };
  class SleepWatch;  // logind's PrepareForSleep on the system bus (reminders.cpp)

  void refresh(const std::string& why);
  void aim(std::optional<UtcTime> next, const std::string& why);
  UtcTime now() const;

  const AppClock& clock_;
  std::unique_ptr<Notifier> notifier_;
  ReminderDesk desk_;
  std::function<void(const std::string&)> trace_;
  TimerFd timer_;
  MainLoopSource timerSource_;
  std::unique_ptr<SleepWatch> sleepWatch_;  // null without a system bus
  // Where the timer was aimed from, to tell a late wake (suspend, clock set
  // without cancel-on-set) from an on-time one.
  Clock::time_point wallAtAim_{};
  std::chrono::steady_clock::time_point steadyAtAim_{};
};

}  // namespace deskpane::tray
