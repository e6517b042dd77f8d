#pragma once
// What a pane's plain list shows, as data: one row per item (a title and the
// key date or field of the list's kind), the header's sync-state text and the
// tray tooltip's "next event". No toolkit here, so it is tested without a display.
#include "sync/engine.h"
#include "sync/item.h"
#include "sync/list_kind.h"

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace deskpane::overlay {

using Clock = std::chrono::system_clock;

struct PaneRow {
  std::int64_t id = 0;
  std::string title;
  std::string detail;      // the key date / field of the kind; may be empty
  bool emphasised = false; // overdue task, unread-style thread: drawn in the accent colour
  bool muted = false;      // completed task, past event
  bool pending = false;    // local change not yet on the server
  bool conflict = false;
};

// ISO-8601 UTC ("2024-01-05T09:00:00Z", fractional seconds allowed) → time.
std::optional<Clock::time_point> parseIsoUtc(const std::string& iso);

// Rows in display order: events by start, tasks open first by due date,
// contacts by name, notes and threads newest first; replies are left out.
// A recurring series is listed at its next occurrence, expanded by the
// Calendar pane's model (overlay/calendar/calendar_model.h): in the series'
// own zone (its TimeZone field, else the site's regional zone `siteZoneId`,
// a SharePoint id, 0 = unknown, else the desktop's), shown in the desktop's.
std::vector<PaneRow> paneRows(sync::ListKind kind, const std::vector<sync::Item>& items, Clock::time_point now,
                              int siteZoneId = 0);

// "Synced 10:42", "Syncing…", "Offline", "3 waiting", "Conflict", "1 change refused",
// "Sign-in needed", "Error".
std::string syncStateText(const sync::ListStatus& status);
// What a click on the state (or its tooltip) says more: for Offline a
// sentence that the user's changes are safe, then the library's own words
// ("Failed to connect to any resolved endpoint") on their own line; for the
// other states the engine's message as it is.
std::string syncStateDetail(const sync::ListStatus& status);

// The first event that has not ended yet: "Team meeting · Tue 09:00"; series
// as paneRows reads them.
std::optional<std::string> nextEventText(const std::vector<sync::Item>& events, Clock::time_point now,
                                         int siteZoneId = 0);

// HTML or multi-line text → its first line of plain text, for one-line details.
std::string firstLinePlain(const std::string& text);

}  // namespace deskpane::overlay
