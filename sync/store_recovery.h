#pragma once
// Opening the cache when it may be damaged (a disk error, a crash on a
// filesystem without barriers, a stray `dd`). The cache is a copy of the
// server plus the user's unsent changes, so a file SQLite cannot read is
// not fatal: it is moved aside (never deleted: it may still be needed by
// hand), a new cache starts empty and is filled again by the next sync, and
// the unsent changes that can still be read from the old file are carried
// over so that nothing the user typed is thrown away silently.
#include <optional>
#include <string>

#include "sync/result.h"
#include "sync/store.h"

namespace deskpane::sync {

// What the recovery did, for the user (message()) and for scripts (line()).
struct CacheRecovery {
  std::string reason;   // why the old file could not be used, in SQLite's words
  std::string movedTo;  // where the old file now is (its -wal/-shm beside it)
  int carried = 0;      // unsent changes (outbox entries, open conflicts) put into the new cache
  int lost = 0;         // unsent changes found in the old file but not readable enough to keep
  bool allRead = true;  // false when part of the old list of unsent changes could not be read at all

  // Plain words: what happened, what was kept, what may be lost, where the old file is.
  std::string message() const;
  // One machine-readable line: `cache recovered moved-to=PATH carried=N lost=N complete=0|1 reason="..."`.
  std::string line() const;
};

struct OpenedCache {
  Store store;
  std::optional<CacheRecovery> recovery;  // set when the old file was damaged and moved aside
};

// Opens the cache at `path` like Store::open, after checking that the file
// can be read (PRAGMA quick_check and the bindings, outbox and conflicts).
// A file that cannot be read is renamed to `PATH.damaged-YYYYMMDD-HHMMSS`
// (local time; with its -wal and -shm) and a new cache is created in its
// place with what could be saved. A file that is only locked or not
// accessible, or that a newer deskpane wrote, is left alone and reported as
// an error: nothing is wrong with its contents.
Result<OpenedCache> openOrRecover(const std::string& path);

}  // namespace deskpane::sync
