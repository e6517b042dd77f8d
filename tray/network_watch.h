#pragma once
// Listens to GIO's GNetworkMonitor (NetworkManager over D-Bus, or the kernel's
// routes) on the GLib main loop and reports each change of the network's
// availability or connectivity. No timer: GIO wakes the app only when the
// desktop says something changed.
#include <functional>

namespace deskpane::tray {

class NetworkWatch {
 public:
  // `onChange(available)` runs on the main loop after every change.
  explicit NetworkWatch(std::function<void(bool available)> onChange);
  ~NetworkWatch();
  NetworkWatch(const NetworkWatch&) = delete;
  NetworkWatch& operator=(const NetworkWatch&) = delete;

  bool available() const;
  // Called by the GIO signal handlers.
  void notify();

 private:
  std::function<void(bool)> onChange_;
  void* monitor_ = nullptr;  // GNetworkMonitor*, GIO's process-wide default (not ours to free)
  unsigned long changedId_ = 0;
  unsigned long connectivityId_ = 0;
};

}  // namespace deskpane::tray
