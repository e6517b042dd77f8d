#pragma once
// The user's language for everything deskpane shows: the C locale from the
// environment (dates, first day of week), UTF-8 text even where the
// environment names no UTF-8 locale (source strings with "…" or "—" would
// otherwise turn into nothing), and the "deskpane" message catalogue for
// gettext (toolkit-free code) and wxTranslations (the GUI).
#include <string>

namespace deskpane::tray {

// Call first in main(), before any thread or wx.
void setUpProcessLocale();
// Call in wxApp::OnInit: loads the catalogue for wx's _().
void setUpWxTranslations();
// Where the .mo files are: <prefix>/share/locale for an installed binary,
// <build>/locale in the build tree; $DESKPANE_LOCALEDIR overrides.
std::string localeDir();

}  // namespace deskpane::tray
