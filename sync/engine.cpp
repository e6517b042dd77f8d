#include "sync/engine.h"

#include "sync/auth.h"
#include "sync/log.h"
#include "sync/sharepoint_client.h"
#include "sync/store.h"
#include "sync/sync_job.h"

#include <algorithm>
#include <condition_variable>
#include <ctime>
#include <deque>
#include <mutex>
#include <set>
#include <thread>

namespace deskpane::sync {

std::string_view syncStateName(SyncState state) {
  switch (state) {
    case SyncState::Synced: return "synced";
    case SyncState::Syncing: return "syncing";
    case SyncState::Offline: return "offline";
    case SyncState::Error: return "error";
    case SyncState::SignInNeeded: return "sign-in-needed";
  }
  return "?";
}

namespace {

std::optional<std::chrono::system_clock::time_point> parseIso(const std::string& iso) {
  if (iso.empty()) return std::nullopt;
  std::tm tm{};
  const char* end = strptime(iso.c_str(), "%Y-%m-%dT%H:%M:%S", &tm);
  if (end == nullptr) return std::nullopt;
  return std::chrono::system_clock::from_time_t(timegm(&tm));
}

ClientOptions clientOptionsFor(const EngineOptions& o) {
  ClientOptions c;
  c.siteUrl = o.siteUrl;
  c.auth = o.auth;
  c.timeout = o.requestTimeout;
  c.caFile = o.caFile;
  return c;
}

Error storeError(const std::exception& e) { return Error{ErrorCode::Database, e.what(), 0}; }

// One log line per list and sync: what the user would ask "why is it stale?" about.
void logSyncResult(ListKind kind, const std::string& title, const ListStatus& s, bool changed) {
  std::string line = "sync " + std::string(listKindKey(kind)) + " '" + title + "': " +
                     std::string(syncStateName(s.state)) + (changed ? ", items changed" : ", no change");
  if (s.pendingChanges) line += ", " + std::to_string(s.pendingChanges) + " edit(s) queued";
  if (s.refusedChanges) line += ", " + std::to_string(s.refusedChanges) + " refused";
  if (s.conflicts) line += ", " + std::to_string(s.conflicts) + " conflict(s)";
  if (!s.message.empty()) line += ": " + s.message;
  const LogLevel level = s.state == SyncState::Error          ? LogLevel::Error
                         : s.state == SyncState::Synced       ? LogLevel::Info
                                                              : LogLevel::Warn;
  appLog().write(level, "engine", line);
}

}  // namespace

struct Engine::Impl {
  EngineOptions options;
  EngineListener* listener;
  // The worker's connection; `api` serves create/update/remove on the
  // caller's thread (one Store = one connection = one thread at a time).
  std::optional<Store> workerStore;
  std::optional<Store> apiStore;
  std::string cacheError;  // why the stores could not be opened; "" when they are
  std::mutex apiMutex;
  SharePointClient client;
  SelectCache select;

  std::mutex mutex;
  std::condition_variable wake;
  std::set<ListKind> queued;  // coalescing: a queued list absorbs new triggers
  bool signInQueued = false;
  bool stopping = false;
  bool siteTimeZoneRead = false;  // worker thread only
  std::atomic<bool> cancel{false};
  std::map<ListKind, ListStatus> statuses;
  std::thread worker;

  Impl(EngineOptions o, EngineListener* l)
      : options(std::move(o)), listener(l), client(clientOptionsFor(options)) {
    client.setCancelFlag(&cancel);
    // A cache that cannot be opened or read must not take the app down with
    // it: every list reports the reason as its Error and nothing is synced.
    try {
      auto w = Store::open(options.cachePath);
      auto a = Store::open(options.cachePath);
      if (!w || !a) throw StoreError((w ? a.error() : w.error()).message);
      workerStore.emplace(std::move(*w));
      apiStore.emplace(std::move(*a));
      apiStore->limitPageCache(Store::kUiPageCacheKiB);
      for (const auto& [kind, title] : options.listTitles)
        statuses[kind] = computeStatus(*workerStore, kind, SyncState::Synced, {});
      // A digest from an earlier run, still valid: the first Sync all of
      // this one needs no contextinfo round trip.
      if (const auto d = workerStore->formDigest(options.siteUrl))
      {
        client.holdFormDigest({d->value, std::chrono::system_clock::from_time_t(static_cast<std::time_t>(d->expiresUnix))});
        keptDigest = d->value;
      }
    } catch (const std::exception& e) {
      workerStore.reset();
      apiStore.reset();
      cacheError = "the cache " + options.cachePath + " cannot be read: " + e.what();
      for (const auto& [kind, title] : options.listTitles)
        statuses[kind] = ListStatus{SyncState::Error, 0, 0, std::nullopt, cacheError, 0};
    }
    std::string lists;
    for (const auto& [kind, title] : options.listTitles) lists += " " + std::string(listKindKey(kind)) + "='" + title + "'";
    logInfo("engine", "started for " + options.siteUrl + " (" + (options.auth ? "sign-in" : "no sign-in") +
                          "), cache " + options.cachePath + ", lists:" + (lists.empty() ? " none" : lists));
  }

