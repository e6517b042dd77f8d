#pragma once
// The local cache: one SQLite file holding list bindings, items (current fields
// plus the base snapshot of the last server version), the outbox of local
// changes and the conflicts the user has to resolve.
//
// Threading: one Store object = one SQLite connection, used by one thread at a
// time. The UI and the engine each open their own Store on the same file (WAL
// lets the UI read while the engine writes). Errors other than open() throw
// StoreError: they mean a broken disk or a bug, not a state to handle inline.
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

#include "sync/item.h"
#include "sync/list_kind.h"
#include "sync/result.h"

namespace deskpane::sync {

class StoreError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct ListBinding {
  ListKind kind = ListKind::Calendar;
  std::string listId;        // SharePoint list GUID
  std::string title;         // list title on the site
  int baseTemplate = 0;      // 106, 105, 171, 100, 108 …
  std::string entityType;    // ListItemEntityTypeFullName, e.g. "SP.Data.TasksListItem"
  std::string changeToken;   // last CurrentChangeToken / change token seen; "" = never synced
  std::string lastSync;      // ISO-8601 UTC of the last successful sync; "" = never
  std::string lastError;     // text of the last failure; "" after a success
};

enum class OutboxOp { Create, Update, Delete };
std::string_view outboxOpName(OutboxOp op);

struct OutboxEntry {
  std::int64_t seq = 0;       // push order
  ListKind kind = ListKind::Calendar;
  OutboxOp op = OutboxOp::Update;
  std::int64_t itemId = 0;    // temp (negative) id until the create went through
  std::string clientGuid;     // creates: idempotency key, also Item::uniqueId
  Fields payload;             // create: all fields; update: changed fields only; delete: empty
  int attempts = 0;
  std::string lastError;
  // Creates: a change token from before the request last left (see
  // markCreateSent); nullopt when it never left.
  std::optional<std::string> sentSince;
};

enum class ConflictKind {
  Field,               // both sides changed `field`: server value is in the item, local kept here
  EditVsServerDelete,  // edited here, deleted on the server: the local item is re-created
  DeleteVsServerEdit,  // deleted here, edited on the server: the server item is kept
};

struct Conflict {
  std::int64_t id = 0;
  ListKind kind = ListKind::Calendar;
  std::int64_t itemId = 0;
  ConflictKind type = ConflictKind::Field;
  std::string field;          // ConflictKind::Field only
  FieldValue localValue;
  FieldValue serverValue;
  std::string created;        // ISO-8601 UTC
};

enum class Resolution { KeepMine, KeepTheirs };

// What applyServerItems/applyServerDeletes did, for the engine's status and the UI.
struct ApplySummary {
  int inserted = 0;
  int updated = 0;      // clean items overwritten with the server version
  int merged = 0;       // dirty items three-way merged
  int unchanged = 0;    // left as they were: pending local deletes, or local edits, whose server version did not move
  int removed = 0;
  int recreated = 0;    // local edits re-created after a server delete
  int newConflicts = 0;
};

class Store {
 public:
  // Opens or creates the cache file (mode 0600) and runs pending migrations.
  static Result<Store> open(const std::string& path);
  static constexpr int kSchemaVersion = 7;
  static constexpr int kPageSize = 16384;  // of a new cache file (bytes)

  Store(Store&&) noexcept;
  Store& operator=(Store&&) noexcept;
  ~Store();

  int schemaVersion() const;  // PRAGMA user_version

  // Caps this connection's page cache (SQLite's default is 2 MB per
  // connection). Connections that read whole lists now and then (the UI's)
  // gain little from it, as the file's pages stay in the kernel's cache,
  // while the app's resident memory holds it for good.
  void limitPageCache(int kib);
  static constexpr int kUiPageCacheKiB = 512;
  int pageCacheKiB() const;

