#include "tray/app_clock.h"
#include "tray/midnight_timer.h"

#include <glib.h>
#include <gtest/gtest.h>

#include <cstdlib>
#include <ctime>

namespace deskpane::tray {
namespace {

class TimeZone : public ::testing::Test {
 protected:
  void use(const char* tz) {
    setenv("TZ", tz, 1);
    tzset();
  }
  void TearDown() override {
    unsetenv("TZ");
    tzset();
  }
};

Clock::time_point utc(int y, int mo, int d, int h, int mi, int s) {
  std::tm tm{};
  tm.tm_year = y - 1900;
  tm.tm_mon = mo - 1;
  tm.tm_mday = d;
  tm.tm_hour = h;
  tm.tm_min = mi;
  tm.tm_sec = s;
  return Clock::from_time_t(timegm(&tm));
}

struct MidnightCase {
  const char* tz;
  Clock::time_point at;
  Clock::time_point expected;  // in UTC
};

TEST_F(TimeZone, NextLocalMidnightAcrossZonesMonthEndsAndDst) {
  const MidnightCase cases[] = {
      {"UTC", utc(2024, 11, 26, 12, 0, 0), utc(2024, 11, 27, 0, 0, 0)},
      {"UTC", utc(2024, 11, 26, 0, 0, 0), utc(2024, 11, 27, 0, 0, 0)},  // strictly after
      {"UTC", utc(2024, 12, 31, 23, 59, 59), utc(2025, 1, 1, 0, 0, 0)},
      {"UTC", utc(2024, 2, 28, 10, 0, 0), utc(2024, 2, 29, 0, 0, 0)},
      {"Europe/Berlin", utc(2024, 11, 26, 23, 30, 0), utc(2024, 11, 27, 23, 0, 0)},  // already the 27th there
      {"Europe/Berlin", utc(2024, 11, 26, 22, 30, 0), utc(2024, 11, 26, 23, 0, 0)},
      {"Europe/Berlin", utc(2024, 3, 30, 12, 0, 0), utc(2024, 3, 30, 23, 0, 0)},     // day before DST starts
      {"Europe/Berlin", utc(2024, 3, 31, 12, 0, 0), utc(2024, 3, 31, 22, 0, 0)},     // 23-hour day
      {"America/New_York", utc(2024, 11, 3, 12, 0, 0), utc(2024, 11, 4, 5, 0, 0)},   // 25-hour day
  };
  for (const auto& c : cases) {
    use(c.tz);
    EXPECT_EQ(Clock::to_time_t(nextLocalMidnight(c.at)), Clock::to_time_t(c.expected)) << c.tz;
  }
}

TEST_F(TimeZone, FakeClockStartsAtTheGivenLocalTime) {
  use("Europe/Berlin");
  auto clock = AppClock::startingAt("2024-11-26T23:59:57");
  ASSERT_TRUE(clock);
  EXPECT_TRUE(clock->fake());
  const auto delta = clock->now() - utc(2024, 11, 26, 22, 59, 57);
  EXPECT_LT(std::chrono::abs(delta), std::chrono::seconds(2));
  EXPECT_EQ(localDayOfMonth(clock->now()), 26);
  EXPECT_FALSE(AppClock::startingAt("tomorrow"));
  EXPECT_FALSE(AppClock::startingAt("2024-11-26T25:00:00"));
}

// The timerfd fires on the main loop when the fake clock crosses midnight.
TEST_F(TimeZone, MidnightTimerWakesAtMidnightOnTheMainLoop) {
  use("UTC");
  auto clock = AppClock::startingAt("2024-11-26T23:59:59");
  ASSERT_TRUE(clock);
  GMainLoop* loop = g_main_loop_new(nullptr, FALSE);
  int wakes = 0;
  int dayAtWake = 0;
  MidnightTimer timer(*clock, [&] {
    ++wakes;
    dayAtWake = localDayOfMonth(clock->now());
    g_main_loop_quit(loop);
  });
  ASSERT_TRUE(timer.ok());
  EXPECT_EQ(localDayOfMonth(timer.target()), 27);
  // A guard so a broken timer fails the test instead of hanging it.
  const guint guard = g_timeout_add_seconds(5, [](gpointer l) -> gboolean {
    g_main_loop_quit(static_cast<GMainLoop*>(l));
    return G_SOURCE_REMOVE;
  }, loop);
  g_main_loop_run(loop);
  if (wakes) g_source_remove(guard);
  g_main_loop_unref(loop);
  EXPECT_EQ(wakes, 1);
  EXPECT_EQ(dayAtWake, 27);
  EXPECT_EQ(localDayOfMonth(timer.target()), 28);  // re-armed for the next midnight
}

}  // namespace
}  // namespace deskpane::tray
