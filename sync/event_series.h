#pragma once
// A calendar list's cached items (singles, series masters, changed and deleted
// occurrences) read as series: where each series goes next. The pane's list
// and the tray tooltip show a weekly meeting by its next occurrence, not by
// the date the series began.
#include "sync/item.h"
#include "sync/recurrence_time.h"

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace deskpane::sync {

struct NextOccurrence {
  UtcTime start{};
  UtcTime end{};
};

// For each series master among `events` (EventType 1, or fRecurrence on a
// plain item), its first occurrence that has not ended at `now`, looking
// ahead `horizonDays`. Deleted occurrences are skipped; a moved occurrence is
// left to its own exception item (which is an event of its own). Masters with
// no occurrence left in the horizon, or whose RecurrenceData does not parse,
// have no entry. Timed series expand in `timeZone` (IANA; "" = UTC).
std::map<std::int64_t, NextOccurrence> nextOccurrences(const std::vector<Item>& events, UtcTime now,
                                                      const std::string& timeZone, int horizonDays = 400);

// This machine's IANA zone name: $TZ (":Europe/Berlin" or "Europe/Berlin"),
// else the /etc/localtime link; "UTC" when neither names one.
std::string systemTimeZone();

}  // namespace deskpane::sync
