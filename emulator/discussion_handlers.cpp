// Discussion boards and the validate-style writes (sharepoint-rest.md §2.7,
// §5.5): AddValidateUpdateItemUsingPath creates threads (folders) and
// replies (messages inside them); validateupdatelistitem edits by form values.
#include "emulator/api_context.h"
#include "emulator/field_codec.h"
#include "emulator/form_values.h"
#include "emulator/sp_error.h"
#include "emulator/time_util.h"

#include <cpprest/json.h>

namespace deskpane::emu {

namespace json = web::json;

namespace {

constexpr const char* kDiscussionCtId = "0x012002006A8B0F1EA2B25E4F8B3F1A1DAB5A5D45";
constexpr const char* kMessageCtId = "0x0107002D9E1A62C6B4B74C9BC0C8BB2C2C4E2F";

std::string listRoot(const ApiContext& ctx, const ListInfo& list) {
  return ctx.svc.config.sitePath + "/Lists/" + list.urlLeaf;
}

ItemPtr findFolder(const ApiContext& ctx, const ListInfo& list, const std::string& path) {
  for (const auto& item : ctx.svc.store.items(list.guid)) {
    if (item->fsObjType == 1 && iequals(item->text("FileRef"), path)) return item;
  }
  return nullptr;
}


json::value parseBody(const ApiContext& ctx) {
  try {
    auto body = json::value::parse(ctx.req.body.empty() ? std::string("{}") : ctx.req.body);
    if (body.is_object()) return body;
  } catch (const std::exception&) {
  }
  throw badRequest("Invalid JSON. A token was not recognized in the JSON content.");
}

}  // namespace

void prepareDiscussionCreate(ApiContext& ctx, const ListInfo& list, std::map<std::string, FieldValue>& values,
                             CreateOptions& options, const std::string& folderPath, bool folderRequested,
                             const std::string& leafName) {
  const auto* ctName = std::get_if<std::string>(&values["ContentType"]);
  const auto* ctId = std::get_if<std::string>(&values["ContentTypeId"]);
  const bool thread = folderRequested || (ctName && *ctName == "Discussion") ||
                      (ctId && ctId->rfind("0x012002", 0) == 0);
  values.erase("ContentType");
  values.erase("ContentTypeId");
  const auto root = listRoot(ctx, list);
  const bool atRoot = folderPath.empty() || iequals(folderPath, root) || iequals(folderPath, root + "/");
  const auto now = nowIso();
  if (thread) {
    if (!atRoot) throw badRequest("Discussions can only be created at the root of the list.");
    options.fsObjType = 1;
    options.contentTypeId = kDiscussionCtId;
    options.contentTypeName = "Discussion";
    const auto* title = std::get_if<std::string>(&values["Title"]);
    const std::string leaf = !leafName.empty() ? leafName : (title ? *title : std::string("Discussion"));
    values["FileRef"] = root + "/" + leaf;
    // A name the client chose must be free; one derived from the subject is
    // made unique, as two threads may well share a subject.
    options.renameOnConflict = leafName.empty();
    if (isNull(values["DiscussionLastUpdated"])) values["DiscussionLastUpdated"] = now;
    values["ItemChildCount"] = std::int64_t{0};
    values["ThreadIndex"] = std::string("0x01") + std::to_string(nowTicks());
    return;
  }
  options.contentTypeId = kMessageCtId;
  options.contentTypeName = "Message";
  ItemPtr folder;
  if (!atRoot) {
    folder = findFolder(ctx, list, folderPath);
    if (!folder) throw SpError(404, "-2147024894, System.IO.FileNotFoundException", "File Not Found.");
  } else if (const auto* parent = std::get_if<std::int64_t>(&values["ParentItemID"])) {
    auto item = ctx.svc.store.item(list.guid, static_cast<int>(*parent));
    if (!item) throw itemNotFound();
    if (item->fsObjType == 1) {
      folder = item;
    } else if (const auto* pf = std::get_if<std::int64_t>(&item->get("ParentFolderId"))) {
      folder = ctx.svc.store.item(list.guid, static_cast<int>(*pf));
    }
  }
  if (!folder) return;  // a loose message at the root, as SharePoint allows
  options.folder = folder->text("FileRef");
  values["ParentFolderId"] = static_cast<std::int64_t>(folder->id);
  if (isNull(values["ParentItemID"])) values["ParentItemID"] = static_cast<std::int64_t>(folder->id);
  if (isNull(values["Title"])) values["Title"] = folder->text("Title");
  if (isNull(values["DiscussionLastUpdated"])) values["DiscussionLastUpdated"] = now;
  const auto* parentId = std::get_if<std::int64_t>(&values["ParentItemID"]);
  if (const auto parent = ctx.svc.store.item(list.guid, static_cast<int>(*parentId))) {
    values["ParentItemEditor"] = parent->get("Editor");
  }
}

void afterDiscussionCreate(ApiContext& ctx, const ListInfo& list, const Item& created) {
  const auto* folderId = std::get_if<std::int64_t>(&created.get("ParentFolderId"));
  if (created.fsObjType == 1 || !folderId) return;
  const auto folder = ctx.svc.store.item(list.guid, static_cast<int>(*folderId));
  if (!folder) return;
  const auto* count = std::get_if<std::int64_t>(&folder->get("ItemChildCount"));
  std::map<std::string, FieldValue> changes{
      {"ItemChildCount", (count ? *count : 0) + 1},
      {"DiscussionLastUpdated", created.text("Created")},
      {"LastReplyBy", static_cast<std::int64_t>(ctx.userId)},
  };
  // SharePoint refreshes only the thread's reply counters: its version, ETag,
  // Modified and Editor stay, so whoever holds the thread's ETag can still
  // edit it.
  ctx.svc.store.systemUpdate(list.guid, folder->id, changes);
}

Response handleAddValidateUpdate(ApiContext& ctx, const ListInfo& list) {
  ctx.route = "POST addvalidateupdateitemusingpath";
  const auto body = parseBody(ctx);
  const auto form = formValues(body);
  auto parsed = parseForm(list, form);
  if (!parsed.ok()) return formResult(ctx, "AddValidateUpdateItemUsingPath", form, parsed, 0);
  auto values = std::move(parsed.values);
  json::value info = body.has_field("listItemCreateInfo") ? body.at("listItemCreateInfo") : json::value::object();
  const auto folderPath = formText(info, "FolderPath");
  const auto leaf = formText(info, "LeafName");
  const bool folderRequested = formText(info, "UnderlyingObjectType") == "1";
  CreateOptions options;
  if (list.baseTemplate == 108) {
    prepareDiscussionCreate(ctx, list, values, options, folderPath, folderRequested, leaf);
  } else {
    if (folderRequested) {
      options.fsObjType = 1;
      options.contentTypeId = "0x0120";
      options.contentTypeName = "Folder";
    }
    if (!folderPath.empty()) options.folder = folderPath;
    values.erase("ContentType");
  }
  const auto item = ctx.svc.store.create(list.guid, std::move(values), ctx.userId, options);
  if (list.baseTemplate == 108) afterDiscussionCreate(ctx, list, *item);
  return formResult(ctx, "AddValidateUpdateItemUsingPath", form, parsed, item->id);
}

Response handleValidateUpdateItem(ApiContext& ctx, const ListInfo& list, int id) {
  ctx.route = "POST validateupdatelistitem";
  const auto body = parseBody(ctx);
  const auto form = formValues(body);
  auto parsed = parseForm(list, form);
  if (!parsed.ok()) return formResult(ctx, "ValidateUpdateListItem", form, parsed, id);
  auto values = parsed.values;
  values.erase("ContentType");
  // The form may set who and when (a migration keeps the original
  // Modified and Editor): those are written after the update that would
  // stamp them with now and the caller.
  std::map<std::string, FieldValue> stamps;
  for (const char* name : {"Modified", "Editor", "Created", "Author"}) {
    if (const auto it = values.find(name); it != values.end()) {
      stamps.insert(*it);
      values.erase(it);
    }
  }
  ctx.svc.store.update(list.guid, id, values, std::nullopt, "", ctx.userId);
  if (!stamps.empty()) ctx.svc.store.systemUpdate(list.guid, id, stamps);
  return formResult(ctx, "ValidateUpdateListItem", form, parsed, id);
}

}  // namespace deskpane::emu
