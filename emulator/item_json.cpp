// List items in JSON: the $select projection (hidden fields only when named,
// sharepoint-rest.md §5.1) and the write bodies (JSON light and verbose, §2.1).
#include "emulator/api_context.h"
#include "emulator/field_codec.h"
#include "emulator/odata_query.h"
#include "emulator/sp_error.h"
#include "emulator/users.h"

#include <cpprest/json.h>

#include <algorithm>

namespace deskpane::emu {

struct ItemProjection {
  std::shared_ptr<const std::vector<FieldDef>> schema;  // keeps `fields` pointers alive
  bool fsObjType = false;
  bool id = false;
  bool embedProps = false;
  std::vector<const FieldDef*> fields;
  std::vector<std::string> restNames;  // restNames[n] is fields[n]'s, made once for every item written
  struct Expansion {
    std::string name;            // "Author", "ContentType"
    const FieldDef* field = nullptr;  // null for ContentType
    std::vector<std::string> props;
  };
  std::vector<Expansion> expansions;
};

namespace {

std::string guidlessUserId(std::int64_t id) { return "Web/SiteUserInfoList/Items(" + std::to_string(id) + ")"; }

const FieldDef* fieldByAnyName(const ListInfo& list, std::string_view name) {
  for (const auto& f : *list.fields) {
    if (iequals(f.restName(), name) || iequals(f.internalName, name)) return &f;
  }
  return nullptr;
}

void writeUserObject(JsonWriter& w, const ApiContext& ctx, std::int64_t id, const std::vector<std::string>& props) {
  const auto* u = findUser(static_cast<int>(id));
  w.beginObject();
  if (ctx.flavour == Flavour::Verbose) {
    w.key("__metadata").beginObject().field("id", guidlessUserId(id)).field("type", "SP.Data.UserInfoItem").endObject();
  } else if (ctx.flavour == Flavour::Minimal) {
    w.field("odata.type", "SP.Data.UserInfoItem");
  }
  for (const auto& p : props) {
    if (iequals(p, "Id") || iequals(p, "ID")) w.field(p, id);
    else if (iequals(p, "Title")) w.field(p, u ? u->title : std::string());
    else if (iequals(p, "EMail") || iequals(p, "Email")) w.field(p, u ? u->email : std::string());
    else if (iequals(p, "Name") || iequals(p, "LoginName")) w.field(p, u ? u->login() : std::string());
    else w.key(p).null();
  }
  w.endObject();
}

bool expands(std::string_view expandText, std::string_view name) {
  while (!expandText.empty()) {
    const auto comma = expandText.find(',');
    auto part = expandText.substr(0, comma);
    while (!part.empty() && part.front() == ' ') part.remove_prefix(1);
    while (!part.empty() && part.back() == ' ') part.remove_suffix(1);
    if (iequals(part, name)) return true;
    if (comma == std::string_view::npos) break;
    expandText.remove_prefix(comma + 1);
  }
  return false;
}

}  // namespace

std::shared_ptr<const ItemProjection> makeProjection(const ListInfo& list, const std::string& selectText,
                                                     const std::string& expandText) {
  auto p = std::make_shared<ItemProjection>();
  p->schema = list.fields;
  const auto sel = parseSelect(selectText);
  std::vector<bool> chosen(list.fields->size(), false);
  if (sel.all) {
    p->fsObjType = p->id = p->embedProps = true;
    for (std::size_t i = 0; i < list.fields->size(); ++i) chosen[i] = !(*list.fields)[i].hidden;
  }
  for (const auto& name : sel.fields) {
    const auto slash = name.find('/');
    if (slash != std::string::npos) {
      const auto head = name.substr(0, slash);
      const auto prop = name.substr(slash + 1);
      const FieldDef* f = nullptr;
      if (!iequals(head, "ContentType")) {
        f = fieldByAnyName(list, head);
        if (!f || !(f->type == FieldType::User || f->type == FieldType::UserMulti))
          throw badRequest("The field or property '" + head + "' does not exist.");
      }
      // SharePoint never expands on its own: a client that forgets $expand
      // must see the 400 here that it would get from SharePoint Online.
      if (!expands(expandText, head)) {
        throw SpError(400, "-1, Microsoft.SharePoint.SPException",
                      "The query to field '" + name + "' is not valid. The $select query string must specify the "
                      "target fields and the $expand query string must contains " + head + ".");
      }
      auto it = std::find_if(p->expansions.begin(), p->expansions.end(),
                             [&](const auto& e) { return iequals(e.name, head); });
      if (it == p->expansions.end()) {
        p->expansions.push_back({f ? f->internalName : std::string("ContentType"), f, {}});
        it = std::prev(p->expansions.end());
      }
      it->props.push_back(prop);
      continue;
    }
    if (name == "Id") {
      p->id = true;
      continue;
    }
    if (iequals(name, "FileSystemObjectType")) {
      p->fsObjType = true;
      continue;
    }
    const FieldDef* f = fieldByAnyName(list, name);
    if (!f) throw badRequest("The field or property '" + name + "' does not exist.");
    // A person or lookup column by its own name ("Author", not "AuthorId")
    // is an entity: SharePoint wants it expanded and its properties named.
    const bool entity = f->type == FieldType::User || f->type == FieldType::UserMulti ||
                        f->type == FieldType::Lookup || f->type == FieldType::LookupMulti;
    if (entity && iequals(f->internalName, name) && !iequals(f->restName(), name) && !expands(expandText, name)) {
      throw SpError(400, "-1, Microsoft.SharePoint.SPException",
                    "The query to field '" + name + "' is not valid. The $select query string must specify the "
                    "target fields and the $expand query string must contains " + name + ".");
    }
    chosen[static_cast<std::size_t>(f - list.fields->data())] = true;
  }
  for (std::size_t i = 0; i < list.fields->size(); ++i) {
    if (chosen[i]) p->fields.push_back(&(*list.fields)[i]);
  }
  for (const auto* f : p->fields) p->restNames.push_back(f->restName());
  return p;
}

void writeItem(JsonWriter& w, const ApiContext& ctx, const ListInfo& list, const Item& item,
               const ItemProjection& projection) {
  w.beginObject();
  if (ctx.flavour != Flavour::NoMetadata) {
    const std::string link = listEditLink(list) + "/Items(" + std::to_string(item.id) + ")";
    writeEntityMetadata(w, ctx, list.itemEntityType(), item.guid(), link, item.etagBody());
  }
  if (projection.fsObjType) w.field("FileSystemObjectType", item.fsObjType);
  if (projection.id) w.field("Id", item.id);
  if (projection.embedProps) {
    w.key("ServerRedirectedEmbedUri").null();
    w.field("ServerRedirectedEmbedUrl", "");
  }
  for (std::size_t n = 0; n < projection.fields.size(); ++n) {
    const FieldDef* f = projection.fields[n];
    w.key(projection.restNames[n]);
    writeFieldValue(w, *f, item.get(f->internalName), ctx.flavour);
  }
  for (const auto& e : projection.expansions) {
    w.key(e.name);
    if (!e.field) {
      w.beginObject();
      writeComplexType(w, ctx, "SP.ContentType");
      for (const auto& p : e.props) {
        if (iequals(p, "Name")) w.field(p, item.text("ContentType"));
        else if (iequals(p, "StringId") || iequals(p, "Id")) w.field(p, item.text("ContentTypeId"));
        else w.key(p).null();
      }
      w.endObject();
      continue;
    }
    const auto& v = item.get(e.field->internalName);
    if (const auto* one = std::get_if<std::int64_t>(&v)) {
      writeUserObject(w, ctx, *one, e.props);
    } else if (const auto* many = std::get_if<std::vector<std::int64_t>>(&v)) {
      if (ctx.flavour == Flavour::Verbose) w.beginObject().key("results");
      w.beginArray();
      for (const auto id : *many) writeUserObject(w, ctx, id, e.props);
      w.endArray();
      if (ctx.flavour == Flavour::Verbose) w.endObject();
    } else {
      w.null();
    }
  }
  w.endObject();
}

std::string singleItemBody(const ApiContext& ctx, const ListInfo& list, const Item& item,
                           const ItemProjection& projection) {
  JsonWriter w;
  if (ctx.flavour == Flavour::Verbose) {
    w.beginObject().key("d");
    writeItem(w, ctx, list, item, projection);
    w.endObject();
    return w.take();
  }
  writeItem(w, ctx, list, item, projection);
  std::string body = w.take();
  if (ctx.flavour != Flavour::Minimal) return body;
  // odata.metadata leads, the entity's own keys follow at the same level.
  JsonWriter head;
  head.beginObject().field("odata.metadata", ctx.siteUrl + "/_api/$metadata#SP.ListData." + list.entityTypeName() +
                                                 "Items/@Element");
  return head.take() + (body.size() > 2 ? "," + body.substr(1) : "}");
}

std::map<std::string, FieldValue> parseItemBody(const ApiContext& ctx, const ListInfo& list) {
  std::map<std::string, FieldValue> values;
  const auto& body = ctx.req.body;
  if (body.find_first_not_of(" \t\r\n") == std::string::npos) return values;
  web::json::value json;
  try {
    json = web::json::value::parse(body);
  } catch (const std::exception&) {
    throw badRequest("Invalid JSON. A token was not recognized in the JSON content.");
  }
  if (!json.is_object()) throw badRequest("Invalid JSON. An object was expected in the JSON content.");
  const bool verbose = toLower(ctx.req.header("content-type")).find("odata=verbose") != std::string::npos;
  for (const auto& [key, value] : json.as_object()) {
    if (key == "__metadata") {
      if (!verbose) throw unknownProperty("__metadata", list.itemEntityType());
      if (value.is_object() && value.has_field("type") && value.at("type").is_string() &&
          value.at("type").as_string() != list.itemEntityType()) {
        throw badRequest("A type named '" + value.at("type").as_string() +
                         "' could not be resolved by the model. When a model is available, each type name must "
                         "resolve to a valid type.");
      }
      continue;
    }
    if (key.rfind("odata.", 0) == 0) continue;
    const FieldDef* f = list.fieldByRestName(key);
    if (!f && !list.field(key)) throw unknownProperty(key, list.itemEntityType());
    if (!f) f = list.field(key);
    if (f->isIdValued() && f->restName() != key) throw unknownProperty(key, list.itemEntityType());
    if (f->readOnly && f->internalName != "ContentTypeId") {
      throw badRequest("The property '" + key + "' cannot be set because it is read-only.");
    }
    values[f->internalName] = parseFieldValue(value, *f);
  }
  if (const auto* ct = std::get_if<std::string>(&values["ContentTypeId"])) {
    if (ct->rfind("0x012002", 0) == 0) values["ContentType"] = std::string("Discussion");
    else if (ct->rfind("0x0107", 0) == 0) values["ContentType"] = std::string("Message");
  } else {
    values.erase("ContentTypeId");
  }
  return values;
}

}  // namespace deskpane::emu
