// The Inbox's local read marks in the cache (Store::readItems / setRead) and
// through the presenter: kept across a reopen, following a create's temp id
// to its server id, and never queued for the server.
#include "overlay/pane_presenter.h"
#include "sync/store.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <unistd.h>

namespace deskpane::overlay {
namespace {

namespace fs = std::filesystem;

class ReadState : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("deskpane-read-state-" + std::to_string(::getpid()));
    fs::create_directories(dir_);
    path_ = (dir_ / "cache.sqlite3").string();
  }
  void TearDown() override { fs::remove_all(dir_); }
  fs::path dir_;
  std::string path_;
};

TEST_F(ReadState, MarksPersistAndStayLocal) {
  {
    auto store = sync::Store::open(path_);
    ASSERT_TRUE(store.ok());
    EXPECT_EQ(store->schemaVersion(), sync::Store::kSchemaVersion);
    sync::Item a;
    a.id = 5;
    a.fields = {{"Title", std::string("t")}, {"FileSystemObjectType", std::int64_t{1}}};
    store->applyServerItems(sync::ListKind::Inbox, {a});
    PanePresenter presenter(sync::ListKind::Inbox, &*store, nullptr, "Inbox", "");
    EXPECT_TRUE(presenter.readIds().empty());
    presenter.setRead(5, true);
    presenter.setRead(5, true);  // twice is once
    store->setRead(sync::ListKind::Tasks, 5, true);
    EXPECT_EQ(presenter.readIds(), (std::set<std::int64_t>{5}));
    EXPECT_EQ(store->pendingCount(), 0u);  // nothing for the server
  }
  auto again = sync::Store::open(path_);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->readItems(sync::ListKind::Inbox), (std::set<std::int64_t>{5}));
  again->setRead(sync::ListKind::Inbox, 5, false);
  EXPECT_TRUE(again->readItems(sync::ListKind::Inbox).empty());
  EXPECT_EQ(again->readItems(sync::ListKind::Tasks), (std::set<std::int64_t>{5}));
}

TEST_F(ReadState, AMarkFollowsACreateToItsServerId) {
  auto store = sync::Store::open(path_);
  ASSERT_TRUE(store.ok());
  const std::int64_t temp = store->createLocal(sync::ListKind::Inbox, {{"Title", std::string("mine")}});
  store->setRead(sync::ListKind::Inbox, temp, true);
  const auto entries = store->pendingOutbox(sync::ListKind::Inbox);
  ASSERT_EQ(entries.size(), 1u);
  sync::Item server;
  server.id = 77;
  server.uniqueId = entries[0].clientGuid;
  server.fields = {{"Title", std::string("mine")}};
  store->completeCreate(entries[0].seq, server);
  EXPECT_EQ(store->readItems(sync::ListKind::Inbox), (std::set<std::int64_t>{77}));
  store->setRead(sync::ListKind::Inbox, 77, false);
  EXPECT_TRUE(store->readItems(sync::ListKind::Inbox).empty());
}

}  // namespace
}  // namespace deskpane::overlay
