#include "tray/network_watch.h"

#include <gio/gio.h>

namespace deskpane::tray {

namespace {

void onNetworkChanged(GNetworkMonitor*, gboolean, gpointer self) { static_cast<NetworkWatch*>(self)->notify(); }

void onConnectivity(GObject*, GParamSpec*, gpointer self) { static_cast<NetworkWatch*>(self)->notify(); }

}  // namespace

NetworkWatch::NetworkWatch(std::function<void(bool)> onChange) : onChange_(std::move(onChange)) {
  GNetworkMonitor* monitor = g_network_monitor_get_default();
  monitor_ = monitor;
  if (!monitor) return;
  // "network-changed" covers routes coming and going; a captive portal being
  // passed or a VPN's reachability shows only as "connectivity".
  changedId_ = g_signal_connect(monitor, "network-changed", G_CALLBACK(onNetworkChanged), this);
  connectivityId_ = g_signal_connect(monitor, "notify::connectivity", G_CALLBACK(onConnectivity), this);
}

NetworkWatch::~NetworkWatch() {
  auto* monitor = static_cast<GNetworkMonitor*>(monitor_);
  if (!monitor) return;
  if (changedId_) g_signal_handler_disconnect(monitor, changedId_);
  if (connectivityId_) g_signal_handler_disconnect(monitor, connectivityId_);
}

bool NetworkWatch::available() const {
  auto* monitor = static_cast<GNetworkMonitor*>(monitor_);
  return monitor == nullptr || g_network_monitor_get_network_available(monitor);
}

void NetworkWatch::notify() {
  if (onChange_) onChange_(available());
}

}  // namespace deskpane::tray
