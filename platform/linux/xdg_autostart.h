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
  std::string enable(const std::string& executablePath) override;
  std::string disable() override;
  const std::string& entryPath() const { return entryPath_; }

  // The desktop entry text; `%` doubled and the path quoted per the spec.
  static std::string entryText(const std::string& executablePath);

 private:
  std::string entryPath_;
};

}  // namespace deskpane::platform
