#include "sync/store_recovery.h"

#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <map>
#include <utility>
#include <vector>

#include "sync/item_json.h"
#include "sync/list_kind.h"
#include "sync/sqlite.h"
#include "sync/store_schema.h"

namespace deskpane::sync {

namespace {

// Rows as they sit in the cache's tables (schema 1-3 share these columns),
// copied as text so that a row is carried over byte for byte.
struct BindingRow {
  std::string kind, listId, title, entityType;
  std::int64_t baseTemplate = 0;
};

struct EntryRow {
  std::int64_t seq = 0;
  std::string kind;
  std::int64_t op = 0;
  std::int64_t itemId = 0;
  std::string clientGuid, payload, lastError;
  std::int64_t attempts = 0;
  std::optional<std::string> sentSince;
};

struct ItemRowText {
  std::string uniqueId, etag, modified, fields;
  std::optional<std::string> base;
  std::int64_t state = 0;
};

struct ConflictRow {
  std::string kind;
  std::int64_t itemId = 0, type = 0;
  std::string field, localValue, serverValue, created;
};

using ItemKey = std::pair<std::string, std::int64_t>;

struct Salvage {
  std::vector<BindingRow> bindings;
  std::vector<EntryRow> entries;
  std::vector<ConflictRow> conflicts;
  std::map<ItemKey, ItemRowText> items;
  int lost = 0;
  bool allRead = true;
};

// A cache damaged before its migration to schema 5 has no sent_since
// column: its marks are still in last_error and move over in the new cache.
std::string entryColumns(bool sentSince) {
  return std::string("SELECT seq, kind, op, item_id, client_guid, payload, attempts, last_error, ") +
         (sentSince ? "sent_since" : "NULL") + " FROM outbox";
}

bool hasSentSince(sqlite::Database& db) {
  try {
    (void)db.prepare("SELECT sent_since FROM outbox LIMIT 0");
    return true;
  } catch (const StoreError&) {
    return false;
  }
}

EntryRow readEntry(const sqlite::Statement& st) {
  EntryRow e;
  e.seq = st.int64(0);
  e.kind = st.text(1);
  e.op = st.int64(2);
  e.itemId = st.int64(3);
  e.clientGuid = st.text(4);
  e.payload = st.text(5);
  e.attempts = st.int64(6);
  e.lastError = st.text(7);
  if (!st.isNull(8)) e.sentSince = st.text(8);
  return e;
}

// Every outbox row that can be read. A damaged page ends a table scan, so
// after a failed scan the rows past it are looked up one by one by seq (a
// lookup descends the tree and only fails when its own leaf is damaged).
void salvageOutbox(sqlite::Database& db, Salvage& out) {
  std::int64_t lastSeq = 0;
  const auto columns = entryColumns(hasSentSince(db));
  try {
    auto st = db.prepare(columns + " ORDER BY seq");
    while (st.step()) {
      out.entries.push_back(readEntry(st));
      lastSeq = out.entries.back().seq;
    }
    return;
  } catch (const StoreError&) {
    out.allRead = false;
  }
  std::int64_t maxSeq = 0;
  try {
    auto st = db.prepare("SELECT seq FROM sqlite_sequence WHERE name = 'outbox'");
    if (st.step()) maxSeq = st.int64(0);
  } catch (const StoreError&) {
    return;  // no upper bound to look up to
  }
  constexpr std::int64_t kMaxLookups = 100000;
  try {
    auto st = db.prepare(columns + " WHERE seq = ?1");
    for (std::int64_t seq = lastSeq + 1; seq <= maxSeq && seq - lastSeq <= kMaxLookups; ++seq) {
      try {
        st.bind(1, seq);
        if (st.step()) out.entries.push_back(readEntry(st));
      } catch (const StoreError&) {
      }
      st.reset();
    }
  } catch (const StoreError&) {
  }
}

void salvageBindings(sqlite::Database& db, Salvage& out) {
  try {
    auto st = db.prepare("SELECT kind, list_id, title, template, entity_type FROM lists");
    while (st.step()) out.bindings.push_back({st.text(0), st.text(1), st.text(2), st.text(4), st.int64(3)});
  } catch (const StoreError&) {
    // Without a binding the next sync binds the pane's list by its title.
  }
}

void salvageConflicts(sqlite::Database& db, Salvage& out) {
  try {
    auto st = db.prepare(
        "SELECT kind, item_id, type, field, local_value, server_value, created FROM conflicts ORDER BY id");
    while (st.step())
      out.conflicts.push_back({st.text(0), st.int64(1), st.int64(2), st.text(3), st.text(4), st.text(5), st.text(6)});
  } catch (const StoreError&) {
    out.allRead = false;
  }
}

std::optional<ItemRowText> readItemRow(sqlite::Database& db, const ItemKey& key) {
  try {
    auto st = db.prepare(
        "SELECT unique_id, etag, modified, fields, base, state FROM items WHERE kind = ?1 AND id = ?2");
    st.bind(1, key.first).bind(2, key.second);
    if (!st.step()) return std::nullopt;
    ItemRowText row{st.text(0), st.text(1), st.text(2), st.text(3), std::nullopt, st.int64(5)};
    if (!st.isNull(4)) row.base = st.text(4);
    // An empty base stands for "the same as fields" and is carried as it is.
    if (!fieldsFromJson(row.fields) || (row.base && !row.base->empty() && !fieldsFromJson(*row.base)))
      return std::nullopt;
    return row;
  } catch (const StoreError&) {
    return std::nullopt;
  }
}

bool validEntry(const EntryRow& e) {
  return listKindFromKey(e.kind).has_value() && e.op >= 0 && e.op <= 2 && fieldsFromJson(e.payload).has_value();
}

// The item rows the carried edits and conflicts belong to: read from the old
// file when possible, else rebuilt from the edits themselves (a create holds
// every field; an update only the changed ones, sent unconditionally since
// the version it was based on is gone; a delete needs only the id).
void salvageItems(sqlite::Database& db, Salvage& out) {
  std::vector<EntryRow> kept;
  std::map<ItemKey, ItemRowText> rebuilt;
  for (auto& e : out.entries) {
    if (!validEntry(e)) {
      ++out.lost;
      continue;
    }
    const ItemKey key{e.kind, e.itemId};
    if (out.items.count(key) == 0) {
      if (auto row = readItemRow(db, key)) out.items.emplace(key, std::move(*row));
    }
    if (out.items.count(key) == 0) {
      auto& r = rebuilt[key];
      const auto op = static_cast<OutboxOp>(e.op);
      if (op == OutboxOp::Create) {
        r.uniqueId = e.clientGuid;
        r.fields = e.payload;
        r.base.reset();
        r.state = static_cast<std::int64_t>(LocalState::Dirty);
      } else if (op == OutboxOp::Update) {
        Fields merged = fieldsFromJson(r.fields.empty() ? "{}" : r.fields).value_or(Fields{});
        const Fields changed = fieldsFromJson(e.payload).value_or(Fields{});
        for (const auto& [name, value] : changed) merged[name] = value;
        r.fields = fieldsToJson(merged);
        if (r.uniqueId.empty() && !r.base) r.base = "{}";
        r.state = static_cast<std::int64_t>(LocalState::Dirty);
      } else {
        if (r.fields.empty()) r.fields = "{}";
        if (r.uniqueId.empty() && !r.base) r.base = "{}";
        r.state = static_cast<std::int64_t>(LocalState::Deleted);
      }
    }
    kept.push_back(std::move(e));
  }
  out.entries = std::move(kept);
  for (auto& [key, row] : rebuilt)
    if (out.items.count(key) == 0) out.items.emplace(key, std::move(row));
  // A conflict holds the user's value for a field: it travels with its item
  // when that item can be read (the server's side comes back with the sync).
  std::vector<ConflictRow> conflicts;
  for (auto& c : out.conflicts) {
    const ItemKey key{c.kind, c.itemId};
    if (out.items.count(key) == 0) {
      if (auto row = readItemRow(db, key)) out.items.emplace(key, std::move(*row));
    }
    if (out.items.count(key) == 0 || !listKindFromKey(c.kind)) {
      ++out.lost;
      continue;
    }
    conflicts.push_back(std::move(c));
  }
  out.conflicts = std::move(conflicts);
}

Salvage salvage(const std::string& damagedPath) {
  Salvage out;
  auto db = sqlite::Database::open(damagedPath);
  if (!db) {
    out.allRead = false;
    return out;
  }
  try {
    db->exec("PRAGMA query_only = 1");
  } catch (const StoreError&) {
  }
  salvageBindings(*db, out);
  salvageOutbox(*db, out);
  salvageConflicts(*db, out);
  salvageItems(*db, out);
  return out;
}

// Writes what was saved into the new cache: bindings without their change
// token (so the next sync re-reads each list in full), the items, the
// outbox entries in their old order, the conflicts.
Result<int> carryOver(const std::string& path, const Salvage& s) {
  auto opened = sqlite::Database::open(path);
  if (!opened) return opened.error();
  auto& db = *opened;
  try {
    db.exec("PRAGMA busy_timeout = 5000");
    db.exec("BEGIN IMMEDIATE");
    for (const auto& b : s.bindings) {
      if (!listKindFromKey(b.kind)) continue;
      auto st = db.prepare(
          "INSERT OR REPLACE INTO lists(kind, list_id, title, template, entity_type) VALUES(?1, ?2, ?3, ?4, ?5)");
      st.bind(1, b.kind).bind(2, b.listId).bind(3, b.title).bind(4, b.baseTemplate).bind(5, b.entityType).run();
    }
    std::int64_t lowestTemp = 0;
    for (const auto& [key, row] : s.items) {
      auto st = db.prepare(
          "INSERT OR REPLACE INTO items(kind, id, unique_id, etag, modified, fields, base, state) "
          "VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)");
      st.bind(1, key.first).bind(2, key.second).bind(3, row.uniqueId).bind(4, row.etag).bind(5, row.modified);
      st.bind(6, row.fields);
      if (row.base) st.bind(7, *row.base);
      else st.bindNull(7);
      st.bind(8, row.state).run();
      lowestTemp = std::min(lowestTemp, key.second);
    }
    int carried = 0;
    for (const auto& e : s.entries) {
      auto st = db.prepare(
          "INSERT INTO outbox(seq, kind, op, item_id, client_guid, payload, attempts, last_error, sent_since) "
          "VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)");
      st.bind(1, e.seq).bind(2, e.kind).bind(3, e.op).bind(4, e.itemId).bind(5, e.clientGuid).bind(6, e.payload);
      st.bind(7, e.attempts).bind(8, e.lastError);
      if (e.sentSince) st.bind(9, *e.sentSince);
      else st.bindNull(9);
      st.run();
      ++carried;
    }
    moveLegacySentMarks(db);
    for (const auto& c : s.conflicts) {
      auto st = db.prepare(
          "INSERT INTO conflicts(kind, item_id, type, field, local_value, server_value, created) "
          "VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7)");
      st.bind(1, c.kind).bind(2, c.itemId).bind(3, c.type).bind(4, c.field).bind(5, c.localValue);
      st.bind(6, c.serverValue).bind(7, c.created).run();
      ++carried;
    }
    // New local items must not take a temp id a carried one still has.
    auto st = db.prepare("UPDATE meta SET value = min(value, ?1) WHERE key = 'next_temp_id'");
    st.bind(1, lowestTemp - 1).run();
    db.exec("COMMIT");
    return carried;
  } catch (const StoreError& e) {
    return Error{ErrorCode::Database, std::string("cannot carry the unsent changes over: ") + e.what()};
  }
}

bool exists(const std::string& path) {
  struct stat st {};
  return ::stat(path.c_str(), &st) == 0;
}

std::string damagedName(const std::string& path) {
  const std::time_t now = std::time(nullptr);
  std::tm tm{};
  localtime_r(&now, &tm);
  char stamp[32];
  std::strftime(stamp, sizeof stamp, "%Y%m%d-%H%M%S", &tm);
  std::string name = path + ".damaged-" + stamp;
  // A second recovery within the same second must not overwrite the first.
  for (int n = 2; exists(name) || exists(name + "-wal"); ++n) name = path + ".damaged-" + stamp + "-" + std::to_string(n);
  return name;
}

Result<std::string> moveAside(const std::string& path) {
  const std::string target = damagedName(path);
  if (::rename(path.c_str(), target.c_str()) != 0)
    return Error{ErrorCode::Io, "cannot move the damaged cache " + path + " aside: " + std::strerror(errno)};
  // The journal belongs to the old file: left here it would be replayed into the new one.
  for (const char* suffix : {"-wal", "-shm"}) {
    const std::string from = path + suffix;
    if (exists(from) && ::rename(from.c_str(), (target + suffix).c_str()) != 0 && ::unlink(from.c_str()) != 0)
      return Error{ErrorCode::Io, "cannot move " + from + " aside: " + std::strerror(errno)};
  }
  return target;
}

// Reads that every start makes anyway: a damage SQLite's page check cannot
// see (a row whose JSON is cut) shows up here instead of in the engine.
std::optional<std::string> unreadable(const Store& store) {
  try {
    (void)store.lists();
    (void)store.pendingOutbox();
    (void)store.conflicts();
    return std::nullopt;
  } catch (const StoreError& e) {
    return std::string(e.what());
  }
}

std::string plural(int n, const char* one, const char* many) {
  return std::to_string(n) + " " + (n == 1 ? one : many);
}

}  // namespace

std::string CacheRecovery::message() const {
  std::string text =
      "The local copy of your lists could not be read (" + reason + "). deskpane set it aside and started a new one; "
      "your lists will be downloaded again from the site at the next sync.\n\n";
  if (carried > 0)
    text += plural(carried, "change", "changes") + " you had not yet sent to the site " +
            (carried == 1 ? "was" : "were") + " kept and will be sent at the next sync.";
  else
    text += "No unsent changes could be found in the damaged copy.";
  if (lost > 0)
    text += "\n\n" + plural(lost, "unsent change", "unsent changes") + " could not be read and " +
            (lost == 1 ? "is" : "are") + " lost.";
  if (!allRead) text += "\n\nPart of the damaged copy could not be read at all: other unsent changes may be lost.";
  text += "\n\nThe damaged copy was kept as:\n" + movedTo;
  return text;
}

std::string CacheRecovery::line() const {
  std::string quoted;
  for (char c : reason) quoted += c == '"' ? '\'' : (c == '\n' ? ' ' : c);
  return "cache recovered moved-to=" + movedTo + " carried=" + std::to_string(carried) +
         " lost=" + std::to_string(lost) + " complete=" + (allRead ? "1" : "0") + " reason=\"" + quoted + "\"";
}

Result<OpenedCache> openOrRecover(const std::string& path) {
  std::string reason;
  if (path != ":memory:") {
    const auto check = sqlite::checkFile(path);
    if (check.health == sqlite::FileHealth::Unavailable)
      return Error{ErrorCode::Database, "cannot read the cache " + path + ": " + check.detail};
    if (check.health == sqlite::FileHealth::Damaged) reason = check.detail;
  }
  if (reason.empty()) {
    auto store = Store::open(path);
    if (!store) return store.error();
    auto problem = unreadable(*store);
    if (!problem) return OpenedCache{std::move(*store), std::nullopt};
    reason = *problem;
  }  // the store closes here: the file can be moved

  auto moved = moveAside(path);
  if (!moved) return moved.error();
  CacheRecovery report;
  report.reason = reason;
  report.movedTo = *moved;
  const Salvage saved = salvage(*moved);
  report.lost = saved.lost;
  report.allRead = saved.allRead;

  auto fresh = Store::open(path);
  if (!fresh) return fresh.error();
  auto carried = carryOver(path, saved);
  if (!carried) {
    // The new cache stays usable (empty); what could not be written is lost.
    report.lost += static_cast<int>(saved.entries.size() + saved.conflicts.size());
  } else {
    report.carried = *carried;
  }
  return OpenedCache{std::move(*fresh), std::move(report)};
}

}  // namespace deskpane::sync
