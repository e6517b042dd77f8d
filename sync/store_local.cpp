// Store: local edits and the outbox. Every edit writes the item and its outbox
// entry in one transaction (DESIGN §2: nothing the user typed is ever lost).
#include "sync/item_json.h"
#include "sync/store.h"
#include "sync/store_impl.h"

namespace deskpane::sync {

std::int64_t Store::createLocal(ListKind kind, const Fields& fields) {
  WriteScope w(impl_->db);
  Item item;
  item.id = impl_->nextTempId();
  item.uniqueId = newGuid();
  item.modified = nowIso();
  item.fields = fields;
  item.state = LocalState::Dirty;
  impl_->insertRow(kind, item, std::nullopt);
  impl_->enqueue(kind, OutboxOp::Create, item.id, item.uniqueId, fields);
  w.commit();
  return item.id;
}

void Store::updateLocal(ListKind kind, std::int64_t id, const Fields& changedFields) {
  WriteScope w(impl_->db);
  id = impl_->resolveId(kind, id);
  auto row = impl_->loadRow(kind, id);
  if (!row) throw StoreError("updateLocal: no item " + std::to_string(id) + " in " + std::string(kindKey(kind)));
  if (row->item.state == LocalState::Deleted)
    throw StoreError("updateLocal: item " + std::to_string(id) + " is being deleted");
  Fields payload;
  for (const auto& [name, value] : changedFields) {
    const FieldValue* current = row->item.find(name);
    if (current && sameValue(*current, value) && current->index() == value.index()) continue;
    payload.emplace(name, value);
    row->item.set(name, value);
  }
  if (payload.empty()) return;  // nothing changed: no push
  if (row->item.state == LocalState::Clean) row->item.state = LocalState::Dirty;
  row->item.modified = nowIso();
  impl_->updateRow(kind, row->item, row->base);
  impl_->enqueue(kind, OutboxOp::Update, id, row->item.uniqueId, payload);
  w.commit();
}

void Store::removeLocal(ListKind kind, std::int64_t id) {
  WriteScope w(impl_->db);
  id = impl_->resolveId(kind, id);
  auto row = impl_->loadRow(kind, id);
  if (!row) throw StoreError("removeLocal: no item " + std::to_string(id) + " in " + std::string(kindKey(kind)));
  if (row->item.state == LocalState::Deleted) return;
  // The user chose to delete: open conflicts about the item are moot.
  auto del = impl_->db.cached("DELETE FROM conflicts WHERE kind = ?1 AND item_id = ?2");
  del->bind(1, kindKey(kind)).bind(2, id).run();
  // Queued updates would only be overwritten by the delete: they go, so no
  // edit reaches the server (and shows up in its history) just before the
  // item is deleted. An unpushed create may be in flight right now, so the
  // delete is queued behind it rather than cancelling it; the engine may
  // coalesce the pair.
  auto updates = impl_->db.cached("DELETE FROM outbox WHERE kind = ?1 AND item_id = ?2 AND op = ?3");
  updates->bind(1, kindKey(kind)).bind(2, id).bind(3, static_cast<int>(OutboxOp::Update)).run();
  row->item.state = LocalState::Deleted;
  impl_->updateRow(kind, row->item, row->base);
  impl_->enqueue(kind, OutboxOp::Delete, id, row->item.uniqueId, {});
  w.commit();
}

// ---- outbox

namespace {

constexpr const char* kOutboxAll =
    "SELECT seq, kind, op, item_id, client_guid, payload, attempts, last_error, sent_since FROM outbox "
    "ORDER BY seq";
constexpr const char* kOutboxKind =
    "SELECT seq, kind, op, item_id, client_guid, payload, attempts, last_error, sent_since FROM outbox "
    "WHERE kind = ?1 ORDER BY seq";
constexpr const char* kOutboxOne =
    "SELECT seq, kind, op, item_id, client_guid, payload, attempts, last_error, sent_since FROM outbox "
    "WHERE seq = ?1";

OutboxEntry readEntry(const sqlite::Statement& st) {
  OutboxEntry e;
  e.seq = st.int64(0);
  e.kind = kindFromColumn(st.textView(1));
  e.op = static_cast<OutboxOp>(st.int64(2));
  e.itemId = st.int64(3);
  e.clientGuid = st.text(4);
  e.payload = parseFields(st.textView(5));
  e.attempts = static_cast<int>(st.int64(6));
  e.lastError = st.text(7);
  if (!st.isNull(8)) e.sentSince = st.text(8);
  return e;
}

}  // namespace

std::optional<OutboxEntry> Store::Impl::loadEntry(std::int64_t seq) {
  auto st = db.cached(kOutboxOne);
  st->bind(1, seq);
  if (!st->step()) return std::nullopt;
  return readEntry(*st);
}

std::vector<OutboxEntry> Store::pendingOutbox() const {
  auto st = impl_->db.cached(kOutboxAll);
  std::vector<OutboxEntry> out;
  while (st->step()) out.push_back(readEntry(*st));
  return out;
}

std::vector<OutboxEntry> Store::pendingOutbox(ListKind kind) const {
  auto st = impl_->db.cached(kOutboxKind);
  st->bind(1, kindKey(kind));
  std::vector<OutboxEntry> out;
  while (st->step()) out.push_back(readEntry(*st));
  return out;
}

std::size_t Store::pendingCount() const {
  auto st = impl_->db.cached("SELECT count(*) FROM outbox");
  return st->step() ? static_cast<std::size_t>(st->int64(0)) : 0;
}

void Store::markDone(std::int64_t seq, const std::optional<std::string>& newEtag) {
  WriteScope w(impl_->db);
  // An entry a merge rewrote while its push was in flight is already gone.
  auto entry = impl_->loadEntry(seq);
  if (!entry) return;
  if (entry->op == OutboxOp::Create) throw StoreError("markDone: a create completes with completeCreate");
  auto del = impl_->db.cached("DELETE FROM outbox WHERE seq = ?1");
  del->bind(1, seq).run();
  if (entry->op == OutboxOp::Delete) {
    impl_->deleteItemEverywhere(entry->kind, entry->itemId);
  } else if (auto row = impl_->loadRow(entry->kind, entry->itemId)) {
    // The server now holds these values: they are part of the base from here on.
    Fields base = row->base.value_or(Fields{});
    for (const auto& [name, value] : entry->payload) base.insert_or_assign(name, value);
    if (newEtag) row->item.etag = *newEtag;
    impl_->updateRow(entry->kind, row->item, base);
    impl_->refreshState(entry->kind, entry->itemId);
  }
  w.commit();
}

void Store::completeCreate(std::int64_t seq, const Item& serverItem) {
  WriteScope w(impl_->db);
  auto entry = impl_->loadEntry(seq);
  if (!entry) throw StoreError("completeCreate: no outbox entry " + std::to_string(seq));
  if (entry->op != OutboxOp::Create) throw StoreError("completeCreate: entry is not a create");
  const ListKind kind = entry->kind;
  const std::int64_t tempId = entry->itemId;
  auto del = impl_->db.cached("DELETE FROM outbox WHERE seq = ?1");
  del->bind(1, seq).run();

  auto temp = impl_->loadRow(kind, tempId);
  // A sync may have fetched the new server item before we got here.
  if (serverItem.id != tempId) {
    auto st = impl_->db.cached("DELETE FROM items WHERE kind = ?1 AND id = ?2");
    st->bind(1, kindKey(kind)).bind(2, serverItem.id).run();
  }
  for (const char* sql : {"UPDATE items SET id = ?3 WHERE kind = ?1 AND id = ?2",
                          "UPDATE outbox SET item_id = ?3 WHERE kind = ?1 AND item_id = ?2",
                          "UPDATE conflicts SET item_id = ?3 WHERE kind = ?1 AND item_id = ?2"}) {
    auto st = impl_->db.cached(sql);
    st->bind(1, kindKey(kind)).bind(2, tempId).bind(3, serverItem.id).run();
  }
  impl_->recordAlias(kind, tempId, serverItem.id);

  Item item = serverItem;
  // Edits made after the create are still queued: the cache keeps showing them.
  for (const auto& e : pendingOutbox(kind)) {
    if (e.itemId != serverItem.id || e.op != OutboxOp::Update) continue;
    for (const auto& [name, value] : e.payload) item.fields.insert_or_assign(name, value);
  }
  if (item.uniqueId.empty() && temp) item.uniqueId = temp->item.uniqueId;
  item.state = temp && temp->item.state == LocalState::Deleted ? LocalState::Deleted : LocalState::Clean;
  if (temp)
    impl_->updateRow(kind, item, serverItem.fields);
  else
    impl_->insertRow(kind, item, serverItem.fields);
  impl_->refreshState(kind, item.id);
  w.commit();
}

void Store::recordFailure(std::int64_t seq, const std::string& error) {
  auto st = impl_->db.cached("UPDATE outbox SET attempts = attempts + 1, last_error = ?2 WHERE seq = ?1");
  st->bind(1, seq).bind(2, error).run();
}

void Store::markCreateSent(std::int64_t seq, const std::string& sinceToken) {
  auto st = impl_->db.cached(
      "UPDATE outbox SET attempts = attempts + 1, sent_since = ?2, last_error = '' WHERE seq = ?1");
  st->bind(1, seq).bind(2, sinceToken).run();
}

}  // namespace deskpane::sync
