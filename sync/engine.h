#pragma once
// The sync engine: one worker thread that brings the cached lists up to date
// with SharePoint by the rules of DESIGN §2 — full sync of every bound list on
// syncAll() (start, "Sync all"/F9), one list when its pane is shown, every
// local change pushed at once and its list re-synced, and nothing else: no
// timer, no polling.
//
// Threading: the public methods may be called from any thread (the UI thread
// in the app) and return at once; create/update/remove write the cache and
// the outbox in one SQLite transaction before returning, so nothing the user
// typed is lost even if the process dies before the push. Listener callbacks
// run on the worker thread; the GUI forwards them to the UI thread.
#include "sync/item.h"
#include "sync/list_kind.h"
#include "sync/result.h"

#include <chrono>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace deskpane::sync {

class Auth;

enum class SyncState {
  Synced,        // last sync reached the server and applied everything
  Syncing,       // a job for this list is running
  Offline,       // the server could not be reached; edits wait in the outbox
  Error,         // the server answered with an error the engine cannot fix
  SignInNeeded,  // no valid credentials: call Engine::signIn()
};
std::string_view syncStateName(SyncState state);

struct ListStatus {
  SyncState state = SyncState::Synced;
  int pendingChanges = 0;  // outbox entries not yet on the server
  int conflicts = 0;       // unresolved field conflicts on this list's items
  std::optional<std::chrono::system_clock::time_point> lastSync;  // last successful sync
  std::string message;     // human-readable detail for the tooltip/header ("" when synced)
  int refusedChanges = 0;  // of pendingChanges, those the server refused in the last sync (message says why)
};

// What one sync pass did, list by list (SyncJob's reports boiled down) and
// as a whole: `deskpane --sync` prints it, so its figures are the app's.
struct SyncPassList {
  ListKind kind = ListKind::Calendar;
  SyncState state = SyncState::Synced;
  std::string message;
  long long requests = 0;  // sent for this list alone (binding, pushes, full read)
  long long ms = 0;        // time of those
};
struct SyncPass {
  std::vector<SyncPassList> lists;
  long long requests = 0;  // every request of the pass, shared `$batch`es included
  long long ms = 0;
};

class EngineListener {
 public:
  virtual ~EngineListener() = default;
  // The cached items of `kind` changed (server changes applied, a push
  // finished, a merge produced conflicts): re-read the Store.
  virtual void onListChanged(ListKind kind) = 0;
  virtual void onStatus(ListKind kind, const ListStatus& status) = 0;
  // Device-code sign-in: show `userCode` and `verificationUri` to the user
  // until onStatus reports something other than SignInNeeded.
  // After every sync pass (worker thread), once its statuses are published.
  virtual void onSyncPass(const SyncPass& pass) { (void)pass; }
  virtual void onSignInCode(const std::string& userCode, const std::string& verificationUri) {
    (void)userCode;
    (void)verificationUri;
  }
};

struct EngineOptions {
  std::string siteUrl;    // https://contoso.sharepoint.com/sites/dev
  std::string cachePath;  // SQLite cache file
  // Bound lists: kind → SharePoint list title. Kinds not present are never synced.
  std::map<ListKind, std::string> listTitles;
  // nullptr = no authentication (the demo emulator, or cookie-less on-prem
  // with form digests only).
  std::shared_ptr<Auth> auth;
  std::chrono::seconds requestTimeout{30};
  std::string caFile;  // PEM of an extra CA to trust for https ([site] ca_file)
};

class Engine {
 public:
  // Opens the cache and starts the worker thread. Does not sync by itself:
  // the app calls syncAll() at start (DESIGN §2). Never throws for the
  // cache: one that cannot be opened or read puts every list in Error with
  // the reason (open it through openOrRecover, sync/store_recovery.h, first).
  Engine(EngineOptions options, EngineListener* listener);
  ~Engine();  // = shutdown()
  Engine(const Engine&) = delete;
  Engine& operator=(const Engine&) = delete;

  // Queue a full sync of every bound list / of one list. A sync already queued
  // for a list absorbs new triggers.
  void syncAll();
  void syncList(ListKind kind);

  // Local edits: written to the cache and outbox in one transaction, then
  // pushed and the list re-synced on the worker. create() returns the
  // temporary (negative) id the item has until the server assigns one.
  Result<std::int64_t> create(ListKind kind, Fields fields);
  Result<void> update(ListKind kind, std::int64_t id, Fields changedFields);
  Result<void> remove(ListKind kind, std::int64_t id);
  // Conflict resolution for one item: keep my values (pushed again) or the
  // server's (conflict dropped).
  Result<void> resolveConflict(ListKind kind, std::int64_t id, bool keepMine);

  // Device-code sign-in on the worker: reports the code through
  // onSignInCode, waits for the user, then syncs every list.
  void signIn();

  ListStatus status(ListKind kind) const;
  // The site's regional time zone (SharePoint zone id) as last read by a
  // sync; nullopt before the first one. The calendar pane expands series
  // without a TimeZone of their own in it.
  std::optional<int> siteTimeZoneId() const;

  // Cancels the running job at its next request boundary, drops queued jobs
  // (the outbox keeps every edit) and joins the worker. Idempotent.
  void shutdown();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace deskpane::sync
