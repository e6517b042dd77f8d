#pragma once
// The desktop's time zone, which calendar occurrences are shown in. (Where
// a series goes next is the calendar model's: overlay/calendar/calendar_model.h,
// used by the Calendar pane, the plain event list and the tray tooltip alike.)
#include <string>

namespace deskpane::sync {

// This machine's IANA zone name: $TZ (":Europe/Berlin" or "Europe/Berlin"),
// else the /etc/localtime link; "UTC" when neither names one.
std::string systemTimeZone();

}  // namespace deskpane::sync
