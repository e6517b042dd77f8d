// Change tracking: POST {list}/getchanges (SP.ChangeQuery) and POST
// {list}/getlistitemchangessincetoken (the Lists.asmx rowset), with token
// validation against the list and the log's retention (sharepoint-rest.md §3).
#include "emulator/api_context.h"
#include "emulator/change_token.h"
#include "emulator/field_codec.h"
#include "emulator/odata_query.h"
#include "emulator/sp_error.h"
#include "emulator/time_util.h"
#include "emulator/users.h"

#include <cpprest/json.h>

#include <algorithm>
#include <set>

namespace deskpane::emu {

namespace json = web::json;

namespace {

constexpr std::size_t kMaxChanges = 1000;
// RowLimit when the query has none. The reference (sharepoint-rest.md §3.3)
// only shows clients sending "100"; SharePoint's own default is unverified,
// so this is the same 100 as /items without $top (§1.1).
constexpr std::size_t kDefaultRowLimit = 100;

json::value parseQueryBody(const ApiContext& ctx) {
  json::value body;
  try {
    body = ctx.req.body.find_first_not_of(" \r\n\t") == std::string::npos ? json::value::object()
                                                                              : json::value::parse(ctx.req.body);
  } catch (const std::exception&) {
    throw badRequest("Invalid JSON. A token was not recognized in the JSON content.");
  }
  if (!body.is_object()) throw badRequest("Invalid JSON. An object was expected in the JSON content.");
  if (body.has_field("query") && body.at("query").is_object()) return body.at("query");
  return json::value::object();
}

bool flag(const json::value& q, const char* name) {
  if (!q.has_field(name)) return false;
  const auto& v = q.at(name);
  if (v.is_boolean()) return v.as_bool();
  if (v.is_string()) return iequals(v.as_string(), "true");
  return false;
}

std::optional<std::string> tokenString(const json::value& q, const char* name) {
  if (!q.has_field(name)) return std::nullopt;
  const auto& v = q.at(name);
  if (v.is_string()) return v.as_string();
  if (v.is_object() && v.has_field("StringValue") && v.at("StringValue").is_string()) return v.at("StringValue").as_string();
  return std::nullopt;
}

// Validates a client token against this list and the log's retention.
ChangeToken checkToken(const ApiContext& ctx, const ListInfo& list, const std::string& text) {
  const auto token = parseChangeToken(text);
  if (!token) throw changeTokenMalformed(text);
  if (!iequals(token->scopeGuid, list.guid)) throw changeTokenForeign();
  const auto retentionTicks = static_cast<std::int64_t>(ctx.svc.config.tokenRetention.count()) * 10'000'000LL;
  if (token->ticks < nowTicks() - retentionTicks) throw changeTokenTooOld();
  return *token;
}

std::int64_t intValue(const json::value& q, const char* name) {
  if (!q.has_field(name)) return 0;
  const auto& v = q.at(name);
  if (v.is_number()) return v.as_number().to_int64();
  if (v.is_string()) return std::atoll(v.as_string().c_str());
  return 0;
}

std::string xmlEscape(const std::string& s) {
  std::string out;
  out.reserve(s.size());
  for (const char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '\'': out += "&apos;"; break;
      case '"': out += "&quot;"; break;
      case '\n': out += "&#10;"; break;
      case '\r': out += "&#13;"; break;
      default: out.push_back(c);
    }
  }
  return out;
}

std::string upperGuid(const std::string& g) {
  std::string out = "{";
  for (const char c : g) out.push_back(static_cast<char>(std::toupper(static_cast<unsigned char>(c))));
  return out + "}";
}

std::string userText(std::int64_t id) {
  const auto* u = findUser(static_cast<int>(id));
  return std::to_string(id) + ";#" + (u ? u->title : std::string());
}

// ows_ value forms of the Lists.asmx rowset.
std::string rowValue(const FieldDef& f, const Item& item) {
  const auto& v = item.get(f.internalName);
  if (isNull(v)) return "";
  const auto prefix = std::to_string(item.id) + ";#";
  if (f.internalName == "FileRef" || f.internalName == "FileDirRef") {
    auto path = std::get<std::string>(v);
    if (!path.empty() && path[0] == '/') path.erase(0, 1);
    return prefix + path;
  }
  if (f.internalName == "FSObjType") return prefix + fieldValueText(v);
  if (f.type == FieldType::Guid) return upperGuid(std::get<std::string>(v));
  if (f.type == FieldType::User) return userText(std::get<std::int64_t>(v));
  if (f.type == FieldType::UserMulti) {
    std::string s;
    for (const auto id : std::get<std::vector<std::int64_t>>(v)) s += (s.empty() ? "" : ";#") + userText(id);
    return s;
  }
  if (f.type == FieldType::MultiChoice) return ";#" + fieldValueText(v) + ";#";
  return fieldValueText(v);
}

std::vector<std::string> viewFieldNames(const std::string& viewFields) {
  std::vector<std::string> names;
  std::size_t pos = 0;
  while ((pos = viewFields.find("Name=", pos)) != std::string::npos) {
    pos += 5;
    if (pos >= viewFields.size()) break;
    const char quote = viewFields[pos];
    if (quote != '\'' && quote != '"') continue;
    const auto end = viewFields.find(quote, pos + 1);
    if (end == std::string::npos) break;
    names.push_back(viewFields.substr(pos + 1, end - pos - 1));
    pos = end;
  }
  return names;
}

void writeRow(std::string& out, const ListInfo& list, const Item& item, const std::vector<const FieldDef*>& fields) {
  out += "<z:row";
  for (const auto* f : fields) {
    const auto value = rowValue(*f, item);
    if (value.empty()) continue;
    out += " ows_" + f->internalName + "='" + xmlEscape(value) + "'";
  }
  out += " ows_UniqueId='" + std::to_string(item.id) + ";#" + upperGuid(item.guid()) + "'";
  out += " ows_PermMask='0x7fffffffffffffff' />";
  (void)list;
}

void writeListSchema(std::string& out, const ListInfo& list) {
  out += "<List ID=\"" + upperGuid(list.guid) + "\" Title=\"" + xmlEscape(list.title) + "\" ServerTemplate=\"" +
         std::to_string(list.baseTemplate) + "\" ItemCount=\"" + std::to_string(list.itemCount) + "\"><Fields>";
  for (const auto& f : *list.fields) {
    out += "<Field Name=\"" + f.internalName + "\" StaticName=\"" + f.internalName + "\" DisplayName=\"" +
           xmlEscape(f.title) + "\" Type=\"" + f.typeAsString() + "\"" + (f.hidden ? " Hidden=\"TRUE\"" : "") +
           (f.readOnly ? " ReadOnly=\"TRUE\"" : "") + " />";
  }
  out += "</Fields><RegionalSettings><Language>1033</Language><Locale>1033</Locale><AdvanceHijri>0</AdvanceHijri>"
         "<CalendarType>1</CalendarType><Time24>FALSE</Time24><TimeZone>480</TimeZone><SortOrder>2070</SortOrder>"
         "<Presence>TRUE</Presence></RegionalSettings></List>";
}

// The p_ID of <QueryOptions><Paging ListItemCollectionPositionNext="…"/>:
// the position a previous page of a full read ended at, XML-escaped as the
// rs:data attribute carried it ("Paged=TRUE&amp;p_ID=100").
std::optional<std::int64_t> pagingPosition(const json::value& q) {
  if (!q.has_field("QueryOptions") || !q.at("QueryOptions").is_string()) return std::nullopt;
  const auto& options = q.at("QueryOptions").as_string();
  const std::string attr = "ListItemCollectionPositionNext=";
  auto pos = options.find(attr);
  if (pos == std::string::npos || pos + attr.size() >= options.size()) return std::nullopt;
  pos += attr.size();
  const char quote = options[pos];
  const auto end = options.find(quote, pos + 1);
  if ((quote != '"' && quote != '\'') || end == std::string::npos) throw badRequest("Invalid QueryOptions.");
  std::string text = options.substr(pos + 1, end - pos - 1);
  for (std::size_t amp; (amp = text.find("&amp;")) != std::string::npos;) text.replace(amp, 5, "&");
  if (text.empty()) return std::nullopt;
  const auto token = parseSkipToken(text);
  if (!token) throw badRequest(token.error().message);
  return token->lastId;
}

}  // namespace

