// Notifier over libnotify (org.freedesktop.Notifications on the session bus).
// Its signals (actions, "closed") arrive on the GLib main loop wx runs.
#include "tray/notifier.h"

#include <libnotify/notify.h>

#include <cstdio>
#include <map>
#include <vector>

namespace deskpane::tray {

namespace {

struct GObjectUnref {
  void operator()(gpointer p) const { g_object_unref(p); }
};
using NotificationPtr = std::unique_ptr<NotifyNotification, GObjectUnref>;

struct GErrorFree {
  void operator()(GError* e) const { g_error_free(e); }
};

constexpr const char* kKeyData = "deskpane-key";

class LibnotifyNotifier final : public Notifier {
 public:
  explicit LibnotifyNotifier(const std::string& appName) {
    // notify_init only records the name; the bus is reached at the first show.
    initialised_ = notify_is_initted() || notify_init(appName.c_str());
  }

  ~LibnotifyNotifier() override {
    // Nothing would answer their actions once the app is gone.
    for (auto& [key, n] : open_) {
      g_signal_handlers_disconnect_by_data(n.get(), this);
      notify_notification_close(n.get(), nullptr);
    }
    open_.clear();
    if (idle_) g_source_remove(idle_);
    retired_.clear();
    if (initialised_) notify_uninit();
  }

  void setActionHandler(ActionHandler handler) override { handler_ = std::move(handler); }

  bool show(const std::string& key, const Notification& notification) override {
    if (!initialised_) return false;
    withdraw(key);
    NotificationPtr n(notify_notification_new(notification.summary.c_str(), notification.body.c_str(), "deskpane"));
    notify_notification_set_app_name(n.get(), "deskpane");
    notify_notification_set_category(n.get(), "x-deskpane.reminder");
    // A reminder waits for the user; a service may still close it on its own.
    notify_notification_set_timeout(n.get(), NOTIFY_EXPIRES_NEVER);
    notify_notification_set_hint(n.get(), "desktop-entry", g_variant_new_string("deskpane"));
    g_object_set_data_full(G_OBJECT(n.get()), kKeyData, g_strdup(key.c_str()), g_free);
    for (const auto& a : notification.actions)
      notify_notification_add_action(n.get(), a.id.c_str(), a.label.c_str(), &LibnotifyNotifier::onAction, this,
                                     nullptr);
    g_signal_connect(n.get(), "closed", G_CALLBACK(&LibnotifyNotifier::onClosed), this);
    GError* raw = nullptr;
    if (!notify_notification_show(n.get(), &raw)) {
      std::unique_ptr<GError, GErrorFree> error(raw);
      std::fprintf(stderr, "deskpane: notification not shown: %s\n", error ? error->message : "unknown error");
      g_signal_handlers_disconnect_by_data(n.get(), this);
      return false;
    }
    open_[key] = std::move(n);
    return true;
  }

  void withdraw(const std::string& key) override {
    const auto it = open_.find(key);
    if (it == open_.end()) return;
    NotificationPtr n = std::move(it->second);
    open_.erase(it);
    g_signal_handlers_disconnect_by_data(n.get(), this);
    notify_notification_close(n.get(), nullptr);
    retire(std::move(n));
  }

 private:
  // withdraw() runs inside this object's own action callbacks too (the
  // handler dismisses); the last reference goes at idle, after the signal.
  void retire(NotificationPtr n) {
    retired_.push_back(std::move(n));
    if (!idle_) idle_ = g_idle_add(&LibnotifyNotifier::dropRetired, this);
  }

  static gboolean dropRetired(gpointer self) {
    auto* me = static_cast<LibnotifyNotifier*>(self);
    me->idle_ = 0;
    me->retired_.clear();
    return G_SOURCE_REMOVE;
  }

  static std::string keyOf(NotifyNotification* n) {
    const auto* key = static_cast<const char*>(g_object_get_data(G_OBJECT(n), kKeyData));
    return key ? key : "";
  }

  static void onAction(NotifyNotification* n, char* action, gpointer self) {
    auto* me = static_cast<LibnotifyNotifier*>(self);
    const std::string key = keyOf(n);
    const std::string id = action ? action : "";
    // The handler may show or withdraw notifications (this one included).
    if (me->handler_) me->handler_(key, id);
  }

  static void onClosed(NotifyNotification* n, gpointer self) {
    auto* me = static_cast<LibnotifyNotifier*>(self);
    const auto it = me->open_.find(keyOf(n));
    if (it == me->open_.end() || it->second.get() != n) return;
    // Closed by the user or the service: this object is done, though the
    // reminder stays shown for this run (ReminderDesk decides about showing again).
    NotificationPtr done = std::move(it->second);
    me->open_.erase(it);
    g_signal_handlers_disconnect_by_data(done.get(), me);
    me->retire(std::move(done));
  }

  bool initialised_ = false;
  ActionHandler handler_;
  std::map<std::string, NotificationPtr> open_;
  std::vector<NotificationPtr> retired_;  // closed, dropped at idle
  unsigned idle_ = 0;
};

}  // namespace

std::unique_ptr<Notifier> makeLibnotifyNotifier(const std::string& appName) {
  return std::make_unique<LibnotifyNotifier>(appName);
}

}  // namespace deskpane::tray
