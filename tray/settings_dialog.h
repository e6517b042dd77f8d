#pragma once
// The welcome dialog (first run) and the settings dialog: site URL, auth,
// per-pane list binding, visibility and opacity, lock, start at login. The
// result is validated as a whole before it is returned, so the caller applies
// all of it or nothing.
#include "tray/app_config.h"

#include <functional>
#include <string>

class wxDialog;
class wxWindow;

namespace deskpane::tray {

// Opens the dialog without blocking (the tray stays usable). On OK the
// validated settings go to `onApply`; `onClose` runs when it goes away either
// way. `autostartEnabled` is the real state of the entry.
wxDialog* openSettingsDialog(const AppConfig& current, bool welcome, bool autostartEnabled,
                             std::function<void(const AppConfig&)> onApply, std::function<void()> onClose);

// Device-code sign-in: the code to type and a clickable verification URL.
void showSignInCode(wxWindow* parent, const std::string& userCode, const std::string& verificationUri);

}  // namespace deskpane::tray
