#include "emulator/flavour.h"

#include "emulator/url_codec.h"

namespace deskpane::emu {

Flavour flavourFromAccept(std::string_view accept) {
  const auto lower = toLower(accept);
  if (lower.find("odata=verbose") != std::string::npos) return Flavour::Verbose;
  if (lower.find("odata=nometadata") != std::string::npos) return Flavour::NoMetadata;
  return Flavour::Minimal;
}

const char* contentTypeFor(Flavour f) {
  switch (f) {
    case Flavour::Verbose: return "application/json;odata=verbose;charset=utf-8";
    case Flavour::NoMetadata: return "application/json;odata=nometadata;streaming=true;charset=utf-8";
    case Flavour::Minimal: break;
  }
  return "application/json;odata=minimalmetadata;streaming=true;charset=utf-8";
}

}  // namespace deskpane::emu
