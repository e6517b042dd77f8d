#include "tray/network_resync.h"

#include <gtest/gtest.h>

namespace deskpane::tray {
namespace {

TEST(NetworkResync, NetworkBackWithAnOfflineListSyncs) {
  NetworkResync r;
  EXPECT_FALSE(r.networkChanged(false, true));  // going away: nothing to do
  EXPECT_TRUE(r.networkChanged(true, true));
  EXPECT_TRUE(r.resyncRunning());
}

TEST(NetworkResync, NothingMissedNothingSynced) {
  NetworkResync r;
  EXPECT_FALSE(r.networkChanged(true, false));  // every list reached the server: no polling
  EXPECT_FALSE(r.networkChanged(false, false));
  EXPECT_FALSE(r.networkChanged(true, false));
}

TEST(NetworkResync, RepeatedChangesStartOneSync) {
  NetworkResync r;
  EXPECT_TRUE(r.networkChanged(true, true));
  // GNetworkMonitor repeats itself (routes, default route, connectivity)
  // before the engine's first report arrives.
  EXPECT_FALSE(r.networkChanged(true, true));
  r.listsChanged(false, true);  // a report from before the resync
  EXPECT_FALSE(r.networkChanged(true, true));
  r.listsChanged(true, true);  // the resync runs
  EXPECT_FALSE(r.networkChanged(true, true));
  r.listsChanged(false, false);  // and reached the server
  EXPECT_FALSE(r.resyncRunning());
  EXPECT_FALSE(r.networkChanged(true, false));
}

TEST(NetworkResync, StillOfflineAfterwardsTriesAgainOnTheNextChange) {
  NetworkResync r;
  ASSERT_TRUE(r.networkChanged(true, true));
  r.listsChanged(true, true);
  r.listsChanged(false, true);  // the network was up but the server not yet (VPN)
  EXPECT_FALSE(r.resyncRunning());
  EXPECT_TRUE(r.networkChanged(true, true));  // the VPN's routes arrive
}

TEST(NetworkResync, SignInFirstEndsTheResyncWithoutSyncing) {
  NetworkResync r;
  ASSERT_TRUE(r.networkChanged(true, true));
  r.listsChanged(false, false);  // every list now wants a sign-in: never "syncing"
  EXPECT_FALSE(r.resyncRunning());
}

TEST(NetworkResync, APaneShownWhileOfflineSyncsWhenTheNetworkReturns) {
  NetworkResync r;
  // All lists synced; the network goes; a pane shown now tries and is Offline.
  EXPECT_FALSE(r.networkChanged(false, false));
  r.listsChanged(true, false);
  r.listsChanged(false, true);
  EXPECT_TRUE(r.networkChanged(true, true));
}

}  // namespace
}  // namespace deskpane::tray
