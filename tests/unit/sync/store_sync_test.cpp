// The store's server side: applying server versions and deletes, merges and
// the conflicts they leave, and resolving them both ways.
#include <gtest/gtest.h>

#include <map>
#include <stdexcept>
#include <string>
#include <vector>

#include "sync/item_json.h"
#include "sync/store.h"
#include "tests/support/temp_dir.h"
#include "tests/support/test_store.h"

namespace deskpane::sync {
namespace {

FieldValue s(const char* v) { return std::string(v); }

Item serverItem(std::int64_t id, int version, Fields fields) {
  Item it;
  it.id = id;
  it.uniqueId = "guid-" + std::to_string(id);
  it.etag = "\"" + std::to_string(version) + "\"";
  it.fields = std::move(fields);
  return it;
}

class StoreSyncTest : public ::testing::Test {
 protected:
  void SetUp() override {
    store = std::make_unique<Store>(test::openStore(dir.file("cache.sqlite3")));
    store->applyServerItems(K, {serverItem(1, 1, {{"Title", s("a")}, {"Status", s("Not Started")}})});
  }
  static constexpr ListKind K = ListKind::Tasks;
  test::TempDir dir;
  std::unique_ptr<Store> store;
};

TEST_F(StoreSyncTest, CleanItemTakesServerVersion) {
  auto sum = store->applyServerItems(K, {serverItem(1, 2, {{"Title", s("b")}}), serverItem(2, 1, {{"Title", s("c")}})});
  EXPECT_EQ(sum.updated, 1);
  EXPECT_EQ(sum.inserted, 1);
  auto it = store->item(K, 1);
  EXPECT_EQ(it->text("Title"), "b");
  EXPECT_FALSE(it->has("Status")) << "server version replaces the fields";
  EXPECT_EQ(it->etag, "\"2\"");
  EXPECT_EQ(*store->baseFields(K, 1), (Fields{{"Title", s("b")}}));
  EXPECT_EQ(store->pendingCount(), 0u);
}

TEST_F(StoreSyncTest, APageInChunksIsOneTransaction) {
  // Chunks of one page are stored together or not at all: a chunk found bad
  // after others were applied takes them back with it.
  const bool refused = store->applyServerPage(K, [&](const Store::ChunkApplier& apply) {
    apply({serverItem(1, 2, {{"Title", s("changed")}}), serverItem(2, 1, {{"Title", s("new")}})}, {});
    apply({serverItem(3, 1, {{"Title", s("newer")}})}, {});
    return false;
  });
  EXPECT_FALSE(refused);
  EXPECT_EQ(store->item(K, 1)->text("Title"), "a");
  EXPECT_FALSE(store->item(K, 2).has_value());
  EXPECT_FALSE(store->item(K, 3).has_value());

  ApplySummary total;
  const bool stored = store->applyServerPage(K, [&](const Store::ChunkApplier& apply) {
    for (std::int64_t id : {2, 3}) total.inserted += apply({serverItem(id, 1, {{"Title", s("new")}})}, {}).inserted;
    total.updated += apply({serverItem(1, 2, {{"Title", s("changed")}})}, {}).updated;
    return true;
  });
  EXPECT_TRUE(stored);
  EXPECT_EQ(total.inserted, 2);
  EXPECT_EQ(total.updated, 1);
  EXPECT_EQ(store->item(K, 1)->text("Title"), "changed");
  EXPECT_EQ(*store->baseFields(K, 1), (Fields{{"Title", s("changed")}})) << "a server version is its own base";
  EXPECT_EQ(store->item(K, 3)->state, LocalState::Clean);
}

TEST_F(StoreSyncTest, AChunkThatFailsHalfwayKeepsThePageFromCommitting) {
  // The chunks of a page write without savepoints of their own: a chunk
  // that throws after writing part of itself must take the whole page back
  // with it, even when the caller catches the exception and says "stored".
  const bool stored = store->applyServerPage(K, [&](const Store::ChunkApplier& apply) {
    apply({serverItem(2, 1, {{"Title", s("two")}})}, {});
    try {
      // Item 1 is cached, so its row's text is read back to be merged: a
      // text that does not read back stops the chunk after item 3 went in.
      apply({serverItem(3, 1, {}), serverItem(1, 2, {})}, {fieldsToJson({{"Title", s("three")}}), "not json"});
      ADD_FAILURE() << "the chunk was applied";
    } catch (const std::logic_error&) {
    }
    return true;
  });
  EXPECT_FALSE(stored);
  EXPECT_FALSE(store->item(K, 2).has_value());
  EXPECT_FALSE(store->item(K, 3).has_value());
  EXPECT_EQ(store->item(K, 1)->text("Title"), "a");
  // And the store goes on as before.
  store->applyServerItems(K, {serverItem(4, 1, {{"Title", s("four")}})});
  EXPECT_EQ(store->item(K, 4)->text("Title"), "four");
}

TEST_F(StoreSyncTest, RowJsonMadeBeforehandIsWhatIsStored) {
  // The sync job makes each row's JSON on its parse thread; the store writes
  // that text as it is, for a new row and for a clean row overwritten.
  const bool stored = store->applyServerPage(K, [&](const Store::ChunkApplier& apply) {
    const auto sum = apply({serverItem(9, 1, {{"Title", s("nine")}}), serverItem(1, 2, {{"Title", s("one")}})},
                           {fieldsToJson({{"Title", s("nine, as made")}}), fieldsToJson({{"Title", s("one, as made")}})});
    return sum.inserted == 1 && sum.updated == 1;
  });
  EXPECT_TRUE(stored);
  EXPECT_EQ(store->item(K, 9)->text("Title"), "nine, as made");
  EXPECT_EQ(store->item(K, 1)->text("Title"), "one, as made");
  EXPECT_EQ(*store->baseFields(K, 9), (Fields{{"Title", s("nine, as made")}}));
}

TEST_F(StoreSyncTest, DirtyItemIsMergedNeverOverwritten) {
  store->updateLocal(K, 1, {{"Title", s("mine")}});
  auto sum = store->applyServerItems(K, {serverItem(1, 2, {{"Title", s("a")}, {"Status", s("Completed")}})});
  EXPECT_EQ(sum.merged, 1);
  EXPECT_EQ(sum.newConflicts, 0);
  auto it = store->item(K, 1);
  EXPECT_EQ(it->text("Title"), "mine");
  EXPECT_EQ(it->text("Status"), "Completed");
  EXPECT_EQ(it->etag, "\"2\"") << "the next push goes against the new version";
  EXPECT_EQ(it->state, LocalState::Dirty);
  auto out = store->pendingOutbox();
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].payload, (Fields{{"Title", s("mine")}}));
}

