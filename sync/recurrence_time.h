#pragma once
// UTC instants as SharePoint puts them on the wire ("2026-03-02T08:00:00Z"),
// for the recurrence code and its callers. Whole seconds: SharePoint drops
// fractions, and occurrence matching (RecurrenceID) compares exact instants.
#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace deskpane::sync {

using UtcTime = std::chrono::time_point<std::chrono::system_clock, std::chrono::seconds>;

// Accepts "YYYY-MM-DDTHH:MM:SS" with optional ".fff" and an optional "Z" or
// "+HH:MM"/"-HH:MM" offset (no suffix = UTC, as SharePoint's REST never sends
// local times). Returns nullopt on anything else, including out-of-range fields.
std::optional<UtcTime> parseUtcTime(std::string_view text);
// "YYYY-MM-DDTHH:MM:SSZ".
std::string formatUtcTime(UtcTime t);

// Calendar fields of a UTC instant, and back; the proleptic Gregorian
// calendar without any dependency on the process's TZ.
struct CivilTime {
  int year = 1970, month = 1, day = 1, hour = 0, minute = 0, second = 0;
};
CivilTime toCivil(UtcTime t);
UtcTime fromCivil(const CivilTime& c);
int daysInMonth(int year, int month);

}  // namespace deskpane::sync
