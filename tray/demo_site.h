#pragma once
// The bundled demo SharePoint site behind "Try the demo": deskpane-spemu
// started beside the app with its demo data kept under
// $XDG_STATE_HOME/deskpane/demo, so edits made in the demo survive a restart.
// The app owns the process: it is stopped by its PID when this goes away.
#include <string>
#include <sys/types.h>

namespace deskpane::tray {

class DemoSite {
 public:
  // Starts the emulator found next to the running executable (or at
  // `emulatorPath` when given) and waits up to `timeoutMs` for its address.
  // On failure site() is empty and error() says why in plain words.
  explicit DemoSite(const std::string& dataDir, const std::string& emulatorPath = "", int timeoutMs = 10000);
  ~DemoSite();
  DemoSite(const DemoSite&) = delete;
  DemoSite& operator=(const DemoSite&) = delete;

  const std::string& siteUrl() const { return siteUrl_; }
  const std::string& error() const { return error_; }
  pid_t pid() const { return pid_; }

  // Where the demo keeps its data: $XDG_STATE_HOME/deskpane/demo.
  static std::string defaultDataDir();

 private:
  void stop();

  pid_t pid_ = -1;
  std::string siteUrl_;
  std::string error_;
};

}  // namespace deskpane::tray