  // Batches many writes into one IMMEDIATE transaction; store calls made while
  // it is open join it. Rolls back unless commit() was called.
  class Transaction {
   public:
    explicit Transaction(Store& store);
    ~Transaction();
    Transaction(const Transaction&) = delete;
    Transaction& operator=(const Transaction&) = delete;
    void commit();

   private:
    Store* store_;
    bool done_ = false;
  };

  // ---- list bindings
  std::optional<ListBinding> list(ListKind kind) const;
  std::vector<ListBinding> lists() const;
  // Inserts or replaces the binding. Binding a different list id drops the
  // cached items, outbox and conflicts of the old list.
  void setList(const ListBinding& binding);
  void setChangeToken(ListKind kind, const std::string& token);
  void setLastSync(ListKind kind, const std::string& isoTime);
  void setLastError(ListKind kind, const std::string& error);
  // The list's Created as the server last gave it ("" = not known): another
  // value later means the site now holds another list under that id (a site
  // restored from a backup), so the cache must be read again in full.
  std::string listCreated(ListKind kind) const;
  void setListCreated(ListKind kind, const std::string& created);
  // The fields deskpane's $select names that the bound list lacks (the
  // server answered 400 for each), so a new process does not ask for them
  // again; forgotten when the pane is bound to another list.
  std::vector<std::string> missingColumns(ListKind kind) const;
  void setMissingColumns(ListKind kind, const std::vector<std::string>& names);
  // The site's regional time zone (SharePoint zone id, /_api/web/regionalsettings/timezone),
  // kept for the calendar's series without a TimeZone of their own; read
  // offline by the pane and `deskpane --agenda`. nullopt until a sync read it.
  std::optional<int> siteTimeZoneId() const;
  void setSiteTimeZoneId(int id);
  // The form digest a $batch or write needs without a bearer token, kept
  // with the site it was issued for and its expiry (Unix seconds): a later
  // run within its 30 minutes sends no contextinfo. nullopt for another site.
  struct CachedDigest {
    std::string value;
    long long expiresUnix = 0;
  };
  std::optional<CachedDigest> formDigest(const std::string& siteUrl) const;
  void setFormDigest(const std::string& siteUrl, const CachedDigest& digest);
  // Small values of the app's own that belong with this cache and never go
  // to the server (the reminders' dismiss and snooze marks), under keys the
  // engine does not use: stored as "app.<key>". nullopt when never set.
  std::optional<std::string> appValue(const std::string& key) const;
  void setAppValue(const std::string& key, const std::string& value);

  // ---- reads (indexed; cheap enough for the UI thread)
  // Items ordered by id; pending local deletes are left out unless asked for.
  std::vector<Item> items(ListKind kind, bool includeDeleted = false) const;
  std::optional<Item> item(ListKind kind, std::int64_t id) const;
  // The last server version seen (empty for an unpushed create).
  std::optional<Fields> baseFields(ListKind kind, std::int64_t id) const;
  std::size_t count(ListKind kind, bool includeDeleted = false) const;

  // The id an item has now, given one it had: a create's temp id after it
  // reached the server, or a server id whose item was re-created locally
  // after a delete there. `id` itself when it was never renamed.
  std::int64_t currentId(ListKind kind, std::int64_t id) const;

  // ---- local edits: item and outbox entry in one transaction
  // Edits and removes aimed at an id that has since been renamed (see
  // currentId) land on the item under its new id.
  // Returns the temporary (negative) id of the new item.
  std::int64_t createLocal(ListKind kind, const Fields& fields);
  // Throws StoreError when the item does not exist or is a pending delete.
  void updateLocal(ListKind kind, std::int64_t id, const Fields& changedFields);
  void removeLocal(ListKind kind, std::int64_t id);

