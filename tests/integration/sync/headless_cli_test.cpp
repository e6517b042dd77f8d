// `deskpane --sync` / `--status` as functions: one line per bound list, exit codes.
#include "sync/headless_cli.h"
#include "sync/store.h"
#include "tests/integration/sync/sync_harness.h"
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
    // The pass's own line: the `$batch`es every list shares are counted there.
    if (std::regex_match(l, std::regex(R"(^all lists=5 requests=\d+ ms=\d+$)"))) continue;
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

// The pass's total request count from `deskpane --sync`'s "all" line.
long long passRequests(const std::string& out) {
  std::smatch m;
  if (!std::regex_search(out, m, std::regex(R"((^|\n)all lists=\d+ requests=(\d+) ms=\d+\n)"))) return -1;
  return std::stoll(m[2]);
}

// Issue 12: `deskpane --sync` runs the Engine's syncAll(); with valid tokens
// and the form digest kept from the run before, nothing changed is one
// request for all lists and ten edits in two lists are two (changes `$batch`,
// re-read `$batch`) — as the emulator, not only the client, counts them.
TEST(HeadlessCli, SyncAllIsOneRequestUnchangedAndTwoForEditsInTwoLists) {
  EmulatorProcess emu;
  EmulatorControl control(emu.origin());
  TempDir dir;
  const auto settings = dir.file("settings.ini");
  const auto cache = dir.file("cache.sqlite3");
  writeSettings(settings, emu.siteUrl());
  for (int run = 0; run < 2; ++run) {  // first sync, then one that fetches and keeps the digest
    std::ostringstream out;
    ASSERT_EQ(sync::runSyncCommand(settings, cache, out), 0) << out.str();
  }
  control.resetStats();
  std::ostringstream unchanged;
  ASSERT_EQ(sync::runSyncCommand(settings, cache, unchanged), 0) << unchanged.str();
  EXPECT_EQ(passRequests(unchanged.str()), 1) << unchanged.str();
  EXPECT_EQ(control.stats().requests, 1);
  EXPECT_EQ(control.stats().byRoute.count("POST contextinfo"), 0u);

  for (int i = 1; i <= 5; ++i) {
    control.editAsOther("Tasks", i, R"({"Title":"cli edit )" + std::to_string(i) + R"("})");
    control.editAsOther("Contacts", i, R"({"Title":"cli edit )" + std::to_string(i) + R"("})");
  }
  control.resetStats();
  std::ostringstream edited;
  ASSERT_EQ(sync::runSyncCommand(settings, cache, edited), 0) << edited.str();
  EXPECT_EQ(passRequests(edited.str()), 2) << edited.str();
  EXPECT_EQ(control.stats().requests, 2);
  auto store = sync::Store::open(cache);
  ASSERT_TRUE(store.ok());
  EXPECT_EQ(store->item(sync::ListKind::Tasks, 3)->text("Title"), "cli edit 3");
  EXPECT_EQ(store->item(sync::ListKind::Contacts, 5)->text("Title"), "cli edit 5");
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
