#include "sync/sharepoint_client_parse.h"

#include "sync/http_etag.h"
#include "sync/item_page_reader.h"
#include "sync/list_schema.h"

#include <cpprest/json.h>

#include <algorithm>
#include <cctype>
#include <iterator>
#include <set>

namespace deskpane::sync {

namespace json = web::json;

namespace {

std::optional<json::value> parseJson(std::string_view body) {
  std::error_code ec;
  auto v = json::value::parse(std::string(body), ec);
  if (ec) return std::nullopt;
  return v;
}

const json::value* jfield(const json::value& obj, const char* name) {
  if (!obj.is_object()) return nullptr;
  const auto& o = obj.as_object();
  const auto it = o.find(name);
  return it == o.end() ? nullptr : &it->second;
}

// Verbose wraps every payload in "d"; collections add "results".
const json::value& unwrapEntity(const json::value& root) {
  if (const auto* d = jfield(root, "d")) return *d;
  return root;
}

const json::value* collectionArray(const json::value& root) {
  if (const auto* d = jfield(root, "d")) {
    if (d->is_array()) return d;
    return jfield(*d, "results");
  }
  return jfield(root, "value");
}

std::string stringOr(const json::value& obj, const char* name) {
  const auto* v = jfield(obj, name);
  return v && v->is_string() ? v->as_string() : std::string{};
}

long long integerOr(const json::value& obj, const char* name, long long fallback) {
  const auto* v = jfield(obj, name);
  if (!v) return fallback;
  if (v->is_number()) return v->as_number().to_int64();
  if (v->is_string()) {
    try {
      return std::stoll(v->as_string());
    } catch (...) {
      return fallback;
    }
  }
  return fallback;
}

bool isMetadataKey(const std::string& key) {
  return key.rfind("odata.", 0) == 0 || key == "__metadata" || key.rfind("@odata", 0) == 0;
}

std::optional<FieldValue> toFieldValue(const json::value& v) {
  switch (v.type()) {
    case json::value::Null: return FieldValue{std::monostate{}};
    case json::value::Boolean: return FieldValue{v.as_bool()};
    case json::value::Number:
      if (v.as_number().is_int64()) return FieldValue{std::int64_t{v.as_number().to_int64()}};
      return FieldValue{v.as_double()};
    case json::value::String: return FieldValue{v.as_string()};
    case json::value::Array: return FieldValue{v.serialize()};
    case json::value::Object: {
      if (jfield(v, "__deferred")) return std::nullopt;  // navigation link, not data
      if (const auto* results = jfield(v, "results"); results && results->is_array()) return toFieldValue(*results);
      // Verbose complex values carry their own __metadata; drop it so both
      // flavours store the same text.
      auto copy = v;
      if (copy.has_field("__metadata")) copy.erase("__metadata");
      return FieldValue{copy.serialize()};
    }
  }
  return std::nullopt;
}

// $expand'ed lookups (`"Author":{"Title":"Alice"}`) are flattened to
// "Author/Title" — the name they were $select'ed under.
void addExpanded(const std::string& prefix, const json::value& obj, Fields& out) {
  for (const auto& [key, value] : obj.as_object()) {
    if (isMetadataKey(key)) continue;
    if (auto fv = toFieldValue(value)) out.insert_or_assign(prefix + "/" + key, std::move(*fv));
  }
}

std::optional<Item> itemFrom(const json::value& obj) {
  if (!obj.is_object()) return std::nullopt;
  if (const auto* id = jfield(obj, "Id"); id && !id->is_number()) return std::nullopt;
  Item item;
  item.id = integerOr(obj, "Id", integerOr(obj, "ID", 0));
  if (item.id <= 0) return std::nullopt;
  std::optional<long long> version;
  if (const auto* e = jfield(obj, "odata.etag"); e && e->is_string()) version = httpEtagVersion(e->as_string());
  if (const auto* m = jfield(obj, "__metadata"); !version && m) {
    if (const auto* e = jfield(*m, "etag"); e && e->is_string()) version = httpEtagVersion(e->as_string());
  }
  if (!version) {
    // nometadata carries no etag; owshiddenversion is the same number.
    const long long hidden = integerOr(obj, "owshiddenversion", -1);
    if (hidden >= 0) version = hidden;
  }
  item.etag = version ? ifMatchFor(*version) : std::string{};
  item.uniqueId = stringOr(obj, "GUID");
  item.modified = stringOr(obj, "Modified");
  for (const auto& [key, value] : obj.as_object()) {
    if (isMetadataKey(key) || key == "Id" || key == "ID") continue;
    if ((value.is_object() || value.is_array()) && isSchemaField(key)) return std::nullopt;
    if (value.is_object() && !jfield(value, "results") && !jfield(value, "__deferred") &&
        (jfield(value, "Title") || jfield(value, "EMail") || jfield(value, "Id"))) {
      addExpanded(key, value, item.fields);
      continue;
    }
    if (auto fv = toFieldValue(value)) item.fields.insert_or_assign(key, std::move(*fv));
  }
  return item;
}

// A member that is absent or null passes; one of another type does not.
bool absentOr(const json::value& obj, const char* name, json::value::value_type type) {
  const auto* v = jfield(obj, name);
  return v == nullptr || v->is_null() || v->type() == type;
}

// "1b2c…-…" or "{…}" with 8-4-4-4-12 hex digits: anything else stored as a
// list id would make every later request for the list fail.
bool isGuid(std::string_view s) {
  if (s.size() == 38 && s.front() == '{' && s.back() == '}') s = s.substr(1, 36);
  if (s.size() != 36) return false;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const bool dash = i == 8 || i == 13 || i == 18 || i == 23;
    if (dash ? s[i] != '-' : !std::isxdigit(static_cast<unsigned char>(s[i]))) return false;
  }
  return true;
}

// The list's members deskpane reads must have SharePoint's types.
bool wellTypedList(const json::value& obj) {
  if (!obj.is_object()) return false;
  const auto* id = jfield(obj, "Id");
  if (!id || !id->is_string() || !isGuid(id->as_string())) return false;
  using T = json::value::value_type;
  if (!absentOr(obj, "Title", T::String) || !absentOr(obj, "BaseTemplate", T::Number) ||
      !absentOr(obj, "ItemCount", T::Number) || !absentOr(obj, "ListItemEntityTypeFullName", T::String))
    return false;
  if (const auto* n = jfield(obj, "ItemCount"); n && n->is_number() && (!n->as_number().is_int64() || n->as_number().to_int64() < 0))
    return false;
  if (const auto* t = jfield(obj, "CurrentChangeToken"); t && !t->is_null()) {
    if (!t->is_string() && !(t->is_object() && absentOr(*t, "StringValue", T::String))) return false;
  }
  if (const auto* root = jfield(obj, "RootFolder"); root && !root->is_null()) {
    if (!root->is_object() || !absentOr(*root, "ServerRelativeUrl", T::String)) return false;
  }
  return true;
}

ListInfo listFrom(const json::value& obj) {
  ListInfo info;
  info.id = stringOr(obj, "Id");
  if (info.id.size() == 38) info.id = info.id.substr(1, 36);  // braces off, as ListInfo promises
  info.title = stringOr(obj, "Title");
  info.baseTemplate = static_cast<int>(integerOr(obj, "BaseTemplate", 0));
  info.entityTypeFullName = stringOr(obj, "ListItemEntityTypeFullName");
  info.itemCount = integerOr(obj, "ItemCount", 0);
  info.created = stringOr(obj, "Created");
  if (const auto* t = jfield(obj, "CurrentChangeToken")) {
    if (t->is_string()) info.currentChangeToken = t->as_string();
    else info.currentChangeToken = stringOr(*t, "StringValue");
  }
  if (const auto* root = jfield(obj, "RootFolder")) info.rootFolderUrl = stringOr(*root, "ServerRelativeUrl");
  return info;
}

}  // namespace

