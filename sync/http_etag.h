#pragma once
// SharePoint hands out one item version in several spellings: `"3"` in JSON
// bodies, `"3"` or `"<item-guid>,3"` in ETag headers (SPO), `{GUID},3` from
// Graph, sometimes weak (`W/"3"`). The sync cache keeps only the version
// number, so every form is reduced to it and `IF-MATCH` is rebuilt from it.
#include <optional>
#include <string>
#include <string_view>

namespace deskpane::sync {

// Version number of an ETag in any of the forms above; nullopt for `*`,
// empty or malformed input.
std::optional<long long> httpEtagVersion(std::string_view etag);

// The IF-MATCH value for a stored version: `"N"`. SharePoint compares only
// the version part, so the short form matches items whose header was "guid,N".
std::string ifMatchFor(long long version);

}  // namespace deskpane::sync