  // ---- outbox (the engine pushes entries in seq order)
  std::vector<OutboxEntry> pendingOutbox() const;
  std::vector<OutboxEntry> pendingOutbox(ListKind kind) const;
  std::size_t pendingCount() const;
  // An update or delete went through. For an update, newEtag (when the server
  // sent one) becomes the item's etag and the payload joins the base snapshot;
  // a delete removes the item. The item is Clean once nothing is pending.
  void markDone(std::int64_t seq, const std::optional<std::string>& newEtag = std::nullopt);
  // A create went through: the temp id becomes serverItem.id everywhere
  // (item, later outbox entries, conflicts) and the create entry is removed.
  void completeCreate(std::int64_t seq, const Item& serverItem);
  void recordFailure(std::int64_t seq, const std::string& error);
  // A create's request is about to leave and its answer may be lost: the
  // attempt is counted and `sinceToken` (a change token from before it) kept
  // with the entry, so a later pass looks the create up from there before
  // sending it again. Clears lastError: the attempt is not an error.
  void markCreateSent(std::int64_t seq, const std::string& sinceToken);

  // ---- server side (the engine)
  // Upserts server versions. Clean items take the server version; dirty ones
  // are three-way merged against their base (sync/merge.h) and their pending
  // outbox payloads rewritten to what still differs from the server; a pending
  // delete of an item the server edited is dropped and reported as a conflict.
  // `fieldsJson`, when given, holds each item's fields as fieldsToJson
  // writes them (sync/item_json.h), made beforehand on another thread; the
  // items' own `fields` may then be empty (ItemRows), and are read back from
  // the text only for an item already cached.
  ApplySummary applyServerItems(ListKind kind, const std::vector<Item>& serverItems,
                                const std::vector<std::string>& fieldsJson = {});
  // One page of a read that arrives in chunks (the item page reader hands
  // them over as it parses): `fill` applies each chunk through the function
  // it gets (as applyServerItems does), and the whole page is one
  // transaction — committed when `fill` returns true, rolled back when it
  // returns false or throws, so a page that turns out bad halfway leaves
  // nothing of itself behind.
  using ChunkApplier =
      std::function<ApplySummary(const std::vector<Item>&, const std::vector<std::string>& fieldsJson)>;
  bool applyServerPage(ListKind kind, const std::function<bool(const ChunkApplier&)>& fill);
  // After a complete re-read (first sync, or an expired change token): applies
  // serverItems like applyServerItems, then treats every cached server item
  // missing from them as deleted on the server (applyServerDeletes), so dirty
  // local items survive. Local creates not yet pushed are left alone.
  ApplySummary reconcileFullRead(ListKind kind, const std::vector<Item>& serverItems);
  // Server deletes: clean items go; edited ones are re-created (new temp id,
  // create entry) and flagged with an EditVsServerDelete conflict.
  ApplySummary applyServerDeletes(ListKind kind, const std::vector<std::int64_t>& ids);

  // ---- local read state (the Inbox's unread marks: never sent to the server)
  // Ids of `kind` marked read on this computer, under the ids the items have
  // now (a create marked read keeps its mark when its temp id becomes the server's).
  std::set<std::int64_t> readItems(ListKind kind) const;
  void setRead(ListKind kind, std::int64_t id, bool read);

  // ---- conflicts
  std::vector<Conflict> conflicts() const;
  std::vector<Conflict> conflicts(ListKind kind) const;
  std::vector<Conflict> conflictsOf(ListKind kind, std::int64_t itemId) const;
  // KeepMine queues the local choice again (an update, or the delete);
  // KeepTheirs drops it (and the re-created item for EditVsServerDelete).
  void resolveConflict(std::int64_t conflictId, Resolution resolution);

 private:
  struct Impl;
  explicit Store(std::unique_ptr<Impl> impl);
  // applyServerItems' work inside the caller's transaction, with no
  // savepoint of its own: SQLite copies every page a savepoint changes to a
  // journal first, which for a page's chunks was most of a first sync's writes.
  ApplySummary applyServerChunk(ListKind kind, const std::vector<Item>& serverItems,
                                const std::vector<std::string>& fieldsJson);
  std::unique_ptr<Impl> impl_;
};

}  // namespace deskpane::sync