std::optional<ItemPage> parseItemPage(std::string_view body) {
  ItemPage page;
  auto read = readItemPage(body, [&](std::vector<Item>&& chunk) {
    if (page.items.empty()) page.items = std::move(chunk);
    else std::move(chunk.begin(), chunk.end(), std::back_inserter(page.items));
    return true;
  });
  if (!read) return std::nullopt;
  page.nextLink = std::move(read.page->nextLink);
  return page;
}

std::optional<Item> parseItem(std::string_view body) {
  auto root = parseJson(body);
  if (!root) return std::nullopt;
  return itemFrom(unwrapEntity(*root));
}

std::optional<WebInfo> parseWeb(std::string_view body) {
  auto root = parseJson(body);
  if (!root) return std::nullopt;
  const auto& obj = unwrapEntity(*root);
  if (!obj.is_object()) return std::nullopt;
  WebInfo web{stringOr(obj, "Id"), stringOr(obj, "Title"), stringOr(obj, "Url"), stringOr(obj, "ServerRelativeUrl")};
  return web;
}

std::optional<ListInfo> parseList(std::string_view body) {
  auto root = parseJson(body);
  if (!root) return std::nullopt;
  const auto& obj = unwrapEntity(*root);
  if (!wellTypedList(obj)) return std::nullopt;
  return listFrom(obj);
}

