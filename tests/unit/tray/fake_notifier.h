#pragma once
// An in-memory Notifier: records what would have gone to the desktop's
// notification service, and lets a test invoke a notification's actions.
#include "tray/notifier.h"

#include <map>
#include <string>
#include <vector>

namespace deskpane::tray::testing {

class FakeNotifier final : public Notifier {
 public:
  struct Shown {
    std::string key;
    Notification notification;
  };

  void setActionHandler(ActionHandler handler) override { handler_ = std::move(handler); }
  bool show(const std::string& key, const Notification& notification) override {
    shows.push_back({key, notification});
    open[key] = notification;
    return available;
  }
  void withdraw(const std::string& key) override {
    if (open.erase(key)) withdrawn.push_back(key);
  }
  // What the service does when the user picks an action: report it, close the bubble.
  void invoke(const std::string& key, const std::string& action) {
    if (handler_) handler_(key, action);
    open.erase(key);
  }

  bool available = true;
  std::vector<Shown> shows;              // every show(), in order
  std::map<std::string, Notification> open;  // on the desktop now
  std::vector<std::string> withdrawn;    // closed by the app, in order

 private:
  ActionHandler handler_;
};

}  // namespace deskpane::tray::testing
