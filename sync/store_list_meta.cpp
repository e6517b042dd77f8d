// Per-list values the server decides and the store only remembers, kept in
// the meta table (no schema change): the list's creation time, and the
// selected fields the list turned out not to have.
#include "sync/store_impl.h"

namespace deskpane::sync {

namespace {
std::string createdKey(ListKind kind) { return "list_created/" + std::string(kindKey(kind)); }
}  // namespace

std::string missingColumnsKey(ListKind kind) { return "missing_columns/" + std::string(kindKey(kind)); }

std::vector<std::string> Store::missingColumns(ListKind kind) const {
  auto st = impl_->db.cached("SELECT value FROM meta WHERE key = ?1");
  st->bind(1, missingColumnsKey(kind));
  std::vector<std::string> names;
  if (!st->step()) return names;
  // Internal names are letters, digits, '_' and '/' (a lookup's
  // "Author/Title"): a comma never occurs in one.
  const std::string text = st->text(0);
  for (std::size_t at = 0; at < text.size();) {
    const auto comma = std::min(text.find(',', at), text.size());
    if (comma > at) names.push_back(text.substr(at, comma - at));
    at = comma + 1;
  }
  return names;
}

void Store::setMissingColumns(ListKind kind, const std::vector<std::string>& names) {
  std::string text;
  for (const auto& n : names) text += (text.empty() ? "" : ",") + n;
  WriteScope scope(impl_->db);
  if (text.empty()) {
    impl_->db.cached("DELETE FROM meta WHERE key = ?1")->bind(1, missingColumnsKey(kind)).run();
  } else {
    impl_->db.cached("INSERT INTO meta(key, value) VALUES(?1, ?2) ON CONFLICT(key) DO UPDATE SET value = excluded.value")
        ->bind(1, missingColumnsKey(kind))
        .bind(2, text)
        .run();
  }
  scope.commit();
}

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
