// Store: conflicts the user resolves (keep mine / keep theirs).
#include "sync/item_json.h"
#include "sync/store.h"
#include "sync/store_impl.h"

namespace deskpane::sync {

namespace {

constexpr const char* kConflictColumns =
    "SELECT id, kind, item_id, type, field, local_value, server_value, created FROM conflicts ";

FieldValue parseValue(std::string_view json) {
  auto v = valueFromJson(json);
  if (!v) throw StoreError("corrupt conflict value in cache");
  return std::move(*v);
}

Conflict readConflict(const sqlite::Statement& st) {
  Conflict c;
  c.id = st.int64(0);
  c.kind = kindFromColumn(st.textView(1));
  c.itemId = st.int64(2);
  c.type = static_cast<ConflictKind>(st.int64(3));
  c.field = st.text(4);
  c.localValue = parseValue(st.textView(5));
  c.serverValue = parseValue(st.textView(6));
  c.created = st.text(7);
  return c;
}

std::vector<Conflict> readAll(sqlite::Statement& st) {
  std::vector<Conflict> out;
  while (st.step()) out.push_back(readConflict(st));
  return out;
}

}  // namespace

std::vector<Conflict> Store::conflicts() const {
  auto st = impl_->db.prepare(std::string(kConflictColumns) + "ORDER BY id");
  return readAll(st);
}

std::vector<Conflict> Store::conflicts(ListKind kind) const {
  auto st = impl_->db.prepare(std::string(kConflictColumns) + "WHERE kind = ?1 ORDER BY id");
  st.bind(1, kindKey(kind));
  return readAll(st);
}

std::vector<Conflict> Store::conflictsOf(ListKind kind, std::int64_t itemId) const {
  auto st = impl_->db.prepare(std::string(kConflictColumns) + "WHERE kind = ?1 AND item_id = ?2 ORDER BY id");
  st.bind(1, kindKey(kind)).bind(2, itemId);
  return readAll(st);
}

void Store::resolveConflict(std::int64_t conflictId, Resolution resolution) {
  WriteScope w(impl_->db);
  std::optional<Conflict> c;
  {
    auto st = impl_->db.prepare(std::string(kConflictColumns) + "WHERE id = ?1");
    st.bind(1, conflictId);
    if (st.step()) c = readConflict(st);
  }
  if (!c) throw StoreError("resolveConflict: no conflict " + std::to_string(conflictId));
  {
    auto del = impl_->db.cached("DELETE FROM conflicts WHERE id = ?1");
    del->bind(1, conflictId).run();
  }
  auto row = impl_->loadRow(c->kind, c->itemId);
  const bool keepMine = resolution == Resolution::KeepMine;
  if (row) {
    switch (c->type) {
      case ConflictKind::Field:
        if (keepMine) {
          row->item.set(c->field, c->localValue);
          impl_->updateRow(c->kind, row->item, row->base);
          impl_->enqueue(c->kind, OutboxOp::Update, c->itemId, row->item.uniqueId, Fields{{c->field, c->localValue}});
        }
        break;
      case ConflictKind::EditVsServerDelete:
        // KeepMine: the queued re-create simply goes ahead.
        if (!keepMine) impl_->deleteItemEverywhere(c->kind, c->itemId);
        break;
      case ConflictKind::DeleteVsServerEdit:
        if (keepMine) {
          row->item.state = LocalState::Deleted;
          impl_->updateRow(c->kind, row->item, row->base);
          impl_->enqueue(c->kind, OutboxOp::Delete, c->itemId, row->item.uniqueId, {});
        }
        break;
    }
    impl_->refreshState(c->kind, c->itemId);
  }
  w.commit();
}

}  // namespace deskpane::sync
