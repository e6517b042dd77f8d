#pragma once
// The user's language for everything deskpane shows: the C locale from the
// environment (dates, first day of week), UTF-8 text even where the
// environment names no UTF-8 locale (source strings with "…" or "—" would
// otherwise turn into nothing), and the "deskpane" message catalogue for
// gettext (toolkit-free code; wxTranslations for the GUI is set up in
// tray/wx_translations.h, as this file links no toolkit).
#include <string>

namespace deskpane::tray {

// Call first in main(), before any thread or wx.
void setUpProcessLocale();
// Numbers written for machines keep a decimal point whatever the language;
// called again after anything that sets LC_ALL.
void keepNumbersInC();
// Where the .mo files are: <prefix>/share/locale for an installed deskpane,
// <build>/locale in the build tree, found from the `deskpane` launcher (the
// GUI program's own folder is libexec/deskpane/ once installed);
// $DESKPANE_LOCALEDIR overrides.
std::string localeDir();

}  // namespace deskpane::tray
