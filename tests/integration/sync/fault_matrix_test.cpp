// Each fault the emulator can inject, at 25 %, and all of them together,
// against a sync with local edits queued: creates, updates (one of them on a
// field someone else changed meanwhile, so the push meets a 412) and a
// delete. Expected for every row: the sync converges; each create is on the
// server exactly once; each update and the other user's edit are both
// there; the deleted item is gone; nothing stays queued; cache and server
// hold the same items.
#include "tests/integration/sync/sync_harness.h"

#include <gtest/gtest.h>

namespace deskpane::test {
namespace {

using sync::ListKind;
using sync::SyncState;

struct FaultCase {
  const char* name;
  const char* spec;  // deskpane-spemu --faults
};

class FaultMatrix : public ::testing::TestWithParam<FaultCase> {};

bool synced(const std::vector<sync::ListSyncReport>& reports) {
  for (const auto& r : reports)
    if (r.state != SyncState::Synced) return false;
  return true;
}

// {id: {field: value}} of a list, read through the (retrying) client:
// plain GETs would meet the faults too.
std::map<std::int64_t, sync::Item> serverItems(SyncHarness& h, ListKind kind) {
  std::map<std::int64_t, sync::Item> out;
  std::string last;
  const auto binding = h.store().list(kind);
  for (int attempt = 0; attempt < 10; ++attempt) {
    out.clear();
    std::vector<std::string> select{"Title"};
    if (kind == ListKind::Tasks) select.push_back("Priority");
    const auto read = h.client().readAllItems(binding->listId, select, [&](std::vector<sync::Item>&& page) {
      for (auto& item : page) out.emplace(item.id, std::move(item));
      return true;
    });
    if (read.ok()) return out;
    last = read.error().message;
  }
  ADD_FAILURE() << "could not read " << sync::listKindTitle(kind) << " from the server: " << last;
  return out;
}

TEST_P(FaultMatrix, QueuedEditsArriveOnceAndTheCacheConverges) {
  std::vector<std::string> args{"--seed", "demo"};
  if (*GetParam().spec) args.insert(args.end(), {"--faults", GetParam().spec});
  SyncHarness h(args);
  auto options = h.clientOptions();
  options.retry.maxAttempts = 12;
  options.retry.maxDelay = std::chrono::milliseconds(1500);
  options.timeout = std::chrono::seconds(1);  // "slow" waits 1.5 s: past it
  h.resetClient(options);
  const std::set<ListKind> kinds{ListKind::Tasks, ListKind::Notes};
  auto syncUntilSynced = [&] {
    for (int pass = 0; pass < 25; ++pass)
      if (synced(h.sync(kinds))) return true;
    return false;
  };
  ASSERT_TRUE(syncUntilSynced()) << "the first sync did not converge";

  const auto tasks = h.store().items(ListKind::Tasks);
  ASSERT_GE(tasks.size(), 3u);
  const auto edited = tasks[0].id, alsoTheirs = tasks[1].id, deleted = tasks[2].id;
  for (int i = 0; i < 3; ++i)
    h.store().createLocal(ListKind::Notes, {{"Title", std::string("matrix note " + std::to_string(i))}});
  h.store().updateLocal(ListKind::Tasks, edited, {{"Title", std::string("matrix edit")}});
  h.store().updateLocal(ListKind::Tasks, alsoTheirs, {{"Title", std::string("mine meanwhile")}});
  h.control().editAsOther("Tasks", alsoTheirs, R"({"Priority":"(1) High"})");  // the push meets a 412
  h.store().removeLocal(ListKind::Tasks, deleted);

  ASSERT_TRUE(syncUntilSynced()) << "the sync with edits did not converge";
  EXPECT_EQ(h.store().pendingCount(), 0u) << "nothing stays queued";

  const auto notes = serverItems(h, ListKind::Notes);
  for (int i = 0; i < 3; ++i) {
    const std::string title = "matrix note " + std::to_string(i);
    const auto n = std::count_if(notes.begin(), notes.end(), [&](const auto& kv) { return kv.second.text("Title") == title; });
    EXPECT_EQ(n, 1) << title << " is on the server exactly once";
  }
  const auto server = serverItems(h, ListKind::Tasks);
  ASSERT_TRUE(server.count(edited));
  EXPECT_EQ(server.at(edited).text("Title"), "matrix edit");
  ASSERT_TRUE(server.count(alsoTheirs));
  EXPECT_EQ(server.at(alsoTheirs).text("Title"), "mine meanwhile");
  EXPECT_EQ(server.at(alsoTheirs).text("Priority"), "(1) High") << "the other user's edit is kept";
  EXPECT_FALSE(server.count(deleted)) << "the delete reached the server";
  EXPECT_TRUE(h.store().conflicts().empty()) << "no field was changed on both sides";
  EXPECT_EQ(h.store().count(ListKind::Tasks), server.size());
  EXPECT_EQ(h.store().count(ListKind::Notes), notes.size());
}

INSTANTIATE_TEST_SUITE_P(
    Faults, FaultMatrix,
    ::testing::Values(FaultCase{"none", ""},  // the control row
                      FaultCase{"throttled_429", "429:0.25"}, FaultCase{"unavailable_503", "503:0.25"},
                      FaultCase{"connection_reset", "reset:0.25"}, FaultCase{"truncated_body", "truncate:0.25"},
                      FaultCase{"slow_past_the_timeout", "slow:0.2@1500ms"},
                      FaultCase{"all_together", "429:0.08,503:0.06,reset:0.06,truncate:0.06,slow:0.04@1500ms"}),
    [](const auto& info) { return std::string(info.param.name); });

}  // namespace
}  // namespace deskpane::test
