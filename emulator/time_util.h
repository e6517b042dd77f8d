#pragma once
// UTC time in the forms SharePoint uses: ISO "yyyy-MM-ddTHH:mm:ssZ" and .NET
// ticks (100 ns since 0001-01-01, the third part of a change token).
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace deskpane::emu {

using Clock = std::chrono::system_clock;

std::string isoUtc(Clock::time_point t);
std::string nowIso();
std::int64_t ticksFromTimePoint(Clock::time_point t);
Clock::time_point timePointFromTicks(std::int64_t ticks);
std::int64_t nowTicks();
// Accepts "2024-01-05T09:00:00Z", ".000Z", no zone (taken as UTC), "+01:00"
// offsets and a bare date; returns the normalised UTC ISO form.
std::optional<std::string> normaliseIso(std::string_view in);
std::optional<Clock::time_point> parseIso(std::string_view in);
// "Wed, 25 Nov 2026 04:51:54" style for the digest suffix.
std::string digestDate(Clock::time_point t);

}  // namespace deskpane::emu
