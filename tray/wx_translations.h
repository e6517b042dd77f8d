#pragma once
// wx's side of the user's language (tray/locale_setup.h has the process's).

namespace deskpane::tray {

// Call in wxApp::OnInit: the environment's language for wx's own strings and
// formats, and the "deskpane" catalogue for wx's _().
void setUpWxTranslations();

}  // namespace deskpane::tray
