#pragma once
// One deskpane per configuration: the first instance started with a settings
// file listens on a unix socket in $XDG_RUNTIME_DIR named after that file; a
// later launch with the same file sends it a one-line request ("toggle",
// "show calendar,tasks", "edit add tasks 0 {…}") and exits; the instance
// answers "+" and, for an edit, the outcome ("ok -4", "error …"). A launch with another settings file finds
// no one on its own socket and runs as an instance of its own.
#include <cstddef>
#include <functional>
#include <memory>
#include <optional>
#include <string>

namespace deskpane::tray {

// $XDG_RUNTIME_DIR/deskpane-<hash>.sock (or /tmp/deskpane-<uid>-<hash>.sock
// without one), <hash> naming the settings file's canonical path, so that
// "settings.ini", "./settings.ini" and a symlink to it share one instance.
std::string instanceSocketPath(const std::string& configPath);

// The absolute path with ".", ".." and symlinks resolved (as far as the file
// or its folders exist), which identifies a configuration.
std::string canonicalConfigPath(const std::string& configPath);

// Sends `request` to a running instance; true if one took it.
bool sendToRunningInstance(const std::string& socketPath, const std::string& request);
// The same, returning the instance's answer to it ("" for requests without
// one); nullopt when no instance took it.
std::optional<std::string> askRunningInstance(const std::string& socketPath, const std::string& request);
// The longest request an instance reads: an edit carries its fields.
inline constexpr std::size_t kMaxInstanceRequest = 256 * 1024;

class InstanceServer {
 public:
  // Binds the socket (replacing a stale one nobody listens on); nullptr with
  // `error` set if another instance owns it or binding fails.
  static std::unique_ptr<InstanceServer> listen(const std::string& socketPath, std::string& error);
  ~InstanceServer();
  InstanceServer(const InstanceServer&) = delete;
  InstanceServer& operator=(const InstanceServer&) = delete;

  // Starts delivering requests on the GLib main loop; what `onRequest`
  // returns goes back to the client after the acknowledgement.
  void watch(std::function<std::string(const std::string& request)> onRequest);
  // Called by the main-loop watch when a client connects.
  void acceptOne();

 private:
  InstanceServer(int fd, std::string path) : fd_(fd), path_(std::move(path)) {}
  int fd_;
  std::string path_;
  unsigned source_ = 0;
  std::function<std::string(const std::string&)> onRequest_;
};

}  // namespace deskpane::tray