TEST_F(StoreSyncTest, ACachedItemAmongNewOnesIsStillMerged) {
  // New items go in without a lookup; the edited item that comes after them
  // must still be found and merged, and the new ones after it inserted.
  store->updateLocal(K, 1, {{"Title", s("mine")}});
  auto sum = store->applyServerItems(K, {serverItem(5, 1, {{"Title", s("five")}}),
                                         serverItem(1, 2, {{"Title", s("a")}, {"Status", s("Completed")}}),
                                         serverItem(6, 1, {{"Title", s("six")}})});
  EXPECT_EQ(sum.inserted, 2);
  EXPECT_EQ(sum.merged, 1);
  EXPECT_EQ(sum.updated, 0);
  auto it = store->item(K, 1);
  EXPECT_EQ(it->text("Title"), "mine");
  EXPECT_EQ(it->text("Status"), "Completed");
  EXPECT_EQ(it->state, LocalState::Dirty);
  EXPECT_EQ(store->item(K, 5)->text("Title"), "five");
  EXPECT_EQ(store->item(K, 6)->text("Title"), "six");
  EXPECT_EQ(*store->baseFields(K, 6), (Fields{{"Title", s("six")}}));
  EXPECT_EQ(store->pendingCount(), 1u);
}

// A chunk of server rows, fixture in, rows out. New rows go in fifty to a
// statement when the list holds none of their ids and none repeats; any
// other chunk goes row by row. Either way every row must be stored as it
// came, and a cached row merged or overwritten as before. The cache holds
// item 1 (edited here when `editOne`), Calendar items 100-149 and a local
// Tasks create.
struct ChunkCase {
  const char* name;
  std::vector<std::int64_t> ids;  // in the order the server sends them
  bool json;                      // the rows' JSON made beforehand
  bool editOne;
  int inserted, updated, merged;
};

