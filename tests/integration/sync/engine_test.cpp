// The Engine's rule table (DESIGN §2) measured by the requests the emulator
// saw per trigger, its coalescing queue, and clean shutdown.
#include "sync/engine.h"
#include "tests/integration/sync/sync_harness.h"

#include <gtest/gtest.h>
#include <sys/resource.h>

#include <dirent.h>
#include <unistd.h>

#include <condition_variable>
#include <fstream>
#include <mutex>
#include <set>
#include <sstream>
#include <thread>

namespace deskpane::test {
namespace {

using sync::ListKind;
using sync::SyncState;

// Counts finished syncs per list (a status other than Syncing after Syncing).
class RecordingListener : public sync::EngineListener {
 public:
  void onListChanged(ListKind kind) override {
    std::lock_guard<std::mutex> lock(mutex_);
    ++changed_[kind];
  }
  void onSignInCode(const std::string& userCode, const std::string& verificationUri) override {
    std::lock_guard<std::mutex> lock(mutex_);
    signInCode_ = userCode + " " + verificationUri;
  }
  std::string signInCode() {
    std::lock_guard<std::mutex> lock(mutex_);
    return signInCode_;
  }
  void onStatus(ListKind kind, const sync::ListStatus& status) override {
    std::lock_guard<std::mutex> lock(mutex_);
    if (status.state != SyncState::Syncing) {
      ++finished_[kind];
      last_[kind] = status;
    }
    cv_.notify_all();
  }
  int finished(ListKind kind) {
    std::lock_guard<std::mutex> lock(mutex_);
    return finished_[kind];
  }
  sync::ListStatus last(ListKind kind) {
    std::lock_guard<std::mutex> lock(mutex_);
    return last_[kind];
  }
  // Waits until `kind` finished at least `count` syncs in total.
  bool waitFinished(ListKind kind, int count, std::chrono::seconds timeout = std::chrono::seconds(30)) {
    std::unique_lock<std::mutex> lock(mutex_);
    return cv_.wait_for(lock, timeout, [&] { return finished_[kind] >= count; });
  }

