// `deskpane --sync` / `--status` as functions: one line per bound list, exit codes.
#include "sync/headless_cli.h"
#include "tests/support/child_process.h"
#include "tests/support/temp_dir.h"

#include <gtest/gtest.h>

#include <fstream>
#include <regex>
#include <sstream>

namespace deskpane::test {
namespace {

void writeSettings(const std::string& path, const std::string& siteUrl) {
  std::ofstream out(path);
  out << "[site]\nurl=" << siteUrl << "\nauth=none\n"
      << "[calendar]\nlist=Calendar\n[tasks]\nlist=Tasks\n[notes]\nlist=Notes\n";
}

TEST(HeadlessCli, SyncPrintsALinePerBoundListAndStatusReadsTheCache) {
  EmulatorProcess emu;
  TempDir dir;
  const auto settings = dir.file("settings.ini");
  const auto cache = dir.file("cache.sqlite3");
  writeSettings(settings, emu.siteUrl());
  std::ostringstream out;
  EXPECT_EQ(sync::runSyncCommand(settings, cache, out), 0) << out.str();
  const std::regex line(R"(^(calendar|contacts|tasks|notes|inbox) items=(\d+) requests=(\d+) ms=(\d+) state=synced$)");
  std::istringstream lines(out.str());
  std::string l;
  int count = 0;
  while (std::getline(lines, l)) {
    std::smatch m;
    ASSERT_TRUE(std::regex_match(l, m, line)) << l;
    EXPECT_GT(std::stoi(m[2]), 0) << l;
    ++count;
  }
  EXPECT_EQ(count, 5);  // every bound list: panes not named in the file keep their default binding

  std::ostringstream status;
  EXPECT_EQ(sync::runStatusCommand(settings, cache, status), 0) << status.str();
  EXPECT_NE(status.str().find("tasks items="), std::string::npos);
  EXPECT_NE(status.str().find("state=synced"), std::string::npos);
}

TEST(HeadlessCli, UnreachableSiteAndBadSettingsExitOne) {
  TempDir dir;
  const auto settings = dir.file("settings.ini");
  writeSettings(settings, "http://127.0.0.1:9/sites/demo");
  std::ostringstream out;
  EXPECT_EQ(sync::runSyncCommand(settings, dir.file("cache.sqlite3"), out), 1);
  EXPECT_NE(out.str().find("state=offline"), std::string::npos) << out.str();

  std::ofstream(dir.file("bad.ini")) << "[site]\nurl=http://x\nauth=telepathy\n";
  std::ostringstream bad;
  EXPECT_EQ(sync::runSyncCommand(dir.file("bad.ini"), dir.file("cache2.sqlite3"), bad), 1);
  EXPECT_NE(bad.str().find("bad.ini"), std::string::npos) << bad.str();
}

}  // namespace
}  // namespace deskpane::test