std::vector<std::int64_t> idRange(std::int64_t from, std::int64_t to) {
  std::vector<std::int64_t> v;
  for (auto id = from; id <= to; ++id) v.push_back(id);
  return v;
}

std::vector<std::int64_t> joined(std::vector<std::vector<std::int64_t>> parts) {
  std::vector<std::int64_t> v;
  for (const auto& p : parts) v.insert(v.end(), p.begin(), p.end());
  return v;
}

const ChunkCase kChunkCases[] = {
    {"FiftyNewRows", idRange(100, 149), true, false, 50, 0, 0},
    {"ARemainderAfterTheFifties", idRange(100, 172), false, false, 73, 0, 0},
    {"FewerThanFifty", idRange(100, 120), true, false, 21, 0, 0},
    {"ACleanCachedRowAmongThem", joined({idRange(2, 30), {1}, idRange(31, 60)}), true, false, 59, 1, 0},
    {"AnEditedCachedRowAmongThem", joined({idRange(2, 30), {1}, idRange(31, 60)}), true, true, 59, 0, 1},
    {"ARepeatedId", joined({idRange(200, 240), {220}, idRange(241, 260)}), true, false, 61, 1, 0},
    {"IdsAnotherListHolds", idRange(100, 199), false, false, 100, 0, 0},
};

class StoreChunkCases : public ::testing::TestWithParam<ChunkCase> {};

TEST_P(StoreChunkCases, StoreEveryRowAsItCame) {
  const auto& c = GetParam();
  test::TempDir dir;
  Store store = test::openStore(dir.file("cache.sqlite3"));
  constexpr ListKind K = ListKind::Tasks;
  store.applyServerItems(K, {serverItem(1, 1, {{"Title", s("a")}, {"Status", s("Not Started")}})});
  std::vector<Item> calendar;
  for (auto id : idRange(100, 149)) calendar.push_back(serverItem(id, 1, {{"Title", s("event")}}));
  store.applyServerItems(ListKind::Calendar, calendar);
  const auto localId = store.createLocal(K, {{"Title", s("made here")}});
  if (c.editOne) store.updateLocal(K, 1, {{"Priority", s("(1) High")}});

  std::vector<Item> rows;
  std::vector<std::string> json;
  for (std::size_t i = 0; i < c.ids.size(); ++i) {
    const auto id = c.ids[i];
    // The title tells the copies of a repeated id apart: the last one stays.
    const std::string title = "t" + std::to_string(id) + "#" + std::to_string(i);
    rows.push_back(serverItem(id, 2, {{"Title", FieldValue{title}}, {"Status", s("Completed")}}));
    if (c.json) json.push_back(fieldsToJson(rows.back().fields));
  }
  const auto sum = store.applyServerItems(K, rows, json);
  EXPECT_EQ(sum.inserted, c.inserted);
  EXPECT_EQ(sum.updated, c.updated);
  EXPECT_EQ(sum.merged, c.merged);

  std::map<std::int64_t, std::string> lastTitle;
  for (const auto& row : rows) lastTitle[row.id] = std::get<std::string>(row.fields.at("Title"));
  for (const auto& [id, title] : lastTitle) {
    SCOPED_TRACE("item " + std::to_string(id));
    const auto item = store.item(K, id);
    ASSERT_TRUE(item.has_value());
    EXPECT_EQ(item->text("Status"), "Completed");
    EXPECT_EQ(item->etag, "\"2\"");
    EXPECT_EQ(item->uniqueId, "guid-" + std::to_string(id));
    EXPECT_EQ(item->text("Title"), title);
    if (c.editOne && id == 1) {
      EXPECT_EQ(item->text("Priority"), "(1) High") << "the edit made here is merged, not overwritten";
      EXPECT_EQ(item->state, LocalState::Dirty);
    } else {
      EXPECT_EQ(item->state, LocalState::Clean);
      EXPECT_EQ(*store.baseFields(K, id), item->fields);
    }
  }
  const std::size_t serverRows = lastTitle.size() + (lastTitle.count(1) ? 0 : 1);
  EXPECT_EQ(store.count(K, true), serverRows + 1) << "the server's rows, item 1 and the local create";
  EXPECT_EQ(store.item(K, localId)->text("Title"), "made here");
  EXPECT_EQ(store.count(ListKind::Calendar, true), 50u);
  EXPECT_EQ(store.item(ListKind::Calendar, 120)->text("Title"), "event");
}

