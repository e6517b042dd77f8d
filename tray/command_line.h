#pragma once
// deskpane's command line (DESIGN §4), parsed without wx so main() can handle
// the headless commands before any toolkit starts.
#include "sync/list_kind.h"

#include <optional>
#include <string>
#include <vector>

namespace deskpane::tray {

struct CommandLine {
  std::string config;  // empty = $XDG_CONFIG_HOME/deskpane/settings.ini
  std::string cache;   // empty = $XDG_DATA_HOME/deskpane/cache.sqlite3
  std::optional<std::vector<sync::ListKind>> show;  // --show: exactly these panes
  bool agenda = false;                     // --agenda: the calendar's occurrences as lines, no window
  std::optional<std::string> agendaFrom;   // --from YYYY-MM-DD (checked by the agenda command)
  int agendaDays = 7;                      // --days N
  std::optional<std::string> exportIcs;    // --export-ics FILE: the calendar as iCalendar, no window
  std::optional<std::string> exportVcf;  // --export-vcf FILE: the cached contacts as vCard 4.0, no window
  // --add / --edit / --delete and what followed it (PANE [ID] Field=Value…),
  // read and checked by sync/cli_edit.h.
  std::optional<std::string> editVerb;  // "add", "edit", "delete"
  std::vector<std::string> editArgs;
  bool sync = false;
  bool status = false;
  bool version = false;
  bool help = false;
  bool autostart = false;  // started by the session's autostart entry
  bool verbose = false;    // the log's lines (debug ones too) also on stderr
  // Hidden, for tests: the app's clock starts at this local time and runs on
  // from there ("2024-11-26T23:59:57"), so crossing midnight is testable.
  std::optional<std::string> testClock;
};

struct ParsedCommandLine {
  CommandLine options;
  std::string error;  // non-empty: a message naming the bad argument
};

ParsedCommandLine parseCommandLine(const std::vector<std::string>& args);

std::string usageText();

// The arguments the start-at-login entry passes so that the session starts
// this configuration: "--config FILE" and "--cache FILE" as absolute paths
// (a login shell's working folder is not the user's), each left out when it
// is the default.
std::vector<std::string> autostartArguments(const CommandLine& options);

// Defaults per DESIGN §6 from the XDG variables (and HOME).
std::string defaultConfigPath();
std::string defaultCachePath();

}  // namespace deskpane::tray
