// /_emulator/...: test control that no SharePoint has (DESIGN §4): request
// counters, and writes "as another user" so tests can make conflicts and
// server-side changes without a second client.
#include "emulator/api_context.h"
#include "emulator/sp_error.h"
#include "emulator/users.h"

namespace deskpane::emu {

namespace {

Response plainJson(int status, std::string body) {
  Response r;
  r.status = status;
  r.body = std::move(body);
  r.setHeader("Content-Type", "application/json; charset=utf-8");
  return r;
}

std::vector<std::string> splitPath(const std::string& path) {
  std::vector<std::string> parts;
  std::size_t start = 0;
  while (start < path.size()) {
    auto end = path.find('/', start);
    if (end == std::string::npos) end = path.size();
    if (end > start) parts.push_back(path.substr(start, end - start));
    start = end + 1;
  }
  return parts;
}

Response itemsAsOtherUser(const Request& req, Services& svc, const std::vector<std::string>& parts) {
  // parts: _emulator lists {title} items [{id}]
  const auto list = svc.store.listByTitle(parts[2]);
  if (!list) throw listNotFound(parts[2], req.origin + svc.config.sitePath);
  ApiContext ctx{req, svc, Flavour::Minimal, req.origin, req.origin + svc.config.sitePath, "", kOtherUserId};
  if (parts.size() == 4 && req.method == "POST") {
    auto values = parseItemBody(ctx, *list);
    CreateOptions options;
    if (list->baseTemplate == 108) prepareDiscussionCreate(ctx, *list, values, options, "", false, "");
    const auto item = svc.store.create(list->guid, std::move(values), kOtherUserId, options);
    if (list->baseTemplate == 108) afterDiscussionCreate(ctx, *list, *item);
    Response r = plainJson(201, singleItemBody(ctx, *list, *item, *makeProjection(*list, "", "")));
    r.setHeader("ETag", item->etagHeader());
    return r;
  }
  if (parts.size() != 5) throw resourceNotFound(req.path);
  int id = 0;
  try {
    id = std::stoi(parts[4]);
  } catch (...) {
    throw badRequest("Item id '" + parts[4] + "' is not a number.");
  }
  if (req.method == "POST" || req.method == "PATCH" || req.method == "MERGE") {
    const auto values = parseItemBody(ctx, *list);
    const auto item = svc.store.update(list->guid, id, values, std::nullopt, "", kOtherUserId);
    Response r = plainJson(200, singleItemBody(ctx, *list, *item, *makeProjection(*list, "", "")));
    r.setHeader("ETag", item->etagHeader());
    return r;
  }
  if (req.method == "DELETE") {
    // The recycle-bin id, for a test that restores it (/_emulator/recyclebin/{id}/restore).
    const auto recycleId = svc.store.remove(list->guid, id, std::nullopt, "", kOtherUserId);
    JsonWriter w;
    w.beginObject().field("RecycleBinId", recycleId).endObject();
    return plainJson(200, w.take());
  }
  throw methodNotAllowed(req.method);
}

}  // namespace

Response handleControl(const Request& req, Services& svc) {
  const auto parts = splitPath(req.path);
  try {
    if (parts.size() == 2 && iequals(parts[1], "stats") && req.method == "GET") return plainJson(200, svc.stats.json());
    if (parts.size() == 3 && iequals(parts[1], "stats") && iequals(parts[2], "reset") && req.method == "POST") {
      svc.stats.reset();
      Response r;
      r.status = 204;
      return r;
    }
    if (parts.size() == 3 && iequals(parts[1], "tokens") && iequals(parts[2], "expire") && req.method == "POST") {
      svc.tokens.expireAll();
      Response r;
      r.status = 204;
      return r;
    }
    if (parts.size() == 4 && iequals(parts[1], "recyclebin") && iequals(parts[3], "restore") && req.method == "POST") {
      svc.store.restore(parts[2]);
      Response r;
      r.status = 204;
      return r;
    }
    if ((parts.size() == 4 || parts.size() == 5) && iequals(parts[1], "lists") && iequals(parts[3], "items")) {
      return itemsAsOtherUser(req, svc, parts);
    }
    throw resourceNotFound(req.path);
  } catch (const SpError& e) {
    return plainJson(e.status(), errorBody(Flavour::Minimal, e.code(), e.message()));
  } catch (const std::exception& e) {
    return plainJson(500, errorBody(Flavour::Minimal, "-1, System.InvalidOperationException", e.what()));
  }
}

}  // namespace deskpane::emu
