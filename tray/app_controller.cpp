#include "tray/app_controller.h"

#include "overlay/calendar/calendar_view.h"
#include "overlay/dialog_focus_return.h"
#include "overlay/pane_factory.h"
#include "overlay/pane_frame.h"
#include "overlay/pane_palette.h"
#include "overlay/pane_presenter.h"
#include "overlay/pane_rows.h"
#include "platform/autostart.h"
#include "platform/desktop_hints.h"
#include "platform/secret_store.h"
#include "sync/auth.h"
#include "sync/cli_edit.h"
#include "sync/event_series.h"
#include "sync/private_dirs.h"
#include "sync/log.h"
#include "sync/process_memory.h"
#include "sync/store.h"
#include "sync/store_recovery.h"
#include "tray/day_icon.h"
#include "tray/demo_site.h"
#include "tray/list_lookup.h"
#include "tray/midnight_timer.h"
#include "tray/network_watch.h"
#include "tray/program_paths.h"
#include "tray/notifier.h"
#include "tray/reminders.h"
#include "tray/secret_token_vault.h"
#include "tray/settings_dialog.h"
#include "tray/tray_backend.h"
#include "tray/tray_menu.h"

#include <wx/app.h>
#include <wx/dialog.h>
#include <wx/intl.h>
#include <wx/display.h>
#include <wx/msgdlg.h>
#include <wx/settings.h>
#include <wx/stdpaths.h>
#include <wx/utils.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <filesystem>

namespace deskpane::tray {

namespace {

using sync::ListKind;

std::size_t index(ListKind k) { return static_cast<std::size_t>(k); }
std::string key(ListKind k) { return std::string(sync::listKindKey(k)); }

// Machine-readable lines for tests and scripts: "deskpane: <what> ...";
// the same event goes to the log file.
void say(const std::string& line, sync::LogLevel level = sync::LogLevel::Info) {
  std::printf("deskpane: %s\n", line.c_str());
  std::fflush(stdout);
  sync::appLog().write(level, "app", line);
}

std::string hex(unsigned long v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "0x%lx", v);
  return buf;
}

std::string longDate(Clock::time_point t) {
  const std::time_t tt = Clock::to_time_t(t);
  std::tm tm{};
  localtime_r(&tt, &tm);
  char buf[64];
  std::strftime(buf, sizeof buf, "%A %e %B %Y", &tm);
  std::string s = buf;
  if (auto p = s.find("  "); p != std::string::npos) s.erase(p, 1);
  return s;
}


}  // namespace

template <class F>
void AppController::post(F&& f) {
  std::weak_ptr<bool> alive = alive_;
  wxTheApp->CallAfter([alive, f = std::forward<F>(f)]() mutable {
    if (auto a = alive.lock(); a && *a) f();
  });
}

AppController::AppController(CommandLine options, AppClock clock)
    : options_(std::move(options)), clock_(clock), autostart_(platform::makeAutostart()),
      alive_(std::make_shared<bool>(true)) {}

AppController::~AppController() {
  *alive_ = false;
  reminders_.reset();
  listLookup_.reset();
  stopEngine();
  destroyPanes();
}

bool AppController::bound(ListKind kind) const { return !config_.pane(kind).list.empty(); }

bool AppController::start() {
  say("display hints via " + platform::desktopHintsBackend());
  bool welcome = false;
  if (!loadSettings(welcome)) return false;
  if (!openCache()) return false;
  startDemoSiteIfAsked();
  startEngine();
  startTray();
  applyTheme(true);
  createPanes();
  // First run: the tray is up already, so the app is usable while the user
  // reads the welcome dialog (and after cancelling it).
  // CallAfter: the tray icon paints first.
  if (welcome) post([this] { openSettings(true); });
  midnight_ = std::make_unique<MidnightTimer>(clock_, [this] { onDayWake(); });
  network_ = std::make_unique<NetworkWatch>([this](bool available) { onNetworkChanged(available); });
  startReminders();
  updateMenu();
  // The panes, the tray's next event and the reminders each read whole
  // lists to keep a fraction of them.
  sync::returnFreedMemory();
  if (engine_) engine_->syncAll();  // DESIGN §2: a full sync at start
  say("ready");
  return true;
}

bool AppController::loadSettings(bool& welcome) {
  ConfigLoad load = loadConfig(options_.config);
  if (load.config) {
    config_ = *load.config;
    say("settings " + options_.config);
    return true;
  }
  if (!load.missing) {
    // Never overwrite a file the user may want to fix by hand.
    say("settings invalid: " + load.error, sync::LogLevel::Error);
    wxMessageDialog dlg(nullptr,
                        wxString::FromUTF8("The settings file cannot be used:\n\n" + load.error + "\n\nFile: " +
                                           options_.config + "\n\nIt was left unchanged. Fix or remove it and "
                                           "start deskpane again."),
                        "deskpane", wxOK | wxICON_ERROR);
    dlg.ShowModal();
    exitCode_ = 2;
    return false;
  }
  say("settings missing: welcome");
  welcome = true;
  return true;
}

