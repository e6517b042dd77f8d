// deskpane: SharePoint lists as desktop panes, from the tray.
#include "overlay/calendar/calendar_ics.h"
#include "overlay/contacts/contacts_vcard.h"
#include "platform/secret_store.h"
#include "sync/cli_edit.h"
#include "sync/headless_cli.h"
#include "sync/log.h"
#include "sync/process_memory.h"
#include "tray/app_clock.h"
#include "tray/app_config.h"
#include "tray/app_controller.h"
#include "tray/command_line.h"
#include "tray/locale_setup.h"
#include "tray/secret_token_vault.h"
#include "tray/single_instance.h"

#include <glib-unix.h>
#include <pplx/threadpool.h>
#include <gtk/gtk.h>
#include <wx/app.h>
#include <wx/image.h>

#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <memory>
#include <optional>
#include <string>

#include <unistd.h>

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

namespace {

// --add / --edit / --delete: checked here, before anything is opened, then
// done by the running instance of these settings if there is one (its engine
// is the only one pushing this cache's outbox), else headless.
int runEdit() {
  const auto verb = sync::editVerbFromKey(*gOptions.editVerb);
  const auto parsed = sync::parseEditArguments(*verb, gOptions.editArgs);
  if (!parsed.request) {
    std::fprintf(stderr, "deskpane: %s\n", parsed.message.c_str());
    return parsed.usage ? 64 : 1;  // EX_USAGE, as for the other options
  }
  // Past what a running instance reads, an edit is refused rather than done
  // headless: that would be a second engine pushing the same outbox.
  const auto line = sync::instanceEditLine(*parsed.request, kMaxInstanceRequest);
  if (!line) {
    std::fprintf(stderr, "deskpane: %s\n", line.error().message.c_str());
    return 1;
  }
  if (const auto answer = askRunningInstance(instanceSocketPath(gOptions.config), *line))
    return sync::reportInstanceAnswer(*parsed.request, *answer, std::cout);
  const auto load = loadConfig(gOptions.config);
  std::shared_ptr<sync::TokenVault> vault;
  if (load.config) vault = std::make_shared<SecretTokenVault>(platform::makeSecretStore(), load.config->siteUrl);
  return sync::runEditCommand(gOptions.config, gOptions.cache, *parsed.request, std::cout, vault);
}

}  // namespace

}  // namespace deskpane::tray

wxIMPLEMENT_APP_NO_MAIN(deskpane::tray::App);

int main(int argc, char** argv) {
  using namespace deskpane::tray;
  deskpane::sync::limitMallocArenas();  // before any thread: see process_memory.h
  setUpProcessLocale();                   // before any thread or wx: UTF-8 text, the user's language
  std::vector<std::string> args(argv + 1, argv + argc);
  const ParsedCommandLine parsed = parseCommandLine(args);
  if (!parsed.error.empty()) {
    std::fprintf(stderr, "deskpane: %s\n", parsed.error.c_str());
    return 64;  // EX_USAGE
  }
  gOptions = parsed.options;
  if (gOptions.help) {
    std::fputs(usageText().c_str(), stdout);
    return 0;
  }
  if (gOptions.version) {
    std::printf("deskpane %s\n", DESKPANE_VERSION);
    return 0;
  }
  // The log (README: $XDG_STATE_HOME/deskpane/deskpane.log); --verbose copies
  // it to stderr with the debug lines. A log that cannot be written is said
  // once and never stops the app.
  {
    deskpane::sync::LogOptions log;
    log.path = deskpane::sync::defaultLogPath();
    log.toStderr = gOptions.verbose;
    log.minLevel = gOptions.verbose ? deskpane::sync::LogLevel::Debug : deskpane::sync::LogLevel::Info;
    if (const std::string err = deskpane::sync::appLog().open(log); !err.empty())
      std::fprintf(stderr, "deskpane: no log file: %s\n", err.c_str());
    deskpane::sync::logInfo("app", std::string("deskpane ") + DESKPANE_VERSION + " pid " + std::to_string(getpid()) +
                                       (gOptions.sync ? " --sync" : gOptions.status ? " --status" : gOptions.editVerb ? " --" + *gOptions.editVerb : "") +
                                       ", settings " + gOptions.config + ", cache " + gOptions.cache);
  }
  if (gOptions.editVerb) return runEdit();
  if (gOptions.status) return deskpane::sync::runStatusCommand(gOptions.config, gOptions.cache, std::cout);
  if (gOptions.agenda)
    return deskpane::overlay::calendar::runAgendaCommand(gOptions.cache, gOptions.agendaFrom, gOptions.agendaDays,
                                                         std::cout, std::cerr);
  if (gOptions.exportIcs)
    return deskpane::overlay::calendar::runExportIcsCommand(gOptions.cache, *gOptions.exportIcs, std::cout, std::cerr);
  if (gOptions.exportVcf)
    return deskpane::overlay::contacts::runExportVcfCommand(gOptions.cache, *gOptions.exportVcf, std::cout, std::cerr);
  if (gOptions.sync) {
    // The refresh token of a device-code site lives in the keyring.
    const auto load = loadConfig(gOptions.config);
    std::shared_ptr<deskpane::sync::TokenVault> vault;
    if (load.config)
      vault = std::make_shared<SecretTokenVault>(deskpane::platform::makeSecretStore(), load.config->siteUrl);
    return deskpane::sync::runSyncCommand(gOptions.config, gOptions.cache, std::cout, vault);
  }
  const char* fake = std::getenv("DESKPANE_FAKE_NOW");
  if (gOptions.testClock || (fake && *fake)) {
    const std::string start = gOptions.testClock ? *gOptions.testClock : std::string(fake);
    auto clock = AppClock::startingAt(start);
    if (!clock) {
      std::fprintf(stderr, "deskpane: bad test clock '%s' (want YYYY-MM-DDTHH:MM:SS)\n", start.c_str());
      return 64;
    }
    gClock = *clock;
  }
  // One instance per settings file: a second launch with the same file toggles
  // (or shows) the first's panes; another file gets an instance of its own.
  std::string request = "toggle";
  if (gOptions.show) {
    request = "show ";
    for (std::size_t i = 0; i < gOptions.show->size(); ++i)
      request += (i ? "," : "") + std::string(deskpane::sync::listKindKey((*gOptions.show)[i]));
  }
  if (sendToRunningInstance(instanceSocketPath(gOptions.config), request)) {
    std::printf("deskpane: already running; sent '%s'\n", request.c_str());
    deskpane::sync::logInfo("app", "already running for these settings; sent '" + request + "'");
    return 0;
  }
  // Panes need X11 window hints (keep-below, sticky); on Wayland sessions run
  // through XWayland so they still apply (logged at start).
  gdk_set_allowed_backends("x11");
  // GTK 3.24 on X11 opens GLX at start-up only to rank visuals for GL, which
  // loads Mesa (llvmpipe: libLLVM, ~50 MB RSS, ~40 ms) into a process that
  // never draws with GL. The panes' RGBA visual does not need it. A user's
  // own GDK_GL setting wins.
  if (const char* gl = std::getenv("GDK_GL"); !gl || !*gl) setenv("GDK_GL", "disable", 1);
  std::signal(SIGPIPE, SIG_IGN);
  // cpprestsdk starts 40 I/O threads by default; one sync worker needs two.
  // Each idle thread costs stack and wake-ups (bench/app_bench.sh).
  crossplat::threadpool::initialize_with_threads(2);
  const int rc = wxEntry(argc, argv);
  return gExitCode ? *gExitCode : rc;
}
