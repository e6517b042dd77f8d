#include "sync/sp_time_zones.h"

#include <libical/ical.h>

#include <algorithm>
#include <array>
#include <ctime>
#include <iterator>
#include <map>
#include <mutex>
#include <vector>

namespace deskpane::sync {

namespace {

// Built from two published sources, not typed in from memory of a few zones:
// - the ids and display names of SharePoint's SPRegionalSettings.TimeZones
//   collection (Microsoft docs, "SPRegionalSettings.TimeZones property",
//   learn.microsoft.com/dotnet/api/microsoft.sharepoint.spregionalsettings.timezones),
//   each display name being that of a Windows time zone;
// - the Unicode CLDR mapping from Windows zone ids to IANA zones
//   (common/supplemental/windowsZones.xml, the territory="001" entry of each
//   Windows zone), names kept as CLDR spells them (libical resolves CLDR's
//   older spellings such as Asia/Calcutta through the system tzdata's links).
// Two SharePoint zones name Windows zones that CLDR no longer lists; they map
// to the zone that has their rules today: 30 "Mid-Atlantic" (UTC-2 with no
// DST since Windows dropped it) → Etc/GMT+2, and 92 "Petropavlovsk-Kamchatsky
// - Old" → Asia/Kamchatka. 7 "Minsk (old)" is E. Europe's former Minsk entry
// → Europe/Minsk, whose history holds that era. Sorted by id.
constexpr std::array<SharePointZone, 106> kZones{{
    {2, "GMT Standard Time", "Europe/London", "(UTC) Dublin, Edinburgh, Lisbon, London"},
    {3, "Romance Standard Time", "Europe/Paris", "(UTC+01:00) Brussels, Copenhagen, Madrid, Paris"},
    {4, "W. Europe Standard Time", "Europe/Berlin", "(UTC+01:00) Amsterdam, Berlin, Bern, Rome, Stockholm, Vienna"},
    {5, "GTB Standard Time", "Europe/Bucharest", "(UTC+02:00) Athens, Bucharest"},
    {6, "Central Europe Standard Time", "Europe/Budapest",
     "(UTC+01:00) Belgrade, Bratislava, Budapest, Ljubljana, Prague"},
    {7, "E. Europe Standard Time", "Europe/Minsk", "(UTC+02:00) Minsk (old)"},
    {8, "E. South America Standard Time", "America/Sao_Paulo", "(UTC-03:00) Brasilia"},
    {9, "Atlantic Standard Time", "America/Halifax", "(UTC-04:00) Atlantic Time (Canada)"},
    {10, "Eastern Standard Time", "America/New_York", "(UTC-05:00) Eastern Time (US and Canada)"},
    {11, "Central Standard Time", "America/Chicago", "(UTC-06:00) Central Time (US and Canada)"},
    {12, "Mountain Standard Time", "America/Denver", "(UTC-07:00) Mountain Time (US and Canada)"},
    {13, "Pacific Standard Time", "America/Los_Angeles", "(UTC-08:00) Pacific Time (US and Canada)"},
    {14, "Alaskan Standard Time", "America/Anchorage", "(UTC-09:00) Alaska"},
    {15, "Hawaiian Standard Time", "Pacific/Honolulu", "(UTC-10:00) Hawaii"},
    {16, "Samoa Standard Time", "Pacific/Apia", "(UTC+13:00) Samoa"},
    {17, "New Zealand Standard Time", "Pacific/Auckland", "(UTC+12:00) Auckland, Wellington"},
    {18, "E. Australia Standard Time", "Australia/Brisbane", "(UTC+10:00) Brisbane"},
    {19, "Cen. Australia Standard Time", "Australia/Adelaide", "(UTC+09:30) Adelaide"},
    {20, "Tokyo Standard Time", "Asia/Tokyo", "(UTC+09:00) Osaka, Sapporo, Tokyo"},
    {21, "Singapore Standard Time", "Asia/Singapore", "(UTC+08:00) Kuala Lumpur, Singapore"},
    {22, "SE Asia Standard Time", "Asia/Bangkok", "(UTC+07:00) Bangkok, Hanoi, Jakarta"},
    {23, "India Standard Time", "Asia/Calcutta", "(UTC+05:30) Chennai, Kolkata, Mumbai, New Delhi"},
    {24, "Arabian Standard Time", "Asia/Dubai", "(UTC+04:00) Abu Dhabi, Muscat"},
    {25, "Iran Standard Time", "Asia/Tehran", "(UTC+03:30) Tehran"},
    {26, "Arabic Standard Time", "Asia/Baghdad", "(UTC+03:00) Baghdad"},
    {27, "Israel Standard Time", "Asia/Jerusalem", "(UTC+02:00) Jerusalem"},
    {28, "Newfoundland Standard Time", "America/St_Johns", "(UTC-03:30) Newfoundland"},
    {29, "Azores Standard Time", "Atlantic/Azores", "(UTC-01:00) Azores"},
    {30, "Mid-Atlantic Standard Time", "Etc/GMT+2", "(UTC-02:00) Mid-Atlantic"},
    {31, "Greenwich Standard Time", "Atlantic/Reykjavik", "(UTC) Monrovia, Reykjavik"},
    {32, "SA Eastern Standard Time", "America/Cayenne", "(UTC-03:00) Cayenne, Fortaleza"},
    {33, "SA Western Standard Time", "America/La_Paz", "(UTC-04:00) Georgetown, La Paz, Manaus, San Juan"},
    {34, "US Eastern Standard Time", "America/Indianapolis", "(UTC-05:00) Indiana (East)"},
    {35, "SA Pacific Standard Time", "America/Bogota", "(UTC-05:00) Bogota, Lima, Quito"},
    {36, "Canada Central Standard Time", "America/Regina", "(UTC-06:00) Saskatchewan"},
    {37, "Central Standard Time (Mexico)", "America/Mexico_City", "(UTC-06:00) Guadalajara, Mexico City, Monterrey"},
    {38, "US Mountain Standard Time", "America/Phoenix", "(UTC-07:00) Arizona"},
    {39, "Dateline Standard Time", "Etc/GMT+12", "(UTC-12:00) International Date Line West"},
    {40, "Fiji Standard Time", "Pacific/Fiji", "(UTC+12:00) Fiji"},
    {41, "Central Pacific Standard Time", "Pacific/Guadalcanal", "(UTC+11:00) Solomon Is., New Caledonia"},
    {42, "Tasmania Standard Time", "Australia/Hobart", "(UTC+10:00) Hobart"},
    {43, "West Pacific Standard Time", "Pacific/Port_Moresby", "(UTC+10:00) Guam, Port Moresby"},
    {44, "AUS Central Standard Time", "Australia/Darwin", "(UTC+09:30) Darwin"},
    {45, "China Standard Time", "Asia/Shanghai", "(UTC+08:00) Beijing, Chongqing, Hong Kong, Urumqi"},
    {46, "N. Central Asia Standard Time", "Asia/Novosibirsk", "(UTC+07:00) Novosibirsk"},
    {47, "West Asia Standard Time", "Asia/Tashkent", "(UTC+05:00) Tashkent"},
    {48, "Afghanistan Standard Time", "Asia/Kabul", "(UTC+04:30) Kabul"},
    {49, "Egypt Standard Time", "Africa/Cairo", "(UTC+02:00) Cairo"},
    {50, "South Africa Standard Time", "Africa/Johannesburg", "(UTC+02:00) Harare, Pretoria"},
    {51, "Russian Standard Time", "Europe/Moscow", "(UTC+03:00) Moscow, St. Petersburg"},
    {53, "Cape Verde Standard Time", "Atlantic/Cape_Verde", "(UTC-01:00) Cabo Verde Is."},
    {54, "Azerbaijan Standard Time", "Asia/Baku", "(UTC+04:00) Baku"},
    {55, "Central America Standard Time", "America/Guatemala", "(UTC-06:00) Central America"},
    {56, "E. Africa Standard Time", "Africa/Nairobi", "(UTC+03:00) Nairobi"},
    {57, "Central European Standard Time", "Europe/Warsaw", "(UTC+01:00) Sarajevo, Skopje, Warsaw, Zagreb"},
    {58, "Ekaterinburg Standard Time", "Asia/Yekaterinburg", "(UTC+05:00) Ekaterinburg"},
    {59, "FLE Standard Time", "Europe/Kiev", "(UTC+02:00) Helsinki, Kyiv, Riga, Sofia, Tallinn, Vilnius"},
    {60, "Greenland Standard Time", "America/Godthab", "(UTC-03:00) Greenland"},
    {61, "Myanmar Standard Time", "Asia/Rangoon", "(UTC+06:30) Yangon (Rangoon)"},
    {62, "Nepal Standard Time", "Asia/Katmandu", "(UTC+05:45) Kathmandu"},
    {63, "North Asia East Standard Time", "Asia/Irkutsk", "(UTC+08:00) Irkutsk"},
    {64, "North Asia Standard Time", "Asia/Krasnoyarsk", "(UTC+07:00) Krasnoyarsk"},
    {65, "Pacific SA Standard Time", "America/Santiago", "(UTC-04:00) Santiago"},
    {66, "Sri Lanka Standard Time", "Asia/Colombo", "(UTC+05:30) Sri Jayawardenepura"},
    {67, "Tonga Standard Time", "Pacific/Tongatapu", "(UTC+13:00) Nuku'alofa"},
    {68, "Vladivostok Standard Time", "Asia/Vladivostok", "(UTC+10:00) Vladivostok"},
    {69, "W. Central Africa Standard Time", "Africa/Lagos", "(UTC+01:00) West Central Africa"},
    {70, "Yakutsk Standard Time", "Asia/Yakutsk", "(UTC+09:00) Yakutsk"},
    {71, "Central Asia Standard Time", "Asia/Almaty", "(UTC+06:00) Astana"},
    {72, "Korea Standard Time", "Asia/Seoul", "(UTC+09:00) Seoul"},
    {73, "W. Australia Standard Time", "Australia/Perth", "(UTC+08:00) Perth"},
    {74, "Arab Standard Time", "Asia/Riyadh", "(UTC+03:00) Kuwait, Riyadh"},
    {75, "Taipei Standard Time", "Asia/Taipei", "(UTC+08:00) Taipei"},
    {76, "AUS Eastern Standard Time", "Australia/Sydney", "(UTC+10:00) Canberra, Melbourne, Sydney"},
    {77, "Mountain Standard Time (Mexico)", "America/Chihuahua", "(UTC-07:00) Chihuahua, La Paz, Mazatlan"},
    {78, "Pacific Standard Time (Mexico)", "America/Tijuana", "(UTC-08:00) Baja California"},
    {79, "Jordan Standard Time", "Asia/Amman", "(UTC+02:00) Amman"},
    {80, "Middle East Standard Time", "Asia/Beirut", "(UTC+02:00) Beirut"},
    {81, "Central Brazilian Standard Time", "America/Cuiaba", "(UTC-04:00) Cuiaba"},
    {82, "Georgian Standard Time", "Asia/Tbilisi", "(UTC+04:00) Tbilisi"},
    {83, "Namibia Standard Time", "Africa/Windhoek", "(UTC+01:00) Windhoek"},
    {84, "Caucasus Standard Time", "Asia/Yerevan", "(UTC+04:00) Yerevan"},
    {85, "Argentina Standard Time", "America/Buenos_Aires", "(UTC-03:00) Buenos Aires"},
    {86, "Morocco Standard Time", "Africa/Casablanca", "(UTC) Casablanca"},
    {87, "Pakistan Standard Time", "Asia/Karachi", "(UTC+05:00) Islamabad, Karachi"},
    {88, "Venezuela Standard Time", "America/Caracas", "(UTC-04:30) Caracas"},
    {89, "Mauritius Standard Time", "Indian/Mauritius", "(UTC+04:00) Port Louis"},
    {90, "Montevideo Standard Time", "America/Montevideo", "(UTC-03:00) Montevideo"},
    {91, "Paraguay Standard Time", "America/Asuncion", "(UTC-04:00) Asuncion"},
    {92, "Kamchatka Standard Time", "Asia/Kamchatka", "(UTC+12:00) Petropavlovsk-Kamchatsky - Old"},
    {93, "UTC", "Etc/UTC", "(UTC) Coordinated Universal Time"},
    {94, "Ulaanbaatar Standard Time", "Asia/Ulaanbaatar", "(UTC+08:00) Ulaanbaatar"},
    {95, "UTC-11", "Etc/GMT+11", "(UTC-11:00) Coordinated Universal Time-11"},
    {96, "UTC-02", "Etc/GMT+2", "(UTC-02:00) Coordinated Universal Time-02"},
    {97, "UTC+12", "Etc/GMT-12", "(UTC+12:00) Coordinated Universal Time+12"},
    {98, "Syria Standard Time", "Asia/Damascus", "(UTC+02:00) Damascus"},
    {99, "Magadan Standard Time", "Asia/Magadan", "(UTC+10:00) Magadan"},
    {100, "Kaliningrad Standard Time", "Europe/Kaliningrad", "(UTC+02:00) Kaliningrad"},
    {101, "Turkey Standard Time", "Europe/Istanbul", "(UTC+02:00) Istanbul"},
    {102, "Bangladesh Standard Time", "Asia/Dhaka", "(UTC+06:00) Dhaka"},
    {103, "Bahia Standard Time", "America/Bahia", "(UTC-03:00) Salvador"},
    {104, "E. Europe Standard Time", "Europe/Chisinau", "(UTC+02:00) E. Europe"},
    {106, "Russia Time Zone 3", "Europe/Samara", "(UTC+04:00) Izhevsk, Samara"},
    {107, "Russia Time Zone 10", "Asia/Srednekolymsk", "(UTC+11:00) Chokurdakh"},
    {108, "Russia Time Zone 11", "Asia/Kamchatka", "(UTC+12:00) Anadyr, Petropavlovsk-Kamchatsky"},
    {109, "Belarus Standard Time", "Europe/Minsk", "(UTC+03:00) Minsk"},
}};

// UTC offset (seconds) of `zone` at `t`; libical's built-in zones come from
// the system's zoneinfo and live as long as the process.
// The superseded entries (7, 30, 92) share their IANA zone with a current
// one; a zone name maps back to the current entry.
bool isLegacy(int id) { return id == 7 || id == 30 || id == 92; }

int offsetAt(icaltimezone* zone, std::time_t t) {
  icaltimetype utc = icaltime_from_timet_with_zone(t, 0, icaltimezone_get_utc_timezone());
  int isDaylight = 0;
  return icaltimezone_get_utc_offset_of_utc_time(zone, &utc, &isDaylight);
}

// Offsets on the 1st and 15th of every month of 2020-2027 at 12:00Z: enough
// to tell apart zones whose DST rules or dates differ in recent years.
std::vector<int> offsetSignature(icaltimezone* zone) {
  std::vector<int> out;
  for (int year = 2020; year <= 2027; ++year)
    for (int month = 1; month <= 12; ++month)
      for (int day : {1, 15}) {
        std::tm tm{};
        tm.tm_year = year - 1900;
        tm.tm_mon = month - 1;
        tm.tm_mday = day;
        tm.tm_hour = 12;
        out.push_back(offsetAt(zone, timegm(&tm)));
      }
  return out;
}

}  // namespace

const SharePointZone* sharePointZone(int id) {
  const auto it = std::lower_bound(kZones.begin(), kZones.end(), id,
                                   [](const SharePointZone& z, int want) { return z.id < want; });
  return it != kZones.end() && it->id == id ? &*it : nullptr;
}

std::optional<int> sharePointZoneIdFor(const std::string& iana) {
  const std::string name = iana == "UTC" || iana == "Etc/UTC" || iana == "Z" || iana.empty() ? "Etc/UTC" : iana;
  for (const auto& z : kZones)
    if (z.iana == name && !isLegacy(z.id)) return z.id;
  // Answers are cached: the signature walk costs ~200 offset look-ups a zone.
  static std::mutex mutex;
  static std::map<std::string, std::optional<int>> cache;
  std::lock_guard<std::mutex> lock(mutex);
  if (const auto hit = cache.find(name); hit != cache.end()) return hit->second;
  std::optional<int> found;
  if (icaltimezone* zone = icaltimezone_get_builtin_timezone(name.c_str())) {
    const auto wanted = offsetSignature(zone);
    for (const auto& z : kZones) {
      if (isLegacy(z.id)) continue;
      icaltimezone* candidate = icaltimezone_get_builtin_timezone(std::string(z.iana).c_str());
      if (candidate && offsetSignature(candidate) == wanted) {
        found = z.id;
        break;
      }
    }
  }
  cache[name] = found;
  return found;
}

const SharePointZone* sharePointZonesBegin() { return kZones.data(); }
const SharePointZone* sharePointZonesEnd() { return kZones.data() + kZones.size(); }

}  // namespace deskpane::sync
