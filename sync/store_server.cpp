// Store: applying what the server sent (the engine's side).
#include <stdexcept>
#include <unordered_set>

#include "sync/item_json.h"
#include "sync/merge.h"
#include "sync/store.h"
#include "sync/store_impl.h"

namespace deskpane::sync {

namespace {

bool serverMoved(const std::string& storedEtag, const std::string& serverEtag) {
  auto a = etagVersion(storedEtag), b = etagVersion(serverEtag);
  if (a && b) return *a != *b;
  return storedEtag != serverEtag;
}

void deleteUpdatesOf(sqlite::Database& db, ListKind kind, std::int64_t id) {
  auto st = db.cached("DELETE FROM outbox WHERE kind = ?1 AND item_id = ?2 AND op = ?3");
  st->bind(1, kindKey(kind)).bind(2, id).bind(3, static_cast<int>(OutboxOp::Update)).run();
}

}  // namespace

ApplySummary Store::applyServerItems(ListKind kind, const std::vector<Item>& serverItems,
                                     const std::vector<std::string>& fieldsJson) {
  WriteScope w(impl_->db);
  ApplySummary sum = applyServerChunk(kind, serverItems, fieldsJson);
  w.commit();
  return sum;
}

ApplySummary Store::applyServerChunk(ListKind kind, const std::vector<Item>& serverItems,
                                     const std::vector<std::string>& fieldsJson) {
  ApplySummary sum;
  const bool haveJson = fieldsJson.size() == serverItems.size();
  std::size_t index = 0;
  // Most items of a first sync are new: while they are, the insert is tried
  // first and no lookup is spent on them. Once one is found cached (a list
  // read again, changed items), each is looked up first as before.
  bool expectNew = true;
  // A chunk none of whose rows is cached (a first read) goes in fifty rows
  // to a statement.
  if (impl_->insertNewServerRows(kind, serverItems, haveJson ? &fieldsJson : nullptr)) {
    sum.inserted += static_cast<int>(serverItems.size());
    return sum;
  }
  for (const Item& serverItem : serverItems) {
    const std::string* json = haveJson ? &fieldsJson[index] : nullptr;
    ++index;
    if (expectNew) {
      if (impl_->insertServerRowIfNew(kind, serverItem, json)) {
        ++sum.inserted;
        continue;
      }
      expectNew = false;
    }
    auto row = impl_->loadRow(kind, serverItem.id);
    if (!row) {
      impl_->insertServerRowIfNew(kind, serverItem, json);
      ++sum.inserted;
      continue;
    }
    // Rows read for storing come with their fields as JSON text only
    // (ItemRows); a cached row is merged with them, so they are read back.
    std::optional<Item> withFields;
    if (json && serverItem.fields.empty() && *json != "{}") {
      auto fields = fieldsFromJson(*json);
      // The text is this program's own (fieldsToJson's form): one that does
      // not read back is a bug, and merging with no fields would take every
      // field as cleared on the server, so the page's write is given up.
      if (!fields) throw std::logic_error("a row's fields cannot be read back from their JSON");
      withFields = serverItem;
      withFields->fields = std::move(*fields);
    }
    const Item& server = withFields ? *withFields : serverItem;
    const bool moved = serverMoved(row->item.etag, server.etag);
    switch (onServerEdit(row->item.state, moved)) {
      case ServerEditAction::Overwrite: {
        impl_->updateServerRow(kind, server, LocalState::Clean, json);
        ++sum.updated;
        break;
      }
      case ServerEditAction::KeepPendingDelete:
        ++sum.unchanged;
        break;
      case ServerEditAction::KeepServerNotify: {
        if (serverHoldsOnlyLocalValues(kind, row->base.value_or(Fields{}), row->item.fields, server.fields)) {
          // The new version is the user's own last edit: the delete destroys
          // nothing they have not seen, so it goes on, against that version.
          deleteUpdatesOf(impl_->db, kind, server.id);
          Item deleted = row->item;
          deleted.etag = server.etag;
          impl_->updateRow(kind, deleted, server.fields);
          ++sum.unchanged;
          break;
        }
        // The delete would destroy someone else's edit: keep theirs, ask the user.
        auto st = impl_->db.cached("DELETE FROM outbox WHERE kind = ?1 AND item_id = ?2");
        st->bind(1, kindKey(kind)).bind(2, server.id).run();
        impl_->updateServerRow(kind, server, LocalState::Conflict);
        impl_->addConflict(kind, server.id, ConflictKind::DeleteVsServerEdit, "", FieldValue{}, FieldValue{});
        ++sum.updated;
        ++sum.newConflicts;
        break;
      }
      case ServerEditAction::Merge: {
        // The version the local edits are based on, sent again (a change
        // the log tells of twice): nothing to merge, and the outbox keeps
        // its entries as they are. A version unmoved but with other values
        // (SharePoint's SystemUpdate) is merged.
        if (!moved && row->base && sameFields(*row->base, server.fields)) {
          ++sum.unchanged;
          break;
        }
        MergeResult m = mergeFields(row->base.value_or(Fields{}), row->item.fields, server.fields);
        Item merged = server;
        merged.fields = std::move(m.merged);
        if (merged.uniqueId.empty()) merged.uniqueId = row->item.uniqueId;
        merged.state = row->item.state;
        impl_->updateRow(kind, merged, server.fields);
        // Pending updates were written against the old base; what still has to
        // go out is exactly what differs from the new server version.
        deleteUpdatesOf(impl_->db, kind, server.id);
        if (!m.toPush.empty()) impl_->enqueue(kind, OutboxOp::Update, server.id, merged.uniqueId, m.toPush);
        for (const auto& c : m.conflicts)
          impl_->addConflict(kind, server.id, ConflictKind::Field, c.field, c.local, c.server);
        impl_->refreshState(kind, server.id);
        ++sum.merged;
        sum.newConflicts += static_cast<int>(m.conflicts.size());
        break;
      }
    }
  }
  return sum;
}

bool Store::applyServerPage(ListKind kind, const std::function<bool(const ChunkApplier&)>& fill) {
  WriteScope w(impl_->db);
  // The chunks share the page's transaction without savepoints: a chunk
  // that fails halfway leaves part of itself, so the page is then never
  // committed, even by a `fill` that goes on after the exception.
  bool chunkFailed = false;
  const bool filled = fill([&](const std::vector<Item>& chunk, const std::vector<std::string>& fieldsJson) {
    try {
      return applyServerChunk(kind, chunk, fieldsJson);
    } catch (...) {
      chunkFailed = true;
      throw;
    }
  });
  if (!filled || chunkFailed) return false;
  w.commit();
  return true;
}

ApplySummary Store::reconcileFullRead(ListKind kind, const std::vector<Item>& serverItems) {
  WriteScope w(impl_->db);
  ApplySummary sum = applyServerItems(kind, serverItems);
  std::unordered_set<std::int64_t> present;
  present.reserve(serverItems.size());
  for (const Item& it : serverItems) present.insert(it.id);
  std::vector<std::int64_t> gone;
  {
    auto st = impl_->db.cached("SELECT id FROM items WHERE kind = ?1 AND id > 0");
    st->bind(1, kindKey(kind));
    while (st->step())
      if (!present.count(st->int64(0))) gone.push_back(st->int64(0));
  }
  ApplySummary del = applyServerDeletes(kind, gone);
  sum.removed += del.removed;
  sum.recreated += del.recreated;
  sum.newConflicts += del.newConflicts;
  w.commit();
  return sum;
}

ApplySummary Store::applyServerDeletes(ListKind kind, const std::vector<std::int64_t>& ids) {
  WriteScope w(impl_->db);
  ApplySummary sum;
  for (std::int64_t id : ids) {
    auto row = impl_->loadRow(kind, id);
    if (!row) continue;
    if (onServerDelete(row->item.state) == ServerDeleteAction::Remove) {
      impl_->deleteItemEverywhere(kind, id);
      ++sum.removed;
      continue;
    }
    // Edited here, deleted there: the user's version lives on as a new item.
    impl_->deleteItemEverywhere(kind, id);
    Item again = row->item;
    again.id = impl_->nextTempId();
    again.uniqueId = newGuid();
    again.etag.clear();
    again.state = LocalState::Conflict;
    impl_->insertRow(kind, again, std::nullopt);
    impl_->recordAlias(kind, id, again.id);
    impl_->enqueue(kind, OutboxOp::Create, again.id, again.uniqueId, again.fields);
    impl_->addConflict(kind, again.id, ConflictKind::EditVsServerDelete, "", FieldValue{}, FieldValue{});
    ++sum.recreated;
    ++sum.newConflicts;
  }
  w.commit();
  return sum;
}

}  // namespace deskpane::sync
