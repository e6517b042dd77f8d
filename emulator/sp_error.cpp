#include "emulator/sp_error.h"

#include "emulator/json_writer.h"

namespace deskpane::emu {

std::string errorBody(Flavour f, const std::string& code, const std::string& message) {
  JsonWriter w;
  w.beginObject().key(f == Flavour::Verbose ? "error" : "odata.error").beginObject();
  w.field("code", code);
  w.key("message").beginObject().field("lang", "en-US").field("value", message).endObject();
  w.endObject().endObject();
  return w.take();
}

SpError itemNotFound() {
  return {404, "-2130575338, System.ArgumentException",
          "Item does not exist. It may have been deleted by another user."};
}

SpError listNotFound(const std::string& title, const std::string& siteUrl) {
  return {404, "-1, System.ArgumentException",
          "List '" + title + "' does not exist at site with URL '" + siteUrl + "'."};
}

SpError resourceNotFound(const std::string& segment) {
  return {404, "-1, Microsoft.SharePoint.Client.ResourceNotFoundException",
          "Cannot find resource for the request " + segment + "."};
}

SpError badRequest(const std::string& message) {
  return {400, "-1, Microsoft.SharePoint.Client.InvalidClientQueryException", message};
}

SpError unknownProperty(const std::string& property, const std::string& entityType) {
  return badRequest("The property '" + property + "' does not exist on type '" + entityType +
                    "'. Make sure to only use property names that are defined by the type.");
}

SpError etagMismatch(const std::string& requestEtag, const std::string& objectEtag) {
  return {412, "-1, Microsoft.SharePoint.Client.ClientServiceException",
          "The request ETag value '" + requestEtag + "' does not match the object's ETag value '" +
              objectEtag + "'."};
}

SpError invalidDigest() {
  return {403, "-2130575251, Microsoft.SharePoint.SPException",
          "The security validation for this page is invalid and might be corrupted. Please use your "
          "web browser's Back button to try your operation again."};
}

SpError listViewThreshold() {
  return {500, "-2147024860, Microsoft.SharePoint.SPQueryThrottledException",
          "The attempted operation is prohibited because it exceeds the list view threshold."};
}

SpError throttled() {
  return {429, "-2147024860, Microsoft.SharePoint.SPQueryThrottledException",
          "The request has been throttled."};
}

SpError changeTokenTooOld() {
  return {500, "-2130575172, Microsoft.SharePoint.SPException",
          "The changeToken refers to a time before the start of the current change log."};
}

SpError changeTokenForeign() {
  return {500, "-2130575173, Microsoft.SharePoint.SPException",
          "Cannot use the changeToken from one object against a different object"};
}

SpError changeTokenMalformed(const std::string& token) {
  return {400, "-1, System.FormatException", "The change token '" + token + "' is not valid."};
}

SpError methodNotAllowed(const std::string& method) {
  return {405, "-1, Microsoft.SharePoint.Client.ClientServiceException",
          "The HTTP method '" + method + "' cannot be used to access the resource."};
}

SpError fileExists(const std::string& path) {
  return SpError(400, "-2130575257, Microsoft.SharePoint.SPException",
                 "A file or folder with the name " + path + " already exists.");
}

}  // namespace deskpane::emu
