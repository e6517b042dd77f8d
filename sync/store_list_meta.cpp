// Per-list values the server decides and the store only remembers, kept in
// the meta table (no schema change): the list's creation time.
#include "sync/store_impl.h"

namespace deskpane::sync {

namespace {
std::string createdKey(ListKind kind) { return "list_created/" + std::string(kindKey(kind)); }
}  // namespace

std::string Store::listCreated(ListKind kind) const {
  auto st = impl_->db.cached("SELECT value FROM meta WHERE key = ?1");
  st->bind(1, createdKey(kind));
  return st->step() ? st->text(0) : std::string();
}

void Store::setListCreated(ListKind kind, const std::string& created) {
  WriteScope scope(impl_->db);
  impl_->db.cached("INSERT INTO meta(key, value) VALUES(?1, ?2) ON CONFLICT(key) DO UPDATE SET value = excluded.value")
      ->bind(1, createdKey(kind))
      .bind(2, created)
      .run();
  scope.commit();
}

}  // namespace deskpane::sync