  ListStatus computeStatus(Store& store, ListKind kind, SyncState state, std::string message) {
    ListStatus s;
    s.state = state;
    s.message = std::move(message);
    s.pendingChanges = static_cast<int>(store.pendingOutbox(kind).size());
    s.conflicts = static_cast<int>(store.conflicts(kind).size());
    if (const auto binding = store.list(kind)) {
      s.lastSync = parseIso(binding->lastSync);
      if (state == SyncState::Synced && s.message.empty() && !binding->lastError.empty() && !s.lastSync)
        s.message = binding->lastError;
    }
    return s;
  }

  void publish(ListKind kind, ListStatus s) {
    {
      std::lock_guard<std::mutex> lock(mutex);
      statuses[kind] = s;
    }
    if (listener) listener->onStatus(kind, s);
  }

  void enqueue(const std::set<ListKind>& kinds) {
    {
      std::lock_guard<std::mutex> lock(mutex);
      if (stopping) return;
      for (auto k : kinds)
        if (options.listTitles.count(k) != 0) queued.insert(k);
    }
    wake.notify_one();
  }

  void run() {
    while (true) {
      std::set<ListKind> batch;
      bool doSignIn = false;
      {
        std::unique_lock<std::mutex> lock(mutex);
        wake.wait(lock, [&] { return stopping || !queued.empty() || signInQueued; });
        if (stopping) return;
        batch.swap(queued);
        doSignIn = signInQueued;
        signInQueued = false;
      }
      try {
        if (doSignIn) signIn();
        if (!batch.empty()) syncLists(batch);
      } catch (const std::exception& e) {
        // A broken cache (disk full, corruption) must not kill the worker.
        logError("engine", std::string("sync failed: ") + e.what());
        for (auto k : batch) publish(k, ListStatus{SyncState::Error, 0, 0, std::nullopt, e.what()});
      }
      // Idle from here until the next trigger: no kept-alive connection, so
      // no pool timer wakes the app (DESIGN §2: nothing runs between triggers).
      if (idle()) client.closeConnections();
    }
  }

  bool idle() {
    std::lock_guard<std::mutex> lock(mutex);
    return queued.empty() && !signInQueued;
  }

  void signIn() {
    if (!options.auth || options.auth->mode() != AuthMode::DeviceCode || !workerStore) return;
    logInfo("engine", "device-code sign-in started");
    auto prompt = options.auth->startDeviceCode();
    if (!prompt) {
      logWarn("engine", "sign-in: the sign-in service did not answer");
      for (const auto& [kind, title] : options.listTitles)
        publish(kind, computeStatus(*workerStore, kind, SyncState::SignInNeeded, "the sign-in service did not answer"));
      return;
    }
    if (listener) listener->onSignInCode(prompt->userCode, prompt->verificationUri);
    if (options.auth->completeDeviceCode(*prompt, cancel)) {
      logInfo("engine", "signed in");
      std::lock_guard<std::mutex> lock(mutex);
      for (const auto& [kind, title] : options.listTitles) queued.insert(kind);
    } else {
      logWarn("engine", "sign-in was not completed");
      for (const auto& [kind, title] : options.listTitles)
        publish(kind, computeStatus(*workerStore, kind, SyncState::SignInNeeded, "sign-in was not completed"));
    }
  }

  void syncLists(const std::set<ListKind>& kinds) {
    SyncPass pass;
    const auto requestsBefore = client.requestCount();
    const auto start = std::chrono::steady_clock::now();
    const auto finishPass = [&] {
      pass.requests = client.requestCount() - requestsBefore;
      pass.ms = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - start).count();
      if (listener) listener->onSyncPass(pass);
    };
    const auto passAll = [&](SyncState state, const std::string& message) {
      for (auto k : kinds) pass.lists.push_back(SyncPassList{k, state, message, 0, 0});
      finishPass();
    };
    if (!workerStore) {
      for (auto k : kinds) publish(k, ListStatus{SyncState::Error, 0, 0, std::nullopt, cacheError, 0});
      passAll(SyncState::Error, cacheError);
      return;
    }
    if (options.auth && options.auth->signInNeeded()) {
      logWarn("engine", "sync skipped: sign-in needed");
      for (auto k : kinds) publish(k, computeStatus(*workerStore, k, SyncState::SignInNeeded, "sign-in needed"));
      passAll(SyncState::SignInNeeded, "sign-in needed");
      return;
    }
    for (auto k : kinds) publish(k, computeStatus(*workerStore, k, SyncState::Syncing, {}));
    SyncJob job(*workerStore, client, options.listTitles, select);
    if (!siteTimeZoneRead) job.askSiteTimeZone();
    const auto reports = job.run(kinds);
    if (const auto zone = job.siteTimeZoneId()) applySiteTimeZone(*zone);
    else readSiteTimeZone(reports);
    keepFormDigest();
    for (const auto& r : reports) pass.lists.push_back(SyncPassList{r.kind, r.state, r.message, r.requests, r.ms});
    for (const auto& r : reports) {
      if (r.changed && listener) listener->onListChanged(r.kind);
      auto status = computeStatus(*workerStore, r.kind, r.state, r.message);
      status.refusedChanges = r.refused;
      const auto title = options.listTitles.find(r.kind);
      logSyncResult(r.kind, title == options.listTitles.end() ? std::string() : title->second, status, r.changed);
      publish(r.kind, status);
    }
    finishPass();
  }