AppConfig AppController::firstRunConfig() {
  AppConfig fresh;
  // Three columns, two rows on the primary work area, so none hides another.
  const wxRect area = wxDisplay(0u).GetClientArea();
  constexpr int kMargin = 40, kGap = 20;
  const int w = std::clamp((area.width - 2 * kMargin - 2 * kGap) / 3, 260, 520);
  const int h = std::clamp((area.height - 2 * kMargin - kGap) / 2, 200, 420);
  for (ListKind k : sync::kAllListKinds) {
    const int i = static_cast<int>(index(k));
    PaneConfig& p = fresh.pane(k);
    p.list = std::string(sync::listKindTitle(k));
    p.visible = true;
    p.x = area.x + kMargin + (i % 3) * (w + kGap);
    p.y = area.y + kMargin + (i / 3) * (h + kGap);
    p.width = w;
    p.height = h;
  }
  return fresh;
}

bool AppController::openCache() {
  // Private folders (0700): the cache holds the user's lists. A failure
  // shows up as Store::open's own error just below.
  (void)sync::makePrivateDirectories(std::filesystem::path(options_.cache).parent_path().string());
  // A damaged cache is set aside and a new one started (sync/store_recovery.h):
  // the app starts either way, and the user is told what was kept.
  auto opened = sync::openOrRecover(options_.cache);
  if (!opened) {
    const std::string msg = "Cannot open the cache " + options_.cache + ": " + opened.error().message;
    say("cache error: " + opened.error().message, sync::LogLevel::Error);
    wxMessageBox(wxString::FromUTF8(msg), "deskpane", wxOK | wxICON_ERROR);
    exitCode_ = 2;
    return false;
  }
  if (opened->recovery) {
    say(opened->recovery->line(), sync::LogLevel::Error);
    // After the tray is up, like the welcome dialog: the app runs meanwhile.
    post([this, report = *opened->recovery] { showCacheRecovery(report); });
  }
  store_ = std::make_unique<sync::Store>(std::move(opened->store));
  store_->limitPageCache(sync::Store::kUiPageCacheKiB);
  return true;
}

void AppController::showCacheRecovery(const sync::CacheRecovery& r) {
  wxString text = _("The local copy of your lists could not be read, so deskpane put it aside and started a new "
                    "one. Your lists will be downloaded again from the site at the next sync.");
  text += "\n\n";
  if (r.carried > 0)
    text += wxString::Format(wxPLURAL("%d change you had not yet sent was kept and will be sent at the next sync.",
                                      "%d changes you had not yet sent were kept and will be sent at the next sync.",
                                      r.carried),
                             r.carried);
  else
    text += _("No unsent changes were found in the damaged copy.");
  if (r.lost > 0)
    text += "\n\n" + wxString::Format(wxPLURAL("%d unsent change could not be read and is lost.",
                                                "%d unsent changes could not be read and are lost.", r.lost),
                                       r.lost);
  if (!r.allRead) text += "\n\n" + _("Part of the damaged copy could not be read at all: other unsent changes may be lost.");
  text += "\n\n" + _("The damaged copy was kept as:") + "\n" + wxString::FromUTF8(r.movedTo);
  text += "\n\n" + _("What was wrong:") + " " + wxString::FromUTF8(r.reason);
  wxMessageDialog dlg(nullptr, text, _("deskpane: cache recovered"), wxOK | wxICON_WARNING);
  say("cache recovery dialog open");
  dlg.ShowModal();
}

void AppController::startEngine() {
  if (config_.siteUrl.empty()) return;
  sync::EngineOptions opts;
  opts.siteUrl = config_.siteUrl;
  if (config_.auth == "device-code") {
    // Refresh tokens only ever go to the platform secret store.
    opts.auth = sync::Auth::deviceCode(sync::deviceCodeConfigFor(config_.siteUrl, config_.tenant, config_.clientId),
                                       std::make_shared<SecretTokenVault>(platform::makeSecretStore(), config_.siteUrl));
  }
  auth_ = opts.auth;
  opts.cachePath = options_.cache;
  for (ListKind k : sync::kAllListKinds)
    if (bound(k)) opts.listTitles[k] = config_.pane(k).list;
  engine_ = std::make_unique<sync::Engine>(std::move(opts), this);
  for (ListKind k : sync::kAllListKinds) status_[index(k)] = engine_->status(k);
}

