#include "tray/midnight_timer.h"

#include <glib-unix.h>
#include <sys/timerfd.h>
#include <unistd.h>

#include <cerrno>
#include <cstdint>
#include <cstdio>
#include <cstring>

namespace deskpane::tray {

namespace {
gboolean onTimerReady(gint, GIOCondition, gpointer self) {
  static_cast<MidnightTimer*>(self)->wake();
  return G_SOURCE_CONTINUE;
}
}  // namespace

MidnightTimer::MidnightTimer(const AppClock& clock, std::function<void()> onWake)
    : clock_(clock), onWake_(std::move(onWake)) {
  fd_ = timerfd_create(CLOCK_REALTIME, TFD_NONBLOCK | TFD_CLOEXEC);
  if (fd_ < 0) {
    std::fprintf(stderr, "deskpane: timerfd_create: %s; the day icon will not turn over\n", std::strerror(errno));
    return;
  }
  arm();
  source_ = g_unix_fd_add(fd_, G_IO_IN, &onTimerReady, this);
}

MidnightTimer::~MidnightTimer() {
  if (source_) g_source_remove(source_);
  if (fd_ >= 0) close(fd_);
}

void MidnightTimer::arm() {
  target_ = nextLocalMidnight(clock_.now());
  const auto real = clock_.toReal(target_).time_since_epoch();
  itimerspec spec{};
  spec.it_value.tv_sec = std::chrono::duration_cast<std::chrono::seconds>(real).count();
  spec.it_value.tv_nsec = std::chrono::duration_cast<std::chrono::nanoseconds>(real).count() % 1000000000;
  if (timerfd_settime(fd_, TFD_TIMER_ABSTIME | TFD_TIMER_CANCEL_ON_SET, &spec, nullptr) != 0)
    std::fprintf(stderr, "deskpane: timerfd_settime: %s\n", std::strerror(errno));
}

void MidnightTimer::wake() {
  std::uint64_t expirations = 0;
  // ECANCELED = the clock was set: the deadline is stale either way.
  while (read(fd_, &expirations, sizeof expirations) < 0 && errno == EINTR) {
  }
  arm();
  onWake_();
}

}  // namespace deskpane::tray
