#pragma once
// Ordered schema migrations for the cache file (PRAGMA user_version).
#include "sync/result.h"
#include "sync/sqlite.h"

namespace deskpane::sync {

// Number of the newest migration.
int latestSchemaVersion();
// Runs every migration newer than the file's user_version, each in its own
// transaction. Fails for a file written by a newer deskpane.
Result<void> migrate(sqlite::Database& db);
// Moves the "sent, answer pending" marks of creates that deskpane before
// schema 5 wrote into outbox.last_error into outbox.sent_since (migration 5,
// and a damaged older cache's entries carried into a new one).
void moveLegacySentMarks(sqlite::Database& db);

}  // namespace deskpane::sync