void AppController::stopEngine() {
  // Deletes still inside their undo delay are made now, through the engine
  // (cache + outbox); the presenters then write to the cache on their own.
  for (auto& p : presenters_)
    if (p) {
      p->commitAllRemovals();
      p->detachEngine();
    }
  if (engine_) engine_->shutdown();  // joins the worker: no callback runs after this
  engine_.reset();
}

overlay::PaneFrame* AppController::createPane(ListKind kind) {
  const PaneConfig& pc = config_.pane(kind);
  overlay::PaneOptions o;
  o.kind = kind;
  const std::string kindTitle(sync::listKindTitle(kind));
  // The kind in the user's language; the list's own name on the site is data, never translated.
  o.title = std::string(wxGetTranslation(wxString::FromUTF8(kindTitle)).utf8_str());
  if (pc.list != kindTitle) o.title += " · " + pc.list;
  o.rect = {pc.x, pc.y, pc.width, pc.height};
  // Where it sat the last time these monitors were attached, if ever.
  if (const auto it = pc.places.find(overlay::PaneFrame::monitorLayout()); it != pc.places.end())
    o.rect = {it->second[0], it->second[1], it->second[2], it->second[3]};
  o.opacity = pc.opacity;
  o.locked = config_.locked;
  auto& presenter = presenters_[index(kind)];
  presenter = std::make_unique<overlay::PanePresenter>(kind, store_.get(), engine_.get(), pc.list, config_.siteUrl);
  overlay::PaneCallbacks cb;
  // DESIGN §2: a pane shown syncs its list.
  cb.shown = [p = presenter.get()] { p->syncNow(); };
  cb.refresh = [p = presenter.get()] { p->syncNow(); };
  cb.syncAll = [this] { syncAll(); };
  cb.hideRequested = [this, kind] {
    if (auto* pane = panes_[index(kind)]; pane && pane->IsShown()) togglePane(kind);
  };
  cb.toggleLock = [this] { toggleLock(); };
  cb.openInBrowser = [p = presenter.get()] {
    if (const std::string url = p->listUrl(); !url.empty()) wxLaunchDefaultBrowser(wxString::FromUTF8(url));
  };
  cb.opacityChosen = [this, kind](int percent) {
    config_.pane(kind).opacity = percent;
    say("opacity " + key(kind) + " " + std::to_string(percent));
    save();
  };
  cb.geometrySaved = [this, kind](const overlay::Rect& r) {
    PaneConfig& p = config_.pane(kind);
    p.x = r.x;
    p.y = r.y;
    p.width = r.w;
    p.height = r.h;
    p.places[overlay::PaneFrame::monitorLayout()] = {r.x, r.y, r.w, r.h};
    say("geometry " + key(kind) + " " + std::to_string(r.x) + " " + std::to_string(r.y) + " " +
        std::to_string(r.w) + " " + std::to_string(r.h));
    save();
  };
  cb.painted = [this, kind, p = presenter.get()](double ms) {
    char figure[32];
    std::snprintf(figure, sizeof figure, "%.1f", ms);
    say("pane " + key(kind) + " painted " + figure + " ms after show rows=" + std::to_string(p->itemCount()));
  };
  cb.systemColoursChanged = [this] { applyTheme(); };
  cb.otherPanes = [this, kind] {
    std::vector<overlay::Rect> out;
    for (ListKind k : sync::kAllListKinds)
      if (k != kind && panes_[index(k)] && panes_[index(k)]->IsShown()) out.push_back(panes_[index(k)]->rect());
    return out;
  };
  auto* pane = new overlay::PaneFrame(o, std::move(cb));  // wx top-level: freed by Destroy()
  pane->setContent(overlay::makePaneContent(kind, *pane, *presenter));
  // The calendar keeps its view in [calendar] view= and reads the site's zone from the cache.
  if (auto* calendar = dynamic_cast<overlay::calendar::CalendarView*>(pane->content()))
    calendar->connect({pc.view,
                       [this, kind](const std::string& view) {
                         config_.pane(kind).view = view;
                         say("view " + key(kind) + " " + view);
                         save();
                       },
                       [this] { return store_ ? store_->siteTimeZoneId().value_or(0) : 0; }});
  presenter->onItemsChanged([pane] {
    if (auto* c = pane->content()) c->itemsChanged();
  });
  presenter->onStatusChanged([pane] {
    if (auto* c = pane->content()) c->statusChanged();
  });
  return pane;
}

