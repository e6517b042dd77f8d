// The Inbox's read marks (read_items): local to this computer, since a
// discussion board keeps no per-user read state that a client could share.
#include "sync/store_impl.h"

namespace deskpane::sync {

std::set<std::int64_t> Store::readItems(ListKind kind) const {
  // A mark set on a temp id follows the item to its server id through the
  // alias table, so a thread the user wrote stays read after its push.
  auto st = impl_->db.cached(
      "SELECT COALESCE(a.new_id, r.id) FROM read_items r "
      "LEFT JOIN id_aliases a ON a.kind = r.kind AND a.old_id = r.id WHERE r.kind = ?1");
  st->bind(1, kindKey(kind));
  std::set<std::int64_t> out;
  while (st->step()) out.insert(st->int64(0));
  return out;
}

void Store::setRead(ListKind kind, std::int64_t id, bool read) {
  WriteScope scope(impl_->db);
  const std::int64_t current = impl_->resolveId(kind, id);
  if (read) {
    impl_->db.cached("INSERT OR IGNORE INTO read_items(kind, id) VALUES(?1, ?2)")
        ->bind(1, kindKey(kind))
        .bind(2, current)
        .run();
  } else {
    // Every name of the item goes: a mark may still sit under an id it had
    // when the mark was set (a temp id, before its push).
    impl_->db.cached(
              "DELETE FROM read_items WHERE kind = ?1 AND (id = ?2 OR id = ?3 OR id IN "
              "(SELECT old_id FROM id_aliases WHERE kind = ?1 AND new_id = ?2))")
        ->bind(1, kindKey(kind))
        .bind(2, current)
        .bind(3, id)
        .run();
  }
  scope.commit();
}

}  // namespace deskpane::sync
