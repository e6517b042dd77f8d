// sync::systemTimeZone's readings of $TZ. (A series' next occurrence is the
// calendar model's: tests/unit/panes/pane_rows_test.cpp.)
#include "sync/event_series.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <string>
#include <utility>

namespace deskpane::sync {
namespace {

TEST(EventSeries, SystemTimeZoneReadsTz) {
  const char* saved = std::getenv("TZ");
  const std::string keep = saved ? saved : "";
  const std::pair<const char*, const char*> cases[] = {
      {"Europe/Berlin", "Europe/Berlin"},
      {":America/New_York", "America/New_York"},
      {"/usr/share/zoneinfo/Asia/Tokyo", "Asia/Tokyo"},
  };
  for (const auto& [tz, name] : cases) {
    setenv("TZ", tz, 1);
    EXPECT_EQ(systemTimeZone(), name) << tz;
  }
  if (saved) setenv("TZ", keep.c_str(), 1);
  else unsetenv("TZ");
}

}  // namespace
}  // namespace deskpane::sync