std::optional<std::vector<ListInfo>> parseLists(std::string_view body) {
  auto root = parseJson(body);
  if (!root) return std::nullopt;
  const auto* arr = collectionArray(*root);
  if (!arr || !arr->is_array()) return std::nullopt;
  std::vector<ListInfo> out;
  for (const auto& e : arr->as_array()) {
    if (!wellTypedList(e)) return std::nullopt;
    out.push_back(listFrom(e));
  }
  return out;
}

std::optional<std::vector<Change>> parseChanges(std::string_view body) {
  auto root = parseJson(body);
  if (!root) return std::nullopt;
  const auto* arr = collectionArray(*root);
  if (!arr || !arr->is_array()) return std::nullopt;
  std::vector<Change> out;
  out.reserve(arr->size());
  for (const auto& e : arr->as_array()) {
    // A change of the wrong shape would be skipped while its token moved
    // the list past it: the whole answer is refused instead.
    using T = json::value::value_type;
    if (!e.is_object() || !absentOr(e, "ItemId", T::Number)) return std::nullopt;
    const auto* ct = jfield(e, "ChangeType");
    if (!ct || !ct->is_number() || !ct->as_number().is_int64()) return std::nullopt;
    if (const auto* id = jfield(e, "ItemId"); id && id->is_number() && !id->as_number().is_int64()) return std::nullopt;
    if (const auto* t = jfield(e, "ChangeToken"); t && !t->is_null()) {
      if (!t->is_string() && !(t->is_object() && absentOr(*t, "StringValue", T::String))) return std::nullopt;
    }
    Change c;
    const long long type = integerOr(e, "ChangeType", 0);
    switch (type) {
      case 1: case 2: case 3: case 4: case 5: case 6: case 7: case 15: c.type = static_cast<ChangeType>(type); break;
      default: c.type = ChangeType::Other;
    }
    c.itemId = integerOr(e, "ItemId", 0);
    if (const auto* t = jfield(e, "ChangeToken")) c.token = t->is_string() ? t->as_string() : stringOr(*t, "StringValue");
    out.push_back(std::move(c));
  }
  return out;
}

std::optional<FormDigest> parseContextInfo(std::string_view body) {
  auto root = parseJson(body);
  if (!root) return std::nullopt;
  const json::value* obj = &*root;
  if (const auto* d = jfield(*root, "d")) {
    const auto* info = jfield(*d, "GetContextWebInformation");
    obj = info ? info : d;
  }
  FormDigest digest;
  digest.value = stringOr(*obj, "FormDigestValue");
  if (digest.value.empty()) return std::nullopt;
  digest.lifetime = std::chrono::seconds(integerOr(*obj, "FormDigestTimeoutSeconds", 1800));
  return digest;
}

