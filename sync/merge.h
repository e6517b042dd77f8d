#pragma once
// Three-way merge of one item's fields (DESIGN §2), pure: no store, no I/O.
#include <string>
#include <vector>

#include "sync/item.h"

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

}  // namespace deskpane::sync
