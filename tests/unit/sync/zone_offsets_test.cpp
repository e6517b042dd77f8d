// sync::ZoneOffsets: the cached offsets must give libical's offsets, to the
// second, for every instant, and every wall time must map back as RFC 5545
// §3.3.5 reads it - around each transition above all (gaps, overlaps,
// 30-minute shifts, a skipped day, zones whose winter is their "daylight"
// time). libical is called directly here as the reference for offsets; the
// wall-time reference below is worked out from those offsets the long way.
#include "sync/zone_offsets.h"

#include <libical/ical.h>

#include <gtest/gtest.h>

#include <algorithm>
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

// The instant of wall time `w` (seconds on the zone's clock) as RFC 5545
// §3.3.5 reads it, from libical's offsets by brute force: every offset the
// zone has within 27 hours of it (sampled every 3 hours; no zone changes
// twice within that) is tried. Of the instants that show `w` the first wins
// (an overlap's first occurrence). If none shows it (a gap), the offset in
// force before the gap: `w` read with the largest offset lies before the
// change. Outside 1900-2199 the code under test has no table and answers as
// libical does, so that is the reference there.
long long rfcToUtc(icaltimezone* tz, long long w) {
  const CivilTime local = toCivil(UtcTime(seconds(w)));
  if (local.year < 1900 || local.year > 2199) return libicalToUtc(tz, local);
  std::vector<long long> offsets;
  for (long long u = w - 27 * 3600; u <= w + 27 * 3600; u += 3 * 3600) {
    const long long o = libicalOffset(tz, u);
    if (std::find(offsets.begin(), offsets.end(), o) == offsets.end()) offsets.push_back(o);
  }
  long long first = 0;
  bool found = false;
  for (const long long o : offsets)
    if (libicalOffset(tz, w - o) == o && (!found || w - o < first)) {
      first = w - o;
      found = true;
    }
  if (found) return first;
  const long long largest = *std::max_element(offsets.begin(), offsets.end());
  return w - libicalOffset(tz, w - largest);
}

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

class ZoneOffsetsMatchReference : public ::testing::TestWithParam<const char*> {};

TEST_P(ZoneOffsetsMatchReference, AroundEveryTransitionAndHourly) {
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
          ASSERT_EQ(secs(zone->toUtc(local)), rfcToUtc(tz, w)) << name << " wall " << show(local);
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
    ASSERT_EQ(secs(zone->toUtc(local)), rfcToUtc(tz, t)) << name << " wall " << show(local);
    ASSERT_TRUE(same(zone->toLocal(UtcTime(seconds(t))), libicalToLocal(tz, t))) << name << " at " << t;
  }
}

INSTANTIATE_TEST_SUITE_P(Zones, ZoneOffsetsMatchReference, ::testing::ValuesIn(kZones),
                         [](const auto& info) {
                           std::string n = info.param;
                           for (char& c : n)
                             if (c == '/') c = '_';
                           return n;
                         });

// The readings the calendar relies on, spelled out (sync/zone_offsets.h):
// zone, wall time, the instant RFC 5545 §3.3.5 gives, and why. The switch
// instants are the tz database's (EU: last Sunday of March / October at
// 01:00Z; US: 2nd Sunday of March / 1st of November at 02:00 local; Lord
// Howe: first Sunday of April / October at 02:00 local, a 30-minute shift).
struct WallCase {
  const char* zone;
  CivilTime wall;
  const char* utc;
  const char* why;
};

