// deskpane-gui: the desktop app (tray icon, panes, settings dialog). The
// `deskpane` command (tray/main.cpp) replaces itself with this program for
// everything but the headless commands, keeping its PID and arguments.
// Started directly, it does the whole of deskpane's command line itself.
#include "sync/process_memory.h"
#include "tray/app_clock.h"
#include "tray/app_controller.h"
#include "tray/command_line.h"
#include "tray/locale_setup.h"
#include "tray/program_paths.h"
#include "tray/single_instance.h"
#include "tray/start_up.h"
#include "tray/wx_translations.h"

#include <glib-unix.h>
#include <gtk/gtk.h>
#include <wx/app.h>
#include <wx/image.h>

#include <sys/prctl.h>

#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <optional>
#include <string>

namespace deskpane::tray {

namespace {
CommandLine gOptions;
AppClock gClock;
// Set when OnInit decides the exit status itself (wxEntry would say "failed").
std::optional<int> gExitCode;
}  // namespace

class App : public wxApp {
 public:
  bool OnInit() override {
    wxInitAllImageHandlers();  // PNG for the SNI icon file
    setUpWxTranslations();
    std::string error;
    instance_ = InstanceServer::listen(instanceSocketPath(gOptions.config), error);
    if (!instance_) {
      // Lost a start-up race with another instance: hand it our request instead.
      std::printf("deskpane: %s\n", error.c_str());
      gExitCode = sendToRunningInstance(instanceSocketPath(gOptions.config), "toggle") ? 0 : 1;
      return false;
    }
    controller_ = std::make_unique<AppController>(gOptions, gClock);
    instance_->watch([this](const std::string& request) { return controller_->handleRequest(request); });
    // SIGTERM / SIGINT / SIGHUP (session end) quit like the menu: geometry
    // saved, engine stopped. g_unix_signal_add runs the handler on the main loop.
    for (int sig : {SIGTERM, SIGINT, SIGHUP})
      g_unix_signal_add(sig, [](gpointer self) -> gboolean {
        static_cast<App*>(self)->controller_->quit();
        return G_SOURCE_REMOVE;
      }, this);
    if (!controller_->start()) {
      gExitCode = controller_->exitCode();
      return false;
    }
    return true;
  }
  int OnExit() override {
    controller_.reset();
    instance_.reset();
    return wxApp::OnExit();
  }

 private:
  std::unique_ptr<InstanceServer> instance_;
  std::unique_ptr<AppController> controller_;
};

}  // namespace deskpane::tray

wxIMPLEMENT_APP_NO_MAIN(deskpane::tray::App);

int main(int argc, char** argv) {
  using namespace deskpane::tray;
  // To the user this process is deskpane, started as `deskpane`: pgrep, ps
  // and top show that name, not this program's file name. (The window
  // class comes from argv[0], which the launcher passes on unchanged.)
  prctl(PR_SET_NAME, kLauncherName, 0, 0, 0);
  deskpane::sync::limitMallocArenas();  // before any thread: see process_memory.h
  deskpane::sync::limitHttpThreads();   // before any request: see process_memory.h
  setUpProcessLocale();                   // before any thread or wx: UTF-8 text, the user's language
  // Started by the launcher, this repeats its checks (one connect to a
  // socket nobody listens on); started directly, it is all of them.
  if (const auto ended = startWithoutWindow(argc, argv, DESKPANE_VERSION, gOptions, gClock)) return *ended;
  openAppLog(gOptions, DESKPANE_VERSION);
  // Panes need X11 window hints (keep-below, sticky); on Wayland sessions run
  // through XWayland so they still apply (logged at start).
  gdk_set_allowed_backends("x11");
  // GTK 3.24 on X11 opens GLX at start-up only to rank visuals for GL, which
  // loads Mesa (llvmpipe: libLLVM, ~50 MB RSS, ~40 ms) into a process that
  // never draws with GL. The panes' RGBA visual does not need it. A user's
  // own GDK_GL setting wins.
  if (const char* gl = std::getenv("GDK_GL"); !gl || !*gl) setenv("GDK_GL", "disable", 1);
  std::signal(SIGPIPE, SIG_IGN);
  const int rc = wxEntry(argc, argv);
  return gExitCode ? *gExitCode : rc;
}
