#include "tray/wx_translations.h"

#include "tray/locale_setup.h"

#include <wx/intl.h>
#include <wx/translation.h>
#include <wx/uilocale.h>

namespace deskpane::tray {

void setUpWxTranslations() {
  wxUILocale::UseDefault();
  keepNumbersInC();  // UseDefault() set LC_ALL again
  auto* translations = new wxTranslations();  // owned by wx once set
  wxTranslations::Set(translations);
  wxFileTranslationsLoader::AddCatalogLookupPathPrefix(wxString::FromUTF8(localeDir()));
  translations->AddStdCatalog();
  translations->AddCatalog("deskpane");
}

}  // namespace deskpane::tray
