#include "sync/store.h"

#include <sqlite3.h>
#include <sys/stat.h>

#include <gtest/gtest.h>

#include <atomic>
#include <thread>

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
  it.modified = "2024-01-05T09:00:00Z";
  it.fields = std::move(fields);
  return it;
}

using test::openStore;

int fileMode(const std::string& path) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) return -1;
  return static_cast<int>(st.st_mode & 0777);
}

// Raw SQL on the file, for what the API must not be able to do (inject faults, inspect).
void rawExec(const std::string& path, const char* sql) {
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
  char* err = nullptr;
  int rc = sqlite3_exec(db, sql, nullptr, nullptr, &err);
  EXPECT_EQ(rc, SQLITE_OK) << (err ? err : "");
  sqlite3_free(err);
  sqlite3_close(db);
}

class StoreTest : public ::testing::Test {
 protected:
  test::TempDir dir;
  std::string path = dir.file("cache.sqlite3");
};

TEST_F(StoreTest, MigratesEmptyFileAndReopens) {
  {
    Store store = openStore(path);
    EXPECT_EQ(store.schemaVersion(), Store::kSchemaVersion);
    store.setList({ListKind::Tasks, "list-guid", "Tasks", 171, "SP.Data.TasksListItem", "tok1", "", ""});
    store.applyServerItems(ListKind::Tasks, {serverItem(1, 1, {{"Title", s("a")}})});
  }
  Store again = openStore(path);
  EXPECT_EQ(again.schemaVersion(), Store::kSchemaVersion);
  auto b = again.list(ListKind::Tasks);
  ASSERT_TRUE(b);
  EXPECT_EQ(b->listId, "list-guid");
  EXPECT_EQ(b->entityType, "SP.Data.TasksListItem");
  EXPECT_EQ(b->changeToken, "tok1");
  EXPECT_EQ(again.count(ListKind::Tasks), 1u);
}

TEST_F(StoreTest, MigratesOlderFileForward) {
  {
    Store store = openStore(path);
    store.createLocal(ListKind::Notes, {{"Title", s("kept")}});
  }
  // Turn the file back into a version 1 cache: migrations 2 to 7 must run on reopen.
  rawExec(path,
          "DROP INDEX items_changed; DROP TABLE id_aliases; ALTER TABLE outbox DROP COLUMN sent_since; "
          "CREATE INDEX items_unique ON items(kind, unique_id); PRAGMA user_version = 1;");
  Store store = openStore(path);
  EXPECT_EQ(store.schemaVersion(), Store::kSchemaVersion);
  EXPECT_EQ(store.count(ListKind::Notes), 1u) << "data survives the migration";
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
  sqlite3_stmt* st = nullptr;
  sqlite3_prepare_v2(db, "SELECT count(*) FROM sqlite_master WHERE name IN ('items_changed', 'id_aliases')", -1,
                     &st, nullptr);
  ASSERT_EQ(sqlite3_step(st), SQLITE_ROW);
  EXPECT_EQ(sqlite3_column_int(st, 0), 2);
  sqlite3_finalize(st);
  // No query reads items by unique id: version 6 drops that index. Version 7
  // replaces the index of every row's state by one of the changed rows'.
  sqlite3_prepare_v2(db, "SELECT count(*) FROM sqlite_master WHERE name IN ('items_unique', 'items_kind_state')", -1,
                     &st, nullptr);
  ASSERT_EQ(sqlite3_step(st), SQLITE_ROW);
  EXPECT_EQ(sqlite3_column_int(st, 0), 0);
  sqlite3_finalize(st);
  sqlite3_close(db);
}

int rawPageSize(const std::string& path) {
  sqlite3* db = nullptr;
  EXPECT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
  sqlite3_stmt* st = nullptr;
  sqlite3_prepare_v2(db, "PRAGMA page_size", -1, &st, nullptr);
  const int size = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int(st, 0) : -1;
  sqlite3_finalize(st);
  sqlite3_close(db);
  return size;
}