std::optional<FormUpdateResult> parseFormUpdate(std::string_view body) {
  auto root = parseJson(body);
  if (!root) return std::nullopt;
  // JSON light: {"value":[...]}; verbose: {"d":{"AddValidateUpdateItemUsingPath":{"results":[...]}}}.
  const json::value* arr = jfield(*root, "value");
  if (const auto* d = jfield(*root, "d")) {
    for (const char* name : {"AddValidateUpdateItemUsingPath", "ValidateUpdateListItem"})
      if (const auto* call = jfield(*d, name)) arr = jfield(*call, "results");
  }
  if (!arr || !arr->is_array()) return std::nullopt;
  FormUpdateResult out;
  for (const auto& row : arr->as_array()) {
    if (!row.is_object()) return std::nullopt;
    const auto name = stringOr(row, "FieldName");
    if (const auto* failed = jfield(row, "HasException"); failed && failed->is_boolean() && failed->as_bool())
      out.errors.push_back(name + ": " + stringOr(row, "ErrorMessage"));
    if (const auto id = integerOr(row, "ItemId", 0); id > 0) out.itemId = id;
    // Older servers carry the id only in the "Id" row's value.
    if (name == "Id" && out.itemId == 0) {
      const auto text = stringOr(row, "FieldValue");
      if (!text.empty() && text.size() <= 18 && text.find_first_not_of("0123456789") == std::string::npos)
        out.itemId = std::stoll(text);
    }
  }
  return out;
}

std::optional<ServerError> parseError(std::string_view body) {
  auto root = parseJson(body);
  if (!root) return std::nullopt;
  const json::value* err = jfield(*root, "odata.error");
  if (!err) err = jfield(*root, "error");
  if (!err || !err->is_object()) return std::nullopt;
  ServerError out;
  out.code = stringOr(*err, "code");
  if (const auto* m = jfield(*err, "message")) out.message = m->is_string() ? m->as_string() : stringOr(*m, "value");
  return out;
}

bool isChangeTokenRejection(int status, const std::optional<ServerError>& error) {
  if (status < 400 || status == 401 || status == 403 || status == 404 || status == 429 || status == 503) return false;
  if (!error) return false;
  static const char* const kCodes[] = {"-2130575172", "-2146232832", "-2130575173", "System.FormatException",
                                       "System.ArgumentOutOfRangeException"};
  for (const char* code : kCodes) {
    if (error->code.find(code) != std::string::npos) return true;
  }
  std::string msg = error->message;
  std::transform(msg.begin(), msg.end(), msg.begin(), [](unsigned char c) { return std::tolower(c); });
  return msg.find("changetoken") != std::string::npos || msg.find("change token") != std::string::npos;
}

void applyChanges(const std::vector<Change>& changes, ChangeSummary& summary) {
  std::set<std::int64_t> changed(summary.changedIds.begin(), summary.changedIds.end());
  std::set<std::int64_t> deleted(summary.deletedIds.begin(), summary.deletedIds.end());
  for (const auto& c : changes) {
    if (!c.token.empty()) summary.lastToken = c.token;
    if (c.itemId <= 0) continue;
    switch (c.type) {
      case ChangeType::Delete:
      case ChangeType::MoveAway:
        changed.erase(c.itemId);
        deleted.insert(c.itemId);
        break;
      case ChangeType::Other: break;
      default:
        deleted.erase(c.itemId);
        changed.insert(c.itemId);
    }
  }
  summary.changedIds.assign(changed.begin(), changed.end());
  summary.deletedIds.assign(deleted.begin(), deleted.end());
}

}  // namespace deskpane::sync