void AppController::applyTheme(bool force) {
  namespace theme = overlay::theme;
  // wx 3.2 tells a dark desktop theme by its window colours (GTK_THEME,
  // gtk-theme-name, gtk-application-prefer-dark-theme all end up there).
  const bool desktopDark = wxSystemSettings::GetAppearance().IsDark();
  const theme::Appearance want = theme::appearanceFor(config_.theme, desktopDark);
  if (!force && want == theme::appearance()) return;
  theme::setAppearance(want);
  say(std::string("theme ") + theme::palette().name + " (setting " + config_.theme +
      ", desktop " + (desktopDark ? "dark" : "light") + ")");
  for (ListKind k : sync::kAllListKinds)
    if (auto* p = panes_[index(k)]) p->themeChanged();
}

void AppController::createPanes() {
  if (!dialogFocus_) dialogFocus_ = std::make_unique<overlay::DialogFocusReturn>();
  for (ListKind k : sync::kAllListKinds) {
    if (!bound(k)) continue;
    panes_[index(k)] = createPane(k);
    refreshRows(k);
    refreshStatus(k);
  }
  for (ListKind k : sync::kAllListKinds) {
    const bool wanted = options_.show ? std::count(options_.show->begin(), options_.show->end(), k) > 0
                                      : config_.pane(k).visible;
    if (wanted && bound(k)) setPaneShown(k, true);
  }
}

void AppController::destroyPanes() {
  for (auto& p : panes_) {
    // The content goes at once (Destroy() frees the frame later, at idle,
    // and no timer of the content may run on a presenter that is gone).
    if (p) p->setContent(nullptr);
    if (p) p->Destroy();
    p = nullptr;
  }
  // After the views: a delete still waiting for its undo delay is made now.
  for (auto& p : presenters_) p.reset();
}

void AppController::setPaneShown(ListKind kind, bool shown) {
  overlay::PaneFrame* pane = panes_[index(kind)];
  if (!pane || pane->IsShown() == shown) return;
  pane->Show(shown);
  if (shown) {
    // The X window exists once mapped; report it a turn later for tests.
    post([this, kind] {
      if (auto* p = panes_[index(kind)]; p && p->IsShown())
        say("pane " + key(kind) + " shown xid=" + hex(p->windowId()) + " rows=" +
            std::to_string(presenters_[index(kind)] ? presenters_[index(kind)]->itemCount() : 0));
    });
  } else {
    say("pane " + key(kind) + " hidden");
  }
  updateMenu();
}

void AppController::togglePane(ListKind kind) {
  overlay::PaneFrame* pane = panes_[index(kind)];
  if (!pane) return;
  const bool show = !pane->IsShown();
  config_.pane(kind).visible = show;
  setPaneShown(kind, show);
  save();
}

void AppController::toggleAllPanes() {
  bool anyShown = false;
  for (auto* p : panes_) anyShown |= p && p->IsShown();
  // Hiding keeps each pane's "enabled" flag, so the next click brings back the same set.
  bool anyEnabled = false;
  for (ListKind k : sync::kAllListKinds) anyEnabled |= bound(k) && config_.pane(k).visible;
  for (ListKind k : sync::kAllListKinds) {
    if (!bound(k)) continue;
    const bool enabled = config_.pane(k).visible || !anyEnabled;
    setPaneShown(k, !anyShown && enabled);
  }
}

void AppController::refreshRows(ListKind kind) {
  overlay::PanePresenter* presenter = presenters_[index(kind)].get();
  if (!presenter) return;
  presenter->notifyItemsChanged();
  if (auto* pane = panes_[index(kind)]) pane->updateAccessible();
  // Tests read what a pane lists without OCR.
  // The content has read the list already; outside tests only its size is
  // logged, which is a count, not a second read of every item.
  static const bool traceRows = std::getenv("DESKPANE_TRACE_ROWS") != nullptr;
  std::size_t rows = 0;
  if (traceRows) {
    const auto items = presenter->items();
    for (const auto& row : overlay::paneRows(kind, items, clock_.now(), store_ ? store_->siteTimeZoneId().value_or(0) : 0))
      say("row " + key(kind) + " " + std::to_string(row.id) + " " + row.title);
    rows = items.size();
  } else {
    rows = presenter->itemCount();
  }
  if (!presenter->readError().empty()) say("cache read failed: " + presenter->readError());
  say("pane " + key(kind) + " rows=" + std::to_string(rows));
}

void AppController::refreshStatus(ListKind kind) {
  const sync::ListStatus& st = status_[index(kind)];
  if (auto* p = presenters_[index(kind)].get()) p->notifyStatus(st);
  if (auto* pane = panes_[index(kind)]) {
    const bool alert = st.state == sync::SyncState::Error || st.state == sync::SyncState::SignInNeeded ||
                       st.conflicts > 0 || st.refusedChanges > 0;
    pane->setState(overlay::syncStateText(st), overlay::syncStateDetail(st), alert);
  }
}