 private:
  std::mutex mutex_;
  std::condition_variable cv_;
  std::map<ListKind, int> finished_;
  std::map<ListKind, int> changed_;
  std::map<ListKind, sync::ListStatus> last_;
  std::string signInCode_;
};

struct EngineFixture {
  SyncHarness h;
  RecordingListener listener;
  std::unique_ptr<sync::Engine> engine;
  explicit EngineFixture(std::vector<std::string> emulatorArgs = {"--seed", "demo"}) : h(std::move(emulatorArgs)) {
    sync::EngineOptions o;
    o.siteUrl = h.emulator().siteUrl();
    o.cachePath = h.cachePath();
    o.listTitles = demoTitles();
    engine = std::make_unique<sync::Engine>(o, &listener);
  }
  // Runs syncAll and waits for every list to finish it.
  void syncAllAndWait() {
    std::map<ListKind, int> before;
    for (auto k : sync::kAllListKinds) before[k] = listener.finished(k);
    engine->syncAll();
    for (auto k : sync::kAllListKinds) ASSERT_TRUE(listener.waitFinished(k, before[k] + 1));
  }
};

TEST(EngineRules, RequestsPerTriggerMatchTheRuleTable) {
  EngineFixture f;
  f.syncAllAndWait();  // app start: first sync of every list
  for (auto k : sync::kAllListKinds) EXPECT_EQ(f.listener.last(k).state, SyncState::Synced) << f.listener.last(k).message;
  f.syncAllAndWait();  // warms the form digest that POSTs need

  // "Sync all" with nothing changed: one $batch for all five lists.
  f.h.control().resetStats();
  f.syncAllAndWait();
  EXPECT_EQ(f.h.control().stats().requests, 1);

  // A pane is shown: that list only, one getchanges.
  f.h.control().resetStats();
  const int tasksDone = f.listener.finished(ListKind::Tasks);
  f.engine->syncList(ListKind::Tasks);
  ASSERT_TRUE(f.listener.waitFinished(ListKind::Tasks, tasksDone + 1));
  EXPECT_EQ(f.h.control().stats().requests, 1);

  // A local create: pushed at once, then the list re-synced (push, getchanges, re-read).
  f.h.control().resetStats();
  const int before = f.listener.finished(ListKind::Tasks);
  auto id = f.engine->create(ListKind::Tasks, {{"Title", std::string("from the engine")}});
  ASSERT_TRUE(id.ok());
  EXPECT_LT(*id, 0);
  ASSERT_TRUE(f.listener.waitFinished(ListKind::Tasks, before + 1));
  EXPECT_EQ(f.h.control().stats().requests, 3);
  EXPECT_EQ(f.listener.last(ListKind::Tasks).pendingChanges, 0);
  EXPECT_EQ(f.listener.last(ListKind::Tasks).state, SyncState::Synced);
  EXPECT_TRUE(f.listener.last(ListKind::Tasks).lastSync.has_value());

  // Anything else: nothing. No timer, no polling.
  f.h.control().resetStats();
  std::this_thread::sleep_for(std::chrono::milliseconds(1500));
  EXPECT_EQ(f.h.control().stats().requests, 0);
}

// This process's established TCP connections to `port` (its own socket
// inodes matched against /proc/net/tcp; the emulator's side has it as local port).
int establishedConnectionsTo(int port) {
  std::set<std::string> inodes;
  if (DIR* dir = opendir("/proc/self/fd")) {
    while (dirent* e = readdir(dir)) {
      char target[128];
      const std::string path = std::string("/proc/self/fd/") + e->d_name;
      const auto n = readlink(path.c_str(), target, sizeof target - 1);
      if (n <= 0) continue;
      const std::string t(target, static_cast<std::size_t>(n));
      if (t.rfind("socket:[", 0) == 0) inodes.insert(t.substr(8, t.size() - 9));
    }
    closedir(dir);
  }
  std::ifstream tcp("/proc/net/tcp");
  std::string line;
  std::getline(tcp, line);  // header
  int count = 0;
  while (std::getline(tcp, line)) {
    std::istringstream in(line);
    std::string slot, local, remote, state, queues, timer, retransmits, uid, timeout, inode;
    in >> slot >> local >> remote >> state >> queues >> timer >> retransmits >> uid >> timeout >> inode;
    const int remotePort = std::stoi(remote.substr(remote.find(':') + 1), nullptr, 16);
    if (state == "01" && remotePort == port && inodes.count(inode)) ++count;
  }
  return count;
}

TEST(EngineRules, IdleEngineKeepsNoConnectionOpen) {
  // cpprestsdk re-arms a 30 s pool timer while a kept-alive connection is
  // open; an idle engine must hold none, so nothing wakes the app.
  EngineFixture f;
  const auto& url = f.h.emulator().siteUrl();
  const int port = std::stoi(url.substr(url.rfind(':') + 1));
  f.syncAllAndWait();
  f.syncAllAndWait();  // the second, incremental one fetches the form digest its POSTs need
  bool closed = false;
  for (int i = 0; i < 50 && !closed; ++i) {
    closed = establishedConnectionsTo(port) == 0;
    if (!closed) std::this_thread::sleep_for(std::chrono::milliseconds(40));
  }
  EXPECT_TRUE(closed) << establishedConnectionsTo(port) << " connection(s) still open after the sync";
  // And the next trigger opens a new one and syncs as before (digest kept).
  f.h.control().resetStats();
  const int done = f.listener.finished(ListKind::Notes);
  f.engine->syncList(ListKind::Notes);
  ASSERT_TRUE(f.listener.waitFinished(ListKind::Notes, done + 1));
  EXPECT_EQ(f.listener.last(ListKind::Notes).state, SyncState::Synced);
  const auto stats = f.h.control().stats();
  std::string routes;
  for (const auto& [route, n] : stats.byRoute) routes += route + "=" + std::to_string(n) + " ";
  EXPECT_EQ(stats.requests, 1) << routes;
}

TEST(EngineRules, QueuedSyncAbsorbsNewTriggers) {
  EngineFixture f;
  f.syncAllAndWait();
  const int before = f.listener.finished(ListKind::Notes);
  for (int i = 0; i < 50; ++i) f.engine->syncList(ListKind::Notes);
  ASSERT_TRUE(f.listener.waitFinished(ListKind::Notes, before + 1));
  std::this_thread::sleep_for(std::chrono::milliseconds(500));
  // One running + at most one queued absorbed the other 48 triggers.
  EXPECT_LE(f.listener.finished(ListKind::Notes) - before, 2);
}

TEST(EngineRules, ShutdownCancelsAndJoinsWithEditsKept) {
  EngineFixture f({"--seed", "demo", "--latency", "200"});
  auto& h = f.h;
  auto& engine = f.engine;
  ASSERT_TRUE(engine->create(ListKind::Notes, {{"Title", std::string("kept across shutdown")}}).ok());
  engine->syncAll();
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  const auto start = std::chrono::steady_clock::now();
  engine->shutdown();
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(5));
  engine.reset();
  // The edit is either on the server or still in the outbox; never lost.
  bool cached = false;
  for (const auto& item : h.store().items(ListKind::Notes)) cached = cached || item.text("Title") == "kept across shutdown";
  EXPECT_TRUE(cached);
}

TEST(EngineRules, ShutdownDoesNotWaitOutASlowServer) {
  // Every answer takes 8 s: Quit in the middle of a request aborts it
  // rather than waiting for the answer (or the 30 s timeout).
  EngineFixture f({"--seed", "demo", "--latency", "8000"});
  auto& h = f.h;
  auto& engine = f.engine;
  ASSERT_TRUE(engine->create(ListKind::Tasks, {{"Title", std::string("typed before quitting")}}).ok());
  engine->syncAll();
  std::this_thread::sleep_for(std::chrono::milliseconds(500));  // a request is in flight now
  const auto start = std::chrono::steady_clock::now();
  engine->shutdown();
  const auto took = std::chrono::steady_clock::now() - start;
  EXPECT_LT(took, std::chrono::seconds(4)) << "shutdown waited for the server";
  engine.reset();
  EXPECT_EQ(h.store().pendingOutbox(ListKind::Tasks).size(), 1u) << "the unsent edit stays queued";
}

TEST(EngineRules, SignInNeededThenDeviceCodeSignInSyncsEverything) {
  SyncHarness h({"--seed", "demo", "--auth", "bearer"});
  RecordingListener listener;
  auto vault = std::make_shared<MemoryVault>();
  sync::EngineOptions o;
  o.siteUrl = h.emulator().siteUrl();
  o.cachePath = h.cachePath();
  o.listTitles = demoTitles();
  o.auth = sync::Auth::deviceCode(sync::deviceCodeConfigFor(o.siteUrl, "demo", "deskpane-test"), vault);
  sync::Engine engine(o, &listener);
  engine.syncAll();
  ASSERT_TRUE(listener.waitFinished(ListKind::Tasks, 1));
  EXPECT_EQ(listener.last(ListKind::Tasks).state, SyncState::SignInNeeded);
  EXPECT_EQ(h.control().stats().requests, 0) << "no request without credentials";
  engine.signIn();
  ASSERT_TRUE(listener.waitFinished(ListKind::Tasks, 2, std::chrono::seconds(60)));
  EXPECT_FALSE(listener.signInCode().empty());
  EXPECT_EQ(listener.last(ListKind::Tasks).state, SyncState::Synced) << listener.last(ListKind::Tasks).message;
  EXPECT_TRUE(vault->load("demo/deskpane-test").has_value());
  rlimit core{};
  ASSERT_EQ(getrlimit(RLIMIT_CORE, &core), 0);
  EXPECT_EQ(core.rlim_cur, 0u) << "a process holding tokens writes no core dump";
}

}  // namespace
}  // namespace deskpane::test