TEST_F(StoreTest, ANewFileTakesLargerPagesAnOldOneKeepsItsOwn) {
  {
    Store store = openStore(path);
    store.applyServerItems(ListKind::Tasks, {serverItem(1, 1, {{"Title", s("a")}})});
  }
  EXPECT_EQ(rawPageSize(path), Store::kPageSize);

  // A cache made by a build that left SQLite's default, already in WAL mode.
  const std::string old = dir.file("old.sqlite3");
  rawExec(old, "PRAGMA page_size = 4096; PRAGMA journal_mode = WAL; CREATE TABLE early(x);");
  {
    Store store = openStore(old);
    EXPECT_EQ(store.schemaVersion(), Store::kSchemaVersion);
    store.applyServerItems(ListKind::Tasks, {serverItem(1, 1, {{"Title", s("a")}})});
    EXPECT_EQ(store.item(ListKind::Tasks, 1)->text("Title"), "a");
  }
  EXPECT_EQ(rawPageSize(old), 4096);
}

TEST_F(StoreTest, RefusesNewerSchema) {
  { openStore(path); }
  rawExec(path, "PRAGMA user_version = 99");
  auto r = Store::open(path);
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().message.find("newer"), std::string::npos) << r.error().message;
}

TEST_F(StoreTest, RefusesGarbageFile) {
  FILE* f = std::fopen(path.c_str(), "w");
  std::fputs("this is not a database, just some text that is long enough to be checked......", f);
  std::fclose(f);
  auto r = Store::open(path);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, ErrorCode::Database);
}

TEST_F(StoreTest, FilesArePrivate) {
  Store store = openStore(path);
  store.createLocal(ListKind::Notes, {{"Title", s("x")}});
  EXPECT_EQ(fileMode(path), 0600);
  EXPECT_EQ(fileMode(path + "-wal"), 0600);
  EXPECT_EQ(fileMode(path + "-shm"), 0600);
}

TEST_F(StoreTest, ChangeTokenLastSyncLastError) {
  Store store = openStore(path);
  store.setChangeToken(ListKind::Calendar, "1;3;abc;638400000000000000;42");
  store.setLastError(ListKind::Calendar, "HTTP 503");
  EXPECT_EQ(store.list(ListKind::Calendar)->lastError, "HTTP 503");
  store.setLastSync(ListKind::Calendar, "2024-01-05T09:00:00Z");
  auto b = store.list(ListKind::Calendar);
  EXPECT_EQ(b->changeToken, "1;3;abc;638400000000000000;42");
  EXPECT_EQ(b->lastSync, "2024-01-05T09:00:00Z");
  EXPECT_EQ(b->lastError, "") << "a successful sync clears the error";
  EXPECT_EQ(store.lists().size(), 1u);
}

TEST_F(StoreTest, AppValuesSurviveReopenAndStayApartFromTheEngines) {
  {
    Store store = openStore(path);
    EXPECT_FALSE(store.appValue("reminder_marks"));
    store.setAppValue("reminder_marks", "dismissed calendar/1/2026-12-05T15:00:00Z 2026-12-05T16:00:00Z\n");
    store.setAppValue("reminder_marks", "line one\nline two\n");  // replaces, never appends
    // A key named like one of the engine's is the app's own, not the engine's.
    store.setAppValue("site_time_zone", "not a number");
    EXPECT_FALSE(store.siteTimeZoneId());
  }
  Store again = openStore(path);
  EXPECT_EQ(again.appValue("reminder_marks").value_or("?"), "line one\nline two\n");
  EXPECT_EQ(again.appValue("site_time_zone").value_or("?"), "not a number");
}

TEST_F(StoreTest, RebindingToAnotherListDropsTheOldCache) {
  Store store = openStore(path);
  store.setList({ListKind::Notes, "A", "Notes", 100, "", "", "", ""});
  store.applyServerItems(ListKind::Notes, {serverItem(1, 1, {{"Title", s("a")}})});
  store.setList({ListKind::Notes, "A", "Notes", 100, "", "tok", "", ""});
  EXPECT_EQ(store.count(ListKind::Notes), 1u) << "same list: cache kept";
  store.setList({ListKind::Notes, "B", "Other", 100, "", "", "", ""});
  EXPECT_EQ(store.count(ListKind::Notes), 0u);
}

TEST_F(StoreTest, CreateWritesItemAndOutboxTogether) {
  Store store = openStore(path);
  auto id = store.createLocal(ListKind::Tasks, {{"Title", s("buy milk")}});
  EXPECT_LT(id, 0);
  auto id2 = store.createLocal(ListKind::Tasks, {{"Title", s("second")}});
  EXPECT_NE(id, id2);
  auto it = store.item(ListKind::Tasks, id);
  ASSERT_TRUE(it);
  EXPECT_EQ(it->state, LocalState::Dirty);
  EXPECT_EQ(it->text("Title"), "buy milk");
  auto out = store.pendingOutbox();
  ASSERT_EQ(out.size(), 2u);
  EXPECT_EQ(out[0].op, OutboxOp::Create);
  EXPECT_EQ(out[0].itemId, id);
  EXPECT_EQ(out[0].clientGuid, it->uniqueId);
  EXPECT_EQ(out[0].clientGuid.size(), 36u);
  EXPECT_EQ(out[0].payload, (Fields{{"Title", s("buy milk")}}));
  EXPECT_LT(out[0].seq, out[1].seq);
}

