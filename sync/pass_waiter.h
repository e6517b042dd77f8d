#pragma once
// Blocks a command-line run until the Engine reports its next sync pass:
// `deskpane --sync` and the command-line edits run the app's own passes on
// the Engine's worker and print what that pass did.
#include "sync/engine.h"

#include <condition_variable>
#include <mutex>
#include <optional>

namespace deskpane::sync {

class PassWaiter : public EngineListener {
 public:
  void onListChanged(ListKind) override {}
  void onStatus(ListKind, const ListStatus&) override {}
  void onSyncPass(const SyncPass& pass) override {
    std::lock_guard<std::mutex> lock(mutex_);
    pass_ = pass;
    done_.notify_all();
  }
  SyncPass wait() {
    std::unique_lock<std::mutex> lock(mutex_);
    done_.wait(lock, [&] { return pass_.has_value(); });
    return *pass_;
  }

 private:
  std::mutex mutex_;
  std::condition_variable done_;
  std::optional<SyncPass> pass_;
};

}  // namespace deskpane::sync
