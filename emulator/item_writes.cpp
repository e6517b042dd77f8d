// Item writes: POST items (201 + ETag + Location), MERGE/PATCH/PUT (204 +
// ETag), DELETE (200, empty) and recycle (sharepoint-rest.md §2.1-§2.4).
#include "emulator/api_context.h"
#include "emulator/if_match.h"
#include "emulator/sp_error.h"

namespace deskpane::emu {

namespace {

std::optional<int> requiredVersion(const ApiContext& ctx) {
  const auto m = parseIfMatch(ctx.req.header("if-match"));
  if (m.unconditional) return std::nullopt;
  return m.version.value_or(-1);
}

std::string itemUri(const ApiContext& ctx, const ListInfo& list, int id) {
  return ctx.siteUrl + "/_api/" + listEditLink(list) + "/Items(" + std::to_string(id) + ")";
}

}  // namespace

Response handleItemCreate(ApiContext& ctx, const ListInfo& list) {
  ctx.route = "POST items";
  auto values = parseItemBody(ctx, list);
  CreateOptions options;
  if (list.baseTemplate == 108) prepareDiscussionCreate(ctx, list, values, options, "", false, "");
  const auto item = ctx.svc.store.create(list.guid, std::move(values), ctx.userId, options);
  if (list.baseTemplate == 108) afterDiscussionCreate(ctx, list, *item);
  const auto projection = makeProjection(list, "", "");
  Response r = jsonResponse(ctx, 201, singleItemBody(ctx, list, *item, *projection));
  r.setHeader("ETag", item->etagHeader());
  r.setHeader("Location", itemUri(ctx, list, item->id));
  return r;
}

Response handleItemUpdate(ApiContext& ctx, const ListInfo& list, int id, bool replace) {
  ctx.route = ctx.req.method + " item";
  const auto values = parseItemBody(ctx, list);
  const auto item = ctx.svc.store.update(list.guid, id, values, requiredVersion(ctx), ctx.req.header("if-match"),
                                         ctx.userId, replace);
  Response r;
  r.status = 204;
  r.setHeader("ETag", item->etagHeader());
  return r;
}

Response handleItemDelete(ApiContext& ctx, const ListInfo& list, int id, bool recycle) {
  ctx.route = recycle ? "POST recycle" : "DELETE item";
  const auto recycleId =
      ctx.svc.store.remove(list.guid, id, requiredVersion(ctx), ctx.req.header("if-match"), ctx.userId);
  if (!recycle) {
    Response r;
    r.status = 200;
    return r;
  }
  JsonWriter w;
  w.beginObject();
  if (ctx.flavour == Flavour::Verbose) {
    w.key("d").beginObject().field("Recycle", recycleId).endObject();
  } else {
    if (ctx.flavour == Flavour::Minimal) w.field("odata.metadata", ctx.siteUrl + "/_api/$metadata#Edm.Guid");
    w.field("value", recycleId);
  }
  w.endObject();
  return jsonResponse(ctx, 200, w.take());
}

}  // namespace deskpane::emu
