#include "overlay/pane_presenter.h"

#include "sync/http_transport.h"

#include <algorithm>

namespace deskpane::overlay {

namespace {

sync::Error storeError(const std::exception& e) { return sync::Error{sync::ErrorCode::Database, e.what(), 0}; }

}  // namespace

PanePresenter::PanePresenter(sync::ListKind kind, sync::Store* store, sync::Engine* engine, std::string listTitle,
                             std::string siteUrl)
    : kind_(kind), store_(store), engine_(engine), listTitle_(std::move(listTitle)), siteUrl_(std::move(siteUrl)) {
  if (engine_) status_ = engine_->status(kind_);
}

PanePresenter::~PanePresenter() { commitAllRemovals(); }

std::string PanePresenter::listUrl() const {
  if (siteUrl_.empty() || listTitle_.empty()) return "";
  // SharePoint serves a list's default view at Lists/<title>; the calendar
  // and the discussion board answer there as well.
  return siteUrl_ + "/Lists/" + sync::urlEncode(listTitle_);
}

std::vector<sync::Item> PanePresenter::items() const {
  std::vector<sync::Item> out;
  if (!store_) return out;
  try {
    out = store_->items(kind_);
    readError_.clear();
  } catch (const sync::StoreError& e) {
    readError_ = e.what();
    return {};
  }
  if (!removals_.empty())
    out.erase(std::remove_if(out.begin(), out.end(), [&](const sync::Item& i) { return removals_.count(i.id) > 0; }),
              out.end());
  return out;
}

std::size_t PanePresenter::itemCount() const {
  if (!store_) return 0;
  try {
    return store_->count(kind_);
  } catch (const sync::StoreError& e) {
    readError_ = e.what();
    return 0;
  }
}

std::optional<sync::Item> PanePresenter::item(std::int64_t id) const {
  if (!store_ || removals_.count(id)) return std::nullopt;
  try {
    return store_->item(kind_, store_->currentId(kind_, id));
  } catch (const sync::StoreError& e) {
    readError_ = e.what();
    return std::nullopt;
  }
}

std::vector<sync::Conflict> PanePresenter::conflictsOf(std::int64_t id) const {
  if (!store_) return {};
  try {
    return store_->conflictsOf(kind_, id);
  } catch (const sync::StoreError& e) {
    readError_ = e.what();
    return {};
  }
}

std::set<std::int64_t> PanePresenter::readIds() const {
  if (!store_) return {};
  try {
    return store_->readItems(kind_);
  } catch (const sync::StoreError& e) {
    readError_ = e.what();
    return {};
  }
}

void PanePresenter::setRead(std::int64_t id, bool read) {
  if (!store_) return;
  try {
    store_->setRead(kind_, id, read);
  } catch (const sync::StoreError& e) {
    // A mark that did not stick only leaves a thread bold; say why all the same.
    readError_ = e.what();
  }
}

sync::Result<std::int64_t> PanePresenter::create(sync::Fields fields) {
  if (engine_) return engine_->create(kind_, std::move(fields));
  if (!store_) return sync::Error{sync::ErrorCode::Io, "no cache is open", 0};
  try {
    return store_->createLocal(kind_, fields);
  } catch (const sync::StoreError& e) {
    return storeError(e);
  }
}

sync::Result<void> PanePresenter::update(std::int64_t id, sync::Fields changedFields) {
  if (changedFields.empty()) return {};
  if (engine_) return engine_->update(kind_, id, std::move(changedFields));
  if (!store_) return sync::Error{sync::ErrorCode::Io, "no cache is open", 0};
  try {
    store_->updateLocal(kind_, id, changedFields);
    return {};
  } catch (const sync::StoreError& e) {
    return storeError(e);
  }
}

sync::Result<void> PanePresenter::removeNow(std::int64_t id) {
  if (engine_) return engine_->remove(kind_, id);
  if (!store_) return sync::Error{sync::ErrorCode::Io, "no cache is open", 0};
  try {
    store_->removeLocal(kind_, id);
    return {};
  } catch (const sync::StoreError& e) {
    return storeError(e);
  }
}

void PanePresenter::removeLater(std::int64_t id, Clock::time_point now) { removals_[id] = now + kUndoDelay; }

bool PanePresenter::undoRemove(std::int64_t id) { return removals_.erase(id) > 0; }

int PanePresenter::commitDueRemovals(Clock::time_point now) {
  int made = 0;
  for (auto it = removals_.begin(); it != removals_.end();) {
    if (it->second > now) {
      ++it;
      continue;
    }
    const std::int64_t id = it->first;
    it = removals_.erase(it);
    if (removeNow(id).ok()) ++made;
  }
  return made;
}

void PanePresenter::commitAllRemovals() { commitDueRemovals(Clock::time_point::max()); }

std::vector<std::int64_t> PanePresenter::pendingRemovals() const {
  std::vector<std::int64_t> out;
  for (const auto& [id, due] : removals_) out.push_back(id);
  return out;
}

std::optional<PanePresenter::Clock::time_point> PanePresenter::nextRemovalDue() const {
  std::optional<Clock::time_point> next;
  for (const auto& [id, due] : removals_)
    if (!next || due < *next) next = due;
  return next;
}

sync::Result<void> PanePresenter::resolveConflict(std::int64_t id, bool keepMine) {
  if (engine_) return engine_->resolveConflict(kind_, id, keepMine);
  if (!store_) return sync::Error{sync::ErrorCode::Io, "no cache is open", 0};
  try {
    for (const auto& c : store_->conflictsOf(kind_, id))
      store_->resolveConflict(c.id, keepMine ? sync::Resolution::KeepMine : sync::Resolution::KeepTheirs);
    return {};
  } catch (const sync::StoreError& e) {
    return storeError(e);
  }
}

void PanePresenter::syncNow() {
  if (engine_) engine_->syncList(kind_);
}

void PanePresenter::syncAll() {
  if (engine_) engine_->syncAll();
}

void PanePresenter::notifyItemsChanged() {
  if (itemsChanged_) itemsChanged_();
}

void PanePresenter::notifyStatus(const sync::ListStatus& status) {
  status_ = status;
  if (statusChanged_) statusChanged_();
}

}  // namespace deskpane::overlay
