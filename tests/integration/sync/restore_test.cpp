// A site restored from a backup: the emulator is stopped and started again
// fresh on `:memory: --seed demo` (same list ids, its change log starting
// over). The cache must end up equal to the server, not keep items the
// server no longer has as if they were synced.
#include "tests/integration/sync/sync_harness.h"

#include <gtest/gtest.h>

#include <chrono>
#include <csignal>
#include <thread>

namespace deskpane::test {
namespace {

using sync::ListKind;
using sync::SyncState;

// id -> Title of every item, as the server has them.
std::map<std::int64_t, std::string> serverTitles(SyncHarness& h, ListKind kind) {
  std::map<std::int64_t, std::string> out;
  const auto binding = h.store().list(kind);
  EXPECT_TRUE(binding.has_value());
  if (!binding) return out;
  auto read = h.client().readAllItems(binding->listId, {"Id", "Title"}, [&](std::vector<sync::Item>&& page) {
    for (const auto& item : page) out[item.id] = item.text("Title");
    return true;
  });
  EXPECT_TRUE(read) << read.error().message;
  return out;
}

std::map<std::int64_t, std::string> cachedTitles(SyncHarness& h, ListKind kind) {
  std::map<std::int64_t, std::string> out;
  for (const auto& item : h.store().items(kind, true)) out[item.id] = item.text("Title");
  return out;
}

// The lists these tests restore: those whose demo data every change here touches.
const std::set<ListKind> kLists{ListKind::Calendar, ListKind::Contacts, ListKind::Tasks};

struct RestoreCase {
  const char* name;
  int editsAfterRestore;  // by another user on the restored site, before the next sync
};

class SiteRestored : public ::testing::TestWithParam<RestoreCase> {};

TEST_P(SiteRestored, TheNextSyncMakesTheCacheEqualToTheServer) {
  SyncHarness h;
  for (const auto& r : h.sync(kLists)) ASSERT_EQ(r.state, SyncState::Synced) << r.message;

  // Before the backup is restored: the user adds a task and deletes another
  // (the item count stays the same, so counting alone sees nothing) and
  // renames a third; all of it reaches the server.
  const auto tasks = h.store().items(ListKind::Tasks);
  ASSERT_GE(tasks.size(), 3u);
  h.store().createLocal(ListKind::Tasks, {{"Title", std::string("Made after the backup")}});
  h.store().removeLocal(ListKind::Tasks, tasks[0].id);
  h.store().updateLocal(ListKind::Tasks, tasks[1].id, {{"Title", std::string("Renamed after the backup")}});
  for (const auto& r : h.sync({ListKind::Tasks})) ASSERT_EQ(r.state, SyncState::Synced) << r.message;
  ASSERT_EQ(h.store().pendingCount(), 0u);
  const auto before = cachedTitles(h, ListKind::Tasks);
  const auto storedToken = h.store().list(ListKind::Tasks)->changeToken;

  // The restore: the same site, as it was seeded. Its lists are created a
  // second later than the first site's at least (Created has seconds).
  h.emulator().process().stop(SIGTERM, std::chrono::seconds(5));
  std::this_thread::sleep_for(std::chrono::milliseconds(1100));
  EmulatorProcess restored({"--seed", "demo"});
  auto options = h.clientOptions();
  options.siteUrl = restored.siteUrl();
  h.resetClient(options);
  EmulatorControl control(restored.origin());

  if (GetParam().editsAfterRestore == 0) {
    // What SharePoint answers for a token ahead of its change log, and the
    // emulator with it: no error and no changes. The sync cannot rely on an error.
    auto changes = h.client().getChanges(h.store().list(ListKind::Tasks)->listId, storedToken);
    ASSERT_TRUE(changes) << changes.error().message;
    EXPECT_TRUE(changes->changedIds.empty());
    EXPECT_TRUE(changes->deletedIds.empty());
  }
  // Enough edits by others push the restored log's numbers past the stored
  // token: then only the list's changed creation time tells.
  const auto restoredTasks = serverTitles(h, ListKind::Tasks);
  ASSERT_FALSE(restoredTasks.empty());
  for (int i = 0; i < GetParam().editsAfterRestore; ++i)
    control.editAsOther("Tasks", restoredTasks.begin()->first, "{\"Title\":\"Edit " + std::to_string(i) + "\"}");

  for (const auto& r : h.sync(kLists)) EXPECT_EQ(r.state, SyncState::Synced) << r.message;
  for (auto kind : kLists) {
    EXPECT_EQ(cachedTitles(h, kind), serverTitles(h, kind)) << sync::listKindTitle(kind);
  }
  EXPECT_NE(cachedTitles(h, ListKind::Tasks), before);
  // And it stays so: the next sync is an ordinary incremental one.
  const auto again = h.sync({ListKind::Tasks});
  ASSERT_EQ(again.size(), 1u);
  EXPECT_EQ(again[0].state, SyncState::Synced);
  EXPECT_FALSE(again[0].fullRead);
}

INSTANTIATE_TEST_SUITE_P(Restores, SiteRestored,
                         ::testing::Values(RestoreCase{"TokenAheadOfTheLog", 0},
                                           RestoreCase{"LogPastTheTokenButListMadeAnew", 12}),
                         [](const ::testing::TestParamInfo<RestoreCase>& info) { return std::string(info.param.name); });

// A local edit made while the site was being restored survives the re-read.
TEST(SiteRestoredWithLocalEdit, TheUsersUnsentEditIsKept) {
  SyncHarness h;
  for (const auto& r : h.sync(kLists)) ASSERT_EQ(r.state, SyncState::Synced) << r.message;
  h.emulator().process().stop(SIGTERM, std::chrono::seconds(5));
  EmulatorProcess restored({"--seed", "demo"});
  auto options = h.clientOptions();
  options.siteUrl = restored.siteUrl();
  h.resetClient(options);
  const auto id = h.store().createLocal(ListKind::Tasks, {{"Title", std::string("typed during the restore")}});
  (void)id;
  for (const auto& r : h.sync(kLists)) EXPECT_EQ(r.state, SyncState::Synced) << r.message;
  bool found = false;
  for (const auto& [serverId, title] : serverTitles(h, ListKind::Tasks)) found = found || title == "typed during the restore";
  EXPECT_TRUE(found);
  EXPECT_EQ(cachedTitles(h, ListKind::Tasks), serverTitles(h, ListKind::Tasks));
}

}  // namespace
}  // namespace deskpane::test
