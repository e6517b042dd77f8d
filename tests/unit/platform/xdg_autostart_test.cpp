#include "platform/linux/xdg_autostart.h"
#include "tests/support/temp_dir.h"
#include "tests/support/files.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <sstream>

namespace deskpane::platform {
namespace {

using deskpane::test::readFile;

TEST(XdgAutostart, EnableWritesAValidEntryAndDisableRemovesIt) {
  test::TempDir dir;
  XdgAutostart autostart(dir.path());
  EXPECT_FALSE(autostart.isEnabled());
  ASSERT_EQ(autostart.enable("/opt/desk pane/bin/deskpane", {}), "");
  EXPECT_TRUE(autostart.isEnabled());
  EXPECT_EQ(autostart.entryPath(), dir.path() + "/autostart/deskpane.desktop");
  const auto text = readFile(autostart.entryPath());
  EXPECT_NE(text.find("Exec=\"/opt/desk pane/bin/deskpane\" --autostart\n"), std::string::npos) << text;
  // desktop-file-validate is the judge of the format, when it is installed.
  if (std::system("command -v desktop-file-validate >/dev/null 2>&1") == 0) {
    EXPECT_EQ(std::system(("desktop-file-validate '" + autostart.entryPath() + "'").c_str()), 0);
  }
  ASSERT_EQ(autostart.disable(), "");
  EXPECT_FALSE(autostart.isEnabled());
}

struct QuoteCase {
  const char* path;
  const char* exec;
};

class ExecQuoting : public ::testing::TestWithParam<QuoteCase> {};

TEST_P(ExecQuoting, EscapesReservedCharacters) {
  const auto text = XdgAutostart::entryText(GetParam().path);
  EXPECT_NE(text.find(std::string("Exec=") + GetParam().exec + " --autostart"), std::string::npos) << text;
}

INSTANTIATE_TEST_SUITE_P(Paths, ExecQuoting,
                         ::testing::Values(QuoteCase{"/usr/bin/deskpane", "\"/usr/bin/deskpane\""},
                                           QuoteCase{"/tmp/100%/deskpane", "\"/tmp/100%%/deskpane\""},
                                           // The quoting rule's backslash, itself escaped for the
                                           // string rule that is applied first.
                                           QuoteCase{"/tmp/a$b/deskpane", "\"/tmp/a\\\\$b/deskpane\""},
                                           QuoteCase{"/tmp/q\"t/deskpane", "\"/tmp/q\\\\\"t/deskpane\""},
                                           QuoteCase{"/tmp/b\\s/deskpane", "\"/tmp/b\\\\\\\\s/deskpane\""}));

// Start at login starts the configuration it was turned on from: the entry
// carries the --config and --cache it was given.
TEST(XdgAutostart, EntryCarriesTheConfigurationArguments) {
  test::TempDir dir;
  XdgAutostart autostart(dir.path());
  ASSERT_EQ(autostart.enable("/usr/bin/deskpane",
                             {"--config", "/home/u/work config/settings.ini", "--cache", "/home/u/100%/cache.sqlite3"}),
            "");
  const auto text = readFile(autostart.entryPath());
  EXPECT_NE(text.find("Exec=\"/usr/bin/deskpane\" --autostart \"--config\" \"/home/u/work config/settings.ini\" "
                      "\"--cache\" \"/home/u/100%%/cache.sqlite3\"\n"),
            std::string::npos)
      << text;
  if (std::system("command -v desktop-file-validate >/dev/null 2>&1") == 0) {
    EXPECT_EQ(std::system(("desktop-file-validate '" + autostart.entryPath() + "'").c_str()), 0);
  }
}

TEST(XdgAutostart, EnableFailsWithAMessageWhenTheFolderCannotBeMade) {
  test::TempDir dir;
  std::ofstream(dir.file("autostart")) << "a file where the folder should be";
  XdgAutostart autostart(dir.path());
  EXPECT_NE(autostart.enable("/usr/bin/deskpane", {}), "");
  EXPECT_FALSE(autostart.isEnabled());
}

}  // namespace
}  // namespace deskpane::platform