Response handleGetChanges(ApiContext& ctx, const ListInfo& list) {
  ctx.route = "POST getchanges";
  const auto q = parseQueryBody(ctx);
  std::int64_t after = 0, minTicks = 0, maxNumber = INT64_MAX;
  if (auto start = tokenString(q, "ChangeTokenStart")) {
    const auto t = checkToken(ctx, list, *start);
    if (t.number < 0) {
      minTicks = t.ticks;
    } else {
      after = t.number;
    }
  }
  if (auto end = tokenString(q, "ChangeTokenEnd")) {
    const auto t = checkToken(ctx, list, *end);
    if (t.number >= 0) maxNumber = t.number;
  }
  unsigned mask = 0;
  if (flag(q, "Item")) {
    if (flag(q, "Add")) mask |= 1u << static_cast<unsigned>(ChangeType::Add);
    if (flag(q, "Update")) mask |= 1u << static_cast<unsigned>(ChangeType::Update);
    if (flag(q, "DeleteObject")) mask |= 1u << static_cast<unsigned>(ChangeType::DeleteObject);
    if (flag(q, "Restore")) mask |= 1u << static_cast<unsigned>(ChangeType::Restore);
  }
  std::size_t limit = kMaxChanges;
  if (const auto fetch = intValue(q, "FetchLimit"); fetch > 0) limit = std::min<std::size_t>(limit, static_cast<std::size_t>(fetch));
  const auto changes = mask ? ctx.svc.store.changes(list.guid, after, minTicks, maxNumber, limit, mask) : std::vector<Change>{};

  JsonWriter w;
  beginCollection(w, ctx, "Collection(SP.Change)");
  for (const auto& c : changes) {
    const auto token = listChangeToken(list.guid, c.ticks, c.number).str();
    w.beginObject();
    const std::string entityId = "SP.ChangeItem" + c.uniqueId + std::to_string(c.number);
    writeEntityMetadata(w, ctx, "SP.ChangeItem", ctx.siteUrl + "/_api/" + entityId, entityId);
    w.key("ChangeToken").beginObject();
    writeComplexType(w, ctx, "SP.ChangeToken");
    w.field("StringValue", token).endObject();
    w.field("ChangeType", static_cast<int>(c.type));
    w.field("SiteId", ctx.svc.siteGuid);
    w.field("Time", isoUtc(timePointFromTicks(c.ticks)));
    w.field("ItemId", c.itemId);
    w.field("ListId", list.guid);
    w.field("ServerRelativeUrl", "");
    w.key("SharedByUser").null();
    w.key("SharedWithUsers").null();
    w.field("UniqueId", c.uniqueId);
    w.field("WebId", ctx.svc.webGuid);
    w.endObject();
  }
  endCollection(w, ctx, "");
  return jsonResponse(ctx, 200, w.take());
}

