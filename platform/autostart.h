#pragma once
// Start-at-login, behind an interface so other systems (Windows Run key,
// macOS LaunchAgent) can be added without touching callers.
#include <memory>
#include <string>
#include <vector>

namespace deskpane::platform {

class Autostart {
 public:
  virtual ~Autostart() = default;
  virtual bool isEnabled() const = 0;
  // Starts `executablePath` with `arguments` at login: the caller passes what
  // selects its configuration (--config, --cache), so the session starts the
  // same one the user turned this on from. Returns an empty string on
  // success, else a message for the user.
  virtual std::string enable(const std::string& executablePath, const std::vector<std::string>& arguments) = 0;
  virtual std::string disable() = 0;
};

// The implementation for this system (XDG autostart on Linux).
std::unique_ptr<Autostart> makeAutostart();

}  // namespace deskpane::platform