void AppController::onListChanged(ListKind kind) {
  post([this, kind] {
    refreshRows(kind);
    if (kind == ListKind::Calendar) updateTray();  // the next event may have changed
    if (reminders_ && (kind == ListKind::Calendar || kind == ListKind::Tasks)) reminders_->cacheChanged();
    // The pane and the reminders dropped the full list they read to build
    // their rows: its pages go back to the system (process_memory.h).
    sync::returnFreedMemory();
  });
}

void AppController::onStatus(ListKind kind, const sync::ListStatus& status) {
  post([this, kind, status] {
    // A local edit shows as a change in the outbox's count, also offline,
    // where no list-changed callback follows (the push did not happen).
    const bool edited = status.pendingChanges != status_[index(kind)].pendingChanges;
    status_[index(kind)] = status;
    if (edited && reminders_ && (kind == ListKind::Calendar || kind == ListKind::Tasks)) reminders_->cacheChanged();
    refreshStatus(kind);
    resync_.listsChanged(anyList(sync::SyncState::Syncing), anyList(sync::SyncState::Offline));
    // One device-code sign-in per run; the engine reports the code to show.
    if (status.state == sync::SyncState::SignInNeeded && engine_ && !signInStarted_) {
      signInStarted_ = true;
      engine_->signIn();
    }
    say("status " + key(kind) + " " + overlay::syncStateText(status));
    if (tray_) tray_->setTooltip(tooltipText());
  });
}

bool AppController::anyList(sync::SyncState state) const {
  for (ListKind k : sync::kAllListKinds)
    if (bound(k) && status_[index(k)].state == state) return true;
  return false;
}

void AppController::onNetworkChanged(bool available) {
  const bool offline = anyList(sync::SyncState::Offline);
  if (!resync_.networkChanged(available, offline)) return;
  // The sync that failed (or a shown pane's) while the network was away.
  say("network back: sync all");
  if (engine_) engine_->syncAll();
}

void AppController::startReminders() {
  reminders_.reset();
  if (!config_.reminders || !store_) {
    say("reminders off");
    return;
  }
  ReminderSources sources;
  sources.events = [this] {
    overlay::calendar::CalendarZones zones;
    zones.desktop = sync::systemTimeZone();
    std::vector<sync::Item> items;
    try {
      zones.siteZoneId = store_->siteTimeZoneId().value_or(0);
      if (bound(ListKind::Calendar)) items = store_->items(ListKind::Calendar);
    } catch (const sync::StoreError& e) {
      say(std::string("reminders: cache read failed: ") + e.what(), sync::LogLevel::Error);
    }
    return overlay::calendar::CalendarModel(std::move(items), zones);
  };
  sources.tasks = [this] {
    try {
      if (bound(ListKind::Tasks)) return store_->items(ListKind::Tasks);
    } catch (const sync::StoreError& e) {
      say(std::string("reminders: cache read failed: ") + e.what(), sync::LogLevel::Error);
    }
    return std::vector<sync::Item>{};
  };
  // With the cache: a dismissal is for this site's items, and survives restarts.
  sources.loadMarks = [this] {
    try {
      return store_->appValue("reminder_marks").value_or("");
    } catch (const sync::StoreError&) {
      return std::string();
    }
  };
  sources.saveMarks = [this](const std::string& text) {
    try {
      store_->setAppValue("reminder_marks", text);
    } catch (const sync::StoreError& e) {
      say(std::string("reminders: marks not saved: ") + e.what(), sync::LogLevel::Error);
    }
  };
  sources.reveal = [this](ListKind kind, std::int64_t id, overlay::reminders::UtcTime start) {
    revealItem(kind, id, start.time_since_epoch().count());
  };
  sources.trace = [](const std::string& line) { say(line); };
  overlay::reminders::ReminderSettings settings;
  settings.eventLeadMinutes = config_.reminderMinutes;
  settings.use24Hour = overlay::calendar::locale24Hour();
  reminders_ = std::make_unique<Reminders>(clock_, makeLibnotifyNotifier("deskpane"), std::move(sources), settings);
}

void AppController::revealItem(ListKind kind, std::int64_t itemId, std::int64_t startUnixSeconds) {
  setPaneShown(kind, true);
  overlay::PaneFrame* pane = panes_[index(kind)];
  if (!pane) {
    say("reveal " + key(kind) + " " + std::to_string(itemId) + " no pane");
    return;
  }
  pane->Raise();
  const bool found = pane->content() && pane->content()->reveal(itemId, startUnixSeconds);
  say("reveal " + key(kind) + " " + std::to_string(itemId) + (found ? " selected" : " not listed"));
}

void AppController::onSignInCode(const std::string& userCode, const std::string& verificationUri) {
  post([userCode, verificationUri] { showSignInCode(nullptr, userCode, verificationUri); });
}

