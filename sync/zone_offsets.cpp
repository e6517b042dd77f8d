#include "sync/zone_offsets.h"

#include <libical/ical.h>

#include <algorithm>
#include <map>

namespace deskpane::sync {

namespace {

constexpr long long kDay = 86400;
// Probe step when a year's table is built: a zone that changed its offset
// twice within 6 hours would be missed; no zone in the tz database does.
constexpr long long kProbeStep = 6 * 3600;
// Any transition that can bear on a wall time lies within this distance of
// it read as UTC: offsets stay within ±26 h.
constexpr long long kReach = 2 * kDay;

long long floorDiv(long long a, long long b) { return a / b - ((a % b != 0) && ((a < 0) != (b < 0))); }

long long secondsOf(UtcTime t) { return t.time_since_epoch().count(); }
UtcTime instant(long long s) { return UtcTime(std::chrono::seconds(s)); }

icaltimetype icalFields(const CivilTime& c) {
  icaltimetype t = icaltime_null_time();
  t.year = c.year;
  t.month = c.month;
  t.day = c.day;
  t.hour = c.hour;
  t.minute = c.minute;
  t.second = c.second;
  return t;
}

}  // namespace

ZoneOffsets::ZoneOffsets(std::string name, void* tz) : name_(std::move(name)), tz_(tz) {
  for (auto& y : years_) y.store(nullptr, std::memory_order_relaxed);
}

ZoneOffsets::~ZoneOffsets() = default;

const ZoneOffsets& ZoneOffsets::utc() {
  static const ZoneOffsets zone("UTC", nullptr);
  return zone;
}

const ZoneOffsets* ZoneOffsets::named(const std::string& iana) {
  if (iana.empty() || iana == "UTC" || iana == "Etc/UTC" || iana == "Z") return &utc();
  static std::mutex mutex;
  // Unknown names are kept too (as nullptr): libical's lookup is a linear
  // search of every zone name.
  static std::map<std::string, std::unique_ptr<ZoneOffsets>, std::less<>> zones;
  std::lock_guard<std::mutex> lock(mutex);
  auto it = zones.find(iana);
  if (it == zones.end()) {
    // Built-in zones are owned by libical for the life of the process.
    icaltimezone* tz = icaltimezone_get_builtin_timezone(iana.c_str());
    it = zones.emplace(iana, tz ? std::unique_ptr<ZoneOffsets>(new ZoneOffsets(iana, tz)) : nullptr).first;
  }
  return it->second.get();
}

int ZoneOffsets::libicalOffset(long long utcSeconds) const {
  icaltimetype t = icalFields(toCivil(instant(utcSeconds)));
  return icaltimezone_get_utc_offset_of_utc_time(static_cast<icaltimezone*>(tz_), &t, nullptr);
}

UtcTime ZoneOffsets::libicalToUtc(const CivilTime& local) const {
  return instant(static_cast<long long>(icaltime_as_timet_with_zone(icalFields(local), static_cast<icaltimezone*>(tz_))));
}

ZoneOffsets::Year ZoneOffsets::buildYear(int y) const {
  Year table;
  const long long start = secondsOf(fromCivil({y, 1, 1, 0, 0, 0}));
  const long long end = secondsOf(fromCivil({y + 1, 1, 1, 0, 0, 0}));
  table.start = start;
  table.end = end;
  int offset = libicalOffset(start);
  table.startOffset = offset;
  // A change at `end` itself is recorded here and is next year's startOffset.
  for (long long lo = start; lo < end;) {
    const long long hi = std::min(lo + kProbeStep, end);
    const int next = libicalOffset(hi);
    if (next != offset) {
      long long a = lo, b = hi;  // offset(a) == offset, offset(b) != offset
      while (b - a > 1) {
        const long long mid = a + (b - a) / 2;
        (libicalOffset(mid) == offset ? a : b) = mid;
      }
      table.transitions.push_back({b, offset, next});
      offset = next;
    }
    lo = hi;
  }
  return table;
}

const ZoneOffsets::Year* ZoneOffsets::year(int y) const {
  if (y < kFirstYear || y > kLastYear) return nullptr;
  auto& slot = years_[static_cast<std::size_t>(y - kFirstYear)];
  if (const Year* table = slot.load(std::memory_order_acquire)) return table;
  std::lock_guard<std::mutex> lock(buildMutex_);
  if (const Year* table = slot.load(std::memory_order_relaxed)) return table;
  built_.push_back(std::make_unique<Year>(buildYear(y)));
  slot.store(built_.back().get(), std::memory_order_release);
  return built_.back().get();
}

const ZoneOffsets::Year* ZoneOffsets::yearHolding(long long utcSeconds) const {
  // 146,097 days make 400 Gregorian years; the estimate is at most a year off.
  const long long days = floorDiv(utcSeconds, kDay);
  const auto estimate = static_cast<int>(std::clamp<long long>(1970 + floorDiv(days * 400, 146097), kFirstYear - 2, kLastYear + 2));
  for (const int y : {estimate, estimate - 1, estimate + 1}) {
    const Year* table = year(y);
    if (table && utcSeconds >= table->start && utcSeconds < table->end) return table;
  }
  return nullptr;
}

int ZoneOffsets::offsetIn(const Year& table, long long utcSeconds) {
  int offset = table.startOffset;
  for (const auto& t : table.transitions) {
    if (t.at > utcSeconds) break;
    offset = t.after;
  }
  return offset;
}

int ZoneOffsets::offsetAt(long long utcSeconds) const {
  if (!tz_) return 0;
  const Year* table = yearHolding(utcSeconds);
  return table ? offsetIn(*table, utcSeconds) : libicalOffset(utcSeconds);
}

int ZoneOffsets::utcOffset(UtcTime t) const { return offsetAt(secondsOf(t)); }

CivilTime ZoneOffsets::toLocal(UtcTime t) const { return toCivil(t + std::chrono::seconds(utcOffset(t))); }

UtcTime ZoneOffsets::toUtc(const CivilTime& local) const { return wallToUtc(secondsOf(fromCivil(local))); }

UtcTime ZoneOffsets::wallToUtc(long long w) const {
  if (!tz_) return instant(w);
  // No table (years outside kFirstYear..kLastYear): libical's own reading.
  const auto libicalToUtc = [this, w] { return this->libicalToUtc(toCivil(instant(w))); };
  const Year* here = yearHolding(w);
  if (!here) return libicalToUtc();
  // Usually no transition is near: the year's offset at w holds all around it.
  if (w - kReach >= here->start && w + kReach < here->end &&
      std::none_of(here->transitions.begin(), here->transitions.end(),
                   [w](const Transition& t) { return t.at >= w - kReach && t.at <= w + kReach; }))
    return instant(w - offsetIn(*here, w));
  const Year* before = yearHolding(w - kReach);
  const Year* after = yearHolding(w + kReach);
  if (!before || !after) return libicalToUtc();
  int candidates[8];
  int count = 0;
  candidates[count++] = offsetIn(*here, w);
  const Year* const tables[] = {before, here, after};  // in order: a repeat is its neighbour
  for (int i = 0; i < 3; ++i) {
    if (i > 0 && tables[i] == tables[i - 1]) continue;
    for (const auto& t : tables[i]->transitions) {
      if (t.at < w - kReach || t.at > w + kReach) continue;
      // RFC 5545 §3.3.5 reads a wall time in a transition's gap (clocks
      // forward, no instant shows it) with the offset before the gap, so it
      // lands as far past the gap's start as it lay past the old clock's
      // jump point (02:30 → 03:30 new time); one in an overlap (clocks back,
      // two instants show it) is the first of the two, which is also the one
      // with the offset before. One rule covers both.
      if (w >= t.at + std::min(t.before, t.after) && w < t.at + std::max(t.before, t.after))
        return instant(w - t.before);
      if (count + 2 <= 8) {
        candidates[count++] = t.before;
        candidates[count++] = t.after;
      }
    }
  }
  // Outside every gap and overlap exactly one offset maps back to this wall time.
  for (int i = 0; i < count; ++i)
    if (offsetAt(w - candidates[i]) == candidates[i]) return instant(w - candidates[i]);
  // Unreachable with the tz database's zones (no two changes within a gap's
  // width); the offset in force at w read as UTC is the nearest sane answer.
  return instant(w - candidates[0]);
}

}  // namespace deskpane::sync
