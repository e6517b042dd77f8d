// How the cache keeps a row's base (the last server version seen): a row
// stored as the server sent it writes its fields once and an empty base; a
// row written before that form existed carries its base in full. Both must
// merge alike, and each path that writes a row must leave the right form.
#include <sqlite3.h>

#include <gtest/gtest.h>

#include <string>

#include "sync/item_json.h"
#include "sync/store.h"
#include "tests/support/temp_dir.h"
#include "tests/support/test_store.h"

namespace deskpane::sync {
namespace {

constexpr ListKind K = ListKind::Tasks;

FieldValue s(const char* v) { return std::string(v); }

Item serverItem(std::int64_t id, int version, Fields fields) {
  Item it;
  it.id = id;
  it.uniqueId = "guid-" + std::to_string(id);
  it.etag = "\"" + std::to_string(version) + "\"";
  it.fields = std::move(fields);
  return it;
}

// Runs `sql` on the file outside the Store; the text of the first column of
// the first row, "NULL" for a null, "" when there is no row.
std::string rawText(const std::string& path, const std::string& sql) {
  sqlite3* db = nullptr;
  EXPECT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
  sqlite3_stmt* st = nullptr;
  std::string out;
  const int rc = sqlite3_prepare_v2(db, sql.c_str(), -1, &st, nullptr);
  EXPECT_EQ(rc, SQLITE_OK) << sqlite3_errmsg(db);
  if (rc == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW) {
    const auto* text = sqlite3_column_text(st, 0);
    out = text ? reinterpret_cast<const char*>(text) : "NULL";
  }
  sqlite3_finalize(st);
  sqlite3_close(db);
  return out;
}

std::string baseColumn(const std::string& path, std::int64_t id) {
  return rawText(path, "SELECT base FROM items WHERE kind = 'tasks' AND id = " + std::to_string(id));
}

class StoreBaseTest : public ::testing::Test {
 protected:
  Store open() { return test::openStore(path); }
  test::TempDir dir;
  std::string path = dir.file("cache.sqlite3");
};

TEST_F(StoreBaseTest, EachWriteLeavesTheFormItsRowNeeds) {
  Store store = open();
  const Fields v1{{"Title", s("a")}, {"Status", s("Not Started")}};
  store.applyServerItems(K, {serverItem(1, 1, v1)});
  EXPECT_EQ(baseColumn(path, 1), "") << "a new server row keeps its fields once";
  EXPECT_EQ(rawText(path, "SELECT fields FROM items WHERE id = 1"), fieldsToJson(v1));

  store.updateLocal(K, 1, {{"Status", s("Completed")}});
  EXPECT_EQ(baseColumn(path, 1), fieldsToJson(v1)) << "an edited row keeps the version it was based on in full";
  EXPECT_EQ(*store.baseFields(K, 1), v1);

  store.markDone(store.pendingOutbox().at(0).seq, std::string("\"2\""));
  EXPECT_EQ(baseColumn(path, 1), "") << "once the server holds the edit, the row is its own base again";
  EXPECT_EQ(*store.baseFields(K, 1), (Fields{{"Title", s("a")}, {"Status", s("Completed")}}));

  store.applyServerItems(K, {serverItem(1, 3, {{"Title", s("b")}})});
  EXPECT_EQ(baseColumn(path, 1), "") << "a clean row overwritten by the server";

  const std::int64_t created = store.createLocal(K, {{"Title", s("new")}});
  EXPECT_EQ(baseColumn(path, created), "NULL") << "an unpushed create has no base at all";
  EXPECT_EQ(*store.baseFields(K, created), Fields{});
}

// A local edit, then a server version; the same outcome whichever form the
// row's base was stored in.
struct MergeCase {
  const char* name;
  Fields local;      // the user's edit of the cached version {Title a, Status Not Started}
  Fields server;     // the server's next version
  Fields expected;   // the row afterwards
  std::size_t conflicts;
};

const MergeCase kMergeCases[] = {
    {"DisjointEditsMerge", {{"Status", s("Completed")}}, {{"Title", s("b")}, {"Status", s("Not Started")}},
     {{"Title", s("b")}, {"Status", s("Completed")}}, 0},
    {"SameEditOnBothSides", {{"Status", s("Completed")}}, {{"Title", s("a")}, {"Status", s("Completed")}},
     {{"Title", s("a")}, {"Status", s("Completed")}}, 0},
    {"ClashKeepsTheServersValue", {{"Title", s("mine")}}, {{"Title", s("theirs")}, {"Status", s("Not Started")}},
     {{"Title", s("theirs")}, {"Status", s("Not Started")}}, 1},
};

enum class BaseForm { Short, Full };

class StoreBaseMerge : public StoreBaseTest,
                       public ::testing::WithParamInterface<std::tuple<MergeCase, BaseForm>> {};

TEST_P(StoreBaseMerge, MergesAlikeFromEitherForm) {
  const auto& [c, form] = GetParam();
  const Fields v1{{"Title", s("a")}, {"Status", s("Not Started")}};
  {
    Store store = open();
    store.applyServerItems(K, {serverItem(1, 1, v1)});
  }
  // A cache written before the short form: the base spelled out.
  if (form == BaseForm::Full) {
    rawText(path, "UPDATE items SET base = fields WHERE id = 1");
    ASSERT_EQ(baseColumn(path, 1), fieldsToJson(v1));
  }
  Store store = open();
  EXPECT_EQ(*store.baseFields(K, 1), v1);
  store.updateLocal(K, 1, c.local);
  store.applyServerItems(K, {serverItem(1, 2, c.server)});
  EXPECT_EQ(store.item(K, 1)->fields, c.expected);
  EXPECT_EQ(store.conflicts(K).size(), c.conflicts);
  EXPECT_EQ(*store.baseFields(K, 1), c.server) << "the server's version is the new base";
}

INSTANTIATE_TEST_SUITE_P(Cases, StoreBaseMerge,
                         ::testing::Combine(::testing::ValuesIn(kMergeCases),
                                            ::testing::Values(BaseForm::Short, BaseForm::Full)),
                         [](const auto& info) {
                           return std::string(std::get<0>(info.param).name) +
                                  (std::get<1>(info.param) == BaseForm::Short ? "_Short" : "_Full");
                         });

TEST_F(StoreBaseTest, AFirstSyncWritesEachRowsFieldsOnce) {
  // What the short form is for: the cache holds each server row's text once.
  Store store = open();
  std::vector<Item> page;
  for (std::int64_t id = 1; id <= 200; ++id)
    page.push_back(serverItem(id, 1, {{"Title", s("a title long enough to matter in the total")}}));
  store.applyServerItems(K, page);
  const std::string total = rawText(path, "SELECT sum(length(fields)) + sum(length(base)) FROM items");
  const std::string fields = rawText(path, "SELECT sum(length(fields)) FROM items");
  EXPECT_EQ(total, fields);
}

}  // namespace
}  // namespace deskpane::sync
