// deskpane: SharePoint lists as desktop panes, from the tray.
//
// This is the command users, scripts and the session run. It links no
// toolkit: the headless commands (--sync, --status, --add/--edit/--delete,
// --agenda, --export-ics, --export-vcf, --version, --help) run here without
// loading wxWidgets, GTK or X11, and a launch with a running instance of its
// settings hands that instance its request. Only a launch that starts the
// desktop app replaces itself with deskpane-gui (execv: same PID, same
// arguments and environment), found beside this program or in the package's
// private folder (tray/program_paths.h).
#include "overlay/i18n.h"
#include "sync/process_memory.h"
#include "tray/command_line.h"
#include "tray/locale_setup.h"
#include "tray/program_paths.h"
#include "tray/start_up.h"

#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <string>

namespace {

using namespace deskpane::tray;

// Replaces this process with the GUI program; returns only on failure, with
// the exit status to leave with.
int startGui(char** argv) {
  const std::string gui = findGuiProgram();
  if (gui.empty()) {
    std::string looked;
    for (const auto& c : guiProgramCandidates(selfPath())) looked += "\n  " + c;
    std::fprintf(stderr, "deskpane: ");
    std::fprintf(stderr, _("the desktop app (%s) is missing; looked in:%s"), kGuiProgramName, looked.c_str());
    std::fprintf(stderr, "\ndeskpane: %s\n",
                 _("reinstall deskpane; the headless commands (--sync, --status, ...) work without it"));
    return 127;  // as a shell says "command not found"
  }
  // argv[0] stays as the user typed it: GTK names the windows' class after
  // it, and ps shows the command line the user ran.
  execv(gui.c_str(), argv);
  std::fprintf(stderr, "deskpane: ");
  std::fprintf(stderr, _("cannot start %s: %s"), gui.c_str(), std::strerror(errno));
  std::fprintf(stderr, "\n");
  return 126;  // as a shell says for a file it cannot execute
}

}  // namespace

int main(int argc, char** argv) {
  deskpane::sync::limitMallocArenas();  // before any thread: see process_memory.h
  deskpane::sync::limitHttpThreads();   // as the desktop app: --sync runs the app's engine
  setUpProcessLocale();                   // before any thread: UTF-8 text, the user's language
  CommandLine options;
  AppClock clock;  // checked here; the desktop app reads it again
  if (const auto ended = startWithoutWindow(argc, argv, DESKPANE_VERSION, options, clock)) return *ended;
  std::fflush(nullptr);
  return startGui(argv);
}
