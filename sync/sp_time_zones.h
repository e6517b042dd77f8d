#pragma once
// SharePoint time zone ids (the site's regional zone, an event's hidden
// TimeZone field) ↔ IANA zone names, which the recurrence code and libical use.
// The table in sp_time_zones.cpp is data from two published sources; see there.
#include <optional>
#include <string>
#include <string_view>

namespace deskpane::sync {

struct SharePointZone {
  int id = 0;                      // SPTimeZone id (13 = Pacific Time (US and Canada))
  std::string_view windowsName;    // Windows zone id ("Pacific Standard Time")
  std::string_view iana;           // CLDR windowsZones.xml's territory "001" zone ("America/Los_Angeles")
  std::string_view description;    // SharePoint's display name, for logs and the editor
};

// The zone of a SharePoint id, or nullptr for an id the table does not know
// (0 = none set).
const SharePointZone* sharePointZone(int id);

// The SharePoint id for an IANA name: the zone the table names for it, else the
// first SharePoint zone whose UTC offsets agree with it at every sample
// instant of 2020-2027 (so "Europe/Amsterdam" finds 3, Paris, whose rules it
// shares, and "Asia/Kolkata" finds 23 although CLDR spells it "Asia/Calcutta"). nullopt for
// an unknown name or one no SharePoint zone matches.
std::optional<int> sharePointZoneIdFor(const std::string& iana);

// Every zone of the table, in id order (tests check each resolves).
const SharePointZone* sharePointZonesBegin();
const SharePointZone* sharePointZonesEnd();

}  // namespace deskpane::sync
