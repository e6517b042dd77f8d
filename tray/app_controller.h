#pragma once
// The app shell: wires settings, the cache, the sync engine, the five panes
// and the tray icon together, on the UI thread. Engine callbacks arrive on the
// engine's worker thread and are forwarded here with CallAfter.
#include "sync/engine.h"
#include "sync/list_kind.h"
#include "tray/app_clock.h"
#include "tray/app_config.h"
#include "tray/command_line.h"
#include "tray/network_resync.h"

#include <array>
#include <memory>
#include <string>

class wxDialog;

namespace deskpane::overlay {
class DialogFocusReturn;
class PaneFrame;
class PanePresenter;
}
namespace deskpane::platform {
class Autostart;
}
namespace deskpane::sync {
class Auth;
class Store;
struct CacheRecovery;
}

namespace deskpane::tray {

class TrayBackend;
class TrayMenu;
class ListLookup;
class MidnightTimer;
class DemoSite;
class NetworkWatch;
class Reminders;

class AppController final : public sync::EngineListener {
 public:
  AppController(CommandLine options, AppClock clock);
  ~AppController() override;
  AppController(const AppController&) = delete;
  AppController& operator=(const AppController&) = delete;

  // Loads settings (welcome dialog on first run), opens the cache, starts the
  // engine, panes and tray, and queues the start-up sync. False = exit now
  // with exitCode().
  bool start();
  int exitCode() const { return exitCode_; }
  // Quit menu, SIGTERM, session end: saves geometry, stops the engine,
  // closes the windows and ends the main loop. Idempotent.
  void quit();
  // A request from a second launch ("toggle", "show calendar,tasks", or an
  // edit from `deskpane --add/--edit/--delete`); returns the answer for the
  // client ("" for toggle and show; "ok ID" or "error MESSAGE" for an edit).
  std::string handleRequest(const std::string& request);

  void onListChanged(sync::ListKind kind) override;
  void onStatus(sync::ListKind kind, const sync::ListStatus& status) override;
  void onSignInCode(const std::string& userCode, const std::string& verificationUri) override;

 private:
  std::string handleEdit(const std::string& line);
  bool loadSettings(bool& welcome);
  static AppConfig firstRunConfig();
  bool openCache();
  // Tells the user in plain words that a damaged cache was replaced and what was kept.
  void showCacheRecovery(const sync::CacheRecovery& report);
  void startEngine();
  void stopEngine();
  void createPanes();
  // Picks the panes' palette from [app] theme and the desktop's theme, and
  // repaints every pane when it changed (or when `force`).
  void applyTheme(bool force = false);
  void destroyPanes();
  overlay::PaneFrame* createPane(sync::ListKind kind);
  void setPaneShown(sync::ListKind kind, bool shown);
  void togglePane(sync::ListKind kind);
  void toggleAllPanes();
  void refreshRows(sync::ListKind kind);
  void refreshStatus(sync::ListKind kind);
  void startTray();
  void updateTray();
  void updateMenu();
  std::string tooltipText() const;
  // "Team meeting · Tue 09:00" for the tooltip. Reading the calendar is a read
  // of every event (10,000 on a big list), so it is cached: made again when
  // the calendar changed (updateTray) or the text is a minute old, never on
  // each of the status changes a sync brings.
  std::optional<std::string> nextEventLine() const;
  void onDayWake();
  void onNetworkChanged(bool available);
  // Desktop notifications for events and tasks due today ([app] reminders).
  void startReminders();
  // A reminder was clicked: its pane shown, the item selected in it.
  void revealItem(sync::ListKind kind, std::int64_t itemId, std::int64_t startUnixSeconds);
  bool anyList(sync::SyncState state) const;  // some bound list is in `state`
  void toggleLock();
  void toggleAutostart();
  void syncAll();
  void openSettings(bool welcome);
  void lookUpLists(const std::string& siteUrl, const std::string& auth);
  void signOut();
  // "Try the demo": starts the bundled demo site once; its URL, or "" and `error`.
  std::string startDemoSite(std::string& error);
  void startDemoSiteIfAsked();
  void applyConfig(const AppConfig& next);
  void rememberGeometry();
  void save();
  bool bound(sync::ListKind kind) const;
  template <class F>
  void post(F&& f);

  CommandLine options_;
  AppClock clock_;
  mutable std::optional<std::string> nextEvent_;  // nextEventLine()'s cache
  mutable std::optional<Clock::time_point> nextEventAt_;  // when it was made; none: stale
  AppConfig config_;
  std::unique_ptr<sync::Store> store_;  // the UI thread's own connection
  std::unique_ptr<sync::Engine> engine_;
  std::shared_ptr<sync::Auth> auth_;  // the engine's sign-in (device-code sites), shared with list lookups
  std::unique_ptr<overlay::DialogFocusReturn> dialogFocus_;  // editors give the keyboard back to their pane
  std::array<overlay::PaneFrame*, 5> panes_{};  // top-level wx windows: Destroy(), not delete
  std::array<std::unique_ptr<overlay::PanePresenter>, 5> presenters_;  // each pane's engine calls
  std::array<sync::ListStatus, 5> status_{};
  std::unique_ptr<TrayMenu> menu_;
  std::unique_ptr<TrayBackend> tray_;
  std::unique_ptr<MidnightTimer> midnight_;
  std::unique_ptr<DemoSite> demoSite_;  // the bundled emulator when the demo site is in use
  std::unique_ptr<NetworkWatch> network_;  // GNetworkMonitor: the missed sync runs when the network returns
  NetworkResync resync_;
  std::unique_ptr<Reminders> reminders_;  // reads store_: goes before it
  std::unique_ptr<platform::Autostart> autostart_;
  std::shared_ptr<bool> alive_;  // CallAfter lambdas check it: nothing runs after quit()
  int shownDay_ = 0;
  int exitCode_ = 0;
  bool quitting_ = false;
  bool signInStarted_ = false;
  wxDialog* settingsDialog_ = nullptr;  // modeless; destroys itself
  std::unique_ptr<ListLookup> listLookup_;  // the settings dialog's list lookups (own threads, joined)
};

}  // namespace deskpane::tray
