#pragma once
// Internal to the emulator: what every /_api handler gets (the request, its
// flavour, the services) and the helpers that shape SharePoint responses.
#include "emulator/api_path.h"
#include "emulator/flavour.h"
#include "emulator/form_digest.h"
#include "emulator/http_types.h"
#include "emulator/item_store.h"
#include "emulator/json_writer.h"
#include "emulator/oauth_tokens.h"
#include "emulator/paging_tokens.h"
#include "emulator/request_stats.h"
#include "emulator/site_api.h"

#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace deskpane::emu {

struct Services {
  SiteConfig config;
  ItemStore store;
  FormDigest digest;
  OAuthTokens tokens;
  RequestStats stats;
  std::string siteGuid;
  std::string webGuid;
  PagingTokens pagingTokens;  // getlistitemchangessincetoken first reads

  Services(SiteConfig c);
};

struct ApiContext {
  const Request& req;
  Services& svc;
  Flavour flavour;
  std::string origin;   // http://127.0.0.1:N
  std::string siteUrl;  // origin + site path
  std::string route;    // stats key, set by the dispatcher
  int userId;
};

// ---- response shaping (api_response.cpp)
Response jsonResponse(const ApiContext& ctx, int status, std::string body);
Response errorResponse(Flavour f, int status, const std::string& code, const std::string& message);
// Begins the envelope of a single entity: {"d":{ for verbose, { otherwise,
// plus odata.metadata for minimal. Close with endEntityEnvelope.
void beginEntityEnvelope(JsonWriter& w, const ApiContext& ctx, const std::string& metadataSuffix);
void endEntityEnvelope(JsonWriter& w, const ApiContext& ctx);
// Entity metadata keys (__metadata or odata.type/id/editLink/etag).
void writeEntityMetadata(JsonWriter& w, const ApiContext& ctx, const std::string& type, const std::string& id,
                         const std::string& editLink, const std::string& etag = "");
void beginCollection(JsonWriter& w, const ApiContext& ctx, const std::string& metadataSuffix);
void endCollection(JsonWriter& w, const ApiContext& ctx, const std::string& nextLink);
// A verbose complex type's __metadata, nothing in other flavours.
void writeComplexType(JsonWriter& w, const ApiContext& ctx, const std::string& type);
std::string listEditLink(const ListInfo& list);  // Web/Lists(guid'…')

// ---- handlers (one file per area)
Response handleWebAndLists(ApiContext& ctx, const std::vector<PathSegment>& path);  // web_handlers.cpp
Response handleList(ApiContext& ctx, const ListInfo& list, const std::vector<PathSegment>& rest);
Response handleItemsRead(ApiContext& ctx, const ListInfo& list);                      // item_reads.cpp
Response handleItemRead(ApiContext& ctx, const ListInfo& list, int id);
Response handleItemCreate(ApiContext& ctx, const ListInfo& list);                     // item_writes.cpp
Response handleItemUpdate(ApiContext& ctx, const ListInfo& list, int id, bool replace);
Response handleItemDelete(ApiContext& ctx, const ListInfo& list, int id, bool recycle);
Response handleGetChanges(ApiContext& ctx, const ListInfo& list);                     // change_handlers.cpp
Response handleChangesSinceToken(ApiContext& ctx, const ListInfo& list);
Response handleAddValidateUpdate(ApiContext& ctx, const ListInfo& list);              // discussion_handlers.cpp
Response handleValidateUpdateItem(ApiContext& ctx, const ListInfo& list, int id);
Response handleContextInfo(ApiContext& ctx);                                         // web_handlers.cpp
Response handleBatch(ApiContext& ctx, const std::function<Response(const Request&)>& dispatch);  // batch_handler.cpp
Response handleControl(const Request& req, Services& svc);                            // control_api.cpp
Response handleOAuth(const Request& req, Services& svc, const std::string& endpoint); // oauth_api.cpp

// Discussion boards (discussion_handlers.cpp): a thread is a folder, a
// reply a Message inside it. `folderPath` empty = list root.
void prepareDiscussionCreate(ApiContext& ctx, const ListInfo& list, std::map<std::string, FieldValue>& values,
                             CreateOptions& options, const std::string& folderPath, bool folderRequested,
                             const std::string& leafName);
void afterDiscussionCreate(ApiContext& ctx, const ListInfo& list, const Item& created);

// Writes one item (item_json.cpp). `select` and `expand` are the raw $select
// and $expand texts; "Author/Title" without Author in `expand` is a 400.
struct ItemProjection;
std::shared_ptr<const ItemProjection> makeProjection(const ListInfo& list, const std::string& select,
                                                     const std::string& expand);
void writeItem(JsonWriter& w, const ApiContext& ctx, const ListInfo& list, const Item& item,
               const ItemProjection& projection);
// {"d":{item}} / {"odata.metadata":…, item keys} / {item keys}
std::string singleItemBody(const ApiContext& ctx, const ListInfo& list, const Item& item,
                           const ItemProjection& projection);
// Parses a write body into field values (validating names and types).
std::map<std::string, FieldValue> parseItemBody(const ApiContext& ctx, const ListInfo& list);

}  // namespace deskpane::emu
