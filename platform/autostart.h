#pragma once
// Start-at-login, behind an interface so other systems (Windows Run key,
// macOS LaunchAgent) can be added without touching callers.
#include <memory>
#include <string>

namespace deskpane::platform {

class Autostart {
 public:
  virtual ~Autostart() = default;
  virtual bool isEnabled() const = 0;
  // Returns an empty string on success, else a message for the user.
  virtual std::string enable(const std::string& executablePath) = 0;
  virtual std::string disable() = 0;
};

// The implementation for this system (XDG autostart on Linux).
std::unique_ptr<Autostart> makeAutostart();

}  // namespace deskpane::platform