const WallCase kWallCases[] = {
    {"Europe/Berlin", {2027, 3, 28, 2, 30, 0}, "2027-03-28T01:30:00Z",
     "skipped (02:00 CET → 03:00 CEST): read with CET, the offset before the gap; shows as 03:30 CEST"},
    {"Europe/Berlin", {2027, 3, 28, 2, 0, 0}, "2027-03-28T01:00:00Z",
     "the gap's first second: 02:00 CET is the change itself, shown as 03:00 CEST"},
    {"Europe/Berlin", {2027, 3, 28, 1, 59, 0}, "2027-03-28T00:59:00Z", "before the gap: CET"},
    {"Europe/Berlin", {2027, 3, 28, 3, 0, 0}, "2027-03-28T01:00:00Z", "after the gap: CEST"},
    {"Europe/Berlin", {2027, 10, 31, 2, 30, 0}, "2027-10-31T00:30:00Z",
     "repeated (03:00 CEST → 02:00 CET): the first 02:30, still CEST"},
    {"Europe/Berlin", {2027, 10, 31, 2, 0, 0}, "2027-10-31T00:00:00Z", "the overlap's first second: CEST"},
    {"Europe/Berlin", {2027, 10, 31, 1, 59, 0}, "2027-10-30T23:59:00Z", "before the overlap: CEST, once"},
    {"Europe/Berlin", {2027, 10, 31, 3, 0, 0}, "2027-10-31T02:00:00Z", "after the overlap: CET, once"},
    {"America/Los_Angeles", {2027, 3, 14, 2, 30, 0}, "2027-03-14T10:30:00Z",
     "skipped (02:00 PST → 03:00 PDT): read with PST (-8); shows as 03:30 PDT"},
    {"America/Los_Angeles", {2027, 3, 14, 3, 30, 0}, "2027-03-14T10:30:00Z", "after the gap: PDT (-7), the same instant"},
    {"America/Los_Angeles", {2027, 11, 7, 1, 30, 0}, "2027-11-07T08:30:00Z",
     "repeated (02:00 PDT → 01:00 PST): the first 01:30, PDT (-7)"},
    {"America/Los_Angeles", {2027, 11, 7, 2, 0, 0}, "2027-11-07T10:00:00Z", "after the overlap: PST (-8), once"},
    {"America/New_York", {2027, 3, 14, 2, 30, 0}, "2027-03-14T07:30:00Z", "skipped: EST (-5), shows as 03:30 EDT"},
    {"America/New_York", {2027, 11, 7, 1, 30, 0}, "2027-11-07T05:30:00Z", "repeated: the first, EDT (-4)"},
    {"Australia/Lord_Howe", {2027, 10, 3, 2, 15, 0}, "2027-10-02T15:45:00Z",
     "skipped (02:00 → 02:30, +10:30 → +11): read with +10:30; shows as 02:45"},
    {"Australia/Lord_Howe", {2027, 10, 3, 2, 30, 0}, "2027-10-02T15:30:00Z", "after the 30-minute gap: +11"},
    {"Australia/Lord_Howe", {2027, 4, 4, 1, 45, 0}, "2027-04-03T14:45:00Z",
     "repeated (02:00 +11 → 01:30 +10:30): the first 01:45, +11"},
    {"Australia/Lord_Howe", {2027, 4, 4, 2, 0, 0}, "2027-04-03T15:30:00Z", "after the overlap: +10:30, once"},
};

TEST(ZoneOffsets, GapsAndOverlapsReadAsRfc5545Says) {
  for (const WallCase& c : kWallCases) {
    const ZoneOffsets* zone = ZoneOffsets::named(c.zone);
    ASSERT_NE(zone, nullptr) << c.zone;
    EXPECT_EQ(formatUtcTime(zone->toUtc(c.wall)), c.utc) << c.zone << " " << show(c.wall) << ": " << c.why;
  }
  // Both instants of Berlin's repeated hour show as 02:30, and the offset
  // changes at 01:00Z exactly.
  const ZoneOffsets* berlin = ZoneOffsets::named("Europe/Berlin");
  ASSERT_NE(berlin, nullptr);
  EXPECT_EQ(show(berlin->toLocal(at("2027-10-31T00:30:00Z"))), "2027-10-31 02:30:00");
  EXPECT_EQ(show(berlin->toLocal(at("2027-10-31T01:30:00Z"))), "2027-10-31 02:30:00");
  EXPECT_EQ(berlin->utcOffset(at("2027-10-31T00:59:59Z")), 7200);
  EXPECT_EQ(berlin->utcOffset(at("2027-10-31T01:00:00Z")), 3600);
  // A skipped time shows as the wall time the same distance past the gap's start.
  EXPECT_EQ(show(berlin->toLocal(berlin->toUtc({2027, 3, 28, 2, 30, 0}))), "2027-03-28 03:30:00");
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
