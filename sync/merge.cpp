#include "sync/merge.h"

#include <set>

#include "sync/list_schema.h"

namespace deskpane::sync {

namespace {

const FieldValue kNull{};

const FieldValue& get(const Fields& f, const std::string& name) {
  auto it = f.find(name);
  return it == f.end() ? kNull : it->second;
}

}  // namespace

bool sameFields(const Fields& a, const Fields& b) {
  for (const auto& [name, value] : a)
    if (!sameValue(value, get(b, name))) return false;
  for (const auto& [name, value] : b)
    if (!a.count(name) && !sameValue(value, kNull)) return false;
  return true;
}

MergeResult mergeFields(const Fields& base, const Fields& local, const Fields& server) {
  std::set<std::string> names;
  for (const auto* m : {&base, &local, &server})
    for (const auto& kv : *m) names.insert(kv.first);

  MergeResult r;
  for (const auto& name : names) {
    const FieldValue& b = get(base, name);
    const FieldValue& l = get(local, name);
    const FieldValue& s = get(server, name);
    bool localChanged = !sameValue(l, b);
    bool serverChanged = !sameValue(s, b);
    const FieldValue* chosen = &s;
    if (localChanged && !serverChanged) {
      chosen = &l;
    } else if (localChanged && serverChanged && !sameValue(l, s)) {
      r.conflicts.push_back({name, l, s});  // server wins in the list, local kept for the user
    }
    // A field absent on both the server and locally stays absent rather than becoming null.
    if (std::holds_alternative<std::monostate>(*chosen) && !local.count(name) && !server.count(name)) continue;
    r.merged.emplace(name, *chosen);
    if (!sameValue(*chosen, s)) r.toPush.emplace(name, *chosen);
  }
  return r;
}

ServerDeleteAction onServerDelete(LocalState local) {
  switch (local) {
    case LocalState::Dirty:
    case LocalState::Conflict: return ServerDeleteAction::Recreate;
    case LocalState::Clean:
    case LocalState::Deleted: return ServerDeleteAction::Remove;
  }
  return ServerDeleteAction::Remove;
}

ServerEditAction onServerEdit(LocalState local, bool serverMoved) {
  switch (local) {
    case LocalState::Clean: return ServerEditAction::Overwrite;
    case LocalState::Dirty:
    case LocalState::Conflict: return ServerEditAction::Merge;
    case LocalState::Deleted:
      return serverMoved ? ServerEditAction::KeepServerNotify : ServerEditAction::KeepPendingDelete;
  }
  return ServerEditAction::Overwrite;
}

bool serverHoldsOnlyLocalValues(ListKind kind, const Fields& base, const Fields& local, const Fields& server) {
  for (const auto& [name, value] : server) {
    const FieldSpec* spec = findField(kind, name);
    if (!spec || !spec->editable) continue;
    if (!sameValue(value, get(base, name)) && !sameValue(value, get(local, name))) return false;
  }
  // A field the server cleared counts as well: absent there means null.
  for (const auto& [name, value] : base) {
    const FieldSpec* spec = findField(kind, name);
    if (!spec || !spec->editable || server.count(name)) continue;
    if (!sameValue(kNull, value) && !sameValue(kNull, get(local, name))) return false;
  }
  return true;
}

}  // namespace deskpane::sync
