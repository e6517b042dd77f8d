#pragma once
// Looks up a site's lists for the settings dialog, off the UI thread. Each
// lookup has its own thread; finished ones are joined when the next starts
// and every one is cancelled and joined when this object goes (never
// detached). Results come back on the lookup's thread: callers post them to
// the UI thread themselves.
#include "sync/list_discovery.h"

#include <atomic>
#include <functional>
#include <memory>
#include <string>
#include <thread>
#include <vector>

namespace deskpane::sync {
class Auth;
}

namespace deskpane::tray {

class ListLookup {
 public:
  // `error` is empty on success.
  using Done = std::function<void(const sync::ListChoices& choices, const std::string& error)>;

  ListLookup() = default;
  ~ListLookup();
  ListLookup(const ListLookup&) = delete;
  ListLookup& operator=(const ListLookup&) = delete;

  // `auth` may be null (a site without sign-in). Earlier lookups still
  // running are cancelled: only the newest answer matters.
  void start(const std::string& siteUrl, std::shared_ptr<sync::Auth> auth, Done done);

 private:
  struct Job {
    std::thread thread;
    std::atomic<bool> cancel{false};
    std::atomic<bool> finished{false};
  };
  void reap();
  std::vector<std::unique_ptr<Job>> jobs_;
};

}  // namespace deskpane::tray
