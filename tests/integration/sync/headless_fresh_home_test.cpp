// `deskpane --sync` on a fresh home: the XDG folders are made (0700), and
// messages name the settings file once (issue 13 item 7).
#include "sync/headless_cli.h"
#include "sync/private_dirs.h"
#include "tests/support/child_process.h"
#include "tests/support/temp_dir.h"

#include <sys/stat.h>

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

namespace deskpane::test {
namespace {

int modeOf(const std::string& path) {
  struct stat st {};
  return ::stat(path.c_str(), &st) == 0 ? static_cast<int>(st.st_mode & 07777) : -1;
}

std::size_t occurrences(const std::string& text, const std::string& what) {
  std::size_t n = 0;
  for (auto at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

TEST(HeadlessFreshHome, SyncMakesTheDataFoldersPrivate) {
  EmulatorProcess emu;
  TempDir home;
  const auto settings = home.file("settings.ini");
  std::ofstream(settings) << "[site]\nurl=" << emu.siteUrl() << "\nauth=none\n[tasks]\nlist=Tasks\n";
  // $XDG_DATA_HOME/deskpane/cache.sqlite3 where neither folder exists yet.
  const auto data = home.file(".local/share");
  const auto cache = data + "/deskpane/cache.sqlite3";
  std::ostringstream out;
  EXPECT_EQ(sync::runSyncCommand(settings, cache, out), 0) << out.str();
  EXPECT_EQ(modeOf(data + "/deskpane"), 0700);
  EXPECT_EQ(modeOf(data), 0700);
  EXPECT_EQ(modeOf(home.file(".local")), 0700);
  EXPECT_EQ(modeOf(cache), 0600);
}

TEST(HeadlessFreshHome, AnExistingFolderKeepsItsMode) {
  TempDir home;
  const auto shared = home.file("shared");
  ASSERT_EQ(::mkdir(shared.c_str(), 0755), 0);
  ASSERT_EQ(::chmod(shared.c_str(), 0755), 0);
  ASSERT_TRUE(sync::makePrivateDirectories(shared + "/deskpane").ok());
  EXPECT_EQ(modeOf(shared), 0755);
  EXPECT_EQ(modeOf(shared + "/deskpane"), 0700);
  std::ofstream(home.file("file")) << "x";
  EXPECT_FALSE(sync::makePrivateDirectories(home.file("file") + "/deskpane").ok());
}

struct BadSettingsCase {
  const char* name;
  const char* text;  // "" = the file does not exist
};

class HeadlessMessages : public ::testing::TestWithParam<BadSettingsCase> {};

TEST_P(HeadlessMessages, NameTheFileOnce) {
  TempDir dir;
  const auto path = dir.file("settings.ini");
  if (*GetParam().text) std::ofstream(path) << GetParam().text;
  std::ostringstream out;
  EXPECT_EQ(sync::runSyncCommand(path, dir.file("cache.sqlite3"), out), 1);
  EXPECT_EQ(occurrences(out.str(), path), 1u) << out.str();
  EXPECT_LE(occurrences(out.str(), "line "), 1u) << out.str();
}

INSTANTIATE_TEST_SUITE_P(Cases, HeadlessMessages,
                         ::testing::Values(BadSettingsCase{"Missing", ""},
                                           BadSettingsCase{"BadValue", "[site]\nurl=http://x\nauth=telepathy\n"},
                                           BadSettingsCase{"BadSyntax", "[site\nurl=http://x\n"},
                                           BadSettingsCase{"NoSite", "[app]\nlocked=false\n"}),
                         [](const auto& info) { return std::string(info.param.name); });

}  // namespace
}  // namespace deskpane::test
