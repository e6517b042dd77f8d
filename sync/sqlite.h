#pragma once
// Thin RAII wrappers over the SQLite C API for the store. sqlite3.h stays in
// sqlite.cpp; failures throw StoreError (sync/store.h) with SQLite's message.
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "sync/result.h"

struct sqlite3;
struct sqlite3_stmt;

namespace deskpane::sync::sqlite {

class Statement {
 public:
  Statement(sqlite3* db, std::string_view sql);
  Statement(Statement&&) noexcept;
  Statement& operator=(Statement&&) noexcept;
  ~Statement();

  // Bind by 1-based index; chainable.
  Statement& bind(int index, std::int64_t v);
  Statement& bind(int index, int v) { return bind(index, static_cast<std::int64_t>(v)); }
  Statement& bind(int index, double v);
  Statement& bind(int index, std::string_view v);
  Statement& bind(int index, const std::string& v) { return bind(index, std::string_view(v)); }
  Statement& bind(int index, const char* v) { return bind(index, std::string_view(v)); }
  Statement& bindNull(int index);
  // Text SQLite does not copy: `v` must stay alive and unchanged until the
  // statement is reset (a Borrowed statement's borrow ends). For the rows a
  // first sync writes, the copy was a tenth of the writer's work.
  Statement& bindBorrowed(int index, std::string_view v);

  // true while a row is available; false when done.
  bool step();
  // Runs a statement that returns no rows.
  void run();
  // Back to the start with bindings cleared; ends any read it holds open.
  void reset();

  bool isNull(int col) const;
  std::int64_t int64(int col) const;
  double real(int col) const;
  std::string text(int col) const;
  std::string_view textView(int col) const;  // valid until the next step/reset

 private:
  sqlite3* db_ = nullptr;
  sqlite3_stmt* stmt_ = nullptr;
};

// A statement borrowed from the cache, reset when the borrow ends so that no
// read transaction stays open (that would pin the WAL snapshot).
class Borrowed {
 public:
  explicit Borrowed(Statement& s) : s_(&s) {}
  Borrowed(const Borrowed&) = delete;
  Borrowed& operator=(const Borrowed&) = delete;
  ~Borrowed() { s_->reset(); }
  Statement* operator->() const { return s_; }
  Statement& operator*() const { return *s_; }

 private:
  Statement* s_;
};

class Database {
 public:
  // Opens (creating if needed) a read-write connection.
  static Result<Database> open(const std::string& path);
  Database(Database&&) noexcept;
  Database& operator=(Database&&) noexcept;
  ~Database();

  void exec(std::string_view sql);
  // A prepared statement cached per SQL text for the life of the connection.
  Borrowed cached(const char* sql);
  Statement prepare(std::string_view sql) const { return Statement(db_, sql); }
  std::int64_t lastInsertRowid() const;
  int changes() const;
  bool inTransaction() const;
  sqlite3* handle() const { return db_; }

 private:
  explicit Database(sqlite3* db);
  sqlite3* db_ = nullptr;
  // Keyed by the SQL literal's address: every call site passes a string literal.
  std::unordered_map<const char*, std::unique_ptr<Statement>> cache_;
};

// How an existing cache file fares, told apart by SQLite's own result codes:
// only a file SQLite calls corrupt or not a database is Damaged (moved aside
// by the store's recovery); a locked or unreadable one is Unavailable and
// must be left alone, since nothing is wrong with its contents.
enum class FileHealth { Missing, Healthy, Damaged, Unavailable };
struct FileCheck {
  FileHealth health = FileHealth::Missing;
  std::string detail;  // SQLite's words for what is wrong; "" when healthy
};
// PRAGMA quick_check over the whole file (and its -wal): every page of
// every table and index is read once, so it costs about one full read.
FileCheck checkFile(const std::string& path);

}  // namespace deskpane::sync::sqlite