void AppController::startTray() {
  MenuActions actions;
  actions.togglePane = [this](ListKind k) { togglePane(k); };
  actions.syncAll = [this] { syncAll(); };
  actions.toggleLock = [this] { toggleLock(); };
  actions.openSettings = [this] { openSettings(false); };
  actions.toggleAutostart = [this] { toggleAutostart(); };
  actions.quit = [this] { post([this] { quit(); }); };  // not from inside the menu's own handler
  menu_ = std::make_unique<TrayMenu>(std::move(actions));
  TrayHooks hooks;
  hooks.menu = menu_->menu();
  hooks.activate = [this] { toggleAllPanes(); };
  hooks.menuOpening = [this] { updateMenu(); };
  if (statusNotifierWatcherPresent()) {
    const char* run = std::getenv("XDG_RUNTIME_DIR");
    tray_ = makeSniTray(hooks, std::string(run && *run ? run : "/tmp") + "/deskpane");
  } else {
    tray_ = makeXembedTray(hooks);
  }
  shownDay_ = localDayOfMonth(clock_.now());
  tray_->show(shownDay_, tooltipText());
  say(std::string("tray backend=") + tray_->name() + " day=" + std::to_string(shownDay_) +
      " available=" + (tray_->available() ? "1" : "0"));
}

std::string AppController::tooltipText() const {
  const auto now = clock_.now();
  std::string text = longDate(now);
  if (auto next = nextEventLine()) text += "\nNext: " + *next;
  // The most urgent state of any bound list speaks for all.
  const sync::ListStatus* worst = nullptr;
  auto rank = [](const sync::ListStatus& s) {
    switch (s.state) {
      case sync::SyncState::SignInNeeded: return 5;
      case sync::SyncState::Error: return 4;
      case sync::SyncState::Offline: return 3;
      case sync::SyncState::Syncing: return 2;
      case sync::SyncState::Synced: return s.conflicts || s.pendingChanges ? 1 : 0;
    }
    return 0;
  };
  for (ListKind k : sync::kAllListKinds)
    if (bound(k) && (!worst || rank(status_[index(k)]) > rank(*worst))) worst = &status_[index(k)];
  if (!engine_)
    text += "\nNo site configured";
  else if (worst)
    text += "\n" + overlay::syncStateText(*worst);
  return text;
}

std::optional<std::string> AppController::nextEventLine() const {
  if (!store_ || !bound(ListKind::Calendar)) return std::nullopt;
  const auto now = clock_.now();
  if (nextEventAt_ && now >= *nextEventAt_ && now - *nextEventAt_ < std::chrono::minutes(1)) return nextEvent_;
  nextEvent_.reset();
  try {
    nextEvent_ = overlay::nextEventText(store_->items(ListKind::Calendar), now, store_->siteTimeZoneId().value_or(0));
  } catch (const sync::StoreError&) {
  }
  sync::returnFreedMemory();  // the whole Calendar list was read for one line
  nextEventAt_ = now;
  return nextEvent_;
}

void AppController::updateTray() {
  nextEventAt_.reset();  // the calendar or its binding changed
  if (tray_) tray_->setTooltip(tooltipText());
}

void AppController::updateMenu() {
  if (!menu_) return;
  MenuState s;
  for (ListKind k : sync::kAllListKinds) {
    s.paneVisible[index(k)] = panes_[index(k)] && panes_[index(k)]->IsShown();
    s.paneBound[index(k)] = bound(k);
  }
  s.locked = config_.locked;
  s.autostart = autostart_->isEnabled();  // the file is the truth, not the setting
  menu_->update(s);
}

void AppController::onDayWake() {
  const int day = localDayOfMonth(clock_.now());
  if (day != shownDay_ && tray_) {
    shownDay_ = day;
    nextEventAt_.reset();  // "Tue 09:00" may read "Today 09:00" now
    tray_->show(day, tooltipText());
    for (ListKind k : sync::kAllListKinds) refreshRows(k);  // "Today" moved
  }
  say("tray day=" + std::to_string(shownDay_));
}

void AppController::toggleLock() {
  config_.locked = !config_.locked;
  for (auto* p : panes_)
    if (p) p->setLocked(config_.locked);
  say(std::string("locked=") + (config_.locked ? "1" : "0"));
  save();
  updateMenu();
}

void AppController::toggleAutostart() {
  const bool enable = !autostart_->isEnabled();
  const std::string err = enable ? autostart_->enable(launcherPath(), autostartArguments(options_)) : autostart_->disable();
  if (!err.empty()) {
    wxMessageBox(wxString::FromUTF8(err), "deskpane", wxOK | wxICON_ERROR);
  } else {
    config_.autostart = enable;
    save();
  }
  say(std::string("autostart=") + (autostart_->isEnabled() ? "1" : "0"));
  updateMenu();
}

