#pragma once
#include "platform/autostart.h"

namespace deskpane::platform {

// $XDG_CONFIG_HOME/autostart/deskpane.desktop, written atomically
// (temp file + rename) and removed to disable.
class XdgAutostart final : public Autostart {
 public:
  // configHome empty = $XDG_CONFIG_HOME or ~/.config.
  explicit XdgAutostart(std::string configHome = {});
  bool isEnabled() const override;
  std::string enable(const std::string& executablePath, const std::vector<std::string>& arguments) override;
  std::string disable() override;
  const std::string& entryPath() const { return entryPath_; }

  // The desktop entry text; `%` doubled and the path and each argument
  // quoted per the spec.
  static std::string entryText(const std::string& executablePath, const std::vector<std::string>& arguments = {});

 private:
  std::string entryPath_;
};

}  // namespace deskpane::platform
