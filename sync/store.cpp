// Store: opening, list bindings, reads, transactions.
#include "sync/store.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <ctime>
#include <random>
#include <stdexcept>

#include "sync/item_json.h"
#include "sync/store_impl.h"
#include "sync/store_schema.h"

namespace deskpane::sync {

std::string_view kindKey(ListKind kind) { return listKindKey(kind); }

ListKind kindFromColumn(std::string_view key) {
  auto kind = listKindFromKey(key);
  if (!kind) throw StoreError("unknown list kind in cache: " + std::string(key));
  return *kind;
}

std::string nowIso() {
  std::time_t t = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

std::string newGuid() {
  thread_local std::mt19937_64 rng{std::random_device{}()};
  std::uint64_t hi = rng(), lo = rng();
  hi = (hi & 0xFFFFFFFFFFFF0FFFull) | 0x0000000000004000ull;  // version 4
  lo = (lo & 0x3FFFFFFFFFFFFFFFull) | 0x8000000000000000ull;  // RFC 4122 variant
  char buf[40];
  std::snprintf(buf, sizeof buf, "%08x-%04x-%04x-%04x-%012llx", static_cast<unsigned>(hi >> 32),
                static_cast<unsigned>((hi >> 16) & 0xFFFF), static_cast<unsigned>(hi & 0xFFFF),
                static_cast<unsigned>(lo >> 48), static_cast<unsigned long long>(lo & 0xFFFFFFFFFFFFull));
  return buf;
}

Fields parseFields(std::string_view json) {
  auto f = fieldsFromJson(json);
  if (!f) throw StoreError("corrupt fields in cache: " + std::string(json.substr(0, 80)));
  return std::move(*f);
}

std::string_view outboxOpName(OutboxOp op) {
  switch (op) {
    case OutboxOp::Create: return "create";
    case OutboxOp::Update: return "update";
    case OutboxOp::Delete: return "delete";
  }
  return "?";
}

// ---- WriteScope

WriteScope::WriteScope(sqlite::Database& db) : db_(db) {
  savepoint_ = db_.inTransaction();
  db_.exec(savepoint_ ? "SAVEPOINT store_write" : "BEGIN IMMEDIATE");
}

WriteScope::~WriteScope() {
  if (done_) return;
  try {
    // SQLite may already have rolled back on some errors (disk full, I/O).
    if (savepoint_) {
      if (db_.inTransaction()) db_.exec("ROLLBACK TO store_write; RELEASE store_write");
    } else if (db_.inTransaction()) {
      db_.exec("ROLLBACK");
    }
  } catch (const StoreError&) {
  }
}

void WriteScope::commit() {
  db_.exec(savepoint_ ? "RELEASE store_write" : "COMMIT");
  done_ = true;
}

// ---- open

namespace {

// The cache holds the user's data: keep it private from the first byte on.
Result<void> ensurePrivateFile(const std::string& path) {
  int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
  if (fd < 0) return Error{ErrorCode::Io, "cannot create " + path + ": " + std::strerror(errno)};
  int rc = ::fchmod(fd, 0600);
  ::close(fd);
  if (rc != 0) return Error{ErrorCode::Io, "cannot chmod " + path + ": " + std::strerror(errno)};
  for (const char* suffix : {"-wal", "-shm"}) ::chmod((path + suffix).c_str(), 0600);
  return {};
}

}  // namespace

Store::Store(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Store::Store(Store&&) noexcept = default;
Store& Store::operator=(Store&&) noexcept = default;
Store::~Store() = default;

Result<Store> Store::open(const std::string& path) {
  if (path != ":memory:") {
    if (auto r = ensurePrivateFile(path); !r) return r.error();
  }
  auto db = sqlite::Database::open(path);
  if (!db) return db.error();
  try {
    db->exec("PRAGMA busy_timeout = 5000");
    // Before the first table: a new file takes this page size, an existing
    // one keeps its own (WAL mode fixes it). A list's rows are a few hundred
    // bytes each and a first sync writes tens of megabytes: 16 KB pages
    // write them in a quarter of the system calls that SQLite's default of
    // 4 KB needs (WAL frame, checkpoint read and write, each per page).
    db->exec("PRAGMA page_size = " + std::to_string(kPageSize));
    db->exec("PRAGMA journal_mode = WAL");
    db->exec("PRAGMA synchronous = NORMAL");
    db->exec("PRAGMA foreign_keys = ON");
  } catch (const StoreError& e) {
    return Error{ErrorCode::Database, path + ": " + e.what()};
  }
  if (auto r = migrate(*db); !r) return Error{r.error().code, path + ": " + r.error().message};
  if (path != ":memory:") {
    // SQLite gives -wal/-shm the main file's mode; make sure anyway.
    for (const char* suffix : {"-wal", "-shm"}) ::chmod((path + suffix).c_str(), 0600);
  }
  return Store(std::make_unique<Impl>(std::move(*db)));
}

int Store::schemaVersion() const {
  auto st = impl_->db.prepare("PRAGMA user_version");
  return st.step() ? static_cast<int>(st.int64(0)) : 0;
}

void Store::limitPageCache(int kib) { impl_->db.exec("PRAGMA cache_size = -" + std::to_string(kib < 64 ? 64 : kib)); }

int Store::pageCacheKiB() const {
  auto st = impl_->db.prepare("PRAGMA cache_size");
  if (!st.step()) return 0;
  const auto v = st.int64(0);  // negative: KiB; positive: pages
  return static_cast<int>(v < 0 ? -v : v * 4);
}

// ---- Transaction

Store::Transaction::Transaction(Store& store) : store_(&store) {
  if (store.impl_->db.inTransaction()) throw StoreError("Store::Transaction cannot nest");
  store.impl_->db.exec("BEGIN IMMEDIATE");
}

Store::Transaction::~Transaction() {
  if (done_) return;
  try {
    if (store_->impl_->db.inTransaction()) store_->impl_->db.exec("ROLLBACK");
  } catch (const StoreError&) {
  }
}

void Store::Transaction::commit() {
  store_->impl_->db.exec("COMMIT");
  done_ = true;
}

// ---- list bindings

namespace {

constexpr const char* kListColumns =
    "SELECT kind, list_id, title, template, entity_type, change_token, last_sync, last_error FROM lists";

ListBinding readBinding(sqlite::Statement& st) {
  ListBinding b;
  b.kind = kindFromColumn(st.textView(0));
  b.listId = st.text(1);
  b.title = st.text(2);
  b.baseTemplate = static_cast<int>(st.int64(3));
  b.entityType = st.text(4);
  b.changeToken = st.text(5);
  b.lastSync = st.text(6);
  b.lastError = st.text(7);
  return b;
}

void ensureListRow(sqlite::Database& db, ListKind kind) {
  auto st = db.cached("INSERT INTO lists(kind) VALUES(?1) ON CONFLICT(kind) DO NOTHING");
  st->bind(1, kindKey(kind)).run();
}

}  // namespace

std::optional<ListBinding> Store::list(ListKind kind) const {
  auto st = impl_->db.cached(
      "SELECT kind, list_id, title, template, entity_type, change_token, last_sync, last_error "
      "FROM lists WHERE kind = ?1");
  st->bind(1, kindKey(kind));
  if (!st->step()) return std::nullopt;
  return readBinding(*st);
}

std::vector<ListBinding> Store::lists() const {
  auto st = impl_->db.prepare(std::string(kListColumns));
  std::vector<ListBinding> out;
  while (st.step()) out.push_back(readBinding(st));
  return out;
}

void Store::setList(const ListBinding& b) {
  WriteScope w(impl_->db);
  auto old = list(b.kind);
  if (old && !old->listId.empty() && old->listId != b.listId) {
    // Bound to another list: the old list's cache means nothing now.
    for (const char* sql : {"DELETE FROM items WHERE kind = ?1", "DELETE FROM outbox WHERE kind = ?1",
                            "DELETE FROM conflicts WHERE kind = ?1"}) {
      auto st = impl_->db.prepare(sql);
      st.bind(1, kindKey(b.kind)).run();
    }
    impl_->db.prepare("DELETE FROM meta WHERE key = ?1").bind(1, missingColumnsKey(b.kind)).run();
  }
  auto st = impl_->db.cached(
      "INSERT OR REPLACE INTO lists(kind, list_id, title, template, entity_type, change_token, last_sync, "
      "last_error) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)");
  st->bind(1, kindKey(b.kind))
      .bind(2, b.listId)
      .bind(3, b.title)
      .bind(4, b.baseTemplate)
      .bind(5, b.entityType)
      .bind(6, b.changeToken)
      .bind(7, b.lastSync)
      .bind(8, b.lastError)
      .run();
  w.commit();
}

void Store::setChangeToken(ListKind kind, const std::string& token) {
  WriteScope w(impl_->db);
  ensureListRow(impl_->db, kind);
  auto st = impl_->db.cached("UPDATE lists SET change_token = ?2 WHERE kind = ?1");
  st->bind(1, kindKey(kind)).bind(2, token).run();
  w.commit();
}

void Store::setLastSync(ListKind kind, const std::string& isoTime) {
  WriteScope w(impl_->db);
  ensureListRow(impl_->db, kind);
  auto st = impl_->db.cached("UPDATE lists SET last_sync = ?2, last_error = '' WHERE kind = ?1");
  st->bind(1, kindKey(kind)).bind(2, isoTime).run();
  w.commit();
}

void Store::setLastError(ListKind kind, const std::string& error) {
  WriteScope w(impl_->db);
  ensureListRow(impl_->db, kind);
  auto st = impl_->db.cached("UPDATE lists SET last_error = ?2 WHERE kind = ?1");
  st->bind(1, kindKey(kind)).bind(2, error).run();
  w.commit();
}

// ---- reads

namespace {

// Columns: id, unique_id, etag, modified, fields, state
Item readItem(const sqlite::Statement& st) {
  Item it;
  it.id = st.int64(0);
  it.uniqueId = st.text(1);
  it.etag = st.text(2);
  it.modified = st.text(3);
  it.fields = parseFields(st.textView(4));
  it.state = static_cast<LocalState>(st.int64(5));
  return it;
}

}  // namespace

std::vector<Item> Store::items(ListKind kind, bool includeDeleted) const {
  auto st = impl_->db.cached(
      "SELECT id, unique_id, etag, modified, fields, state FROM items "
      "WHERE kind = ?1 AND (?2 OR state <> 2) ORDER BY id");
  st->bind(1, kindKey(kind)).bind(2, includeDeleted ? 1 : 0);
  std::vector<Item> out;
  while (st->step()) out.push_back(readItem(*st));
  return out;
}

std::optional<Item> Store::item(ListKind kind, std::int64_t id) const {
  auto row = impl_->loadRow(kind, id);
  if (!row) return std::nullopt;
  return std::move(row->item);
}

std::optional<Fields> Store::baseFields(ListKind kind, std::int64_t id) const {
  auto row = impl_->loadRow(kind, id);
  if (!row) return std::nullopt;
  return row->base ? *row->base : Fields{};
}

std::size_t Store::count(ListKind kind, bool includeDeleted) const {
  // Both counts are answered from indexes, without reading a row's fields:
  // the primary key's for all rows, the partial items_changed (whose
  // condition must appear as written for SQLite to use it) for deleted ones.
  auto st = impl_->db.cached(
      "SELECT (SELECT count(*) FROM items WHERE kind = ?1) - "
      "CASE WHEN ?2 THEN 0 ELSE (SELECT count(*) FROM items WHERE kind = ?1 AND state <> 0 AND state = 2) END");
  st->bind(1, kindKey(kind)).bind(2, includeDeleted ? 1 : 0);
  return st->step() ? static_cast<std::size_t>(st->int64(0)) : 0;
}

// ---- Impl helpers

std::optional<ItemRow> Store::Impl::loadRow(ListKind kind, std::int64_t id) {
  auto st = db.cached(
      "SELECT id, unique_id, etag, modified, fields, state, base FROM items WHERE kind = ?1 AND id = ?2");
  st->bind(1, kindKey(kind)).bind(2, id);
  if (!st->step()) return std::nullopt;
  ItemRow row{readItem(*st), std::nullopt};
  if (!st->isNull(6)) {
    const std::string_view base = st->textView(6);
    row.base = base == kBaseIsFields ? row.item.fields : parseFields(base);
  }
  return row;
}

void Store::Impl::insertRow(ListKind kind, const Item& item, const std::optional<Fields>& base) {
  auto st = db.cached(
      "INSERT INTO items(kind, id, unique_id, etag, modified, fields, base, state) "
      "VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)");
  st->bind(1, kindKey(kind))
      .bind(2, item.id)
      .bind(3, item.uniqueId)
      .bind(4, item.etag)
      .bind(5, item.modified)
      .bind(6, fieldsToJson(item.fields))
      .bind(8, static_cast<int>(item.state));
  if (base) st->bind(7, fieldsToJson(*base));
  st->run();
}

void Store::Impl::updateRow(ListKind kind, const Item& item, const std::optional<Fields>& base) {
  auto st = db.cached(
      "UPDATE items SET unique_id = ?3, etag = ?4, modified = ?5, fields = ?6, base = ?7, state = ?8 "
      "WHERE kind = ?1 AND id = ?2");
  st->bind(1, kindKey(kind))
      .bind(2, item.id)
      .bind(3, item.uniqueId)
      .bind(4, item.etag)
      .bind(5, item.modified)
      .bind(6, fieldsToJson(item.fields))
      .bind(8, static_cast<int>(item.state));
  if (base) st->bind(7, *base == item.fields ? std::string(kBaseIsFields) : fieldsToJson(*base));
  st->run();
}

namespace {
// A row's fields as the cache's JSON: the text made beforehand, or made now
// into `scratch`.
const std::string& fieldsText(const Item& item, const std::string* json, std::string& scratch) {
  if (json) return *json;
  scratch = fieldsToJson(item.fields);
  return scratch;
}
}  // namespace

void Store::Impl::updateServerRow(ListKind kind, const Item& server, LocalState state, const std::string* json) {
  // The texts outlive the statement's borrow: bound without a copy.
  std::string scratch;
  auto st = db.cached(
      "UPDATE items SET unique_id = ?3, etag = ?4, modified = ?5, fields = ?6, base = '', state = ?7 "  // '': kBaseIsFields
      "WHERE kind = ?1 AND id = ?2");
  st->bindBorrowed(1, kindKey(kind))
      .bind(2, server.id)
      .bindBorrowed(3, server.uniqueId)
      .bindBorrowed(4, server.etag)
      .bindBorrowed(5, server.modified)
      .bindBorrowed(6, fieldsText(server, json, scratch))
      .bind(7, static_cast<int>(state));
  st->run();
}

bool Store::Impl::insertServerRowIfNew(ListKind kind, const Item& server, const std::string* json) {
  // The texts outlive the statement's borrow: bound without a copy.
  std::string scratch;
  auto st = db.cached(
      "INSERT INTO items(kind, id, unique_id, etag, modified, fields, base, state) "
      "VALUES(?1, ?2, ?3, ?4, ?5, ?6, '', ?7) ON CONFLICT(kind, id) DO NOTHING");  // '': kBaseIsFields
  st->bindBorrowed(1, kindKey(kind))
      .bind(2, server.id)
      .bindBorrowed(3, server.uniqueId)
      .bindBorrowed(4, server.etag)
      .bindBorrowed(5, server.modified)
      .bindBorrowed(6, fieldsText(server, json, scratch))
      .bind(7, static_cast<int>(LocalState::Clean));
  st->run();
  return db.changes() > 0;
}

namespace {
// Rows a multi-row INSERT writes at once: a statement's fixed cost (its
// cursors opened and closed, its end) is paid once for all of them. 7
// parameters a row stay far under SQLite's limit of 32,766.
constexpr std::size_t kRowsPerInsert = 50;

const char* multiRowInsertSql() {
  static const std::string sql = [] {
    // OR IGNORE: no constraint can make it stop halfway, so SQLite keeps no
    // statement journal (a copy of every page it changes) for it; the
    // caller has made sure no row is there to be ignored and counts them.
    std::string s = "INSERT OR IGNORE INTO items(kind, id, unique_id, etag, modified, fields, base, state) VALUES";
    for (std::size_t r = 0; r < kRowsPerInsert; ++r) {
      const auto p = [&](std::size_t k) { return "?" + std::to_string(r * 6 + k); };
      // ?1 is the kind for every row; '' is kBaseIsFields; 0 is LocalState::Clean.
      s += (r ? ",(" : "(") + std::string("?1,") + p(2) + "," + p(3) + "," + p(4) + "," + p(5) + "," + p(6) + ",'',0)";
    }
    return s;
  }();
  return sql.c_str();
}
}  // namespace

bool Store::Impl::insertNewServerRows(ListKind kind, const std::vector<Item>& server,
                                      const std::vector<std::string>* json) {
  static_assert(static_cast<int>(LocalState::Clean) == 0, "the multi-row insert writes state 0 as Clean");
  if (server.size() < kRowsPerInsert) return false;
  std::vector<std::int64_t> ids;
  ids.reserve(server.size());
  for (const Item& item : server) ids.push_back(item.id);
  std::sort(ids.begin(), ids.end());
  if (std::adjacent_find(ids.begin(), ids.end()) != ids.end()) return false;
  // One look at the ids' range (the primary key's index) says the list
  // holds none of them: a first read's pages are new rows in id order.
  {
    auto st = db.cached("SELECT 1 FROM items WHERE kind = ?1 AND id BETWEEN ?2 AND ?3 LIMIT 1");
    st->bind(1, kindKey(kind)).bind(2, ids.front()).bind(3, ids.back());
    if (st->step()) return false;
  }
  std::size_t at = 0;
  for (; at + kRowsPerInsert <= server.size(); at += kRowsPerInsert) {
    // The texts outlive the statement's borrow: bound without a copy.
    std::vector<std::string> made;
    if (!json) made.reserve(kRowsPerInsert);
    auto st = db.cached(multiRowInsertSql());
    st->bindBorrowed(1, kindKey(kind));
    for (std::size_t r = 0; r < kRowsPerInsert; ++r) {
      const Item& item = server[at + r];
      const int p = static_cast<int>(r * 6);
      if (!json) made.push_back(fieldsToJson(item.fields));
      st->bind(p + 2, item.id)
          .bindBorrowed(p + 3, item.uniqueId)
          .bindBorrowed(p + 4, item.etag)
          .bindBorrowed(p + 5, item.modified)
          .bindBorrowed(p + 6, json ? (*json)[at + r] : made.back());
    }
    st->run();
    // Every row was checked to be new, and no value bound is NULL.
    if (db.changes() != static_cast<int>(kRowsPerInsert))
      throw std::logic_error("a multi-row insert of new rows left some out");
  }
  for (; at < server.size(); ++at) insertServerRowIfNew(kind, server[at], json ? &(*json)[at] : nullptr);
  return true;
}

void Store::Impl::deleteItemEverywhere(ListKind kind, std::int64_t id) {
  for (const char* sql : {"DELETE FROM items WHERE kind = ?1 AND id = ?2",
                          "DELETE FROM outbox WHERE kind = ?1 AND item_id = ?2",
                          "DELETE FROM conflicts WHERE kind = ?1 AND item_id = ?2"}) {
    auto st = db.cached(sql);
    st->bind(1, kindKey(kind)).bind(2, id).run();
  }
}

std::int64_t Store::Impl::enqueue(ListKind kind, OutboxOp op, std::int64_t itemId, const std::string& guid,
                                  const Fields& payload) {
  auto st = db.cached(
      "INSERT INTO outbox(kind, op, item_id, client_guid, payload) VALUES(?1, ?2, ?3, ?4, ?5)");
  st->bind(1, kindKey(kind))
      .bind(2, static_cast<int>(op))
      .bind(3, itemId)
      .bind(4, guid)
      .bind(5, fieldsToJson(payload))
      .run();
  return db.lastInsertRowid();
}

void Store::Impl::recordAlias(ListKind kind, std::int64_t oldId, std::int64_t newId) {
  if (oldId == newId) return;
  auto follow = db.cached("UPDATE id_aliases SET new_id = ?3 WHERE kind = ?1 AND new_id = ?2");
  follow->bind(1, kindKey(kind)).bind(2, oldId).bind(3, newId).run();
  auto st = db.cached("INSERT OR REPLACE INTO id_aliases(kind, old_id, new_id) VALUES(?1, ?2, ?3)");
  st->bind(1, kindKey(kind)).bind(2, oldId).bind(3, newId).run();
}

std::int64_t Store::Impl::resolveId(ListKind kind, std::int64_t id) {
  {
    // Existence only: the caller loads the row it resolves to.
    auto here = db.cached("SELECT 1 FROM items WHERE kind = ?1 AND id = ?2");
    here->bind(1, kindKey(kind)).bind(2, id);
    if (here->step()) return id;
  }
  auto st = db.cached("SELECT new_id FROM id_aliases WHERE kind = ?1 AND old_id = ?2");
  st->bind(1, kindKey(kind)).bind(2, id);
  return st->step() ? st->int64(0) : id;
}

std::int64_t Store::currentId(ListKind kind, std::int64_t id) const { return impl_->resolveId(kind, id); }

std::int64_t Store::Impl::nextTempId() {
  std::int64_t id = -1;
  {
    auto st = db.cached("SELECT value FROM meta WHERE key = 'next_temp_id'");
    if (st->step()) id = st->int64(0);
  }
  auto st = db.cached("UPDATE meta SET value = ?1 WHERE key = 'next_temp_id'");
  st->bind(1, id - 1).run();
  return id;
}

int Store::Impl::pendingFor(ListKind kind, std::int64_t id) {
  auto st = db.cached("SELECT count(*) FROM outbox WHERE kind = ?1 AND item_id = ?2");
  st->bind(1, kindKey(kind)).bind(2, id);
  return st->step() ? static_cast<int>(st->int64(0)) : 0;
}

int Store::Impl::conflictsFor(ListKind kind, std::int64_t id) {
  auto st = db.cached("SELECT count(*) FROM conflicts WHERE kind = ?1 AND item_id = ?2");
  st->bind(1, kindKey(kind)).bind(2, id);
  return st->step() ? static_cast<int>(st->int64(0)) : 0;
}

void Store::Impl::refreshState(ListKind kind, std::int64_t id) {
  LocalState state;
  {
    auto st = db.cached("SELECT state FROM items WHERE kind = ?1 AND id = ?2");
    st->bind(1, kindKey(kind)).bind(2, id);
    if (!st->step()) return;
    state = static_cast<LocalState>(st->int64(0));
  }
  if (state == LocalState::Deleted && pendingFor(kind, id) > 0) return;
  LocalState next = conflictsFor(kind, id) > 0 ? LocalState::Conflict
                    : pendingFor(kind, id) > 0 ? LocalState::Dirty
                                               : LocalState::Clean;
  if (next == state) return;
  auto st = db.cached("UPDATE items SET state = ?3 WHERE kind = ?1 AND id = ?2");
  st->bind(1, kindKey(kind)).bind(2, id).bind(3, static_cast<int>(next)).run();
}

void Store::Impl::addConflict(ListKind kind, std::int64_t itemId, ConflictKind type, const std::string& field,
                              const FieldValue& local, const FieldValue& server) {
  // One open conflict per field: a newer clash replaces the older one.
  if (type == ConflictKind::Field) {
    auto del = db.cached("DELETE FROM conflicts WHERE kind = ?1 AND item_id = ?2 AND type = ?3 AND field = ?4");
    del->bind(1, kindKey(kind)).bind(2, itemId).bind(3, static_cast<int>(type)).bind(4, field).run();
  }
  auto st = db.cached(
      "INSERT INTO conflicts(kind, item_id, type, field, local_value, server_value, created) "
      "VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7)");
  st->bind(1, kindKey(kind))
      .bind(2, itemId)
      .bind(3, static_cast<int>(type))
      .bind(4, field)
      .bind(5, valueToJson(local))
      .bind(6, valueToJson(server))
      .bind(7, nowIso())
      .run();
}

}  // namespace deskpane::sync