  // The digest this run holds, kept in the cache when it is new, so the
  // next run (`deskpane --sync`, the next login) starts with it.
  std::string keptDigest;  // worker thread only
  void keepFormDigest() {
    const auto d = client.heldFormDigest();
    if (!d || d->value == keptDigest) return;
    keptDigest = d->value;
    workerStore->setFormDigest(options.siteUrl, {d->value, static_cast<long long>(std::chrono::system_clock::to_time_t(d->expires))});
  }

  void applySiteTimeZone(int id) {
    siteTimeZoneRead = true;
    if (workerStore->siteTimeZoneId() == id) return;
    workerStore->setSiteTimeZoneId(id);
    if (listener) listener->onListChanged(ListKind::Calendar);
  }

  // Series without a TimeZone of their own recur in the site's regional zone:
  // read once per run (a site's setting seldom changes), after the calendar
  // synced, and kept in the cache for offline use and `deskpane --agenda`.
  void readSiteTimeZone(const std::vector<ListSyncReport>& reports) {
    if (siteTimeZoneRead) return;
    const bool calendarSynced = std::any_of(reports.begin(), reports.end(), [](const ListSyncReport& r) {
      return r.kind == ListKind::Calendar && r.state == SyncState::Synced;
    });
    if (!calendarSynced) return;
    const auto id = client.siteTimeZoneId();
    if (!id) return;
    siteTimeZoneRead = true;
    if (workerStore->siteTimeZoneId() == *id) return;
    workerStore->setSiteTimeZoneId(*id);
    if (listener) listener->onListChanged(ListKind::Calendar);
  }

  template <class Fn>
  auto withApiStore(Fn&& fn) -> decltype(fn(*apiStore)) {
    std::lock_guard<std::mutex> lock(apiMutex);
    if (!apiStore) throw StoreError(cacheError);
    return fn(*apiStore);
  }
};

Engine::Engine(EngineOptions options, EngineListener* listener)
    : impl_(std::make_unique<Impl>(std::move(options), listener)) {
  impl_->worker = std::thread([this] { impl_->run(); });
}

Engine::~Engine() { shutdown(); }

void Engine::syncAll() {
  std::set<ListKind> all;
  for (const auto& [kind, title] : impl_->options.listTitles) all.insert(kind);
  impl_->enqueue(all);
}

void Engine::syncList(ListKind kind) { impl_->enqueue({kind}); }

Result<std::int64_t> Engine::create(ListKind kind, Fields fields) {
  try {
    const auto id = impl_->withApiStore([&](Store& s) { return s.createLocal(kind, fields); });
    impl_->enqueue({kind});
    return id;
  } catch (const std::exception& e) {
    return storeError(e);
  }
}

Result<void> Engine::update(ListKind kind, std::int64_t id, Fields changedFields) {
  try {
    impl_->withApiStore([&](Store& s) { s.updateLocal(kind, id, changedFields); });
    impl_->enqueue({kind});
    return {};
  } catch (const std::exception& e) {
    return storeError(e);
  }
}

Result<void> Engine::remove(ListKind kind, std::int64_t id) {
  try {
    impl_->withApiStore([&](Store& s) { s.removeLocal(kind, id); });
    impl_->enqueue({kind});
    return {};
  } catch (const std::exception& e) {
    return storeError(e);
  }
}

Result<void> Engine::resolveConflict(ListKind kind, std::int64_t id, bool keepMine) {
  try {
    impl_->withApiStore([&](Store& s) {
      for (const auto& c : s.conflictsOf(kind, id))
        s.resolveConflict(c.id, keepMine ? Resolution::KeepMine : Resolution::KeepTheirs);
    });
    impl_->enqueue({kind});
    return {};
  } catch (const std::exception& e) {
    return storeError(e);
  }
}

void Engine::signIn() {
  {
    std::lock_guard<std::mutex> lock(impl_->mutex);
    if (impl_->stopping) return;
    impl_->signInQueued = true;
  }
  impl_->wake.notify_one();
}

std::optional<int> Engine::siteTimeZoneId() const {
  return impl_->withApiStore([](Store& s) { return s.siteTimeZoneId(); });
}

ListStatus Engine::status(ListKind kind) const {
  std::lock_guard<std::mutex> lock(impl_->mutex);
  const auto it = impl_->statuses.find(kind);
  return it == impl_->statuses.end() ? ListStatus{} : it->second;
}

void Engine::shutdown() {
  {
    std::lock_guard<std::mutex> lock(impl_->mutex);
    impl_->stopping = true;
    impl_->queued.clear();
    impl_->signInQueued = false;
  }
  impl_->cancel = true;
  impl_->client.cancelInFlight();  // a slow or silent server must not hold up Quit
  impl_->wake.notify_one();
  if (impl_->worker.joinable()) impl_->worker.join();
}

}  // namespace deskpane::sync