INSTANTIATE_TEST_SUITE_P(Chunks, StoreChunkCases, ::testing::ValuesIn(kChunkCases),
                         [](const ::testing::TestParamInfo<ChunkCase>& info) { return std::string(info.param.name); });

TEST_F(StoreSyncTest, TheBaseVersionSentAgainLeavesTheOutboxAsItIs) {
  // A change the log tells of twice brings the version the edits are based
  // on: the two queued edits stay two, in their order.
  store->updateLocal(K, 1, {{"Status", s("Completed")}});
  store->updateLocal(K, 1, {{"Title", s("mine")}});
  ASSERT_EQ(store->pendingOutbox(K).size(), 2u);
  const auto sum = store->applyServerItems(K, {serverItem(1, 1, {{"Title", s("a")}, {"Status", s("Not Started")}})});
  EXPECT_EQ(sum.unchanged, 1);
  EXPECT_EQ(sum.merged, 0);
  const auto out = store->pendingOutbox(K);
  ASSERT_EQ(out.size(), 2u);
  EXPECT_EQ(out[0].payload, (Fields{{"Status", s("Completed")}}));
  EXPECT_EQ(out[1].payload, (Fields{{"Title", s("mine")}}));
  EXPECT_EQ(store->item(K, 1)->text("Title"), "mine");
  EXPECT_EQ(store->item(K, 1)->state, LocalState::Dirty);
}

TEST_F(StoreSyncTest, TheBaseVersionWithOtherValuesIsMerged) {
  // SharePoint's SystemUpdate: new values under the same version. They are
  // merged in, and what is still to go out is queued again.
  store->updateLocal(K, 1, {{"Title", s("mine")}});
  const auto sum = store->applyServerItems(
      K, {serverItem(1, 1, {{"Title", s("a")}, {"Status", s("Not Started")}, {"Priority", s("(1) High")}})});
  EXPECT_EQ(sum.merged, 1);
  EXPECT_EQ(store->item(K, 1)->text("Priority"), "(1) High");
  EXPECT_EQ(store->item(K, 1)->text("Title"), "mine");
  const auto out = store->pendingOutbox(K);
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].payload, (Fields{{"Title", s("mine")}}));
}

TEST_F(StoreSyncTest, ServerAlreadyHasOurChangeLeavesItemClean) {
  store->updateLocal(K, 1, {{"Title", s("same")}});
  store->applyServerItems(K, {serverItem(1, 2, {{"Title", s("same")}, {"Status", s("Not Started")}})});
  EXPECT_EQ(store->item(K, 1)->state, LocalState::Clean);
  EXPECT_EQ(store->pendingCount(), 0u);
}