// Counts come from two indexes (all rows by key, changed rows by state): a
// deleted row must leave its own list's count and no other.
TEST_F(StoreTest, CountsLeaveOutOnlyTheirListsDeletedRows) {
  Store store = openStore(path);
  store.applyServerItems(ListKind::Notes, {serverItem(1, 1, {{"Title", s("a")}}), serverItem(2, 1, {{"Title", s("b")}}),
                                           serverItem(3, 1, {{"Title", s("c")}})});
  store.applyServerItems(ListKind::Tasks, {serverItem(1, 1, {{"Title", s("t")}}), serverItem(2, 1, {{"Title", s("u")}})});
  store.removeLocal(ListKind::Notes, 2);
  store.updateLocal(ListKind::Notes, 3, {{"Title", s("c2")}});
  store.removeLocal(ListKind::Tasks, 1);
  store.createLocal(ListKind::Tasks, {{"Title", s("new")}});
  EXPECT_EQ(store.count(ListKind::Notes), 2u);
  EXPECT_EQ(store.count(ListKind::Notes, true), 3u);
  EXPECT_EQ(store.count(ListKind::Tasks), 2u);
  EXPECT_EQ(store.count(ListKind::Tasks, true), 3u);
  EXPECT_EQ(store.count(ListKind::Contacts), 0u);
  EXPECT_EQ(store.items(ListKind::Notes).size(), store.count(ListKind::Notes));
  EXPECT_EQ(store.items(ListKind::Tasks, true).size(), store.count(ListKind::Tasks, true));
}

TEST_F(StoreTest, FailureMidEditLeavesNothingHalfWritten) {
  { openStore(path); }
  // The item row is written first; make the outbox insert fail after it.
  rawExec(path, "CREATE TRIGGER fail_outbox BEFORE INSERT ON outbox BEGIN SELECT RAISE(ABORT, 'injected'); END;");
  Store store = openStore(path);
  EXPECT_THROW(store.createLocal(ListKind::Notes, {{"Title", s("x")}}), StoreError);
  EXPECT_EQ(store.count(ListKind::Notes, true), 0u);
  EXPECT_EQ(store.pendingCount(), 0u);

  rawExec(path, "DROP TRIGGER fail_outbox");
  store.applyServerItems(ListKind::Notes, {serverItem(5, 1, {{"Title", s("server")}})});
  rawExec(path, "CREATE TRIGGER fail_outbox BEFORE INSERT ON outbox BEGIN SELECT RAISE(ABORT, 'injected'); END;");
  EXPECT_THROW(store.updateLocal(ListKind::Notes, 5, {{"Title", s("mine")}}), StoreError);
  EXPECT_THROW(store.removeLocal(ListKind::Notes, 5), StoreError);
  auto it = store.item(ListKind::Notes, 5);
  ASSERT_TRUE(it);
  EXPECT_EQ(it->text("Title"), "server");
  EXPECT_EQ(it->state, LocalState::Clean);
}

TEST_F(StoreTest, FailureInsideOuterTransactionRollsBackOnlyThatCall) {
  Store store = openStore(path);
  store.applyServerItems(ListKind::Notes, {serverItem(1, 1, {{"Title", s("a")}})});
  {
    Store::Transaction tx(store);
    store.createLocal(ListKind::Notes, {{"Title", s("kept")}});
    EXPECT_THROW(store.updateLocal(ListKind::Notes, 999, {{"Title", s("x")}}), StoreError);
    tx.commit();
  }
  EXPECT_EQ(store.count(ListKind::Notes), 2u);
  EXPECT_EQ(store.pendingCount(), 1u);
}

TEST_F(StoreTest, TransactionRollsBackWithoutCommit) {
  Store store = openStore(path);
  {
    Store::Transaction tx(store);
    store.applyServerItems(ListKind::Notes, {serverItem(1, 1, {{"Title", s("a")}})});
    store.createLocal(ListKind::Notes, {{"Title", s("b")}});
  }
  EXPECT_EQ(store.count(ListKind::Notes, true), 0u);
  EXPECT_EQ(store.pendingCount(), 0u);
}

