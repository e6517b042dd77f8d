#pragma once
// When the network comes back, the sync that failed while it was gone runs
// (DESIGN §2 has no polling timer, so nothing else would retry it until F9).
// The decision, kept apart from GIO so it can be tested without a desktop:
// NetworkWatch feeds it GNetworkMonitor's changes, AppController the lists'
// states, and it answers whether to call Engine::syncAll() now.
namespace deskpane::tray {

class NetworkResync {
 public:
  // GNetworkMonitor reported a change (it repeats itself: a route, then the
  // default route, then connectivity). True = run the missed sync now: the
  // network is usable, some bound list is Offline (its last sync, or the one
  // a pane shown meanwhile asked for, could not reach the server), and no
  // resync started here is still running.
  bool networkChanged(bool available, bool anyListOffline);

  // The lists' states changed. A resync started here has finished (reached
  // the server or not, so the next change may start another) once no list
  // syncs and either it was seen syncing or no list is Offline any more (a
  // sign-in wanted first never shows as syncing).
  void listsChanged(bool anyListSyncing, bool anyListOffline);

  bool resyncRunning() const { return resyncRunning_; }

 private:
  bool resyncRunning_ = false;
  bool sawSyncing_ = false;  // the running resync has been seen in progress
};

}  // namespace deskpane::tray
