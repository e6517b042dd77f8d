#pragma once
// The three OData JSON flavours SharePoint picks by the Accept header
// (sharepoint-rest.md §1.3, checklist item 2).
#include <string>
#include <string_view>

namespace deskpane::emu {

enum class Flavour { Verbose, Minimal, NoMetadata };

Flavour flavourFromAccept(std::string_view accept);
// The Content-Type SharePoint Online answers with for that flavour.
const char* contentTypeFor(Flavour f);

}  // namespace deskpane::emu
