#pragma once
// Percent-decoding and query-string splitting as SharePoint clients send them
// (PnPjs encodes `$` as %24 and spaces as `+`).
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace deskpane::emu {

using QueryParams = std::vector<std::pair<std::string, std::string>>;

// Decodes %xx; when plusIsSpace, also '+' -> ' '. Invalid escapes are kept verbatim.
std::string urlDecode(std::string_view in, bool plusIsSpace);
// Encodes everything except unreserved characters (RFC 3986) and the extra
// characters given in `keep`.
std::string urlEncode(std::string_view in, std::string_view keep = "");
// Splits on '&' first, then decodes key and value, so an encoded %26 inside a
// value (the $skiptoken) stays inside that value.
QueryParams parseQuery(std::string_view rawQuery);
// Case-insensitive lookup of the first parameter named `key`.
const std::string* findParam(const QueryParams& params, std::string_view key);

bool iequals(std::string_view a, std::string_view b);
std::string toLower(std::string_view s);

}  // namespace deskpane::emu
