#pragma once
// The demo site's regional time zone, Pacific (SharePoint zone 13), as the
// regional settings endpoint reports it: wall-clock times a user types in a
// form (validateupdatelistitem) are in this zone. US rules since 2007: summer
// time from the second Sunday of March 02:00 to the first Sunday of
// November 02:00.
#include <optional>
#include <string>

namespace deskpane::emu {

struct WallTime {
  int year, month, day, hour = 0, minute = 0, second = 0;
};

// UTC ISO ("2026-12-05T18:00:00Z") of a Pacific wall time; nullopt for a
// date that does not exist. A time in the spring gap reads with the offset
// before it, one in the autumn overlap is the first of the two.
std::optional<std::string> siteWallToUtcIso(const WallTime& t);

}  // namespace deskpane::emu
