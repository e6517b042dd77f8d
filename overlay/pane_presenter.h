#pragma once
// One pane's link to the engine, without a toolkit: the pane's view reads its
// list through here and sends every edit through here, so the engine calls
// of a pane live in one place (and are tested headless).
//
// Reads use the UI thread's own cache connection. Edits go to the engine,
// which writes cache + outbox in one transaction before it touches the
// network; with no engine (no site configured) they go to the cache's outbox
// directly and wait for a site. Deletes wait kUndoDelay before they are
// made, so the view can offer "Undo"; an app that quits makes them at once.
#include "sync/engine.h"
#include "sync/item.h"
#include "sync/list_kind.h"
#include "sync/result.h"
#include "sync/store.h"

#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace deskpane::overlay {

class PanePresenter {
 public:
  using Clock = std::chrono::steady_clock;
  static constexpr std::chrono::seconds kUndoDelay{5};

  // `store` must outlive the presenter; `engine` may be null.
  PanePresenter(sync::ListKind kind, sync::Store* store, sync::Engine* engine, std::string listTitle,
                std::string siteUrl);
  ~PanePresenter();  // makes deletes still waiting for their undo delay
  PanePresenter(const PanePresenter&) = delete;
  PanePresenter& operator=(const PanePresenter&) = delete;

  sync::ListKind kind() const { return kind_; }
  const std::string& listTitle() const { return listTitle_; }
  // The list's page on the site ("Open in browser"); "" without a site.
  std::string listUrl() const;

  // ---- reads: the cached list, without items whose delete waits for its undo delay.
  // An unreadable cache reads as empty and sets readError().
  std::vector<sync::Item> items() const;
  // How many items the cache holds for the list (a count, not a read of them).
  std::size_t itemCount() const;
  std::optional<sync::Item> item(std::int64_t id) const;
  std::vector<sync::Conflict> conflictsOf(std::int64_t id) const;
  const std::string& readError() const { return readError_; }
  const sync::ListStatus& status() const { return status_; }

  // ---- local read state (the Inbox's bold threads): kept in the cache, never
  // sent to the server. Unreadable cache: nothing is read (and readError()).
  std::set<std::int64_t> readIds() const;
  void setRead(std::int64_t id, bool read);

  // ---- edits. Results name what was wrong in plain words.
  sync::Result<std::int64_t> create(sync::Fields fields);
  sync::Result<void> update(std::int64_t id, sync::Fields changedFields);
  // Hides the item now and deletes it after kUndoDelay (commitDueRemovals).
  void removeLater(std::int64_t id, Clock::time_point now = Clock::now());
  // False when the delete was already made.
  bool undoRemove(std::int64_t id);
  // Makes the deletes whose delay is over; returns how many were made.
  int commitDueRemovals(Clock::time_point now = Clock::now());
  void commitAllRemovals();
  std::vector<std::int64_t> pendingRemovals() const;
  std::optional<Clock::time_point> nextRemovalDue() const;
  sync::Result<void> resolveConflict(std::int64_t id, bool keepMine);
  // The pane's refresh button; and "a pane shown syncs its list".
  void syncNow();
  void syncAll();

  // ---- from the app shell (UI thread)
  // The engine stops before the panes go: later edits go to the cache's outbox.
  void detachEngine() { engine_ = nullptr; }
  void notifyItemsChanged();
  void notifyStatus(const sync::ListStatus& status);
  // The view listens here; one listener each.
  void onItemsChanged(std::function<void()> f) { itemsChanged_ = std::move(f); }
  void onStatusChanged(std::function<void()> f) { statusChanged_ = std::move(f); }

 private:
  sync::Result<void> removeNow(std::int64_t id);

  sync::ListKind kind_;
  sync::Store* store_;
  sync::Engine* engine_;
  std::string listTitle_;
  std::string siteUrl_;
  sync::ListStatus status_;
  mutable std::string readError_;
  std::map<std::int64_t, Clock::time_point> removals_;  // id -> when the delete is made
  std::function<void()> itemsChanged_;
  std::function<void()> statusChanged_;
};

}  // namespace deskpane::overlay