TEST_F(StoreTest, UpdateQueuesOnlyChangedFields) {
  Store store = openStore(path);
  store.applyServerItems(ListKind::Tasks,
                         {serverItem(3, 2, {{"Title", s("a")}, {"Status", s("Not Started")}})});
  store.updateLocal(ListKind::Tasks, 3, {{"Title", s("a")}, {"Status", s("Completed")}});
  auto out = store.pendingOutbox(ListKind::Tasks);
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].op, OutboxOp::Update);
  EXPECT_EQ(out[0].payload, (Fields{{"Status", s("Completed")}}));
  EXPECT_EQ(store.item(ListKind::Tasks, 3)->state, LocalState::Dirty);
  EXPECT_EQ(*store.baseFields(ListKind::Tasks, 3), (Fields{{"Title", s("a")}, {"Status", s("Not Started")}}));

  store.updateLocal(ListKind::Tasks, 3, {{"Status", s("Completed")}});
  EXPECT_EQ(store.pendingCount(), 1u) << "a no-op edit queues nothing";

  store.markDone(out[0].seq, std::string("\"3\""));
  auto it = store.item(ListKind::Tasks, 3);
  EXPECT_EQ(it->state, LocalState::Clean);
  EXPECT_EQ(it->etag, "\"3\"");
  EXPECT_EQ(store.baseFields(ListKind::Tasks, 3)->at("Status"), s("Completed"));
  EXPECT_THROW(store.updateLocal(ListKind::Tasks, 77, {{"Title", s("x")}}), StoreError);
}

TEST_F(StoreTest, RemoveHidesItemUntilPushed) {
  Store store = openStore(path);
  store.applyServerItems(ListKind::Contacts, {serverItem(1, 1, {{"Title", s("Doe")}})});
  store.removeLocal(ListKind::Contacts, 1);
  EXPECT_EQ(store.count(ListKind::Contacts), 0u);
  EXPECT_EQ(store.count(ListKind::Contacts, true), 1u);
  EXPECT_TRUE(store.items(ListKind::Contacts).empty());
  EXPECT_EQ(store.item(ListKind::Contacts, 1)->state, LocalState::Deleted);
  EXPECT_THROW(store.updateLocal(ListKind::Contacts, 1, {{"Title", s("x")}}), StoreError);
  store.removeLocal(ListKind::Contacts, 1);  // twice is harmless
  auto out = store.pendingOutbox();
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].op, OutboxOp::Delete);
  store.markDone(out[0].seq);
  EXPECT_FALSE(store.item(ListKind::Contacts, 1));
  EXPECT_EQ(store.pendingCount(), 0u);
}

TEST_F(StoreTest, RecordFailureCountsAttempts) {
  Store store = openStore(path);
  store.createLocal(ListKind::Notes, {{"Title", s("x")}});
  auto seq = store.pendingOutbox()[0].seq;
  store.recordFailure(seq, "HTTP 429");
  store.recordFailure(seq, "connection reset");
  auto e = store.pendingOutbox()[0];
  EXPECT_EQ(e.attempts, 2);
  EXPECT_EQ(e.lastError, "connection reset");
  EXPECT_FALSE(e.sentSince) << "a failure is no create mark";
}

TEST_F(StoreTest, CreateMarkKeepsItsTokenApartFromTheErrorText) {
  Store store = openStore(path);
  store.createLocal(ListKind::Notes, {{"Title", s("x")}});
  const auto seq = store.pendingOutbox()[0].seq;
  store.recordFailure(seq, "HTTP 503");
  store.markCreateSent(seq, "1;3;list;0;7");
  const auto e = store.pendingOutbox()[0];
  EXPECT_EQ(e.attempts, 2);
  ASSERT_TRUE(e.sentSince);
  EXPECT_EQ(*e.sentSince, "1;3;list;0;7");
  EXPECT_EQ(e.lastError, "") << "an attempt in flight is not an error to show";
}

