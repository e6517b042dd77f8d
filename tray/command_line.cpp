#include "tray/command_line.h"

#include <cstdlib>
#include <filesystem>
#include <stdexcept>

namespace deskpane::tray {

namespace {

std::string xdgDir(const char* var, const char* fallbackUnderHome) {
  if (const char* v = std::getenv(var); v && *v) return v;
  const char* home = std::getenv("HOME");
  return std::string(home ? home : "") + "/" + fallbackUnderHome;
}

std::optional<std::vector<sync::ListKind>> parsePaneList(const std::string& text, std::string& error) {
  std::vector<sync::ListKind> kinds;
  std::size_t start = 0;
  while (start <= text.size()) {
    const std::size_t comma = text.find(',', start);
    const std::string name = text.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
    if (!name.empty()) {
      const auto kind = sync::listKindFromKey(name);
      if (!kind) {
        error = "--show: unknown pane '" + name + "' (calendar, contacts, tasks, notes, inbox)";
        return std::nullopt;
      }
      kinds.push_back(*kind);
    }
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  return kinds;
}

}  // namespace

ParsedCommandLine parseCommandLine(const std::vector<std::string>& args) {
  ParsedCommandLine out;
  CommandLine& o = out.options;
  for (std::size_t i = 0; i < args.size(); ++i) {
    std::string arg = args[i];
    std::optional<std::string> inlineValue;
    if (arg.rfind("--", 0) == 0) {
      if (const auto eq = arg.find('='); eq != std::string::npos) {
        inlineValue = arg.substr(eq + 1);
        arg.erase(eq);
      }
    }
    // The value of an option: "--opt=value" or the next argument.
    auto value = [&]() -> std::optional<std::string> {
      if (inlineValue) return inlineValue;
      if (i + 1 < args.size()) return args[++i];
      out.error = arg + " needs a value";
      return std::nullopt;
    };
    auto flag = [&](bool& target) {
      if (inlineValue) {
        out.error = arg + " takes no value";
        return;
      }
      target = true;
    };
    if (arg == "--config") {
      if (auto v = value()) o.config = *v;
    } else if (arg == "--cache") {
      if (auto v = value()) o.cache = *v;
    } else if (arg == "--show") {
      if (auto v = value()) o.show = parsePaneList(*v, out.error);
    } else if (arg == "--agenda") {
      flag(o.agenda);
    } else if (arg == "--from") {
      if (auto v = value()) o.agendaFrom = *v;
    } else if (arg == "--days") {
      if (auto v = value()) {
        try {
          std::size_t used = 0;
          o.agendaDays = std::stoi(*v, &used);
          if (used != v->size() || o.agendaDays < 1) throw std::invalid_argument(*v);
        } catch (const std::exception&) {
          out.error = "--days wants a whole number of days of at least 1, not '" + *v + "'";
        }
      }
    } else if (arg == "--export-ics") {
      if (auto v = value()) o.exportIcs = *v;
    } else if (arg == "--export-vcf") {
      if (auto v = value()) o.exportVcf = *v;
    } else if (arg == "--test-clock") {
      if (auto v = value()) o.testClock = *v;
    } else if (arg == "--add" || arg == "--edit" || arg == "--delete") {
      if (inlineValue) {
        out.error = arg + " takes its pane and fields as separate arguments";
      } else if (o.editVerb) {
        out.error = "--" + *o.editVerb + " and " + arg + " cannot be combined";
      } else {
        o.editVerb = arg.substr(2);
        // Everything up to the next option: PANE, the id ("-3" is a local
        // id, not an option) and Field=Value pairs.
        while (i + 1 < args.size() && args[i + 1].rfind("--", 0) != 0) o.editArgs.push_back(args[++i]);
      }
    } else if (arg == "--sync") {
      flag(o.sync);
    } else if (arg == "--status") {
      flag(o.status);
    } else if (arg == "--version") {
      flag(o.version);
    } else if (arg == "--help" || arg == "-h") {
      flag(o.help);
    } else if (arg == "--autostart") {
      flag(o.autostart);
    } else if (arg == "--verbose" || arg == "-v") {
      flag(o.verbose);
    } else {
      out.error = "unknown argument '" + args[i] + "' (try --help)";
    }
    if (!out.error.empty()) return out;
  }
  if (o.config.empty()) o.config = defaultConfigPath();
  if (o.cache.empty()) o.cache = defaultCachePath();
  if (o.sync && o.status) out.error = "--sync and --status cannot be combined";
  if (o.editVerb && (o.sync || o.status || o.agenda || o.exportIcs || o.exportVcf || o.show) && out.error.empty())
    out.error = "--" + *o.editVerb + " cannot be combined with --sync, --status, --agenda, --export-* or --show";
  if (!o.agenda && (o.agendaFrom || o.agendaDays != 7) && out.error.empty())
    out.error = "--from and --days go with --agenda";
  return out;
}

std::string usageText() {
  return "usage: deskpane [options]\n"
         "  --config FILE   settings file (default $XDG_CONFIG_HOME/deskpane/settings.ini)\n"
         "  --cache FILE    cache database (default $XDG_DATA_HOME/deskpane/cache.sqlite3)\n"
         "  --show PANES    show these panes, a comma list: calendar,contacts,tasks,notes,inbox\n"
         "  --sync          no window: sync every bound list once and print a line per list\n"
         "  --status        no window: print each list's sync state\n"
         "  --agenda [--from YYYY-MM-DD] [--days N]\n"
         "                  no window: print the calendar's events from the cache, one per line\n"
         "                  (start, end, title; tab-separated), from today for 7 days by default\n"
         "  --export-ics FILE  no window: write the cached calendar to FILE as iCalendar\n"
         "  --export-vcf FILE  no window: write the cached contacts to FILE as vCard 4.0\n"
         "  --add PANE Field=Value...\n"
         "  --edit PANE ID Field=Value...\n"
         "  --delete PANE ID\n"
         "                  no window: add, change or delete an item of a pane's list (fields by\n"
         "                  their SharePoint internal names, dates in the desktop's zone), push\n"
         "                  it and re-sync that list; --add prints the new item's id. Offline\n"
         "                  the change stays queued. With deskpane running, it does the edit.\n"
         "  --verbose, -v   copy the log ($XDG_STATE_HOME/deskpane/deskpane.log) to stderr, debug lines too\n"
         "  --version       print the version\n"
         "  --help          print this help\n"
         "A second launch with the same settings file toggles the panes of the running\n"
         "deskpane and exits; another settings file starts a deskpane of its own.\n";
}

std::vector<std::string> autostartArguments(const CommandLine& options) {
  auto absolute = [](const std::string& path) {
    std::error_code ec;
    const auto p = std::filesystem::absolute(path, ec);
    return ec ? path : p.lexically_normal().string();
  };
  std::vector<std::string> args;
  if (const auto config = absolute(options.config); config != absolute(defaultConfigPath()))
    args.insert(args.end(), {"--config", config});
  if (const auto cache = absolute(options.cache); cache != absolute(defaultCachePath()))
    args.insert(args.end(), {"--cache", cache});
  return args;
}

std::string defaultConfigPath() { return xdgDir("XDG_CONFIG_HOME", ".config") + "/deskpane/settings.ini"; }
std::string defaultCachePath() { return xdgDir("XDG_DATA_HOME", ".local/share") + "/deskpane/cache.sqlite3"; }

}  // namespace deskpane::tray
