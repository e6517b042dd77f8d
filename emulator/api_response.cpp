// Shapes SharePoint's JSON envelopes in the three flavours (sharepoint-rest.md §1.3).
#include "emulator/api_context.h"
#include "emulator/sp_error.h"

namespace deskpane::emu {

Response jsonResponse(const ApiContext& ctx, int status, std::string body) {
  Response r;
  r.status = status;
  r.body = std::move(body);
  r.setHeader("Content-Type", contentTypeFor(ctx.flavour));
  if (ctx.flavour != Flavour::Verbose) r.setHeader("DataServiceVersion", "3.0;");
  return r;
}

Response errorResponse(Flavour f, int status, const std::string& code, const std::string& message) {
  Response r;
  r.status = status;
  r.body = errorBody(f, code, message);
  r.setHeader("Content-Type", contentTypeFor(f));
  return r;
}

void beginEntityEnvelope(JsonWriter& w, const ApiContext& ctx, const std::string& metadataSuffix) {
  w.beginObject();
  if (ctx.flavour == Flavour::Verbose) {
    w.key("d").beginObject();
  } else if (ctx.flavour == Flavour::Minimal) {
    w.field("odata.metadata", ctx.siteUrl + "/_api/$metadata#" + metadataSuffix);
  }
}

void endEntityEnvelope(JsonWriter& w, const ApiContext& ctx) {
  if (ctx.flavour == Flavour::Verbose) w.endObject();
  w.endObject();
}

void writeEntityMetadata(JsonWriter& w, const ApiContext& ctx, const std::string& type, const std::string& id,
                         const std::string& editLink, const std::string& etag) {
  if (ctx.flavour == Flavour::Verbose) {
    w.key("__metadata").beginObject();
    w.field("id", id);
    w.field("uri", ctx.siteUrl + "/_api/" + editLink);
    if (!etag.empty()) w.field("etag", etag);
    w.field("type", type);
    w.endObject();
  } else if (ctx.flavour == Flavour::Minimal) {
    w.field("odata.type", type);
    w.field("odata.id", id);
    if (!etag.empty()) w.field("odata.etag", etag);
    w.field("odata.editLink", editLink);
  }
}

void beginCollection(JsonWriter& w, const ApiContext& ctx, const std::string& metadataSuffix) {
  w.beginObject();
  if (ctx.flavour == Flavour::Verbose) {
    w.key("d").beginObject().key("results").beginArray();
  } else {
    if (ctx.flavour == Flavour::Minimal) w.field("odata.metadata", ctx.siteUrl + "/_api/$metadata#" + metadataSuffix);
    w.key("value").beginArray();
  }
}

void endCollection(JsonWriter& w, const ApiContext& ctx, const std::string& nextLink) {
  w.endArray();
  if (ctx.flavour == Flavour::Verbose) {
    if (!nextLink.empty()) w.field("__next", nextLink);
    w.endObject();
  } else if (!nextLink.empty()) {
    w.field("odata.nextLink", nextLink);
  }
  w.endObject();
}

void writeComplexType(JsonWriter& w, const ApiContext& ctx, const std::string& type) {
  if (ctx.flavour == Flavour::Verbose) w.key("__metadata").beginObject().field("type", type).endObject();
}

std::string listEditLink(const ListInfo& list) { return "Web/Lists(guid'" + list.guid + "')"; }

}  // namespace deskpane::emu
