#pragma once
// Private to the store's .cpp files: the connection and the helpers they share.
#include <optional>
#include <string>
#include <string_view>

#include "sync/sqlite.h"
#include "sync/store.h"

namespace deskpane::sync {

// Joins the caller's transaction as a savepoint, or opens an IMMEDIATE one
// (IMMEDIATE so a concurrent writer makes us wait in busy_timeout instead of
// failing on lock upgrade). Rolls back unless commit() ran.
class WriteScope {
 public:
  explicit WriteScope(sqlite::Database& db);
  ~WriteScope();
  WriteScope(const WriteScope&) = delete;
  WriteScope& operator=(const WriteScope&) = delete;
  void commit();

 private:
  sqlite::Database& db_;
  bool savepoint_ = false;
  bool done_ = false;
};

// Item row as stored, including what the public Item does not carry.
struct ItemRow {
  Item item;
  std::optional<Fields> base;  // null for an unpushed create
};

// What the items.base column holds for a row stored as the server sent it:
// its base is its fields. Most of a cache is such rows, and writing their
// fields once instead of twice halves the bytes a first sync writes (a
// fields text is never empty, so this cannot be mistaken for one).
inline constexpr std::string_view kBaseIsFields{};

struct Store::Impl {
  sqlite::Database db;

  explicit Impl(sqlite::Database d) : db(std::move(d)) {}

  std::optional<ItemRow> loadRow(ListKind kind, std::int64_t id);
  void insertRow(ListKind kind, const Item& item, const std::optional<Fields>& base);
  void updateRow(ListKind kind, const Item& item, const std::optional<Fields>& base);
  // A server version stored as it came (its fields are also its base):
  // the fields are turned into text once, and the item is not copied.
  // Overwrites a cached row with the server's version as its new base.
  // `json`: server.fields as fieldsToJson writes them, when made beforehand.
  void updateServerRow(ListKind kind, const Item& server, LocalState state, const std::string* json = nullptr);
  // Inserts `server` as a clean row unless the list already holds its id;
  // true when it was inserted.
  bool insertServerRowIfNew(ListKind kind, const Item& server, const std::string* json = nullptr);
  // Inserts every item of `server` as a clean row, fifty to a statement,
  // when there are at least fifty, the list holds none of their ids and no
  // id repeats among them; false (nothing written) otherwise. `json`: their
  // fields' text, as insertServerRowIfNew takes it.
  bool insertNewServerRows(ListKind kind, const std::vector<Item>& server, const std::vector<std::string>* json);
  void deleteItemEverywhere(ListKind kind, std::int64_t id);  // row, outbox entries, conflicts
  std::int64_t enqueue(ListKind kind, OutboxOp op, std::int64_t itemId, const std::string& guid,
                       const Fields& payload);
  std::optional<OutboxEntry> loadEntry(std::int64_t seq);
  std::int64_t nextTempId();
  // `oldId` now lives on as `newId` (earlier aliases to oldId follow along).
  void recordAlias(ListKind kind, std::int64_t oldId, std::int64_t newId);
  // The id the item has now, when `id` was renamed since the caller read it.
  std::int64_t resolveId(ListKind kind, std::int64_t id);
  int pendingFor(ListKind kind, std::int64_t id);
  int conflictsFor(ListKind kind, std::int64_t id);
  // Clean / Dirty / Conflict from what is pending; a pending delete stays Deleted.
  void refreshState(ListKind kind, std::int64_t id);
  void addConflict(ListKind kind, std::int64_t itemId, ConflictKind type, const std::string& field,
                   const FieldValue& local, const FieldValue& server);
};

std::string_view kindKey(ListKind kind);
// The meta key of a list's missing columns (store_list_meta.cpp).
std::string missingColumnsKey(ListKind kind);
ListKind kindFromColumn(std::string_view key);
std::string nowIso();
std::string newGuid();
Fields parseFields(std::string_view json);  // throws StoreError on a corrupt row

}  // namespace deskpane::sync
