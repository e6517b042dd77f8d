// kill -9 of a syncing child process with edits in the outbox; the next run
// converges without losing or duplicating anything.
#include "tests/integration/sync/sync_harness.h"

#include <gtest/gtest.h>

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <numeric>
#include <thread>

namespace deskpane::test {
namespace {

using sync::ListKind;

// The child: queue `count` creates and an update, then sync until killed.
// Writes one byte to `readyFd` once the edits are committed.
[[noreturn]] void childMain(const std::string& siteUrl, const std::string& cachePath, int round, int count, int readyFd) {
  auto store = sync::Store::open(cachePath);
  if (!store) _exit(3);
  {
    sync::Store::Transaction tx(*store);
    for (int i = 0; i < count; ++i)
      store->createLocal(ListKind::Notes, {{"Title", std::string("crash " + std::to_string(round) + "-" + std::to_string(i))}});
    tx.commit();
  }
  if (write(readyFd, "r", 1) != 1) _exit(4);
  sync::ClientOptions o;
  o.siteUrl = siteUrl;
  sync::SharePointClient client(o);
  sync::SelectCache select;
  sync::SyncJob job(*store, client, demoTitles(), select);
  for (;;) job.run({ListKind::Notes, ListKind::Tasks});
}

TEST(Crash, KillMinus9MidSyncThenReopenConverges) {
  // Latency makes every request slow enough to be killed in the middle of a push.
  EmulatorProcess emu({"--seed", "demo", "--latency", "15"});
  TempDir dir;
  const auto cache = dir.file("cache.sqlite3");
  const int perRound = 6;
  const int rounds = 4;
  for (int round = 0; round < rounds; ++round) {
    int ready[2];
    ASSERT_EQ(pipe(ready), 0);
    const pid_t pid = fork();
    ASSERT_GE(pid, 0);
    if (pid == 0) childMain(emu.siteUrl(), cache, round, perRound, ready[1]);
    char byte = 0;
    const bool committed = read(ready[0], &byte, 1) == 1;
    close(ready[0]);
    close(ready[1]);
    ASSERT_TRUE(committed);
    std::this_thread::sleep_for(std::chrono::milliseconds(20 + 45 * round));
    ASSERT_EQ(::kill(pid, SIGKILL), 0);
    int status = 0;
    ASSERT_EQ(waitpid(pid, &status, 0), pid);
    ASSERT_TRUE(WIFSIGNALED(status));
  }
  // Reopen and converge.
  auto store = sync::Store::open(cache);
  ASSERT_TRUE(store.ok()) << store.error().message;
  sync::ClientOptions o;
  o.siteUrl = emu.siteUrl();
  sync::SharePointClient client(o);
  sync::SelectCache select;
  sync::SyncJob job(*store, client, demoTitles(), select);
  bool converged = false;
  for (int i = 0; i < 5 && !converged; ++i) {
    const auto reports = job.run({ListKind::Notes, ListKind::Tasks});
    converged = reports[0].state == sync::SyncState::Synced && store->pendingCount() == 0;
  }
  ASSERT_TRUE(converged);
  std::map<std::string, int> onServer;
  const auto read = client.readAllItems(store->list(ListKind::Notes)->listId, {"Title"}, [&](std::vector<sync::Item>&& page) {
    for (const auto& item : page) ++onServer[item.text("Title")];
    return true;
  });
  ASSERT_TRUE(read.ok());
  for (int round = 0; round < rounds; ++round) {
    for (int i = 0; i < perRound; ++i) {
      const auto title = "crash " + std::to_string(round) + "-" + std::to_string(i);
      EXPECT_EQ(onServer[title], 1) << title << " lost or duplicated";
    }
  }
  EXPECT_EQ(store->count(ListKind::Notes), static_cast<std::size_t>(
                                                std::accumulate(onServer.begin(), onServer.end(), 0,
                                                                [](int n, const auto& kv) { return n + kv.second; })));
}

}  // namespace
}  // namespace deskpane::test
