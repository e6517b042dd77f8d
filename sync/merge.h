#pragma once
// Three-way merge of one item's fields (DESIGN §2), pure: no store, no I/O.
#include <string>
#include <vector>

#include "sync/item.h"
#include "sync/list_kind.h"

namespace deskpane::sync {

struct FieldConflict {
  std::string field;
  FieldValue local;
  FieldValue server;
  bool operator==(const FieldConflict& o) const {
    return field == o.field && local == o.local && server == o.server;
  }
};

struct MergeResult {
  Fields merged;                         // what the cache shows
  std::vector<FieldConflict> conflicts;  // both sides changed: server won, local kept here
  Fields toPush;                         // merged fields that differ from the server
};

// base = last server version seen, local = the cache, server = the new server
// version. A field missing from a map is null.
MergeResult mergeFields(const Fields& base, const Fields& local, const Fields& server);
// The same fields with the same values, as the merge compares them (a field
// missing from a map is null).
bool sameFields(const Fields& a, const Fields& b);

// The server deleted an item: what happens to the local copy.
enum class ServerDeleteAction { Remove, Recreate };
ServerDeleteAction onServerDelete(LocalState local);

// The server sent a version of an item: what happens to the local copy.
// serverMoved = the server version differs from the one the local copy is based on.
enum class ServerEditAction {
  Overwrite,         // clean: take the server version
  Merge,             // local edits: three-way merge
  KeepPendingDelete, // local delete of an unchanged item: nothing to do
  KeepServerNotify,  // local delete vs. server edit: server wins, user is told
};
ServerEditAction onServerEdit(LocalState local, bool serverMoved);

// A local delete meets a newer server version: is there anything in it the
// user has not seen? Not when every editable field the server changed since
// `base` now holds the local value, as after the user's own edit reached the
// server from a sync stopped before it could record the new version. Fields
// the server computes (Modified, Editor...) change with every write and say
// nothing about whose write it was.
bool serverHoldsOnlyLocalValues(ListKind kind, const Fields& base, const Fields& local, const Fields& server);

}  // namespace deskpane::sync
