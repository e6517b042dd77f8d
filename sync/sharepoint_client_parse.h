#pragma once
// Response bodies → typed values, for all three OData flavours (verbose
// `{"d":…}`, minimal `odata.*`, nometadata). Pure functions over the body
// text so fixture JSON drives the unit tests.
#include "sync/sharepoint_client_types.h"

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace deskpane::sync {

struct ItemPage {
  std::vector<Item> items;  // etag normalised to "\"N\""
  std::string nextLink;  // absolute, empty on the last page
};

struct FormDigest {
  std::string value;
  std::chrono::seconds lifetime{1800};
};

// The answer of AddValidateUpdateItemUsingPath / validateupdatelistitem:
// the item's id and the fields that failed validation ("Field: message").
struct FormUpdateResult {
  std::int64_t itemId = 0;
  std::vector<std::string> errors;
};

struct ServerError {
  std::string code;     // "-2130575172, Microsoft.SharePoint.SPException"
  std::string message;  // message.value
};

std::optional<ItemPage> parseItemPage(std::string_view body);
std::optional<Item> parseItem(std::string_view body);
std::optional<WebInfo> parseWeb(std::string_view body);
std::optional<ListInfo> parseList(std::string_view body);
std::optional<std::vector<ListInfo>> parseLists(std::string_view body);
std::optional<std::vector<Change>> parseChanges(std::string_view body);
std::optional<FormDigest> parseContextInfo(std::string_view body);
std::optional<ServerError> parseError(std::string_view body);
std::optional<FormUpdateResult> parseFormUpdate(std::string_view body);

// Does this error answer to getchanges mean "your token is no good" (too old
// for the change log, another object's, or malformed)?
bool isChangeTokenRejection(int status, const std::optional<ServerError>& error);

// Folds a getchanges page into `summary` in log order: a delete after an add
// cancels the re-read, an add after a delete (restore) cancels the delete.
void applyChanges(const std::vector<Change>& changes, ChangeSummary& summary);

}  // namespace deskpane::sync
