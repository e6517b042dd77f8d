// The calendar model's occurrences against fixture files: cached items
// (series with RecurrenceData, TimeZone, Duration, exceptions; singles) + a
// window of local days → the occurrences each desktop zone shows. Each case
// runs with $TZ set to the desktop zone and the model given
// sync::systemTimeZone(), as the app does. Format: fixtures/README.md.
#include "overlay/calendar/calendar_model.h"
#include "tests/unit/panes/calendar/fixture_loader.h"
#include "sync/event_series.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <optional>

namespace deskpane::overlay::calendar {
namespace {

using namespace deskpane::overlay::calendar::fixtures;

std::string wall(const WallTime& w, bool allDay) {
  if (allDay) return formatDate(w.date);
  char buf[16];
  std::snprintf(buf, sizeof buf, "%02d:%02d", w.minutes / 60, w.minutes % 60);
  return formatDate(w.date) + "T" + buf;
}

// Sets $TZ for the scope and restores it.
class ScopedTz {
 public:
  explicit ScopedTz(const std::string& zone) {
    if (const char* old = std::getenv("TZ")) old_ = old;
    setenv("TZ", zone.c_str(), 1);
  }
  ~ScopedTz() {
    if (old_) setenv("TZ", old_->c_str(), 1);
    else unsetenv("TZ");
  }
  ScopedTz(const ScopedTz&) = delete;
  ScopedTz& operator=(const ScopedTz&) = delete;

 private:
  std::optional<std::string> old_;
};

class CalendarExpansion : public ::testing::TestWithParam<std::string> {};

TEST_P(CalendarExpansion, MatchesFixture) {
  const auto f = load(kFixtures / (GetParam() + ".case"));
  ASSERT_FALSE(f.expected.empty()) << "fixture names no desktop zone";
  for (const auto& want : f.expected) {
    ScopedTz tz(want.desktop);
    const CalendarModel model(f.items, CalendarZones{sync::systemTimeZone(), f.site});
    ASSERT_EQ(model.desktopZone().name(), want.desktop);
    EXPECT_TRUE(model.problems().empty());
    std::vector<std::string> got;
    for (const auto& o : model.occurrences(f.from, f.to))
      got.push_back("occ " + wall(o.localStart, o.allDay) + " " + wall(o.localEnd, o.allDay) + " " +
                    std::to_string(o.itemId));
    EXPECT_EQ(got, want.lines) << GetParam() << " on a desktop in " << want.desktop;
  }
}

INSTANTIATE_TEST_SUITE_P(Fixtures, CalendarExpansion, ::testing::ValuesIn(fixtureNames()),
                         [](const auto& info) { return info.param; });

// The fixtures must reach the test: an empty directory would pass silently.
TEST(CalendarExpansionFixtures, AreThere) { EXPECT_GE(fixtureNames().size(), 12u); }

}  // namespace
}  // namespace deskpane::overlay::calendar
