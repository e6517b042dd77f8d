#pragma once
// What both of deskpane's programs do before any window: the log, the
// commands that run without one (--sync, --status, --add/--edit/--delete,
// --agenda, --export-ics, --export-vcf), the test clock, and the request a
// second launch hands the running instance. None of it may need a toolkit:
// the `deskpane` launcher links no wx, GTK or X11 (tray/program_paths.h).
#include "tray/app_clock.h"
#include "tray/command_line.h"

#include <optional>
#include <string>

namespace deskpane::tray {

// The log (README: $XDG_STATE_HOME/deskpane/deskpane.log), with the start
// line naming the version, PID and files; --verbose copies it to stderr with
// the debug lines. A log that cannot be written is said once on stderr and
// never stops the app.
void openAppLog(const CommandLine& options, const std::string& version);

// True when `options` name a command that runs without a window.
bool isHeadlessCommand(const CommandLine& options);
// Runs that command; its exit status.
int runHeadlessCommand(const CommandLine& options);

// The app's clock from --test-clock or $DESKPANE_FAKE_NOW (the real one
// without either); nullopt, with a message on stderr, if the time is malformed.
std::optional<AppClock> appClockFor(const CommandLine& options);

// What a launch asks a running instance of its settings for: "toggle", or
// "show calendar,tasks" for --show.
std::string instanceRequest(const CommandLine& options);
// Says on stdout and in the log that `request` went to the running instance.
void reportForwarded(const std::string& request);

// Everything a launch does before any window, the same in both programs:
// the command line (its errors, --help, --version), the headless commands,
// the test clock, and handing the request to a running instance of these
// settings. Returns the exit status when the launch ends there (the log
// opened where there was work to log); nullopt when the desktop app is to
// start, with `options` and `clock` filled in and the log not yet opened.
std::optional<int> startWithoutWindow(int argc, char** argv, const std::string& version, CommandLine& options,
                                      AppClock& clock);

}  // namespace deskpane::tray