TEST_F(StoreSyncTest, ClashKeepsServerValueAndRecordsConflict) {
  store->updateLocal(K, 1, {{"Title", s("mine")}, {"Status", s("In Progress")}});
  auto sum = store->applyServerItems(K, {serverItem(1, 2, {{"Title", s("theirs")}, {"Status", s("Not Started")}})});
  EXPECT_EQ(sum.newConflicts, 1);
  auto it = store->item(K, 1);
  EXPECT_EQ(it->text("Title"), "theirs");
  EXPECT_EQ(it->text("Status"), "In Progress");
  EXPECT_EQ(it->state, LocalState::Conflict);
  auto cs = store->conflictsOf(K, 1);
  ASSERT_EQ(cs.size(), 1u);
  EXPECT_EQ(cs[0].type, ConflictKind::Field);
  EXPECT_EQ(cs[0].field, "Title");
  EXPECT_EQ(cs[0].localValue, s("mine"));
  EXPECT_EQ(cs[0].serverValue, s("theirs"));
  EXPECT_FALSE(cs[0].created.empty());
  auto out = store->pendingOutbox();
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].payload, (Fields{{"Status", s("In Progress")}}));
  EXPECT_EQ(store->conflicts().size(), 1u);
  EXPECT_EQ(store->conflicts(ListKind::Notes).size(), 0u);
}

TEST_F(StoreSyncTest, ResolveKeepMineQueuesUpdate) {
  store->updateLocal(K, 1, {{"Title", s("mine")}});
  store->applyServerItems(K, {serverItem(1, 2, {{"Title", s("theirs")}, {"Status", s("Not Started")}})});
  ASSERT_EQ(store->pendingCount(), 0u);
  auto c = store->conflictsOf(K, 1).at(0);
  store->resolveConflict(c.id, Resolution::KeepMine);
  auto it = store->item(K, 1);
  EXPECT_EQ(it->text("Title"), "mine");
  EXPECT_EQ(it->state, LocalState::Dirty);
  auto out = store->pendingOutbox();
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].op, OutboxOp::Update);
  EXPECT_EQ(out[0].payload, (Fields{{"Title", s("mine")}}));
  EXPECT_TRUE(store->conflicts().empty());
  EXPECT_THROW(store->resolveConflict(c.id, Resolution::KeepMine), StoreError);
}

TEST_F(StoreSyncTest, ResolveKeepTheirsLeavesServerValue) {
  store->updateLocal(K, 1, {{"Title", s("mine")}});
  store->applyServerItems(K, {serverItem(1, 2, {{"Title", s("theirs")}, {"Status", s("Not Started")}})});
  store->resolveConflict(store->conflictsOf(K, 1).at(0).id, Resolution::KeepTheirs);
  auto it = store->item(K, 1);
  EXPECT_EQ(it->text("Title"), "theirs");
  EXPECT_EQ(it->state, LocalState::Clean);
  EXPECT_EQ(store->pendingCount(), 0u);
}

TEST_F(StoreSyncTest, RepeatedClashOnOneFieldKeepsOneConflict) {
  store->updateLocal(K, 1, {{"Title", s("mine")}});
  store->applyServerItems(K, {serverItem(1, 2, {{"Title", s("theirs")}})});
  store->updateLocal(K, 1, {{"Title", s("mine again")}});
  store->applyServerItems(K, {serverItem(1, 3, {{"Title", s("theirs again")}})});
  auto cs = store->conflictsOf(K, 1);
  ASSERT_EQ(cs.size(), 1u);
  EXPECT_EQ(cs[0].localValue, s("mine again"));
  EXPECT_EQ(cs[0].serverValue, s("theirs again"));
}

TEST_F(StoreSyncTest, ServerDeleteRemovesCleanItem) {
  auto sum = store->applyServerDeletes(K, {1, 99});
  EXPECT_EQ(sum.removed, 1);
  EXPECT_FALSE(store->item(K, 1));
}

