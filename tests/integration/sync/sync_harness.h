#pragma once
// Shared setup for the engine-vs-emulator tests: a deskpane-spemu process, a
// private cache, a SharePoint client and small helpers that drive the
// emulator's control API (edits "as another user", request counts).
#include "sync/auth.h"
#include "sync/sharepoint_client.h"
#include "sync/store.h"
#include "sync/sync_job.h"
#include "tests/support/child_process.h"
#include "tests/support/temp_dir.h"

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace deskpane::test {

struct Stats {
  long long requests = 0;
  std::map<std::string, long long> byRoute;
};

// Plain HTTP against the emulator's control endpoints (not SharePoint).
class EmulatorControl {
 public:
  explicit EmulatorControl(std::string origin) : origin_(std::move(origin)) {}
  Stats stats() const;
  void resetStats() const;
  // An edit "as another user": bumps the version and the change log.
  void editAsOther(const std::string& title, std::int64_t id, const std::string& jsonFields) const;
  std::int64_t createAsOther(const std::string& title, const std::string& jsonFields) const;
  // Returns the recycle-bin id of what it deleted.
  std::string deleteAsOther(const std::string& title, std::int64_t id) const;
  void restoreAsOther(const std::string& recycleBinId) const;
  // GET of a site-relative REST path with nometadata; the raw body.
  std::string get(const std::string& sitePathAndQuery, const std::string& siteUrl) const;

 private:
  std::string origin_;
};

std::map<sync::ListKind, std::string> demoTitles();

// A TokenVault in memory, standing in for the platform secret store.
class MemoryVault : public sync::TokenVault {
 public:
  std::optional<std::string> load(const std::string& account) override {
    const auto it = secrets_.find(account);
    return it == secrets_.end() ? std::nullopt : std::optional<std::string>(it->second);
  }
  bool store(const std::string& account, const std::string& secret) override {
    secrets_[account] = secret;
    return true;
  }
  bool erase(const std::string& account) override { return secrets_.erase(account) > 0; }

 private:
  std::map<std::string, std::string> secrets_;
};

using AuthFactory = std::function<std::shared_ptr<sync::Auth>(const std::string& siteUrl)>;

class SyncHarness {
 public:
  explicit SyncHarness(std::vector<std::string> emulatorArgs = {"--seed", "demo"}, AuthFactory auth = {});
  EmulatorProcess& emulator() { return emu_; }
  EmulatorControl& control() { return control_; }
  sync::Store& store() { return *store_; }
  sync::SharePointClient& client() { return *client_; }
  const std::string& cachePath() const { return cachePath_; }
  // One synchronous pass over `kinds` (all five by default).
  std::vector<sync::ListSyncReport> sync(std::set<sync::ListKind> kinds = {});
  // A fresh client (e.g. after changing retry policy).
  void resetClient(sync::ClientOptions options);
  sync::ClientOptions clientOptions() const;

 private:
  EmulatorProcess emu_;
  EmulatorControl control_;
  TempDir dir_;
  std::string cachePath_;
  std::optional<sync::Store> store_;
  std::shared_ptr<sync::Auth> auth_;
  std::unique_ptr<sync::SharePointClient> client_;
  sync::SelectCache select_;
};

// Server-side item count of a list (one GET of ItemCount).
long long serverItemCount(SyncHarness& h, const std::string& title);

}  // namespace deskpane::test
