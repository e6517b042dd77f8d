// Site-wide values the store keeps beside the lists (the meta table).
#include "sync/store_impl.h"

namespace deskpane::sync {

std::optional<int> Store::siteTimeZoneId() const {
  auto st = impl_->db.cached("SELECT value FROM meta WHERE key = 'site_time_zone'");
  if (!st->step()) return std::nullopt;
  return static_cast<int>(st->int64(0));
}

void Store::setSiteTimeZoneId(int id) {
  WriteScope scope(impl_->db);
  impl_->db.cached("INSERT INTO meta(key, value) VALUES('site_time_zone', ?1) "
                   "ON CONFLICT(key) DO UPDATE SET value = excluded.value")
      ->bind(1, id)
      .run();
  scope.commit();
}

}  // namespace deskpane::sync
