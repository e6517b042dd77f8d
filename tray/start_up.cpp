#include "tray/start_up.h"

#include "overlay/calendar/calendar_ics.h"
#include "overlay/contacts/contacts_vcard.h"
#include "platform/secret_store.h"
#include "sync/cli_edit.h"
#include "sync/headless_cli.h"
#include "sync/log.h"
#include "tray/app_config.h"
#include "tray/secret_token_vault.h"
#include "tray/single_instance.h"

#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <memory>
#include <vector>

namespace deskpane::tray {

namespace {

// The refresh token of a device-code site lives in the keyring.
std::shared_ptr<sync::TokenVault> vaultFor(const std::string& configPath) {
  const auto load = loadConfig(configPath);
  if (!load.config) return nullptr;
  return std::make_shared<SecretTokenVault>(platform::makeSecretStore(), load.config->siteUrl);
}

// --add / --edit / --delete: checked here, before anything is opened, then
// done by the running instance of these settings if there is one (its engine
// is the only one pushing this cache's outbox), else headless.
int runEdit(const CommandLine& options) {
  const auto verb = sync::editVerbFromKey(*options.editVerb);
  const auto parsed = sync::parseEditArguments(*verb, options.editArgs);
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
  if (const auto answer = askRunningInstance(instanceSocketPath(options.config), *line))
    return sync::reportInstanceAnswer(*parsed.request, *answer, std::cout);
  return sync::runEditCommand(options.config, options.cache, *parsed.request, std::cout, vaultFor(options.config));
}

}  // namespace

void openAppLog(const CommandLine& options, const std::string& version) {
  sync::LogOptions log;
  log.path = sync::defaultLogPath();
  log.toStderr = options.verbose;
  log.minLevel = options.verbose ? sync::LogLevel::Debug : sync::LogLevel::Info;
  if (const std::string err = sync::appLog().open(log); !err.empty())
    std::fprintf(stderr, "deskpane: no log file: %s\n", err.c_str());
  sync::logInfo("app", "deskpane " + version + " pid " + std::to_string(getpid()) +
                           (options.sync       ? " --sync"
                            : options.status   ? " --status"
                            : options.editVerb ? " --" + *options.editVerb
                                               : "") +
                           ", settings " + options.config + ", cache " + options.cache);
}

bool isHeadlessCommand(const CommandLine& options) {
  return options.editVerb || options.status || options.agenda || options.exportIcs || options.exportVcf ||
         options.sync;
}

int runHeadlessCommand(const CommandLine& options) {
  if (options.editVerb) return runEdit(options);
  if (options.status) return sync::runStatusCommand(options.config, options.cache, std::cout);
  if (options.agenda)
    return overlay::calendar::runAgendaCommand(options.cache, options.agendaFrom, options.agendaDays, std::cout,
                                               std::cerr);
  if (options.exportIcs)
    return overlay::calendar::runExportIcsCommand(options.cache, *options.exportIcs, std::cout, std::cerr);
  if (options.exportVcf)
    return overlay::contacts::runExportVcfCommand(options.cache, *options.exportVcf, std::cout, std::cerr);
  if (options.sync) return sync::runSyncCommand(options.config, options.cache, std::cout, vaultFor(options.config));
  std::fprintf(stderr, "deskpane: no headless command given\n");
  return 64;
}

std::optional<AppClock> appClockFor(const CommandLine& options) {
  const char* fake = std::getenv("DESKPANE_FAKE_NOW");
  if (!options.testClock && !(fake && *fake)) return AppClock();
  const std::string start = options.testClock ? *options.testClock : std::string(fake);
  auto clock = AppClock::startingAt(start);
  if (!clock) std::fprintf(stderr, "deskpane: bad test clock '%s' (want YYYY-MM-DDTHH:MM:SS)\n", start.c_str());
  return clock;
}

std::string instanceRequest(const CommandLine& options) {
  if (!options.show) return "toggle";
  std::string request = "show ";
  for (std::size_t i = 0; i < options.show->size(); ++i)
    request += (i ? "," : "") + std::string(sync::listKindKey((*options.show)[i]));
  return request;
}

void reportForwarded(const std::string& request) {
  std::printf("deskpane: already running; sent '%s'\n", request.c_str());
  sync::logInfo("app", "already running for these settings; sent '" + request + "'");
}

std::optional<int> startWithoutWindow(int argc, char** argv, const std::string& version, CommandLine& options,
                                      AppClock& clock) {
  const std::vector<std::string> args(argv + 1, argv + argc);
  const ParsedCommandLine parsed = parseCommandLine(args);
  if (!parsed.error.empty()) {
    std::fprintf(stderr, "deskpane: %s\n", parsed.error.c_str());
    return 64;  // EX_USAGE
  }
  options = parsed.options;
  if (options.help) {
    std::fputs(usageText().c_str(), stdout);
    return 0;
  }
  if (options.version) {
    std::printf("deskpane %s\n", version.c_str());
    return 0;
  }
  if (isHeadlessCommand(options)) {
    openAppLog(options, version);
    return runHeadlessCommand(options);
  }
  // A malformed test clock is refused whether or not an instance runs.
  const auto fromOptions = appClockFor(options);
  if (!fromOptions) return 64;
  clock = *fromOptions;
  // One instance per settings file: a second launch with the same file
  // toggles (or shows) the first's panes, before any toolkit is loaded;
  // another file gets an instance of its own.
  const std::string request = instanceRequest(options);
  if (sendToRunningInstance(instanceSocketPath(options.config), request)) {
    openAppLog(options, version);
    reportForwarded(request);
    return 0;
  }
  return std::nullopt;
}

}  // namespace deskpane::tray