Response handleChangesSinceToken(ApiContext& ctx, const ListInfo& list) {
  ctx.route = "POST getlistitemchangessincetoken";
  const auto q = parseQueryBody(ctx);
  const auto tokenText = tokenString(q, "ChangeToken");
  std::size_t rowLimit = static_cast<std::size_t>(std::max<std::int64_t>(0, intValue(q, "RowLimit")));
  if (rowLimit == 0) rowLimit = kDefaultRowLimit;

  std::vector<const FieldDef*> fields;
  const auto viewNames = q.has_field("ViewFields") && q.at("ViewFields").is_string()
                             ? viewFieldNames(q.at("ViewFields").as_string())
                             : std::vector<std::string>{};
  for (const auto& f : *list.fields) {
    const bool mandatory = f.readOnly || f.internalName == "Title" || f.internalName == "ContentType";
    const bool named = std::find(viewNames.begin(), viewNames.end(), f.internalName) != viewNames.end();
    if (viewNames.empty() || mandatory || named) fields.push_back(&f);
  }

  std::string changesXml;
  std::string rows;
  std::size_t rowCount = 0;
  std::string positionNext;
  bool more = false;
  bool invalid = false;
  std::string lastToken = listChangeToken(list.guid, nowTicks(), ctx.svc.store.lastChangeNumber()).str();
  if (!tokenText || tokenText->empty()) {
    // Full listing: schema, RowLimit items in ID order, and the token to
    // continue from, which is the first page's on every page (the client
    // keeps the last page's).
    const auto after = pagingPosition(q).value_or(0);
    const auto retentionTicks = static_cast<std::int64_t>(ctx.svc.config.tokenRetention.count()) * 10'000'000LL;
    if (after > 0) {
      if (const auto first = ctx.svc.pagingTokens.recall(list.guid, after)) lastToken = first->str();
    }
    writeListSchema(changesXml, list);
    const auto page = ctx.svc.store.itemRange(list.guid, static_cast<int>(std::clamp<std::int64_t>(after, 0, INT32_MAX)),
                                              rowLimit + 1, false);
    for (std::size_t i = 0; i < page.size() && i < rowLimit; ++i) {
      writeRow(rows, list, *page[i], fields);
      ++rowCount;
    }
    if (page.size() > rowLimit) {
      const auto lastId = page[rowLimit - 1]->id;
      positionNext = "Paged=TRUE&amp;p_ID=" + std::to_string(lastId);
      ctx.svc.pagingTokens.remember(list.guid, lastId, *parseChangeToken(lastToken), nowTicks() - retentionTicks);
    }
  } else {
    std::optional<ChangeToken> token;
    try {
      token = checkToken(ctx, list, *tokenText);
    } catch (const SpError& e) {
      if (e.status() == 400 || e.code().find("-2130575173") == 0) throw;
      invalid = true;  // too old: tell the client to start over
    }
    if (invalid) {
      changesXml += "<Id ChangeType=\"InvalidToken\" />";
    } else {
      const auto changes = ctx.svc.store.changes(list.guid, token->number < 0 ? 0 : token->number,
                                                 token->number < 0 ? token->ticks : 0, INT64_MAX, rowLimit + 1);
      more = changes.size() > rowLimit;
      const std::size_t n = std::min(changes.size(), rowLimit);
      std::set<int> seen;
      std::set<int> deleted;
      for (std::size_t i = n; i-- > 0;) {
        const auto& c = changes[i];
        if (!seen.insert(c.itemId).second) continue;
        if (c.type == ChangeType::DeleteObject) {
          deleted.insert(c.itemId);
          changesXml = "<Id ChangeType=\"Delete\" UniqueId=\"" + upperGuid(c.uniqueId) + "\">" +
                       std::to_string(c.itemId) + "</Id>" + changesXml;
        }
      }
      for (const int id : seen) {
        if (deleted.count(id)) continue;
        if (const auto item = ctx.svc.store.item(list.guid, id)) {
          writeRow(rows, list, *item, fields);
          ++rowCount;
        }
      }
      if (n > 0 && more) lastToken = listChangeToken(list.guid, changes[n - 1].ticks, changes[n - 1].number).str();
    }
  }
  std::string xml = "<?xml version=\"1.0\" encoding=\"utf-8\" ?><GetListItemChangesSinceTokenResult>"
                    "<listitems MinTimeBetweenSyncs='0' RecommendedTimeBetweenSyncs='180' MaxBulkDocumentSyncSize='500' "
                    "MaxRecommendedEmbeddedFileSize='500' EffectivePermMask='FullMask' "
                    "xmlns:s='uuid:BDC6E3F0-6DA3-11d1-A2A3-00AA00C14882' xmlns:dt='uuid:C2F41010-65B3-11d1-A29F-00AA00C14882' "
                    "xmlns:rs='urn:schemas-microsoft-com:rowset' xmlns:z='#RowsetSchema'>";
  xml += "<Changes LastChangeToken=\"" + lastToken + "\"" + (more ? " MoreChanges=\"TRUE\"" : "") + ">" + changesXml +
         "</Changes>";
  xml += "<rs:data ItemCount=\"" + std::to_string(rowCount) + "\"" +
         (positionNext.empty() ? "" : " ListItemCollectionPositionNext=\"" + positionNext + "\"") + ">" + rows + "</rs:data></listitems>"
         "</GetListItemChangesSinceTokenResult>";
  Response r;
  r.status = 200;
  r.body = std::move(xml);
  r.setHeader("Content-Type", "text/xml; charset=utf-8");
  return r;
}

}  // namespace deskpane::emu
