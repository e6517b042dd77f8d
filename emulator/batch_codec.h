#pragma once
// SharePoint's /_api/$batch wire format (multipart/mixed with application/http
// parts and changesets), decoded and encoded as pure functions. Wire facts:
// shared/sharepoint-rest.md §2.8. Any byte sequence gives a result or an
// error, never a crash.
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "emulator/parse_result.h"

namespace deskpane::emu {

// Header list in arrival order; lookups ignore case as HTTP requires.
class BatchHeaders {
 public:
  void add(std::string name, std::string value);
  // First value for name, trimmed; nullopt when absent.
  std::optional<std::string_view> find(std::string_view name) const;
  bool has(std::string_view name) const { return find(name).has_value(); }
  const std::vector<std::pair<std::string, std::string>>& entries() const { return entries_; }

 private:
  std::vector<std::pair<std::string, std::string>> entries_;
};

struct BatchRequest {
  std::string method;       // "GET", "POST", "MERGE", … as written (upper-cased)
  std::string url;          // as written; PnPjs sends absolute URLs
  BatchHeaders headers;     // the inner request's headers
  std::string body;         // trailing line breaks removed
  // Index of the changeset (0, 1, … in order of appearance) holding this
  // request; nullopt for a top-level part.
  std::optional<std::size_t> changeset;
};

// Extracts the boundary parameter from a Content-Type such as
// `multipart/mixed; boundary="batch_…"`. Nullopt unless the type is
// multipart/mixed with a non-empty boundary.
std::optional<std::string> multipartBoundary(std::string_view contentType);

// Parses a $batch request body. Tolerates CRLF or bare LF line ends,
// whitespace after boundary lines, a missing final line break, a missing
// close delimiter, parts without the application/http headers. Changesets
// nest one level only. Errors carry SharePoint-style message text.
ParseResult<std::vector<BatchRequest>> parseBatch(std::string_view body, std::string_view boundary);

struct BatchResponse {
  int status = 200;
  std::string reason;       // empty → standard reason phrase for status
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
};

// Standard reason phrase ("OK", "Created", "No Content", …); "Unknown" else.
std::string_view reasonPhrase(int status);

// A fresh response boundary, "batchresponse_<random v4 guid>".
std::string makeBatchResponseBoundary();

// Content-Type of the whole $batch response: "multipart/mixed; boundary=<b>".
std::string batchResponseContentType(std::string_view boundary);

// The $batch response body as SharePoint Online writes it: one flat part per
// request in request order — requests that arrived inside a changeset are
// answered as ordinary top-level parts, never as nested changesetresponse
// parts (PnPjs rejects those) — each `--<boundary>`, Content-Type:
// application/http, Content-Transfer-Encoding: binary, blank line,
// `HTTP/1.1 <code> <reason>`, headers, blank line, body; then
// `--<boundary>--` and a final CRLF (PnPjs fails without it). CRLF line ends.
std::string formatBatchResponse(const std::vector<BatchResponse>& parts, std::string_view boundary);

}  // namespace deskpane::emu
