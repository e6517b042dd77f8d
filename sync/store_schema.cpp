#include "sync/store_schema.h"

#include <array>
#include <string>

#include "sync/store.h"

namespace deskpane::sync {

namespace {

// Append only: a shipped migration never changes.
constexpr std::array<const char*, 7> kMigrations{
    // 1: lists, items (current + base snapshot), outbox, conflicts.
    R"sql(
CREATE TABLE meta(key TEXT PRIMARY KEY, value) WITHOUT ROWID;
CREATE TABLE lists(
  kind TEXT PRIMARY KEY,
  list_id TEXT NOT NULL DEFAULT '',
  title TEXT NOT NULL DEFAULT '',
  template INTEGER NOT NULL DEFAULT 0,
  entity_type TEXT NOT NULL DEFAULT '',
  change_token TEXT NOT NULL DEFAULT '',
  last_sync TEXT NOT NULL DEFAULT '',
  last_error TEXT NOT NULL DEFAULT '') WITHOUT ROWID;
CREATE TABLE items(
  kind TEXT NOT NULL,
  id INTEGER NOT NULL,
  unique_id TEXT NOT NULL DEFAULT '',
  etag TEXT NOT NULL DEFAULT '',
  modified TEXT NOT NULL DEFAULT '',
  fields TEXT NOT NULL,
  base TEXT,
  state INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY(kind, id));
CREATE INDEX items_unique ON items(kind, unique_id);
CREATE TABLE outbox(
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  kind TEXT NOT NULL,
  op INTEGER NOT NULL,
  item_id INTEGER NOT NULL,
  client_guid TEXT NOT NULL DEFAULT '',
  payload TEXT NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0,
  last_error TEXT NOT NULL DEFAULT '');
CREATE INDEX outbox_item ON outbox(kind, item_id);
CREATE TABLE conflicts(
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  kind TEXT NOT NULL,
  item_id INTEGER NOT NULL,
  type INTEGER NOT NULL,
  field TEXT NOT NULL DEFAULT '',
  local_value TEXT NOT NULL DEFAULT 'null',
  server_value TEXT NOT NULL DEFAULT 'null',
  created TEXT NOT NULL DEFAULT '');
CREATE INDEX conflicts_item ON conflicts(kind, item_id);
INSERT INTO meta(key, value) VALUES('next_temp_id', -1);
)sql",
    // 2: a covering index so that per-list counts and state filters (the UI's
    // "n changes waiting") do not read every row's fields.
    R"sql(
CREATE INDEX items_kind_state ON items(kind, state);
)sql",
    // 3: ids that changed under the UI (a create's temp id became the server's;
    // an item deleted there was re-created here) so an edit aimed at the old
    // id still finds its item.
    R"sql(
CREATE TABLE id_aliases(
  kind TEXT NOT NULL,
  old_id INTEGER NOT NULL,
  new_id INTEGER NOT NULL,
  PRIMARY KEY(kind, old_id)) WITHOUT ROWID;
)sql",
    // 4: what the user has read (the Inbox's bold threads). Local only: a
    // discussion board keeps no per-user read state a client could share.
    // IF NOT EXISTS: a file turned back to an older version keeps its marks.
    R"sql(
CREATE TABLE IF NOT EXISTS read_items(
  kind TEXT NOT NULL,
  id INTEGER NOT NULL,
  PRIMARY KEY(kind, id)) WITHOUT ROWID;
)sql",
    // 5: a create whose request left keeps the change token from just before
    // it in a column of its own (NULL: never sent); the next pass looks the
    // create up from there before sending it again. It used to be written
    // into last_error, where it read as an error. migrate() moves those.
    R"sql(
ALTER TABLE outbox ADD COLUMN sent_since TEXT;
)sql",
    // 6: items.base may be '' for a row whose base is its fields (a server
    // version stored as it came), so such a row's fields are written once.
    // Nothing is rewritten: rows take the short form as the server sends
    // them again. The version also stops an older deskpane, which would read
    // '' as a damaged row, from opening the file.
    // And the index on unique ids goes: no query reads items by unique id,
    // and keeping random GUIDs in order was a fifth of a first sync's time.
    R"sql(
DROP INDEX IF EXISTS items_unique;
)sql",
    // 7: the state index holds only rows with something local (dirty,
    // deleted, in conflict). Every row a first sync stores is clean, and
    // keeping all of them in a second index was 8% of that sync's
    // instructions (callgrind, 5 x 10,000 items). Counts read the primary
    // key's index and subtract the deleted rows found here.
    R"sql(
DROP INDEX IF EXISTS items_kind_state;
CREATE INDEX IF NOT EXISTS items_changed ON items(kind, state) WHERE state <> 0;
)sql",
};

constexpr int kSentSinceVersion = 5;

int userVersion(sqlite::Database& db) {
  auto st = db.prepare("PRAGMA user_version");
  return st.step() ? static_cast<int>(st.int64(0)) : 0;
}

}  // namespace

int latestSchemaVersion() { return static_cast<int>(kMigrations.size()); }

Result<void> migrate(sqlite::Database& db) {
  try {
    int current = userVersion(db);
    if (current > latestSchemaVersion())
      return Error{ErrorCode::Database, "the cache was written by a newer deskpane (schema " +
                                            std::to_string(current) + ", this build knows " +
                                            std::to_string(latestSchemaVersion()) + ")"};
    for (int v = current + 1; v <= latestSchemaVersion(); ++v) {
      db.exec("BEGIN IMMEDIATE");
      try {
        // A concurrent opener may have migrated while we waited for the lock.
        if (userVersion(db) >= v) {
          db.exec("COMMIT");
          continue;
        }
        db.exec(kMigrations[static_cast<std::size_t>(v - 1)]);
        if (v == kSentSinceVersion) moveLegacySentMarks(db);
        db.exec("PRAGMA user_version = " + std::to_string(v));
        db.exec("COMMIT");
      } catch (...) {
        db.exec("ROLLBACK");
        throw;
      }
    }
  } catch (const StoreError& e) {
    return Error{ErrorCode::Database, std::string("migration failed: ") + e.what()};
  }
  return {};
}

void moveLegacySentMarks(sqlite::Database& db) {
  // The mark as deskpane wrote it before: this text, then the token.
  db.exec(R"sql(
UPDATE outbox SET sent_since = substr(last_error, 43), last_error = ''
  WHERE op = 0 AND sent_since IS NULL
    AND substr(last_error, 1, 42) = 'sent; awaiting the server''s answer; since=';
)sql");
}

}  // namespace deskpane::sync
