#include "tray/reminders.h"

#include "sync/process_memory.h"
#include "sync/recurrence_time.h"

#include <gio/gio.h>
#include <glib-unix.h>
#include <sys/timerfd.h>
#include <unistd.h>

#include <cerrno>
#include <cstdint>
#include <cstring>

namespace deskpane::tray {

namespace {

gboolean onTimerReady(gint, GIOCondition, gpointer self) {
  static_cast<Reminders*>(self)->timerReady();
  return G_SOURCE_CONTINUE;
}

void onPrepareForSleep(GDBusConnection*, const gchar*, const gchar*, const gchar*, const gchar*, GVariant* parameters,
                       gpointer self) {
  gboolean start = FALSE;
  if (g_variant_is_of_type(parameters, G_VARIANT_TYPE("(b)"))) g_variant_get(parameters, "(b)", &start);
  static_cast<Reminders*>(self)->sleepChanged(start);
}

struct GErrorFree {
  void operator()(GError* e) const { g_error_free(e); }
};

struct GObjectUnref {
  void operator()(gpointer p) const { g_object_unref(p); }
};

// A wake this much later than the monotonic clock says is a suspend or a
// clock step the timer was not told about.
constexpr auto kJumpThreshold = std::chrono::seconds(90);

}  // namespace

Reminders::TimerFd::TimerFd() : fd_(timerfd_create(CLOCK_REALTIME, TFD_NONBLOCK | TFD_CLOEXEC)) {}

Reminders::TimerFd::~TimerFd() {
  if (fd_ >= 0) close(fd_);
}

Reminders::MainLoopSource::~MainLoopSource() { reset(0); }

void Reminders::MainLoopSource::reset(unsigned id) {
  if (id_) g_source_remove(id_);
  id_ = id;
}

class Reminders::SleepWatch {
 public:
  // A container or a session without logind has no system bus: nullptr,
  // and the timer's own late-wake check covers resume there.
  static std::unique_ptr<SleepWatch> start(Reminders& owner, std::string& error) {
    GError* raw = nullptr;
    std::unique_ptr<GDBusConnection, GObjectUnref> bus(g_bus_get_sync(G_BUS_TYPE_SYSTEM, nullptr, &raw));
    std::unique_ptr<GError, GErrorFree> failure(raw);
    if (!bus) {
      error = failure ? failure->message : "no system bus";
      return nullptr;
    }
    return std::make_unique<SleepWatch>(std::move(bus), owner);
  }
  // Through start(), which has the bus.
  SleepWatch(std::unique_ptr<GDBusConnection, GObjectUnref> bus, Reminders& owner)
      : bus_(std::move(bus)),
        subscription_(g_dbus_connection_signal_subscribe(
            bus_.get(), "org.freedesktop.login1", "org.freedesktop.login1.Manager", "PrepareForSleep",
            "/org/freedesktop/login1", nullptr, G_DBUS_SIGNAL_FLAGS_NONE, &onPrepareForSleep, &owner, nullptr)) {}
  ~SleepWatch() { g_dbus_connection_signal_unsubscribe(bus_.get(), subscription_); }
  SleepWatch(const SleepWatch&) = delete;
  SleepWatch& operator=(const SleepWatch&) = delete;

 private:
  std::unique_ptr<GDBusConnection, GObjectUnref> bus_;
  unsigned subscription_ = 0;
};

Reminders::Reminders(const AppClock& clock, std::unique_ptr<Notifier> notifier, ReminderSources sources,
                     overlay::reminders::ReminderSettings settings)
    : clock_(clock), notifier_(std::move(notifier)), desk_(*notifier_, sources, settings), trace_(sources.trace) {
  notifier_->setActionHandler([this](const std::string& key, const std::string& action) {
    aim(desk_.act(key, action, now()), "action " + action);
  });
  if (timer_.get() < 0) {
    if (trace_) trace_(std::string("reminder timer unavailable: ") + std::strerror(errno));
  } else {
    timerSource_.reset(g_unix_fd_add(timer_.get(), G_IO_IN, &onTimerReady, this));
  }
  std::string error;
  sleepWatch_ = SleepWatch::start(*this, error);
  if (!sleepWatch_ && trace_) trace_("reminder resume watch: no system bus (" + error + ")");
  refresh("start");
}

// Members close their handles: the sleep watch, the main-loop source, then the timer.
Reminders::~Reminders() = default;

UtcTime Reminders::now() const { return std::chrono::time_point_cast<std::chrono::seconds>(clock_.now()); }

void Reminders::cacheChanged() { refresh("cache changed"); }

void Reminders::sleepChanged(bool goingToSleep) {
  if (!goingToSleep) refresh("resumed");
}

void Reminders::timerReady() {
  std::uint64_t expirations = 0;
  // ECANCELED: the wall clock was set; the deadline is stale either way.
  const bool clockSet = read(timer_.get(), &expirations, sizeof expirations) < 0 && errno == ECANCELED;
  const auto wallElapsed = Clock::now() - wallAtAim_;
  const auto steadyElapsed = std::chrono::steady_clock::now() - steadyAtAim_;
  const bool jumped = wallElapsed - steadyElapsed > kJumpThreshold || steadyElapsed - wallElapsed > kJumpThreshold;
  refresh(clockSet ? "clock set" : jumped ? "clock jumped" : "timer");
}

void Reminders::refresh(const std::string& why) {
  aim(desk_.refresh(now()), why);
  // The desk read the Calendar and Tasks lists whole to find a few due items.
  sync::returnFreedMemory();
}


void Reminders::aim(std::optional<UtcTime> next, const std::string& why) {
  if (timer_.get() < 0) return;
  itimerspec spec{};  // all zero: disarmed
  if (next) {
    const auto real = std::chrono::duration_cast<std::chrono::nanoseconds>(clock_.toReal(*next).time_since_epoch());
    spec.it_value.tv_sec = static_cast<time_t>(real.count() / 1000000000);
    spec.it_value.tv_nsec = static_cast<long>(real.count() % 1000000000);
    if (spec.it_value.tv_sec <= 0 && spec.it_value.tv_nsec <= 0) spec.it_value.tv_nsec = 1;  // zero would disarm
  }
  if (timerfd_settime(timer_.get(), TFD_TIMER_ABSTIME | TFD_TIMER_CANCEL_ON_SET, &spec, nullptr) != 0 && trace_)
    trace_(std::string("reminder timer not set: ") + std::strerror(errno));
  wallAtAim_ = Clock::now();
  steadyAtAim_ = std::chrono::steady_clock::now();
  if (trace_) trace_("reminder timer " + (next ? sync::formatUtcTime(*next) : std::string("off")) + " (" + why + ")");
}

}  // namespace deskpane::tray
