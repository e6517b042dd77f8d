#include "tray/command_line.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>

namespace deskpane::tray {
namespace {

using sync::ListKind;

struct Case {
  std::vector<std::string> args;
  const char* error;  // substring of the expected error, or "" for none
};

TEST(CommandLine, AcceptsDesignOptionsAndNamesBadOnes) {
  const Case cases[] = {
      {{}, ""},
      {{"--config", "/a/s.ini", "--cache", "/b/c.db"}, ""},
      {{"--config=/a/s.ini"}, ""},
      {{"--show", "calendar,tasks"}, ""},
      {{"--show=Inbox"}, ""},
      {{"--sync"}, ""},
      {{"--status"}, ""},
      {{"--version"}, ""},
      {{"--help"}, ""},
      {{"--autostart"}, ""},
      {{"--verbose"}, ""},
      {{"-v"}, ""},
      {{"--verbose=1"}, "--verbose takes no value"},
      {{"--test-clock=2024-11-26T23:59:57"}, ""},
      {{"--config"}, "--config needs a value"},
      {{"--show", "calendar,todo"}, "unknown pane 'todo'"},
      {{"--sync=yes"}, "--sync takes no value"},
      {{"--sync", "--status"}, "cannot be combined"},
      {{"--frobnicate"}, "unknown argument '--frobnicate'"},
      {{"extra"}, "unknown argument 'extra'"},
  };
  for (const auto& c : cases) {
    const auto parsed = parseCommandLine(c.args);
    std::string joined;
    for (const auto& a : c.args) joined += a + " ";
    if (*c.error == '\0')
      EXPECT_EQ(parsed.error, "") << joined;
    else
      EXPECT_NE(parsed.error.find(c.error), std::string::npos) << joined << " -> " << parsed.error;
  }
}

TEST(CommandLine, ValuesLandInTheirFields) {
  auto p = parseCommandLine({"--config", "/a/s.ini", "--cache=/b/c.db", "--show", "calendar,,Tasks", "--sync"});
  ASSERT_EQ(p.error, "");
  EXPECT_EQ(p.options.config, "/a/s.ini");
  EXPECT_EQ(p.options.cache, "/b/c.db");
  ASSERT_TRUE(p.options.show);
  EXPECT_EQ(*p.options.show, (std::vector<ListKind>{ListKind::Calendar, ListKind::Tasks}));
  EXPECT_TRUE(p.options.sync);
  EXPECT_FALSE(p.options.status);
  // --show with nothing in it means "no panes", not "the saved ones".
  auto none = parseCommandLine({"--show="});
  ASSERT_TRUE(none.options.show);
  EXPECT_TRUE(none.options.show->empty());
}

// --add/--edit/--delete take what follows them up to the next option; the
// pane, id and fields are read by sync/cli_edit.h. "-3" is a local id, not
// an option.
TEST(CommandLine, EditsTakeTheirArgumentsUpToTheNextOption) {
  auto add = parseCommandLine({"--add", "tasks", "Title=Call Anna", "DueDate=2027-03-12", "--config", "/a/s.ini"});
  ASSERT_EQ(add.error, "");
  ASSERT_TRUE(add.options.editVerb);
  EXPECT_EQ(*add.options.editVerb, "add");
  EXPECT_EQ(add.options.editArgs, (std::vector<std::string>{"tasks", "Title=Call Anna", "DueDate=2027-03-12"}));
  EXPECT_EQ(add.options.config, "/a/s.ini");
  auto edit = parseCommandLine({"--cache", "/b/c.db", "--edit", "notes", "-3", "Title=x"});
  ASSERT_EQ(edit.error, "");
  EXPECT_EQ(*edit.options.editVerb, "edit");
  EXPECT_EQ(edit.options.editArgs, (std::vector<std::string>{"notes", "-3", "Title=x"}));
  auto del = parseCommandLine({"--delete", "notes", "4"});
  ASSERT_EQ(del.error, "");
  EXPECT_EQ(*del.options.editVerb, "delete");
  EXPECT_NE(parseCommandLine({"--add=tasks"}).error.find("separate arguments"), std::string::npos);
  EXPECT_NE(parseCommandLine({"--add", "tasks", "--delete", "tasks", "1"}).error.find("cannot be combined"),
            std::string::npos);
  EXPECT_NE(parseCommandLine({"--add", "tasks", "Title=x", "--sync"}).error.find("cannot be combined"),
            std::string::npos);
}

TEST(CommandLine, DefaultsFollowXdg) {
  setenv("XDG_CONFIG_HOME", "/x/config", 1);
  setenv("XDG_DATA_HOME", "/x/data", 1);
  auto p = parseCommandLine({});
  EXPECT_EQ(p.options.config, "/x/config/deskpane/settings.ini");
  EXPECT_EQ(p.options.cache, "/x/data/deskpane/cache.sqlite3");
  unsetenv("XDG_CONFIG_HOME");
  unsetenv("XDG_DATA_HOME");
  setenv("HOME", "/home/u", 1);
  p = parseCommandLine({});
  EXPECT_EQ(p.options.config, "/home/u/.config/deskpane/settings.ini");
  EXPECT_EQ(p.options.cache, "/home/u/.local/share/deskpane/cache.sqlite3");
}

// --agenda and --export-ics: the calendar's headless commands.
TEST(CommandLine, AgendaAndExportIcs) {
  struct Case {
    std::vector<std::string> args;
    bool agenda;
    std::optional<std::string> from;
    int days;
    std::optional<std::string> ics;
    std::string errorPart;  // "" = parses
  };
  const std::vector<Case> cases = {
      {{"--agenda"}, true, std::nullopt, 7, std::nullopt, ""},
      {{"--agenda", "--from", "2027-03-12", "--days", "3"}, true, std::string("2027-03-12"), 3, std::nullopt, ""},
      {{"--agenda", "--days=30"}, true, std::nullopt, 30, std::nullopt, ""},
      {{"--export-ics", "/tmp/cal.ics"}, false, std::nullopt, 7, std::string("/tmp/cal.ics"), ""},
      {{"--agenda", "--days", "0"}, true, std::nullopt, 7, std::nullopt, "--days"},
      {{"--agenda", "--days", "7x"}, true, std::nullopt, 7, std::nullopt, "--days"},
      {{"--from", "2027-03-12"}, false, std::string("2027-03-12"), 7, std::nullopt, "--agenda"},
      {{"--export-ics"}, false, std::nullopt, 7, std::nullopt, "needs a value"},
  };
  for (const auto& c : cases) {
    const auto p = parseCommandLine(c.args);
    const std::string joined = c.args.empty() ? "" : c.args[0] + " ...";
    if (!c.errorPart.empty()) {
      EXPECT_NE(p.error.find(c.errorPart), std::string::npos) << joined << ": " << p.error;
      continue;
    }
    EXPECT_EQ(p.error, "") << joined;
    EXPECT_EQ(p.options.agenda, c.agenda) << joined;
    EXPECT_EQ(p.options.agendaFrom, c.from) << joined;
    EXPECT_EQ(p.options.agendaDays, c.days) << joined;
    EXPECT_EQ(p.options.exportIcs, c.ics) << joined;
  }
}

// Start at login must start the configuration it was turned on from.
TEST(CommandLine, AutostartArgumentsNameTheConfigurationAbsolutely) {
  ::setenv("XDG_CONFIG_HOME", "/home/u/.config", 1);
  ::setenv("XDG_DATA_HOME", "/home/u/.local/share", 1);
  EXPECT_EQ(autostartArguments(parseCommandLine({}).options), std::vector<std::string>{});
  EXPECT_EQ(autostartArguments(parseCommandLine({"--config", "/home/u/.config/deskpane/settings.ini"}).options),
            std::vector<std::string>{});
  EXPECT_EQ(autostartArguments(parseCommandLine({"--config", "/srv/team/settings.ini"}).options),
            (std::vector<std::string>{"--config", "/srv/team/settings.ini"}));
  EXPECT_EQ(autostartArguments(parseCommandLine({"--config=/a/s.ini", "--cache", "/b/../c/cache.db"}).options),
            (std::vector<std::string>{"--config", "/a/s.ini", "--cache", "/c/cache.db"}));
  // Relative to where it was started, not to where the session starts it.
  const auto cwd = std::filesystem::current_path().string();
  EXPECT_EQ(autostartArguments(parseCommandLine({"--config", "team.ini"}).options),
            (std::vector<std::string>{"--config", cwd + "/team.ini"}));
}

}  // namespace
}  // namespace deskpane::tray
