#pragma once
// An IANA time zone as the recurrence code and the calendar model use it:
// UTC instant ↔ wall clock, with libical's offsets, at the cost of a table
// lookup. libical's own conversions (icaltime_from_timet_with_zone,
// icaltime_as_timet_with_zone) cost 1-2 µs each - a mutex, a search of the
// zone's change list and field-by-field date arithmetic - and a year of a
// busy calendar converts ~100,000 times (`deskpane-bench calendar`).
//
// How. A zone's offset is constant between its transitions. The first time a
// year of a zone is needed, libical is asked for the offset every 6 hours of
// that year and each change is bisected to the second; the year's table (its
// offset on 1 January 00:00Z and its transitions, usually two or none) is
// then kept for the life of the process. Instant → wall clock is the offset
// at that instant. Wall clock → instant is the one instant whose offset fits;
// a wall time inside a transition's gap or overlap (where none or two fit)
// is read as RFC 5545 §3.3.5 says, from the table:
// - a time a spring-forward gap skips takes the offset *before* the change
//   (02:30 in Europe/Berlin on the switch day → 01:30Z, shown as 03:30 CEST);
// - a time an autumn overlap repeats is its *first* occurrence (in Berlin
//   the 02:30 of summer time, 00:30Z).
// libical's icaltime_as_timet_with_zone reads both the other way (the offset
// after the gap; the second occurrence), which other calendar programs
// reading our iCalendar export would not (docs/decisions.md, D-cal-2).
// Years outside 1900-2199 have no table and go to libical directly, with
// libical's reading of gaps and overlaps.
#include "sync/recurrence_time.h"

#include <array>
#include <atomic>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace deskpane::sync {

class ZoneOffsets {
 public:
  // The process-wide table of a zone, or nullptr for a name that names none.
  // "", "UTC", "Etc/UTC" and "Z" are UTC. Kept until the process exits (a
  // pointer stays valid, like libical's zones); safe to use from several threads.
  static const ZoneOffsets* named(const std::string& iana);
  static const ZoneOffsets& utc();

  ZoneOffsets(const ZoneOffsets&) = delete;
  ZoneOffsets& operator=(const ZoneOffsets&) = delete;
  ~ZoneOffsets();

  const std::string& name() const { return name_; }
  bool isUtc() const { return tz_ == nullptr; }

  // Seconds to add to UTC for the wall clock at `t`.
  int utcOffset(UtcTime t) const;
  CivilTime toLocal(UtcTime t) const;
  // The instant of a wall time; gaps and overlaps as RFC 5545 reads them (above).
  UtcTime toUtc(const CivilTime& local) const;
  // The same with the wall time as seconds since 1970-01-01 00:00 on this
  // zone's clock (fromCivil of it), for callers that count in days.
  UtcTime wallToUtc(long long wallSeconds) const;
  long long utcToWall(UtcTime t) const { return t.time_since_epoch().count() + utcOffset(t); }

 private:
  struct Transition {
    long long at;  // first second (UTC) with the new offset
    int before;
    int after;
  };
  struct Year {
    long long start = 0;  // 1 January 00:00:00Z, in seconds since 1970
    long long end = 0;    // the next year's start
    int startOffset = 0;  // at `start`
    std::vector<Transition> transitions;
  };
  static constexpr int kFirstYear = 1900;
  static constexpr int kLastYear = 2199;

  ZoneOffsets(std::string name, void* tz);
  // The table of a year, or of the UTC year holding an instant; nullptr
  // outside kFirstYear..kLastYear.
  const Year* year(int y) const;
  const Year* yearHolding(long long utcSeconds) const;
  Year buildYear(int y) const;
  int libicalOffset(long long utcSeconds) const;
  UtcTime libicalToUtc(const CivilTime& local) const;
  static int offsetIn(const Year& table, long long utcSeconds);
  int offsetAt(long long utcSeconds) const;

  std::string name_;
  void* tz_ = nullptr;  // icaltimezone*, owned by libical; nullptr = UTC
  // Filled once per year under buildMutex_, read without a lock.
  mutable std::array<std::atomic<const Year*>, kLastYear - kFirstYear + 1> years_;
  mutable std::mutex buildMutex_;
  mutable std::vector<std::unique_ptr<Year>> built_;
};

}  // namespace deskpane::sync
