// /_api/web, its lists and fields, the current user, the time zone and
// /_api/contextinfo (sharepoint-rest.md §1.1, §1.3-§1.5).
#include "emulator/api_context.h"
#include "emulator/change_token.h"
#include "emulator/guid.h"
#include "emulator/odata_query.h"
#include "emulator/sp_error.h"
#include "emulator/time_util.h"
#include "emulator/users.h"

namespace deskpane::emu {

namespace {

const std::string& queryValue(const ApiContext& ctx, std::string_view key) {
  static const std::string empty;
  const auto* v = findParam(ctx.req.query, key);
  return v ? *v : empty;
}

Filter filterOrThrow(const std::string& text) {
  auto parsed = parseFilter(text);
  if (!parsed) throw badRequest(parsed.error().message);
  return std::move(parsed).value();
}

void requireGet(const ApiContext& ctx) {
  if (ctx.req.method != "GET") throw methodNotAllowed(ctx.req.method);
}

std::string currentChangeToken(const ApiContext& ctx, const ListInfo& list) {
  return listChangeToken(list.guid, nowTicks(), ctx.svc.store.lastChangeNumber()).str();
}

void writeDeferred(JsonWriter& w, const ApiContext& ctx, const std::string& name, const std::string& uri) {
  if (ctx.flavour != Flavour::Verbose) return;
  w.key(name).beginObject().key("__deferred").beginObject().field("uri", uri).endObject().endObject();
}

void writeListBody(JsonWriter& w, const ApiContext& ctx, const ListInfo& list, const SelectList& sel) {
  const auto link = listEditLink(list);
  writeEntityMetadata(w, ctx, "SP.List", ctx.siteUrl + "/_api/" + link, link, "\"" + std::to_string(list.itemCount + 1) + "\"");
  if (sel.all) {
    writeDeferred(w, ctx, "Fields", ctx.siteUrl + "/_api/" + link + "/Fields");
    writeDeferred(w, ctx, "Items", ctx.siteUrl + "/_api/" + link + "/Items");
    writeDeferred(w, ctx, "RootFolder", ctx.siteUrl + "/_api/" + link + "/RootFolder");
  }
  auto want = [&](std::string_view key) { return sel.includes(key); };
  if (want("AllowContentTypes")) w.fieldBool("AllowContentTypes", true);
  if (want("BaseTemplate")) w.field("BaseTemplate", list.baseTemplate);
  if (want("BaseType")) w.field("BaseType", 0);
  if (want("ContentTypesEnabled")) w.fieldBool("ContentTypesEnabled", list.baseTemplate == 108);
  if (want("Created")) w.field("Created", list.created);
  if (want("CurrentChangeToken")) {
    w.key("CurrentChangeToken").beginObject();
    writeComplexType(w, ctx, "SP.ChangeToken");
    w.field("StringValue", currentChangeToken(ctx, list)).endObject();
  }
  if (want("Description")) w.field("Description", "");
  if (want("EnableAttachments")) w.fieldBool("EnableAttachments", true);
  if (want("EnableVersioning")) w.fieldBool("EnableVersioning", false);
  if (want("EntityTypeName")) w.field("EntityTypeName", list.entityTypeName());
  if (want("Hidden")) w.fieldBool("Hidden", false);
  if (want("Id")) w.field("Id", list.guid);
  if (want("ItemCount")) w.field("ItemCount", list.itemCount);
  if (want("LastItemDeletedDate")) w.field("LastItemDeletedDate", list.lastItemDeleted);
  if (want("LastItemModifiedDate")) w.field("LastItemModifiedDate", list.lastItemModified);
  if (want("LastItemUserModifiedDate")) w.field("LastItemUserModifiedDate", list.lastItemModified);
  if (want("ListItemEntityTypeFullName")) w.field("ListItemEntityTypeFullName", list.itemEntityType());
  if (want("ParentWebUrl")) w.field("ParentWebUrl", ctx.svc.config.sitePath);
  if (want("Title")) w.field("Title", list.title);
  if (sel.names("RootFolder/ServerRelativeUrl") || sel.names("RootFolder/Name") || sel.names("RootFolder")) {
    w.key("RootFolder").beginObject();
    writeEntityMetadata(w, ctx, "SP.Folder", ctx.siteUrl + "/_api/" + link + "/RootFolder", link + "/RootFolder");
    w.field("Name", list.urlLeaf);
    w.field("ServerRelativeUrl", ctx.svc.config.sitePath + "/Lists/" + list.urlLeaf);
    w.endObject();
  }
}

Response listEntity(ApiContext& ctx, const ListInfo& list) {
  requireGet(ctx);
  ctx.route = "GET list";
  const auto sel = parseSelect(queryValue(ctx, "$select"));
  JsonWriter w;
  beginEntityEnvelope(w, ctx, "SP.ApiData.Lists/@Element");
  writeListBody(w, ctx, list, sel);
  endEntityEnvelope(w, ctx);
  return jsonResponse(ctx, 200, w.take());
}

Value listProperty(const ApiContext& ctx, const ListInfo& list, std::string_view name) {
  if (iequals(name, "Title")) return list.title;
  if (iequals(name, "BaseTemplate")) return static_cast<std::int64_t>(list.baseTemplate);
  if (iequals(name, "BaseType")) return std::int64_t{0};
  if (iequals(name, "Hidden")) return false;
  if (iequals(name, "Id")) return list.guid;
  if (iequals(name, "ItemCount")) return static_cast<std::int64_t>(list.itemCount);
  if (iequals(name, "EntityTypeName")) return list.entityTypeName();
  if (iequals(name, "Created")) return list.created;
  if (iequals(name, "LastItemModifiedDate")) return list.lastItemModified;
  (void)ctx;
  throw badRequest("The property '" + std::string(name) + "' does not exist on type 'SP.List'.");
}

Response listCollection(ApiContext& ctx) {
  requireGet(ctx);
  ctx.route = "GET lists";
  const auto filter = filterOrThrow(queryValue(ctx, "$filter"));
  const auto sel = parseSelect(queryValue(ctx, "$select"));
  JsonWriter w;
  beginCollection(w, ctx, "SP.ApiData.Lists");
  for (const auto& list : ctx.svc.store.lists()) {
    if (!filter.matches([&](std::string_view f) { return listProperty(ctx, list, f); })) continue;
    w.beginObject();
    writeListBody(w, ctx, list, sel);
    w.endObject();
  }
  endCollection(w, ctx, "");
  return jsonResponse(ctx, 200, w.take());
}

int fieldTypeKind(const FieldDef& f) {
  switch (f.type) {
    case FieldType::Counter: return 5;
    case FieldType::Text: return 2;
    case FieldType::Note: return 3;
    case FieldType::Choice: return 6;
    case FieldType::MultiChoice: return 15;
    case FieldType::Number: return 9;
    case FieldType::Integer: return 1;
    case FieldType::Boolean: return 8;
    case FieldType::DateTime: return 4;
    case FieldType::User:
    case FieldType::UserMulti: return 20;
    case FieldType::Lookup:
    case FieldType::LookupMulti: return 7;
    case FieldType::Url: return 11;
    case FieldType::Guid: return 14;
    case FieldType::Computed: return 12;
    case FieldType::ContentTypeId: return 25;
    case FieldType::AllDayEvent: return 29;
    case FieldType::Recurrence: return 21;
  }
  return 2;
}

Value fieldProperty(const FieldDef& f, std::string_view name) {
  if (iequals(name, "InternalName") || iequals(name, "StaticName")) return f.internalName;
  if (iequals(name, "Title")) return f.title;
  if (iequals(name, "TypeAsString")) return std::string(f.typeAsString());
  if (iequals(name, "Hidden")) return f.hidden;
  if (iequals(name, "ReadOnlyField")) return f.readOnly;
  if (iequals(name, "Indexed")) return f.indexed;
  if (iequals(name, "EntityPropertyName")) return f.restName();
  if (iequals(name, "FieldTypeKind")) return static_cast<std::int64_t>(fieldTypeKind(f));
  if (iequals(name, "Required")) return f.internalName == "Title";
  if (iequals(name, "Id")) return guidFromName("field/" + f.internalName);
  throw badRequest("The property '" + std::string(name) + "' does not exist on type 'SP.Field'.");
}

void writeField(JsonWriter& w, const ApiContext& ctx, const ListInfo& list, const FieldDef& f, const SelectList& sel) {
  const auto id = guidFromName("field/" + f.internalName);
  const auto link = listEditLink(list) + "/Fields(guid'" + id + "')";
  writeEntityMetadata(w, ctx, f.type == FieldType::Choice ? "SP.FieldChoice" : "SP.Field", ctx.siteUrl + "/_api/" + link, link);
  auto want = [&](std::string_view key) { return sel.includes(key); };
  if ((f.type == FieldType::Choice || f.type == FieldType::MultiChoice) && want("Choices")) {
    w.key("Choices");
    if (ctx.flavour == Flavour::Verbose) {
      w.beginObject().key("__metadata").beginObject().field("type", "Collection(Edm.String)").endObject().key("results");
    }
    w.beginArray();
    for (const auto& c : f.choices) w.string(c);
    w.endArray();
    if (ctx.flavour == Flavour::Verbose) w.endObject();
  }
  if (want("EntityPropertyName")) w.field("EntityPropertyName", f.restName());
  if (want("FieldTypeKind")) w.field("FieldTypeKind", fieldTypeKind(f));
  if (want("Hidden")) w.fieldBool("Hidden", f.hidden);
  if (want("Id")) w.field("Id", id);
  if (want("Indexed")) w.fieldBool("Indexed", f.indexed);
  if (want("InternalName")) w.field("InternalName", f.internalName);
  if (want("ReadOnlyField")) w.fieldBool("ReadOnlyField", f.readOnly);
  if (want("Required")) w.fieldBool("Required", f.internalName == "Title");
  if (want("StaticName")) w.field("StaticName", f.internalName);
  if (want("Title")) w.field("Title", f.title);
  if (want("TypeAsString")) w.field("TypeAsString", f.typeAsString());
}

Response fieldsOf(ApiContext& ctx, const ListInfo& list, const std::vector<PathSegment>& rest) {
  requireGet(ctx);
  const auto sel = parseSelect(queryValue(ctx, "$select"));
  if (rest.size() >= 2) {
    ctx.route = "GET field";
    const auto& seg = rest[1];
    if (!seg.arg || !(seg.is("getbyinternalnameortitle") || seg.is("getbytitle") || seg.is("getbyid")))
      throw resourceNotFound(seg.name);
    const auto key = unquoteArg(*seg.arg);
    for (const auto& f : *list.fields) {
      if (iequals(f.internalName, key) || iequals(f.title, key) || iequals(guidFromName("field/" + f.internalName), key)) {
        JsonWriter w;
        beginEntityEnvelope(w, ctx, "SP.ApiData.Fields/@Element");
        writeField(w, ctx, list, f, sel);
        endEntityEnvelope(w, ctx);
        return jsonResponse(ctx, 200, w.take());
      }
    }
    throw SpError(404, "-2147024809, System.ArgumentException",
                              "Column '" + key + "' does not exist. It may have been deleted by another user.");
  }
  ctx.route = "GET fields";
  const auto filter = filterOrThrow(queryValue(ctx, "$filter"));
  JsonWriter w;
  beginCollection(w, ctx, "SP.ApiData.Fields");
  for (const auto& f : *list.fields) {
    if (!filter.matches([&](std::string_view name) { return fieldProperty(f, name); })) continue;
    w.beginObject();
    writeField(w, ctx, list, f, sel);
    w.endObject();
  }
  endCollection(w, ctx, "");
  return jsonResponse(ctx, 200, w.take());
}

void writeUser(JsonWriter& w, const ApiContext& ctx, const SiteUser& u) {
  const auto link = "Web/GetUserById(" + std::to_string(u.id) + ")";
  writeEntityMetadata(w, ctx, "SP.User", ctx.siteUrl + "/_api/" + link, link);
  w.field("Id", u.id).fieldBool("IsHiddenInUI", false).field("LoginName", u.login()).field("Title", u.title);
  w.field("PrincipalType", 1).field("Email", u.email).fieldBool("IsSiteAdmin", u.id == kCurrentUserId);
  w.key("UserId").beginObject();
  writeComplexType(w, ctx, "SP.UserIdInfo");
  w.field("NameId", "10032000a1b2c3d" + std::to_string(u.id)).field("NameIdIssuer", "urn:federation:microsoftonline");
  w.endObject();
  w.field("UserPrincipalName", u.email);
}

Response userEntity(ApiContext& ctx, int id) {
  requireGet(ctx);
  const auto* u = findUser(id);
  if (!u) throw SpError(404, "-2146232832, Microsoft.SharePoint.SPException", "User cannot be found.");
  JsonWriter w;
  beginEntityEnvelope(w, ctx, "SP.ApiData.Users1/@Element");
  writeUser(w, ctx, *u);
  endEntityEnvelope(w, ctx);
  return jsonResponse(ctx, 200, w.take());
}

Response timeZone(ApiContext& ctx) {
  requireGet(ctx);
  ctx.route = "GET timezone";
  JsonWriter w;
  beginEntityEnvelope(w, ctx, "SP.ApiData.TimeZones/@Element");
  writeEntityMetadata(w, ctx, "SP.TimeZone", ctx.siteUrl + "/_api/Web/RegionalSettings/TimeZone",
                      "Web/RegionalSettings/TimeZone");
  // The demo site keeps its regional settings in Pacific time, as many
  // tenants do, so clients meet a site zone other than UTC with DST
  // (SharePoint zone 13; biases in minutes, UTC = local + bias).
  w.field("Description", "(UTC-08:00) Pacific Time (US and Canada)").field("Id", 13);
  w.key("Information").beginObject();
  writeComplexType(w, ctx, "SP.TimeZoneInformation");
  w.field("Bias", 480).field("DaylightBias", -60).field("StandardBias", 0).endObject();
  endEntityEnvelope(w, ctx);
  return jsonResponse(ctx, 200, w.take());
}

Response webEntity(ApiContext& ctx) {
  requireGet(ctx);
  ctx.route = "GET web";
  const auto sel = parseSelect(queryValue(ctx, "$select"));
  auto want = [&](std::string_view key) { return sel.includes(key); };
  std::string lastModified;
  for (const auto& l : ctx.svc.store.lists()) lastModified = std::max(lastModified, l.lastItemModified);
  JsonWriter w;
  beginEntityEnvelope(w, ctx, "SP.ApiData.Webs/@Element");
  writeEntityMetadata(w, ctx, "SP.Web", ctx.siteUrl + "/_api/Web", "Web");
  if (sel.all) writeDeferred(w, ctx, "Lists", ctx.siteUrl + "/_api/Web/Lists");
  if (want("Created")) w.field("Created", "2024-01-01T00:00:00Z");
  if (want("Description")) w.field("Description", "deskpane demo site");
  if (want("Id")) w.field("Id", ctx.svc.webGuid);
  if (want("Language")) w.field("Language", 1033);
  if (want("LastItemModifiedDate")) w.field("LastItemModifiedDate", lastModified);
  if (want("ServerRelativeUrl")) w.field("ServerRelativeUrl", ctx.svc.config.sitePath);
  if (want("Title")) w.field("Title", "Demo");
  if (want("Url")) w.field("Url", ctx.siteUrl);
  if (want("WebTemplate")) w.field("WebTemplate", "STS");
  endEntityEnvelope(w, ctx);
  return jsonResponse(ctx, 200, w.take());
}

std::optional<ListInfo> resolveList(ApiContext& ctx, const PathSegment& seg, std::string& described) {
  if (seg.is("lists") && seg.arg) {
    described = unquoteArg(*seg.arg);
    return ctx.svc.store.listByGuid(described);
  }
  if (seg.is("getbytitle") && seg.arg) {
    described = unquoteArg(*seg.arg);
    return ctx.svc.store.listByTitle(described);
  }
  if (seg.is("getbyid") && seg.arg) {
    described = unquoteArg(*seg.arg);
    return ctx.svc.store.listByGuid(described);
  }
  return std::nullopt;
}

}  // namespace

Response handleContextInfo(ApiContext& ctx) {
  if (ctx.req.method != "POST") throw methodNotAllowed(ctx.req.method);
  const auto digest = ctx.svc.digest.issue();
  JsonWriter w;
  w.beginObject();
  if (ctx.flavour == Flavour::Verbose) {
    w.key("d").beginObject().key("GetContextWebInformation").beginObject();
    w.key("__metadata").beginObject().field("type", "SP.ContextWebInformation").endObject();
  } else if (ctx.flavour == Flavour::Minimal) {
    w.field("odata.metadata", ctx.siteUrl + "/_api/$metadata#SP.ContextWebInformation");
  }
  w.field("FormDigestTimeoutSeconds", ctx.svc.digest.timeoutSeconds());
  w.field("FormDigestValue", digest);
  w.field("LibraryVersion", "16.0.24322.12007");
  w.field("SiteFullUrl", ctx.siteUrl);
  w.key("SupportedSchemaVersions");
  if (ctx.flavour == Flavour::Verbose) {
    w.beginObject().key("__metadata").beginObject().field("type", "Collection(Edm.String)").endObject().key("results");
  }
  w.beginArray().string("14.0.0.0").string("15.0.0.0").endArray();
  if (ctx.flavour == Flavour::Verbose) w.endObject();
  w.field("WebFullUrl", ctx.siteUrl);
  if (ctx.flavour == Flavour::Verbose) w.endObject().endObject();
  w.endObject();
  return jsonResponse(ctx, 200, w.take());
}

Response handleWebAndLists(ApiContext& ctx, const std::vector<PathSegment>& path) {
  const auto& first = path[0];
  if (!first.is("web") || first.arg) throw resourceNotFound(first.name);
  if (path.size() == 1) return webEntity(ctx);
  const auto& second = path[1];
  if (second.is("lists") && !second.arg && path.size() == 2) return listCollection(ctx);
  if (second.is("currentuser") && path.size() == 2) {
    ctx.route = "GET currentuser";
    return userEntity(ctx, kCurrentUserId);
  }
  if (second.is("getuserbyid") && second.arg && path.size() == 2) {
    ctx.route = "GET user";
    const auto id = intArg(*second.arg);
    return userEntity(ctx, id.value_or(-1));
  }
  if (second.is("regionalsettings") && path.size() == 3 && path[2].is("timezone")) return timeZone(ctx);
  if (second.is("recyclebin") && second.arg && path.size() == 3 && path[2].is("restore")) {
    // recyclebin('<id>')/restore(): what a delete or recycle sent there
    // comes back with its ids, logged as Restore changes.
    ctx.route = "POST restore";
    if (ctx.req.method != "POST") throw methodNotAllowed(ctx.req.method);
    ctx.svc.store.restore(unquoteArg(*second.arg));
    Response r;
    r.status = 200;
    return r;
  }
  std::optional<ListInfo> list;
  std::string described;
  std::size_t restAt = 0;
  if (second.is("getlist") && second.arg) {
    described = unquoteArg(*second.arg);
    list = ctx.svc.store.listByUrl(described);
    restAt = 2;
  } else if (second.is("lists") && second.arg) {
    list = resolveList(ctx, second, described);
    restAt = 2;
  } else if (second.is("lists") && path.size() >= 3) {
    list = resolveList(ctx, path[2], described);
    if (!path[2].arg) throw resourceNotFound(path[2].name);
    restAt = 3;
  } else {
    ctx.route = ctx.req.method + " not-found";
    throw resourceNotFound(second.name);
  }
  if (!list) {
    ctx.route = ctx.req.method + " list-not-found";
    throw listNotFound(described, ctx.siteUrl);
  }
  return handleList(ctx, *list, std::vector<PathSegment>(path.begin() + static_cast<long>(restAt), path.end()));
}

Response handleList(ApiContext& ctx, const ListInfo& list, const std::vector<PathSegment>& rest) {
  const auto& m = ctx.req.method;
  if (rest.empty()) return listEntity(ctx, list);
  const auto& seg = rest[0];
  std::optional<int> itemId;
  std::size_t afterItem = 0;
  if (seg.is("items") && !seg.arg) {
    if (rest.size() == 1) {
      if (m == "GET") return handleItemsRead(ctx, list);
      if (m == "POST") return handleItemCreate(ctx, list);
      throw methodNotAllowed(m);
    }
    if (rest[1].is("getbyid") && rest[1].arg) {
      itemId = intArg(*rest[1].arg);
      afterItem = 2;
    } else {
      throw resourceNotFound(rest[1].name);
    }
  } else if ((seg.is("items") || seg.is("getitembyid")) && seg.arg) {
    itemId = intArg(*seg.arg);
    afterItem = 1;
  } else if (seg.is("fields")) {
    return fieldsOf(ctx, list, rest);
  } else if (seg.is("getchanges") && rest.size() == 1) {
    if (m != "POST") throw methodNotAllowed(m);
    return handleGetChanges(ctx, list);
  } else if (seg.is("getlistitemchangessincetoken") && rest.size() == 1) {
    if (m != "POST") throw methodNotAllowed(m);
    return handleChangesSinceToken(ctx, list);
  } else if (seg.is("addvalidateupdateitemusingpath") && rest.size() == 1) {
    if (m != "POST") throw methodNotAllowed(m);
    return handleAddValidateUpdate(ctx, list);
  } else {
    throw resourceNotFound(seg.name);
  }
  if (!itemId) throw badRequest("The expression \"" + seg.name + "\" is not valid.");
  if (rest.size() == afterItem) {
    if (m == "GET") return handleItemRead(ctx, list, *itemId);
    if (m == "MERGE" || m == "PATCH") return handleItemUpdate(ctx, list, *itemId, false);
    if (m == "PUT") return handleItemUpdate(ctx, list, *itemId, true);
    if (m == "DELETE") return handleItemDelete(ctx, list, *itemId, false);
    throw methodNotAllowed(m);
  }
  const auto& action = rest[afterItem];
  if (rest.size() == afterItem + 1 && action.is("recycle")) {
    if (m != "POST") throw methodNotAllowed(m);
    return handleItemDelete(ctx, list, *itemId, true);
  }
  if (rest.size() == afterItem + 1 && action.is("validateupdatelistitem")) {
    if (m != "POST") throw methodNotAllowed(m);
    return handleValidateUpdateItem(ctx, list, *itemId);
  }
  throw resourceNotFound(action.name);
}

}  // namespace deskpane::emu
