// PanePresenter without an engine: edits land in the cache's outbox, deletes
// wait for their undo delay, and a presenter that goes away makes them.
#include "overlay/pane_presenter.h"
#include "tests/support/temp_dir.h"

#include <gtest/gtest.h>

namespace deskpane::overlay {
namespace {

using sync::ListKind;
using namespace std::chrono_literals;

class PresenterTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto opened = sync::Store::open(dir_.file("cache.sqlite3"));
    ASSERT_TRUE(opened.ok()) << opened.error().message;
    store_ = std::make_unique<sync::Store>(std::move(opened.value()));
  }
  std::int64_t add(PanePresenter& p, const std::string& title) {
    auto id = p.create({{"Title", title}});
    EXPECT_TRUE(id.ok());
    return id.ok() ? *id : 0;
  }
  test::TempDir dir_;
  std::unique_ptr<sync::Store> store_;
};

TEST_F(PresenterTest, CreateAndUpdateGoToTheOutbox) {
  PanePresenter p(ListKind::Tasks, store_.get(), nullptr, "Tasks", "");
  const auto id = add(p, "Call Anna");
  EXPECT_LT(id, 0) << "a local create has a temporary id";
  ASSERT_TRUE(p.update(id, {{"Title", std::string("Call Anna back")}}).ok());
  ASSERT_EQ(p.items().size(), 1u);
  EXPECT_EQ(p.items()[0].text("Title"), "Call Anna back");
  EXPECT_EQ(p.items()[0].state, sync::LocalState::Dirty);
  EXPECT_GE(store_->pendingCount(), 1u);
}

TEST_F(PresenterTest, UpdateOfAMissingItemSaysSo) {
  PanePresenter p(ListKind::Tasks, store_.get(), nullptr, "Tasks", "");
  const auto r = p.update(4242, {{"Title", std::string("x")}});
  EXPECT_FALSE(r.ok());
  EXPECT_FALSE(r.error().message.empty());
}

TEST_F(PresenterTest, DeleteWaitsForItsUndoDelay) {
  PanePresenter p(ListKind::Notes, store_.get(), nullptr, "Notes", "");
  const auto keep = add(p, "keep"), gone = add(p, "gone");
  const auto t0 = PanePresenter::Clock::now();
  p.removeLater(gone, t0);
  ASSERT_EQ(p.items().size(), 1u) << "hidden at once";
  EXPECT_EQ(p.items()[0].id, keep);
  EXPECT_EQ(store_->items(ListKind::Notes).size(), 2u) << "but not deleted yet";
  EXPECT_EQ(p.commitDueRemovals(t0 + 4s), 0);
  EXPECT_EQ(p.commitDueRemovals(t0 + 5s), 1);
  EXPECT_EQ(store_->items(ListKind::Notes).size(), 1u);
  EXPECT_TRUE(p.pendingRemovals().empty());
}

TEST_F(PresenterTest, UndoBringsTheItemBack) {
  PanePresenter p(ListKind::Notes, store_.get(), nullptr, "Notes", "");
  const auto id = add(p, "oops");
  p.removeLater(id);
  EXPECT_TRUE(p.items().empty());
  EXPECT_TRUE(p.undoRemove(id));
  EXPECT_FALSE(p.undoRemove(id)) << "nothing left to undo";
  EXPECT_EQ(p.items().size(), 1u);
  EXPECT_EQ(p.commitDueRemovals(PanePresenter::Clock::now() + 1h), 0);
  EXPECT_EQ(store_->items(ListKind::Notes).size(), 1u);
}

TEST_F(PresenterTest, PresenterThatGoesAwayMakesItsDeletes) {
  {
    PanePresenter p(ListKind::Contacts, store_.get(), nullptr, "Contacts", "");
    p.removeLater(add(p, "Smith"));
  }
  EXPECT_TRUE(store_->items(ListKind::Contacts).empty());
}

TEST_F(PresenterTest, ListUrlEscapesTheTitle) {
  PanePresenter p(ListKind::Calendar, store_.get(), nullptr, "Team Calendar", "https://contoso.sharepoint.com/sites/dev");
  EXPECT_EQ(p.listUrl(), "https://contoso.sharepoint.com/sites/dev/Lists/Team%20Calendar");
  PanePresenter none(ListKind::Calendar, store_.get(), nullptr, "Calendar", "");
  EXPECT_EQ(none.listUrl(), "");
}

TEST_F(PresenterTest, StatusReachesTheListener) {
  PanePresenter p(ListKind::Tasks, store_.get(), nullptr, "Tasks", "");
  int calls = 0;
  p.onStatusChanged([&] { ++calls; });
  sync::ListStatus s;
  s.state = sync::SyncState::Offline;
  p.notifyStatus(s);
  EXPECT_EQ(calls, 1);
  EXPECT_EQ(p.status().state, sync::SyncState::Offline);
}

}  // namespace
}  // namespace deskpane::overlay