TEST_F(StoreSyncTest, ServerDeleteOfEditedItemRecreatesIt) {
  store->updateLocal(K, 1, {{"Title", s("mine")}});
  auto sum = store->applyServerDeletes(K, {1});
  EXPECT_EQ(sum.recreated, 1);
  EXPECT_FALSE(store->item(K, 1));
  auto items = store->items(K);
  ASSERT_EQ(items.size(), 1u);
  const Item& again = items[0];
  EXPECT_LT(again.id, 0);
  EXPECT_EQ(again.text("Title"), "mine");
  EXPECT_EQ(again.state, LocalState::Conflict);
  auto out = store->pendingOutbox();
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].op, OutboxOp::Create);
  EXPECT_EQ(out[0].itemId, again.id);
  EXPECT_EQ(out[0].payload.at("Title"), s("mine"));
  auto cs = store->conflictsOf(K, again.id);
  ASSERT_EQ(cs.size(), 1u);
  EXPECT_EQ(cs[0].type, ConflictKind::EditVsServerDelete);

  store->resolveConflict(cs[0].id, Resolution::KeepMine);
  EXPECT_EQ(store->item(K, again.id)->state, LocalState::Dirty) << "create still queued";
  EXPECT_EQ(store->pendingCount(), 1u);
}

TEST_F(StoreSyncTest, ServerDeleteOfEditedItemKeepTheirsDropsIt) {
  store->updateLocal(K, 1, {{"Title", s("mine")}});
  store->applyServerDeletes(K, {1});
  auto c = store->conflicts(K).at(0);
  store->resolveConflict(c.id, Resolution::KeepTheirs);
  EXPECT_EQ(store->count(K, true), 0u);
  EXPECT_EQ(store->pendingCount(), 0u);
}

TEST_F(StoreSyncTest, ServerDeleteAgreesWithLocalDelete) {
  store->removeLocal(K, 1);
  auto sum = store->applyServerDeletes(K, {1});
  EXPECT_EQ(sum.removed, 1);
  EXPECT_EQ(store->pendingCount(), 0u);
  EXPECT_EQ(store->count(K, true), 0u);
}

TEST_F(StoreSyncTest, LocalDeleteOfUnchangedItemStaysQueued) {
  store->removeLocal(K, 1);
  auto sum = store->applyServerItems(K, {serverItem(1, 1, {{"Title", s("a")}, {"Status", s("Not Started")}})});
  EXPECT_EQ(sum.unchanged, 1);
  EXPECT_EQ(store->item(K, 1)->state, LocalState::Deleted);
  EXPECT_EQ(store->pendingCount(), 1u);
}

TEST_F(StoreSyncTest, LocalDeleteVsServerEditKeepsServerAndTellsUser) {
  store->removeLocal(K, 1);
  auto sum = store->applyServerItems(K, {serverItem(1, 2, {{"Title", s("edited")}})});
  EXPECT_EQ(sum.newConflicts, 1);
  auto it = store->item(K, 1);
  ASSERT_TRUE(it);
  EXPECT_EQ(it->text("Title"), "edited");
  EXPECT_EQ(it->state, LocalState::Conflict);
  EXPECT_EQ(store->pendingCount(), 0u) << "the delete is not pushed over someone's edit";
  auto cs = store->conflictsOf(K, 1);
  ASSERT_EQ(cs.size(), 1u);
  EXPECT_EQ(cs[0].type, ConflictKind::DeleteVsServerEdit);
  EXPECT_EQ(store->count(K), 1u) << "visible again";
}

TEST_F(StoreSyncTest, LocalDeleteAfterOwnEditReachedTheServerStaysQueued) {
  // The edit went out, the sync was killed before it noted the new version,
  // then the user deleted the item: the server's "edit" is the user's own.
  store->updateLocal(K, 1, {{"Title", s("mine")}});
  store->removeLocal(K, 1);
  auto sum = store->applyServerItems(K, {serverItem(1, 2, {{"Title", s("mine")}, {"Status", s("Not Started")}})});
  EXPECT_EQ(sum.newConflicts, 0);
  EXPECT_TRUE(store->conflicts().empty());
  auto it = store->item(K, 1);
  ASSERT_TRUE(it);
  EXPECT_EQ(it->state, LocalState::Deleted);
  EXPECT_EQ(it->etag, "\"2\"") << "the delete goes out against the version the server has";
  auto out = store->pendingOutbox();
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].op, OutboxOp::Delete);
}