TEST_F(StoreTest, MigrationMovesAnOldCreateMarkOutOfTheErrorText) {
  // Before schema 5 the mark lived in last_error: "sent; awaiting the
  // server's answer; since=<token>". An update's error text stays.
  {
    Store store = openStore(path);
    store.createLocal(ListKind::Notes, {{"Title", s("sent")}});
    store.createLocal(ListKind::Notes, {{"Title", s("refused")}});
  }
  rawExec(path,
          "ALTER TABLE outbox DROP COLUMN sent_since; "
          "UPDATE outbox SET attempts = 1, last_error = 'sent; awaiting the server''s answer; since=1;3;l;0;9' "
          "WHERE seq = (SELECT min(seq) FROM outbox); "
          "UPDATE outbox SET attempts = 1, last_error = 'HTTP 400: bad value' "
          "WHERE seq = (SELECT max(seq) FROM outbox); "
          "PRAGMA user_version = 4;");
  Store store = openStore(path);
  EXPECT_EQ(store.schemaVersion(), Store::kSchemaVersion);
  const auto out = store.pendingOutbox();
  ASSERT_EQ(out.size(), 2u);
  ASSERT_TRUE(out[0].sentSince);
  EXPECT_EQ(*out[0].sentSince, "1;3;l;0;9");
  EXPECT_EQ(out[0].lastError, "");
  EXPECT_EQ(out[0].attempts, 1);
  EXPECT_FALSE(out[1].sentSince);
  EXPECT_EQ(out[1].lastError, "HTTP 400: bad value");
}

TEST_F(StoreTest, CompleteCreateReplacesTempIdEverywhere) {
  Store store = openStore(path);
  auto temp = store.createLocal(ListKind::Tasks, {{"Title", s("new")}});
  store.updateLocal(ListKind::Tasks, temp, {{"Status", s("In Progress")}});
  auto out = store.pendingOutbox();
  ASSERT_EQ(out.size(), 2u);

  Item created = serverItem(42, 1, {{"Title", s("new")}, {"Created", s("2024-01-05T09:00:00Z")}});
  store.completeCreate(out[0].seq, created);

  EXPECT_FALSE(store.item(ListKind::Tasks, temp));
  auto it = store.item(ListKind::Tasks, 42);
  ASSERT_TRUE(it);
  EXPECT_EQ(it->etag, "\"1\"");
  EXPECT_EQ(it->text("Status"), "In Progress") << "a later queued edit stays visible";
  EXPECT_EQ(it->text("Created"), "2024-01-05T09:00:00Z");
  EXPECT_EQ(it->state, LocalState::Dirty);
  auto rest = store.pendingOutbox();
  ASSERT_EQ(rest.size(), 1u);
  EXPECT_EQ(rest[0].itemId, 42) << "the queued update now targets the server id";
  EXPECT_EQ(*store.baseFields(ListKind::Tasks, 42), created.fields);

  store.markDone(rest[0].seq, std::string("\"2\""));
  EXPECT_EQ(store.item(ListKind::Tasks, 42)->state, LocalState::Clean);
  EXPECT_THROW(store.completeCreate(rest[0].seq, created), StoreError);
}

TEST_F(StoreTest, EditsAimedAtARenamedIdReachTheItem) {
  // The UI read an item under one id; before its edit arrives the id changes
  // (the create reached the server, or a server delete re-created the item).
  // The edit must land, never fail with "no item".
  Store store = openStore(path);
  auto temp = store.createLocal(ListKind::Tasks, {{"Title", s("new")}});
  store.completeCreate(store.pendingOutbox()[0].seq, serverItem(42, 1, {{"Title", s("new")}}));
  EXPECT_EQ(store.currentId(ListKind::Tasks, temp), 42);
  store.updateLocal(ListKind::Tasks, temp, {{"Title", s("renamed under me")}});
  EXPECT_EQ(store.item(ListKind::Tasks, 42)->text("Title"), "renamed under me");
  ASSERT_EQ(store.pendingOutbox().size(), 1u);
  EXPECT_EQ(store.pendingOutbox()[0].itemId, 42);
  store.markDone(store.pendingOutbox()[0].seq, std::string("\"2\""));

  // Edited here, deleted there: re-created under a temp id; the old server
  // id (and the first temp id, through it) still reach it.
  store.updateLocal(ListKind::Tasks, 42, {{"Status", s("In Progress")}});
  store.applyServerDeletes(ListKind::Tasks, {42});
  const auto again = store.currentId(ListKind::Tasks, 42);
  EXPECT_LT(again, 0);
  EXPECT_EQ(store.currentId(ListKind::Tasks, temp), again);
  store.updateLocal(ListKind::Tasks, 42, {{"Priority", s("(1) High")}});
  EXPECT_EQ(store.item(ListKind::Tasks, again)->text("Priority"), "(1) High");
  store.removeLocal(ListKind::Tasks, temp);
  EXPECT_EQ(store.item(ListKind::Tasks, again)->state, LocalState::Deleted);
  // Ids of another kind are not aliased.
  EXPECT_EQ(store.currentId(ListKind::Notes, temp), temp);
  EXPECT_THROW(store.updateLocal(ListKind::Notes, temp, {{"Title", s("x")}}), StoreError);
}

