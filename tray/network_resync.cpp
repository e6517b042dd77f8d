#include "tray/network_resync.h"

namespace deskpane::tray {

bool NetworkResync::networkChanged(bool available, bool anyListOffline) {
  if (!available || !anyListOffline || resyncRunning_) return false;
  resyncRunning_ = true;
  sawSyncing_ = false;
  return true;
}

void NetworkResync::listsChanged(bool anyListSyncing, bool anyListOffline) {
  if (!resyncRunning_) return;
  // A report still queued from before the resync (lists idle and Offline)
  // must not end it.
  if (anyListSyncing) {
    sawSyncing_ = true;
  } else if (sawSyncing_ || !anyListOffline) {
    resyncRunning_ = false;
  }
}

}  // namespace deskpane::tray
