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

std::optional<Store::CachedDigest> Store::formDigest(const std::string& siteUrl) const {
  auto st = impl_->db.cached(
      "SELECT (SELECT value FROM meta WHERE key = 'form_digest_site'), (SELECT value FROM meta WHERE key = 'form_digest'), "
      "(SELECT value FROM meta WHERE key = 'form_digest_expires')");
  if (!st->step() || st->isNull(0) || st->isNull(1) || st->isNull(2) || st->text(0) != siteUrl) return std::nullopt;
  return CachedDigest{st->text(1), st->int64(2)};
}

void Store::setFormDigest(const std::string& siteUrl, const CachedDigest& digest) {
  WriteScope scope(impl_->db);
  auto put = [&](const char* key, auto value) {
    impl_->db.cached("INSERT INTO meta(key, value) VALUES(?1, ?2) ON CONFLICT(key) DO UPDATE SET value = excluded.value")
        ->bind(1, std::string(key))
        .bind(2, value)
        .run();
  };
  put("form_digest_site", siteUrl);
  put("form_digest", digest.value);
  put("form_digest_expires", static_cast<std::int64_t>(digest.expiresUnix));
  scope.commit();
}

std::optional<std::string> Store::appValue(const std::string& key) const {
  auto st = impl_->db.cached("SELECT value FROM meta WHERE key = ?1");
  st->bind(1, "app." + key);
  if (!st->step() || st->isNull(0)) return std::nullopt;
  return st->text(0);
}

void Store::setAppValue(const std::string& key, const std::string& value) {
  WriteScope scope(impl_->db);
  impl_->db.cached("INSERT INTO meta(key, value) VALUES(?1, ?2) ON CONFLICT(key) DO UPDATE SET value = excluded.value")
      ->bind(1, "app." + key)
      .bind(2, value)
      .run();
  scope.commit();
}

}  // namespace deskpane::sync
