#pragma once
// Desktop notifications as the reminders need them, behind a small interface:
// the app uses libnotify (org.freedesktop.Notifications, libnotify_notifier.cpp),
// the unit tests an in-memory fake (tests/unit/tray/fake_notifier.h), so the
// reminder logic is tested without a bus.
#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace deskpane::tray {

struct NotificationAction {
  std::string id;     // "default" is a click on the notification itself
  std::string label;  // translated
};

struct Notification {
  std::string summary;
  std::string body;
  std::vector<NotificationAction> actions;
};

class Notifier {
 public:
  // `key` is the one show() was given; `action` the NotificationAction id.
  using ActionHandler = std::function<void(const std::string& key, const std::string& action)>;

  virtual ~Notifier() = default;
  // Where actions the user invokes are reported (on the main loop).
  virtual void setActionHandler(ActionHandler handler) = 0;
  // Shows a notification, or replaces the one shown under `key`. False when
  // the desktop has no notification service (nothing was shown).
  virtual bool show(const std::string& key, const Notification& notification) = 0;
  // Closes the one under `key`, if it is still open.
  virtual void withdraw(const std::string& key) = 0;
};

// org.freedesktop.Notifications through libnotify, as `appName`.
std::unique_ptr<Notifier> makeLibnotifyNotifier(const std::string& appName);

}  // namespace deskpane::tray