TEST_F(StoreTest, CompleteCreateAfterSyncAlreadyFetchedTheItem) {
  Store store = openStore(path);
  auto temp = store.createLocal(ListKind::Notes, {{"Title", s("n")}});
  store.applyServerItems(ListKind::Notes, {serverItem(7, 1, {{"Title", s("n")}})});
  EXPECT_EQ(store.count(ListKind::Notes), 2u);
  store.completeCreate(store.pendingOutbox()[0].seq, serverItem(7, 1, {{"Title", s("n")}}));
  EXPECT_EQ(store.count(ListKind::Notes), 1u) << "no duplicate";
  EXPECT_FALSE(store.item(ListKind::Notes, temp));
  EXPECT_EQ(store.item(ListKind::Notes, 7)->state, LocalState::Clean);
}

TEST_F(StoreTest, MarkDoneOnCreateIsAnError) {
  Store store = openStore(path);
  store.createLocal(ListKind::Notes, {{"Title", s("n")}});
  EXPECT_THROW(store.markDone(store.pendingOutbox()[0].seq), StoreError);
  store.markDone(123456);  // unknown seq: already rewritten away, nothing to do
  EXPECT_EQ(store.pendingCount(), 1u);
}

TEST_F(StoreTest, ALocalCreateCarriesItsClientGuid) {
  Store store = openStore(path);
  auto temp = store.createLocal(ListKind::Notes, {{"Title", s("n")}});
  const auto entry = store.pendingOutbox().at(0);
  EXPECT_FALSE(entry.clientGuid.empty());
  EXPECT_EQ(entry.itemId, temp);
  EXPECT_EQ(store.item(ListKind::Notes, temp)->uniqueId, entry.clientGuid);
}

TEST_F(StoreTest, TwoConnectionsReadWhileTheOtherWrites) {
  Store writer = openStore(path);
  Store reader = openStore(path);
  std::atomic<bool> done{false};
  std::atomic<int> reads{0};
  std::atomic<bool> sawTorn{false};
  std::thread t([&] {
    // Each batch adds 10 items in one transaction: a reader sees multiples of 10 only.
    for (int batch = 0; batch < 50; ++batch) {
      std::vector<Item> items;
      for (int i = 0; i < 10; ++i) items.push_back(serverItem(batch * 10 + i + 1, 1, {{"Title", s("x")}}));
      Store::Transaction tx(writer);
      writer.applyServerItems(ListKind::Tasks, items);
      writer.createLocal(ListKind::Notes, {{"Title", s("n")}});
      tx.commit();
    }
    done = true;
  });
  while (!done) {
    auto n = reader.count(ListKind::Tasks);
    if (n % 10 != 0) sawTorn = true;
    auto all = reader.items(ListKind::Tasks);
    if (all.size() % 10 != 0) sawTorn = true;
    reader.createLocal(ListKind::Contacts, {{"Title", s("c")}});  // and it can write too
    ++reads;
  }
  t.join();
  EXPECT_FALSE(sawTorn);
  EXPECT_GT(reads.load(), 0);
  EXPECT_EQ(reader.count(ListKind::Tasks), 500u);
  EXPECT_EQ(reader.pendingOutbox(ListKind::Notes).size(), 50u);
  EXPECT_EQ(writer.pendingOutbox(ListKind::Contacts).size(), static_cast<std::size_t>(reads.load()));
}

}  // namespace
}  // namespace deskpane::sync

namespace deskpane::sync {
namespace {

TEST(StorePageCache, ALimitIsKeptAndHasAFloor) {
  auto store = Store::open(":memory:");
  ASSERT_TRUE(store);
  EXPECT_EQ(store->pageCacheKiB(), 2000);  // SQLite's default, -2000
  store->limitPageCache(Store::kUiPageCacheKiB);
  EXPECT_EQ(store->pageCacheKiB(), Store::kUiPageCacheKiB);
  store->limitPageCache(1);
  EXPECT_EQ(store->pageCacheKiB(), 64);
}

}  // namespace
}  // namespace deskpane::sync
