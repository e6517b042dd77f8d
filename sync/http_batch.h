#pragma once
// OData `$batch` bodies as SharePoint speaks them (multipart/mixed; reference
// §2.8): GETs as top-level parts, absolute URLs inside, and a flat list of
// `--batchresponse_…` parts back, one per request, in request order.
//
// OData v3 allows only GETs as top-level parts: POSTs (getchanges is a POST
// service operation) go into one changeset. SharePoint answers flat, one part
// per request; the parser also accepts nested `changesetresponse` parts.
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace deskpane::sync {

struct BatchPart {
  std::string method;  // GET, POST...
  std::string url;     // absolute
  std::map<std::string, std::string> headers;
  std::string body;
};

struct BatchPartResponse {
  int status = 0;
  std::map<std::string, std::string> headers;  // names lower-cased
  std::string body;
};

// SharePoint rejects batches over 100 parts; PnPjs stays at 20. deskpane
// sends at most one part per bound list (5), far below either.
inline constexpr std::size_t kMaxBatchParts = 100;

// Multipart body for `parts` with the given boundary (without the leading --).
// Non-GET parts go, in order, into one changeset after the GETs.
std::string buildBatchBody(const std::vector<BatchPart>& parts, std::string_view boundary);

// The boundary from a `Content-Type: multipart/mixed; boundary=...` value.
std::optional<std::string> multipartBoundary(std::string_view contentType);

// The parts of a batch response body, or nullopt when it is not a complete
// multipart body (truncated responses must not pass for "no parts").
std::optional<std::vector<BatchPartResponse>> parseBatchResponse(std::string_view body,
                                                                 std::string_view boundary);

}  // namespace deskpane::sync
