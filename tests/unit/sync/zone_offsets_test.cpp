// sync::ZoneOffsets: the cached offsets must give libical's answers, to the
// second, for every instant and every wall time - around each transition
// above all (gaps, overlaps, 30-minute shifts, a skipped day, zones whose
// winter is their "daylight" time). libical is called directly here as the
// reference, the way the code did before the cache.
#include "sync/zone_offsets.h"

#include <libical/ical.h>

#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

namespace deskpane::sync {
namespace {

using std::chrono::seconds;

UtcTime at(const std::string& iso) { return *parseUtcTime(iso); }
long long secs(UtcTime t) { return t.time_since_epoch().count(); }

icaltimezone* libicalZone(const std::string& name) { return icaltimezone_get_builtin_timezone(name.c_str()); }

CivilTime libicalToLocal(icaltimezone* tz, long long t) {
  const icaltimetype l = icaltime_from_timet_with_zone(static_cast<time_t>(t), 0, tz);
  return {l.year, l.month, l.day, l.hour, l.minute, l.second};
}

long long libicalToUtc(icaltimezone* tz, const CivilTime& c) {
  icaltimetype l = icaltime_null_time();
  l.year = c.year;
  l.month = c.month;
  l.day = c.day;
  l.hour = c.hour;
  l.minute = c.minute;
  l.second = c.second;
  return static_cast<long long>(icaltime_as_timet_with_zone(l, tz));
}

long long libicalOffset(icaltimezone* tz, long long t) { return secs(fromCivil(libicalToLocal(tz, t))) - t; }

std::string show(const CivilTime& c) {
  char buf[40];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d %02d:%02d:%02d", c.year, c.month, c.day, c.hour, c.minute, c.second);
  return buf;
}

bool same(const CivilTime& a, const CivilTime& b) {
  return a.year == b.year && a.month == b.month && a.day == b.day && a.hour == b.hour && a.minute == b.minute &&
         a.second == b.second;
}

// DST both ways, 30- and 45-minute offsets and shifts, a southern-hemisphere
// zone, Dublin (winter is its "daylight" time in the tz database), Samoa's
// skipped day (30 Dec 2011), Casablanca's Ramadan switches, and zones
// without DST.
const char* const kZones[] = {"Europe/Berlin",      "America/New_York", "America/Los_Angeles", "Asia/Kolkata",
                              "Australia/Lord_Howe", "Europe/Dublin",    "America/Santiago",    "Pacific/Apia",
                              "Africa/Casablanca",  "Asia/Tehran",      "America/St_Johns",    "Pacific/Chatham",
                              "Australia/Sydney",   "Asia/Tokyo",       "Europe/London"};

class ZoneOffsetsMatchLibical : public ::testing::TestWithParam<const char*> {};

TEST_P(ZoneOffsetsMatchLibical, AroundEveryTransitionAndHourly) {
  const std::string name = GetParam();
  icaltimezone* tz = libicalZone(name);
  ASSERT_NE(tz, nullptr) << name;
  const ZoneOffsets* zone = ZoneOffsets::named(name);
  ASSERT_NE(zone, nullptr) << name;

  int transitions = 0;
  // Hourly instants over years with known changes (Samoa's skipped day, Casablanca's Ramadan ones)...
  for (const auto& [from, to] : {std::pair{"2010-06-01T00:00:00Z", "2012-06-01T00:00:00Z"},
                                 std::pair{"2018-01-01T00:00:00Z", "2029-01-01T00:00:00Z"}}) {
    long long previousOffset = 0;
    for (long long t = secs(at(from)); t < secs(at(to)); t += 3600) {
      const CivilTime expected = libicalToLocal(tz, t);
      ASSERT_TRUE(same(zone->toLocal(UtcTime(seconds(t))), expected)) << name << " at " << t;
      const long long offset = libicalOffset(tz, t);
      if (t != secs(at(from)) && offset != previousOffset) {
        ++transitions;
        // ...and every 10 minutes of the surrounding 4 hours, and every second near the change...
        for (long long u = t - 2 * 3600; u <= t + 2 * 3600; u += 600)
          ASSERT_TRUE(same(zone->toLocal(UtcTime(seconds(u))), libicalToLocal(tz, u))) << name << " at " << u;
        for (long long u = t - 3600 + 60; u <= t; u += 60) {
          if (libicalOffset(tz, u - 60) == libicalOffset(tz, u)) continue;
          for (long long v = u - 60; v <= u; ++v)
            ASSERT_TRUE(same(zone->toLocal(UtcTime(seconds(v))), libicalToLocal(tz, v))) << name << " at " << v;
        }
        // ...and every 5 minutes of wall time on the local days around it: the
        // gap and the repeated hour are where a cache goes wrong.
        CivilTime day = libicalToLocal(tz, t - 86400);
        day.hour = day.minute = day.second = 0;
        const long long firstWall = secs(fromCivil(day));
        for (long long w = firstWall; w < firstWall + 3 * 86400; w += 300) {
          const CivilTime local = toCivil(UtcTime(seconds(w)));
          ASSERT_EQ(secs(zone->toUtc(local)), libicalToUtc(tz, local)) << name << " wall " << show(local);
        }
      }
      previousOffset = offset;
    }
  }
  if (name != "Asia/Kolkata" && name != "Asia/Tokyo") {
    EXPECT_GT(transitions, 0) << name << ": no change was tested";
  }

  // Wall times anywhere, and years at the table's edges and beyond it.
  std::mt19937 random(20270328);
  std::uniform_int_distribution<long long> any(secs(at("1905-01-01T00:00:00Z")), secs(at("2250-01-01T00:00:00Z")));
  for (int i = 0; i < 3000; ++i) {
    const long long t = any(random);
    const CivilTime local = toCivil(UtcTime(seconds(t)));
    ASSERT_EQ(secs(zone->toUtc(local)), libicalToUtc(tz, local)) << name << " wall " << show(local);
    ASSERT_TRUE(same(zone->toLocal(UtcTime(seconds(t))), libicalToLocal(tz, t))) << name << " at " << t;
  }
}

INSTANTIATE_TEST_SUITE_P(Zones, ZoneOffsetsMatchLibical, ::testing::ValuesIn(kZones),
                         [](const auto& info) {
                           std::string n = info.param;
                           for (char& c : n)
                             if (c == '/') c = '_';
                           return n;
                         });

// The readings the calendar relies on, spelled out (sync/zone_offsets.h).
TEST(ZoneOffsets, GapsAndOverlapsReadAsLibicalDoes) {
  const ZoneOffsets* berlin = ZoneOffsets::named("Europe/Berlin");
  const ZoneOffsets* newYork = ZoneOffsets::named("America/New_York");
  ASSERT_TRUE(berlin && newYork);
  // 02:30 does not exist on 28 March 2027 in Berlin: the offset after the change (CEST).
  EXPECT_EQ(formatUtcTime(berlin->toUtc({2027, 3, 28, 2, 30, 0})), "2027-03-28T00:30:00Z");
  EXPECT_EQ(formatUtcTime(berlin->toUtc({2027, 3, 28, 3, 0, 0})), "2027-03-28T01:00:00Z");
  EXPECT_EQ(formatUtcTime(berlin->toUtc({2027, 3, 28, 1, 59, 0})), "2027-03-28T00:59:00Z");
  // 02:30 happens twice on 31 October 2027: standard time (CET), the second one.
  EXPECT_EQ(formatUtcTime(berlin->toUtc({2027, 10, 31, 2, 30, 0})), "2027-10-31T01:30:00Z");
  EXPECT_EQ(formatUtcTime(berlin->toUtc({2027, 10, 31, 1, 59, 0})), "2027-10-30T23:59:00Z");
  // Both instants of the repeated hour show as 02:30.
  EXPECT_EQ(show(berlin->toLocal(at("2027-10-31T00:30:00Z"))), "2027-10-31 02:30:00");
  EXPECT_EQ(show(berlin->toLocal(at("2027-10-31T01:30:00Z"))), "2027-10-31 02:30:00");
  EXPECT_EQ(berlin->utcOffset(at("2027-10-31T00:59:59Z")), 7200);
  EXPECT_EQ(berlin->utcOffset(at("2027-10-31T01:00:00Z")), 3600);
  // New York: 02:30 on 14 March 2027 is skipped, 01:30 on 7 November repeated.
  EXPECT_EQ(formatUtcTime(newYork->toUtc({2027, 3, 14, 2, 30, 0})), "2027-03-14T06:30:00Z");
  EXPECT_EQ(formatUtcTime(newYork->toUtc({2027, 11, 7, 1, 30, 0})), "2027-11-07T06:30:00Z");
}

TEST(ZoneOffsets, NamesUtcAndUnknownZones) {
  EXPECT_TRUE(ZoneOffsets::named("")->isUtc());
  EXPECT_TRUE(ZoneOffsets::named("Etc/UTC")->isUtc());
  EXPECT_EQ(ZoneOffsets::named("Mars/Olympus_Mons"), nullptr);
  EXPECT_EQ(ZoneOffsets::named("Europe/Berlin"), ZoneOffsets::named("Europe/Berlin"));
  EXPECT_EQ(ZoneOffsets::utc().utcOffset(at("2027-07-01T00:00:00Z")), 0);
}

}  // namespace
}  // namespace deskpane::sync
