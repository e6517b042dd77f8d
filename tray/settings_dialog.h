#pragma once
// The welcome dialog (first run) and the settings dialog: site URL, auth,
// per-pane list binding, visibility and opacity, lock, start at login. The
// result is validated as a whole before it is returned, so the caller applies
// all of it or nothing.
#include "sync/list_discovery.h"
#include "tray/app_config.h"

#include <functional>
#include <string>

class wxDialog;
class wxWindow;

namespace deskpane::tray {

// Opens the dialog without blocking (the tray stays usable). On OK the
// validated settings go to `onApply`; `onClose` runs when it goes away either
// way. `autostartEnabled` is the real state of the entry.
// `lookupLists(url, auth)` is asked for the lists of the site the dialog
// shows (at open, and after the URL or sign-in method settles); answer with
// showListChoices.
using ListLookupRequest = std::function<void(const std::string& siteUrl, const std::string& auth)>;
// `signOut`, when set, is offered as a "Sign out" button (a signed-in
// device-code site): it forgets the tokens; the dialog stays open.
// `tryDemo`, when set, is offered as "Try the demo": it starts the bundled
// demo site and returns its URL ("" and `error` set when it could not).
// `previewOpacity` shows a pane at a slider's value while it moves.
using DemoRequest = std::function<std::string(std::string& error)>;
wxDialog* openSettingsDialog(const AppConfig& current, bool welcome, bool autostartEnabled,
                             std::function<void(const AppConfig&)> onApply, std::function<void()> onClose,
                             ListLookupRequest lookupLists = {}, std::function<void()> signOut = {},
                             DemoRequest tryDemo = {},
                             std::function<void(sync::ListKind, int)> previewOpacity = {});

// The lists found on `siteUrl` (or why none were): offered in each pane's
// list menu. Ignored when the dialog's URL has changed since.
void showListChoices(wxDialog* dialog, const std::string& siteUrl, const sync::ListChoices& choices,
                     const std::string& error);

// Device-code sign-in: the code to type and a clickable verification URL.
void showSignInCode(wxWindow* parent, const std::string& userCode, const std::string& verificationUri);

}  // namespace deskpane::tray
