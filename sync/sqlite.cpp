#include "sync/sqlite.h"

#include <sqlite3.h>

#include <sys/stat.h>

#include <utility>

#include "sync/store.h"

namespace deskpane::sync::sqlite {

namespace {

[[noreturn]] void fail(sqlite3* db, const char* what) {
  throw StoreError(std::string(what) + ": " + (db ? sqlite3_errmsg(db) : "out of memory"));
}

}  // namespace

Statement::Statement(sqlite3* db, std::string_view sql) : db_(db) {
  if (sqlite3_prepare_v3(db, sql.data(), static_cast<int>(sql.size()), SQLITE_PREPARE_PERSISTENT, &stmt_,
                         nullptr) != SQLITE_OK)
    fail(db, "prepare");
}

Statement::Statement(Statement&& o) noexcept
    : db_(std::exchange(o.db_, nullptr)), stmt_(std::exchange(o.stmt_, nullptr)) {}

Statement& Statement::operator=(Statement&& o) noexcept {
  if (this != &o) {
    sqlite3_finalize(stmt_);
    db_ = std::exchange(o.db_, nullptr);
    stmt_ = std::exchange(o.stmt_, nullptr);
  }
  return *this;
}

Statement::~Statement() { sqlite3_finalize(stmt_); }

Statement& Statement::bind(int index, std::int64_t v) {
  if (sqlite3_bind_int64(stmt_, index, v) != SQLITE_OK) fail(db_, "bind");
  return *this;
}

Statement& Statement::bind(int index, double v) {
  if (sqlite3_bind_double(stmt_, index, v) != SQLITE_OK) fail(db_, "bind");
  return *this;
}

Statement& Statement::bind(int index, std::string_view v) {
  if (sqlite3_bind_text(stmt_, index, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT) != SQLITE_OK)
    fail(db_, "bind");
  return *this;
}

Statement& Statement::bindBorrowed(int index, std::string_view v) {
  if (sqlite3_bind_text(stmt_, index, v.data(), static_cast<int>(v.size()), SQLITE_STATIC) != SQLITE_OK)
    fail(db_, "bind");
  return *this;
}

Statement& Statement::bindNull(int index) {
  if (sqlite3_bind_null(stmt_, index) != SQLITE_OK) fail(db_, "bind");
  return *this;
}

bool Statement::step() {
  int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  // Reset here so that a failed statement does not keep the transaction busy.
  std::string msg = sqlite3_errmsg(db_);
  sqlite3_reset(stmt_);
  throw StoreError("step: " + msg);
}

void Statement::run() {
  while (step()) {
  }
}

void Statement::reset() {
  sqlite3_reset(stmt_);
  sqlite3_clear_bindings(stmt_);
}

bool Statement::isNull(int col) const { return sqlite3_column_type(stmt_, col) == SQLITE_NULL; }
std::int64_t Statement::int64(int col) const { return sqlite3_column_int64(stmt_, col); }
double Statement::real(int col) const { return sqlite3_column_double(stmt_, col); }

std::string_view Statement::textView(int col) const {
  auto* p = reinterpret_cast<const char*>(sqlite3_column_text(stmt_, col));
  if (!p) return {};
  return {p, static_cast<std::size_t>(sqlite3_column_bytes(stmt_, col))};
}

std::string Statement::text(int col) const { return std::string(textView(col)); }

Result<Database> Database::open(const std::string& path) {
  sqlite3* db = nullptr;
  int rc = sqlite3_open_v2(path.c_str(), &db,
                           SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nullptr);
  if (rc != SQLITE_OK) {
    Error e{ErrorCode::Database, "cannot open " + path + ": " + (db ? sqlite3_errmsg(db) : "out of memory")};
    sqlite3_close(db);
    return e;
  }
  sqlite3_extended_result_codes(db, 1);
  return Database(db);
}

Database::Database(sqlite3* db) : db_(db) {}

Database::Database(Database&& o) noexcept : db_(std::exchange(o.db_, nullptr)), cache_(std::move(o.cache_)) {}

Database& Database::operator=(Database&& o) noexcept {
  if (this != &o) {
    cache_.clear();
    sqlite3_close(db_);
    db_ = std::exchange(o.db_, nullptr);
    cache_ = std::move(o.cache_);
  }
  return *this;
}

Database::~Database() {
  cache_.clear();  // statements must be finalized before the connection closes
  sqlite3_close(db_);
}

void Database::exec(std::string_view sql) {
  std::string copy(sql);
  char* err = nullptr;
  if (sqlite3_exec(db_, copy.c_str(), nullptr, nullptr, &err) != SQLITE_OK) {
    std::string msg = err ? err : sqlite3_errmsg(db_);
    sqlite3_free(err);
    throw StoreError("exec: " + msg);
  }
}

Borrowed Database::cached(const char* sql) {
  auto& slot = cache_[sql];
  if (!slot) slot = std::make_unique<Statement>(db_, sql);
  return Borrowed(*slot);
}

std::int64_t Database::lastInsertRowid() const { return sqlite3_last_insert_rowid(db_); }
int Database::changes() const { return sqlite3_changes(db_); }
bool Database::inTransaction() const { return sqlite3_get_autocommit(db_) == 0; }

namespace {

bool damageCode(int rc) {
  const int primary = rc & 0xFF;
  // A read error is the disk failing under this file: it will not get better
  // by waiting, and the file is set aside like a corrupt one.
  return primary == SQLITE_CORRUPT || primary == SQLITE_NOTADB || rc == SQLITE_IOERR_READ ||
         rc == SQLITE_IOERR_SHORT_READ;
}

struct Closer {
  void operator()(sqlite3* db) const { sqlite3_close(db); }
};

}  // namespace

FileCheck checkFile(const std::string& path) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) return {FileHealth::Missing, {}};
  sqlite3* raw = nullptr;
  const int openRc = sqlite3_open_v2(path.c_str(), &raw, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, nullptr);
  std::unique_ptr<sqlite3, Closer> db(raw);
  if (openRc != SQLITE_OK)
    return {damageCode(openRc) ? FileHealth::Damaged : FileHealth::Unavailable,
            raw ? sqlite3_errmsg(raw) : "out of memory"};
  sqlite3_extended_result_codes(raw, 1);
  sqlite3_busy_timeout(raw, 5000);
  sqlite3_stmt* stmt = nullptr;
  int rc = sqlite3_prepare_v2(raw, "PRAGMA quick_check(4)", -1, &stmt, nullptr);
  std::string detail;
  bool ok = false;
  if (rc == SQLITE_OK) {
    while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
      const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(stmt, 0));
      const std::string line = text ? text : "";
      // Three problems say enough; SQLite's "*** in database main ***" heading says nothing to a user.
      if (line == "ok") ok = true;
      else if (line.rfind("*** ", 0) != 0) detail += (detail.empty() ? "" : "; ") + line;
    }
  }
  sqlite3_finalize(stmt);
  if (rc != SQLITE_DONE) {
    const int code = sqlite3_extended_errcode(raw);
    return {damageCode(code) ? FileHealth::Damaged : FileHealth::Unavailable, sqlite3_errmsg(raw)};
  }
  if (ok && detail.empty()) return {FileHealth::Healthy, {}};
  return {FileHealth::Damaged, detail.empty() ? std::string("the integrity check failed") : detail};
}

}  // namespace deskpane::sync::sqlite