void AppController::syncAll() {
  if (engine_) engine_->syncAll();
  say("sync all");
}

void AppController::openSettings(bool welcome) {
  if (settingsDialog_) {
    settingsDialog_->Raise();
    return;
  }
  rememberGeometry();
  std::weak_ptr<bool> alive = alive_;
  settingsDialog_ = openSettingsDialog(
      welcome ? firstRunConfig() : config_, welcome, autostart_->isEnabled(),
      [this, alive](const AppConfig& next) {
        if (auto a = alive.lock(); a && *a) applyConfig(next);
      },
      [this, alive] {
        if (auto a = alive.lock(); !a || !*a) return;
        settingsDialog_ = nullptr;
        // A slider moved and then Cancel: the panes go back to what is saved.
        for (ListKind k : sync::kAllListKinds)
          if (auto* p = panes_[index(k)]) p->setOpacity(config_.pane(k).opacity);
      },
      [this, alive](const std::string& url, const std::string& auth) {
        if (auto a = alive.lock(); a && *a) lookUpLists(url, auth);
      },
      !welcome && auth_ && !auth_->signInNeeded() ? std::function<void()>([this, alive] {
        if (auto a = alive.lock(); a && *a) signOut();
      })
                                                 : std::function<void()>{},
      // "Try the demo" where there is no site of the user's yet (or the demo is it).
      welcome || config_.siteUrl.empty() || config_.demo
          ? DemoRequest([this, alive](std::string& error) -> std::string {
              if (auto a = alive.lock(); !a || !*a) return "";
              return startDemoSite(error);
            })
          : DemoRequest{},
      [this, alive](ListKind k, int percent) {
        if (auto a = alive.lock(); a && *a)
          if (auto* p = panes_[index(k)]) p->setOpacity(percent);
      });
  say(welcome ? "welcome dialog open" : "settings dialog open");
}

std::string AppController::startDemoSite(std::string& error) {
  if (!demoSite_) {
    demoSite_ = std::make_unique<DemoSite>(DemoSite::defaultDataDir());
    if (!demoSite_->error().empty()) {
      error = demoSite_->error();
      say("demo site failed: " + error, sync::LogLevel::Error);
      demoSite_.reset();
      return "";
    }
    say("demo site " + demoSite_->siteUrl() + " pid=" + std::to_string(demoSite_->pid()));
  }
  return demoSite_->siteUrl();
}

void AppController::startDemoSiteIfAsked() {
  if (!config_.demo) return;
  std::string error;
  const std::string url = startDemoSite(error);
  if (url.empty()) {
    wxMessageBox(wxString::Format(_("The demo site could not be started: %s"), wxString::FromUTF8(error)),
                 "deskpane", wxOK | wxICON_ERROR);
    return;
  }
  // The emulator listens on a new port each time; the demo's data is kept.
  config_.siteUrl = url;
}

void AppController::signOut() {
  if (!auth_) return;
  auth_->signOut();  // the refresh token leaves the keyring too
  signInStarted_ = false;  // the next sync that needs it asks again
  say("signed out");
}

void AppController::lookUpLists(const std::string& siteUrl, const std::string& auth) {
  // The running engine's sign-in is for its own site; another site is asked
  // without a token (a site that needs one says so, and titles are typed).
  const auto useAuth = auth == "device-code" && siteUrl == config_.siteUrl ? auth_ : nullptr;
  if (!listLookup_) listLookup_ = std::make_unique<ListLookup>();
  say("looking up the lists of " + siteUrl);
  listLookup_->start(siteUrl, useAuth, [this, siteUrl](const sync::ListChoices& choices, const std::string& error) {
    post([this, siteUrl, choices, error] {
      std::string line = "lists of " + siteUrl + ":";
      for (const auto& [kind, titles] : choices) {
        line += " " + key(kind) + "=";
        for (std::size_t i = 0; i < titles.size(); ++i) line += (i ? "|" : "") + titles[i];
      }
      if (!error.empty()) line += " error=" + error;
      say(line);
      if (settingsDialog_) showListChoices(settingsDialog_, siteUrl, choices, error);
    });
  });
}