TEST_F(StoreSyncTest, LocalDeleteDropsQueuedUpdatesOfTheItem) {
  store->updateLocal(K, 1, {{"Title", s("mine")}});
  store->removeLocal(K, 1);
  auto out = store->pendingOutbox();
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].op, OutboxOp::Delete);
}

TEST_F(StoreSyncTest, LocalDeleteVsServerEditKeepMineDeletesAgain) {
  store->removeLocal(K, 1);
  store->applyServerItems(K, {serverItem(1, 2, {{"Title", s("edited")}})});
  store->resolveConflict(store->conflicts().at(0).id, Resolution::KeepMine);
  EXPECT_EQ(store->item(K, 1)->state, LocalState::Deleted);
  auto out = store->pendingOutbox();
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].op, OutboxOp::Delete);
}

TEST_F(StoreSyncTest, LocalDeleteVsServerEditKeepTheirs) {
  store->removeLocal(K, 1);
  store->applyServerItems(K, {serverItem(1, 2, {{"Title", s("edited")}})});
  store->resolveConflict(store->conflicts().at(0).id, Resolution::KeepTheirs);
  EXPECT_EQ(store->item(K, 1)->state, LocalState::Clean);
  EXPECT_EQ(store->pendingCount(), 0u);
}

TEST_F(StoreSyncTest, PushAfterMergeThenDoneIsClean) {
  store->updateLocal(K, 1, {{"Title", s("mine")}});
  auto stale = store->pendingOutbox().at(0).seq;
  store->applyServerItems(K, {serverItem(1, 2, {{"Title", s("a")}, {"Status", s("Completed")}})});
  store->markDone(stale);  // in flight while the merge rewrote it: ignored
  auto out = store->pendingOutbox();
  ASSERT_EQ(out.size(), 1u);
  store->markDone(out[0].seq, std::string("\"3\""));
  auto it = store->item(K, 1);
  EXPECT_EQ(it->state, LocalState::Clean);
  EXPECT_EQ(*store->baseFields(K, 1), (Fields{{"Title", s("mine")}, {"Status", s("Completed")}}));
}

TEST_F(StoreSyncTest, FullReadReconcilesAndKeepsLocalWork) {
  store->applyServerItems(K, {serverItem(2, 1, {{"Title", s("gone, clean")}}),
                              serverItem(3, 1, {{"Title", s("gone, edited")}})});
  store->updateLocal(K, 3, {{"Title", s("my edit")}});
  auto temp = store->createLocal(K, {{"Title", s("unpushed")}});
  auto sum = store->reconcileFullRead(K, {serverItem(1, 2, {{"Title", s("b")}}), serverItem(4, 1, {{"Title", s("new")}})});
  EXPECT_EQ(sum.updated, 1);
  EXPECT_EQ(sum.inserted, 1);
  EXPECT_EQ(sum.removed, 1);
  EXPECT_EQ(sum.recreated, 1);
  EXPECT_FALSE(store->item(K, 2));
  EXPECT_FALSE(store->item(K, 3));
  EXPECT_TRUE(store->item(K, temp)) << "an unpushed create is not the server's to delete";
  int recreatedEdits = 0;
  for (const auto& it : store->items(K))
    if (it.text("Title") == "my edit") ++recreatedEdits;
  EXPECT_EQ(recreatedEdits, 1);
  EXPECT_EQ(store->count(K), 4u);
}

TEST_F(StoreSyncTest, RemovingItemDropsItsConflicts) {
  store->updateLocal(K, 1, {{"Title", s("mine")}});
  store->applyServerItems(K, {serverItem(1, 2, {{"Title", s("theirs")}})});
  ASSERT_EQ(store->conflicts().size(), 1u);
  store->removeLocal(K, 1);
  EXPECT_TRUE(store->conflicts().empty());
}

}  // namespace
}  // namespace deskpane::sync
