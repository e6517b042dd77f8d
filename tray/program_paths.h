#pragma once
// deskpane is two programs: `deskpane`, the command users and scripts run,
// links no toolkit and does the headless commands itself; for the desktop app
// it replaces itself (execv, same PID) with `deskpane-gui`, which lives beside
// it in a build tree and in the package's private folder once installed
// (libexec/deskpane/). These functions find one program from the other.
#include <functional>
#include <string>
#include <vector>

namespace deskpane::tray {

inline constexpr const char* kLauncherName = "deskpane";
inline constexpr const char* kGuiProgramName = "deskpane-gui";

// Where `deskpane-gui` may be, best first, for the launcher at
// `launcherPath`: beside it, then the install layout relative to it (so any
// prefix works, /usr or /usr/local or a staging folder), then the configured
// install folder.
std::vector<std::string> guiProgramCandidates(const std::string& launcherPath);
// Where `deskpane` may be for the GUI program at `guiPath`: beside it, then
// the install layout relative to it, then the configured bin folder.
std::vector<std::string> launcherCandidates(const std::string& guiPath);

// The first candidate `isProgram` accepts; "" if none does.
std::string firstProgram(const std::vector<std::string>& candidates,
                         const std::function<bool(const std::string&)>& isProgram);
// A regular file this user may execute.
bool isExecutableFile(const std::string& path);

// This process's executable (/proc/self/exe), "" if unreadable.
std::string selfPath();
// The GUI program for this launcher, "" if it is not where it should be.
std::string findGuiProgram();
// The `deskpane` command this process belongs to: itself when it is the
// launcher, else the launcher beside or above the GUI program, else (a GUI
// program copied somewhere alone) the process's own executable. The
// start-at-login entry runs it, and the demo emulator is beside it.
std::string launcherPath();

}  // namespace deskpane::tray
