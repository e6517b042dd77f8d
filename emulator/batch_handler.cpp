// POST /_api/$batch: each part (changesets included, not transactional) goes
// through the same dispatcher as a top-level request; the answer is one flat
// multipart part per request (sharepoint-rest.md §2.8).
#include "emulator/api_context.h"
#include "emulator/batch_codec.h"
#include "emulator/sp_error.h"

namespace deskpane::emu {

namespace {

Request subRequest(const ApiContext& ctx, const BatchRequest& part) {
  Request sub;
  sub.origin = ctx.origin;
  sub.method = toLower(part.method) == "post" ? "POST" : part.method;
  for (auto& c : sub.method) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  // The caller's credentials cover every part, as on SharePoint.
  for (const char* h : {"authorization", "x-requestdigest"}) {
    if (ctx.req.hasHeader(h)) sub.headers[h] = ctx.req.header(h);
  }
  for (const auto& [name, value] : part.headers.entries()) sub.headers[toLower(name)] = value;
  if (sub.method == "POST" && sub.hasHeader("x-http-method")) {
    sub.method = sub.header("x-http-method");
    for (auto& c : sub.method) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  }
  std::string url = part.url;
  // Absolute URLs (what PnPjs sends) lose their scheme and authority.
  if (const auto scheme = url.find("://"); scheme != std::string::npos) {
    const auto slash = url.find('/', scheme + 3);
    url = slash == std::string::npos ? "/" : url.substr(slash);
  }
  const auto q = url.find('?');
  sub.path = urlDecode(url.substr(0, q), false);
  if (q != std::string::npos) {
    sub.rawQuery = url.substr(q + 1);
    sub.query = parseQuery(sub.rawQuery);
  }
  sub.body = part.body;
  return sub;
}

}  // namespace

Response handleBatch(ApiContext& ctx, const std::function<Response(const Request&)>& dispatch) {
  if (ctx.req.method != "POST") throw methodNotAllowed(ctx.req.method);
  const auto boundary = multipartBoundary(ctx.req.header("content-type"));
  if (!boundary) throw badRequest("The content type of the batch request must be multipart/mixed with a boundary.");
  auto parts = parseBatch(ctx.req.body, *boundary);
  if (!parts) throw badRequest(parts.error().message);
  std::vector<BatchResponse> answers;
  answers.reserve(parts->size());
  for (const auto& part : *parts) {
    const auto response = dispatch(subRequest(ctx, part));
    BatchResponse a;
    a.status = response.status;
    a.headers = response.headers;
    a.body = response.body;
    answers.push_back(std::move(a));
  }
  const auto responseBoundary = makeBatchResponseBoundary();
  Response r;
  r.status = 200;
  r.body = formatBatchResponse(answers, responseBoundary);
  r.setHeader("Content-Type", batchResponseContentType(responseBoundary));
  return r;
}

}  // namespace deskpane::emu