void AppController::applyConfig(const AppConfig& next) {
  // Everything was validated by the dialog; write first so a failure leaves
  // both the file and the running app as they were.
  const std::string err = saveConfig(options_.config, next);
  if (!err.empty()) {
    wxMessageBox(_("Settings not saved:") + " " + wxString::FromUTF8(err), "deskpane", wxOK | wxICON_ERROR);
    return;
  }
  const bool wantAutostart = next.autostart;
  if (wantAutostart != autostart_->isEnabled()) {
    const std::string e = wantAutostart ? autostart_->enable(launcherPath(), autostartArguments(options_)) : autostart_->disable();
    if (!e.empty()) wxMessageBox(wxString::FromUTF8(e), "deskpane", wxOK | wxICON_ERROR);
  }
  const bool restartEngine = !engine_ || next.siteUrl != config_.siteUrl || next.auth != config_.auth ||
                             [&] {
                               for (ListKind k : sync::kAllListKinds)
                                 if (next.pane(k).list != config_.pane(k).list) return true;
                               return false;
                             }();
  // A new desk would announce every due reminder once more.
  const bool restartReminders = restartEngine || next.reminders != config_.reminders ||
                                next.reminderMinutes != config_.reminderMinutes;
  config_ = next;
  if (restartEngine) {
    destroyPanes();
    stopEngine();
    startEngine();
    createPanes();
    if (engine_) engine_->syncAll();
  } else {
    for (ListKind k : sync::kAllListKinds) {
      if (auto* p = panes_[index(k)]) {
        p->setOpacity(config_.pane(k).opacity);
        p->setLocked(config_.locked);
        setPaneShown(k, config_.pane(k).visible);
      }
    }
  }
  if (!config_.demo && demoSite_) demoSite_.reset();  // left the demo site
  applyTheme();
  if (restartReminders) startReminders();  // other lists, or other reminder settings
  say("settings applied");
  updateMenu();
  updateTray();
}

void AppController::rememberGeometry() {
  for (ListKind k : sync::kAllListKinds) {
    // A hidden pane's place was saved when it last moved; X reports nothing useful now.
    if (auto* p = panes_[index(k)]; p && p->IsShown()) {
      const auto r = p->rect();
      PaneConfig& pc = config_.pane(k);
      pc.x = r.x;
      pc.y = r.y;
      pc.width = r.w;
      pc.height = r.h;
      pc.opacity = p->opacity();
    }
  }
}

void AppController::save() {
  const std::string err = saveConfig(options_.config, config_);
  if (!err.empty()) say("settings save failed: " + err, sync::LogLevel::Error);
}

std::string AppController::handleRequest(const std::string& request) {
  if (request.rfind("edit ", 0) == 0) return handleEdit(request.substr(5));
  say("request " + request);
  if (request.rfind("show ", 0) == 0) {
    const auto parsed = parseCommandLine({"--show", request.substr(5)});
    if (!parsed.error.empty() || !parsed.options.show) return "";
    for (ListKind k : sync::kAllListKinds) {
      const bool want = std::count(parsed.options.show->begin(), parsed.options.show->end(), k) > 0;
      if (want) {
        setPaneShown(k, true);
        if (auto* p = panes_[index(k)]) p->Raise();
      }
    }
    return "";
  }
  toggleAllPanes();
  return "";
}

std::string AppController::handleEdit(const std::string& line) {
  // The command line checked the fields against the schema already; this is
  // the app's own cache and engine doing what a pane's edit does, so the
  // cache has one writer of edits and one engine pushing its outbox.
  auto request = sync::decodeEditRequest(line);
  if (!request) {
    say("edit request not understood");
    return "malformed";  // the client words these answers (sync/cli_edit.h)
  }
  const std::string pane = key(request->kind);
  if (!bound(request->kind)) return "unbound";
  try {
    if (store_) {
      if (const auto missing = sync::missingItem(*request, *store_)) return "error " + *missing;
      sync::adaptToListColumns(*request, *store_);
    }
  } catch (const sync::StoreError& e) {
    return "error " + std::string(e.what());
  }
  const auto applied = sync::applyEditRequest(*request, engine_.get(), store_.get());
  if (!applied) {
    say("edit " + pane + " refused: " + applied.error().message);
    return "error " + applied.error().message;
  }
  say("edit " + std::string(sync::editVerbKey(request->verb)) + " " + pane + " " + std::to_string(*applied));
  // The pane shows the change at once; the engine's push and re-sync of
  // the list report again through onListChanged.
  refreshRows(request->kind);
  return "ok " + std::to_string(*applied);
}

void AppController::quit() {
  if (quitting_) return;
  quitting_ = true;
  say("quitting");
  rememberGeometry();
  save();
  stopEngine();  // the outbox is in SQLite already; the running job stops at a request boundary
  demoSite_.reset();  // stopped by its PID, after the engine stopped talking to it
  *alive_ = false;
  if (settingsDialog_) settingsDialog_->Destroy();
  settingsDialog_ = nullptr;
  listLookup_.reset();  // cancels and joins a lookup still running
  reminders_.reset();  // closes its notifications: nothing would answer them
  midnight_.reset();
  network_.reset();
  tray_.reset();
  destroyPanes();
  wxTheApp->ExitMainLoop();
}

}  // namespace deskpane::tray
