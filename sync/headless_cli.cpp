#include "sync/headless_cli.h"

#include "sync/auth.h"
#include "sync/engine.h"
#include "sync/pass_waiter.h"
#include "sync/private_dirs.h"
#include "sync/settings.h"
#include "sync/sharepoint_client.h"
#include "sync/store.h"
#include "sync/store_recovery.h"
#include "sync/sync_job.h"

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <optional>
#include <filesystem>
#include <map>

namespace deskpane::sync {

namespace {

std::map<ListKind, std::string> boundLists(const Settings& settings) {
  std::map<ListKind, std::string> titles;
  for (auto kind : kAllListKinds) {
    const auto& pane = settings.pane(kind);
    if (!pane.list.empty()) titles[kind] = pane.list;
  }
  return titles;
}

std::optional<Settings> loadSettings(const std::string& path, std::ostream& out) {
  auto settings = Settings::load(path);
  if (!settings) {
    // The loader's messages already name the file (and the line): printed
    // once, not "path:3: path: line 3: …".
    const auto& message = settings.error().message;
    out << "deskpane: " << (message.rfind(path, 0) == 0 ? message : path + ": " + message) << "\n";
    return std::nullopt;
  }
  if (settings->site().url.empty()) {
    out << "deskpane: no site configured in " << path << "\n";
    return std::nullopt;
  }
  return std::move(*settings);
}

std::optional<Store> openStore(const std::string& cachePath, std::ostream& out) {
  // A fresh home has no $XDG_DATA_HOME/deskpane yet; the cache is private,
  // so the folders made for it are too.
  if (auto made = makePrivateDirectories(std::filesystem::path(cachePath).parent_path().string()); !made) {
    out << "deskpane: " << made.error().message << "\n";
    return std::nullopt;
  }
  // A damaged cache is set aside and replaced (sync/store_recovery.h); the
  // line says so for scripts, the words after it for the person reading.
  auto opened = openOrRecover(cachePath);
  if (!opened) {
    out << "deskpane: cannot open the cache " << cachePath << ": " << opened.error().message << "\n";
    return std::nullopt;
  }
  if (const auto& r = opened->recovery) out << "deskpane: " << r->line() << "\n" << r->message() << "\n";
  return std::move(opened->store);
}

}  // namespace

int runSyncCommand(const std::string& settingsPath, const std::string& cachePath, std::ostream& out,
                   std::shared_ptr<TokenVault> vault) {
  const auto settings = loadSettings(settingsPath, out);
  if (!settings) return 1;
  auto store = openStore(cachePath, out);
  if (!store) return 1;
  const auto& site = settings->site();
  EngineOptions options;
  options.siteUrl = site.url;
  options.caFile = site.caFile;
  options.cachePath = cachePath;
  options.listTitles = boundLists(*settings);
  if (site.auth == AuthMethod::DeviceCode)
    options.auth = Auth::deviceCode(deviceCodeConfigFor(site.url, site.tenant, site.clientId), std::move(vault));
  const auto start = std::chrono::steady_clock::now();
  PassWaiter waiter;
  SyncPass pass;
  {
    Engine engine(std::move(options), &waiter);
    engine.syncAll();
    pass = waiter.wait();
  }
  const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - start);
  bool allSynced = !pass.lists.empty() || boundLists(*settings).empty();
  try {
    for (const auto& l : pass.lists) {
      // Counted here, not by every sync pass: a count walks the whole list,
      // which made a 10-change sync of a 10,000-item list 40 % slower.
      out << listKindKey(l.kind) << " items=" << store->count(l.kind) << " requests=" << l.requests << " ms=" << l.ms
          << " state=" << syncStateName(l.state);
      if (!l.message.empty()) out << " message=\"" << l.message << "\"";
      out << "\n";
      allSynced = allSynced && l.state == SyncState::Synced;
    }
    // The pass as a whole: the lines above count each list's own requests;
    // the `$batch`es all lists share (changes, re-reads) are counted here once.
    out << "all lists=" << pass.lists.size() << " requests=" << pass.requests << " ms=" << ms.count() << "\n";
  } catch (const std::exception& e) {
    out << "deskpane: cache error: " << e.what() << "\n";
    return 1;
  }
  return allSynced ? 0 : 1;
}

int runStatusCommand(const std::string& settingsPath, const std::string& cachePath, std::ostream& out) {
  const auto settings = loadSettings(settingsPath, out);
  if (!settings) return 1;
  auto store = openStore(cachePath, out);
  if (!store) return 1;
  bool allSynced = true;
  try {
    for (const auto& [kind, title] : boundLists(*settings)) {
      const auto binding = store->list(kind);
      const bool synced = binding && !binding->lastSync.empty() && binding->lastError.empty();
      const auto pending = store->pendingOutbox(kind).size();
      const auto conflicts = store->conflicts(kind).size();
      out << listKindKey(kind) << " items=" << store->count(kind) << " pending=" << pending
          << " conflicts=" << conflicts << " last-sync=" << (binding && !binding->lastSync.empty() ? binding->lastSync : "never")
          << " state=" << (synced ? (pending > 0 ? "pending" : "synced") : binding && !binding->lastError.empty() ? "error" : "never-synced");
      if (binding && !binding->lastError.empty()) out << " message=\"" << binding->lastError << "\"";
      out << "\n";
      allSynced = allSynced && synced;
    }
  } catch (const std::exception& e) {
    out << "deskpane: cache error: " << e.what() << "\n";
    return 1;
  }
  return allSynced ? 0 : 1;
}

}  // namespace deskpane::sync
