#include "emulator/item_store.h"

#include "emulator/field_codec.h"
#include "emulator/guid.h"
#include "emulator/sp_error.h"
#include "emulator/time_util.h"
#include "emulator/url_codec.h"

#include <sqlite3.h>

#include <algorithm>
#include <mutex>
#include <unordered_map>
#include <stdexcept>

namespace deskpane::emu {

struct ItemStore::ListData {
  ListInfo info;
  std::map<int, ItemPtr> items;
  // Lower-case FileRef → id of each folder: name claims and a reply's thread
  // are found without scanning the list (bulk seeds make thousands).
  std::unordered_map<std::string, int> folders;
  int nextId = 1;
  int order = 0;
  std::vector<Change> changes;
};

const FieldDef* ListInfo::field(const std::string& internalName) const {
  for (const auto& f : *fields) {
    if (f.internalName == internalName) return &f;
  }
  return nullptr;
}

const FieldDef* ListInfo::fieldByRestName(const std::string& restName) const {
  for (const auto& f : *fields) {
    if (f.restName() == restName) return &f;
  }
  return nullptr;
}

void ItemStore::DbCloser::operator()(sqlite3* db) const { sqlite3_close_v2(db); }

namespace {

// RAII prepared statement; throws on any SQLite error so a failed write never
// leaves memory and disk disagreeing silently.
class Statement {
 public:
  Statement(sqlite3* db, const char* sql) : db_(db) {
    if (sqlite3_prepare_v2(db, sql, -1, &stmt_, nullptr) != SQLITE_OK) fail();
  }
  ~Statement() { sqlite3_finalize(stmt_); }
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;

  Statement& bind(int i, const std::string& s) {
    sqlite3_bind_text(stmt_, i, s.data(), static_cast<int>(s.size()), SQLITE_TRANSIENT);
    return *this;
  }
  Statement& bind(int i, std::int64_t v) {
    sqlite3_bind_int64(stmt_, i, v);
    return *this;
  }
  bool step() {
    const int rc = sqlite3_step(stmt_);
    if (rc == SQLITE_ROW) return true;
    if (rc == SQLITE_DONE) return false;
    fail();
  }
  std::string text(int col) const {
    const auto* p = sqlite3_column_text(stmt_, col);
    return p ? std::string(reinterpret_cast<const char*>(p), static_cast<std::size_t>(sqlite3_column_bytes(stmt_, col)))
             : std::string();
  }
  std::int64_t integer(int col) const { return sqlite3_column_int64(stmt_, col); }

 private:
  [[noreturn]] void fail() { throw std::runtime_error(std::string("sqlite: ") + sqlite3_errmsg(db_)); }
  sqlite3* db_;
  sqlite3_stmt* stmt_ = nullptr;
};

std::string folderOf(const ListInfo& list, const std::string& sitePath) {
  return sitePath + "/Lists/" + list.urlLeaf;
}

}  // namespace

ItemStore::ItemStore(const std::string& path, std::string sitePath) : sitePath_(std::move(sitePath)) {
  sqlite3* raw = nullptr;
  const int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_FULLMUTEX;
  if (sqlite3_open_v2(path.c_str(), &raw, flags, nullptr) != SQLITE_OK) {
    std::string msg = raw ? sqlite3_errmsg(raw) : "out of memory";
    sqlite3_close_v2(raw);
    throw std::runtime_error("cannot open " + path + ": " + msg);
  }
  db_.reset(raw);
  if (path != ":memory:") {
    exec("PRAGMA journal_mode=WAL");
    exec("PRAGMA synchronous=NORMAL");
  }
  exec("CREATE TABLE IF NOT EXISTS lists(guid TEXT PRIMARY KEY, title TEXT NOT NULL, url_leaf TEXT NOT NULL,"
       " template INTEGER NOT NULL, created TEXT NOT NULL, next_id INTEGER NOT NULL, last_deleted TEXT,"
       " ord INTEGER NOT NULL)");
  exec("CREATE TABLE IF NOT EXISTS items(list_guid TEXT NOT NULL, id INTEGER NOT NULL, version INTEGER NOT NULL,"
       " fs_obj_type INTEGER NOT NULL, fields TEXT NOT NULL, PRIMARY KEY(list_guid, id))");
  exec("CREATE TABLE IF NOT EXISTS changes(number INTEGER PRIMARY KEY, list_guid TEXT NOT NULL,"
       " ticks INTEGER NOT NULL, type INTEGER NOT NULL, item_id INTEGER NOT NULL, unique_id TEXT NOT NULL)");
  load();
}

ItemStore::~ItemStore() = default;

void ItemStore::exec(const char* sql) {
  char* err = nullptr;
  if (sqlite3_exec(db_.get(), sql, nullptr, nullptr, &err) != SQLITE_OK) {
    std::string msg = err ? err : "unknown";
    sqlite3_free(err);
    throw std::runtime_error("sqlite: " + msg);
  }
}

void ItemStore::begin() {
  if (!inBulk_) exec("BEGIN IMMEDIATE");
}

void ItemStore::commit() {
  if (!inBulk_) exec("COMMIT");
}

void ItemStore::load() {
  Statement lists(db_.get(), "SELECT guid, title, url_leaf, template, created, next_id, last_deleted, ord FROM lists ORDER BY ord");
  while (lists.step()) {
    auto data = std::make_unique<ListData>();
    data->info.guid = lists.text(0);
    data->info.title = lists.text(1);
    data->info.urlLeaf = lists.text(2);
    data->info.baseTemplate = static_cast<int>(lists.integer(3));
    data->info.created = lists.text(4);
    data->nextId = static_cast<int>(lists.integer(5));
    data->info.lastItemDeleted = lists.text(6);
    data->order = static_cast<int>(lists.integer(7));
    data->info.fields = std::make_shared<const std::vector<FieldDef>>(fieldsForTemplate(data->info.baseTemplate));
    lists_.push_back(std::move(data));
  }
  Statement items(db_.get(), "SELECT list_guid, id, version, fs_obj_type, fields FROM items");
  while (items.step()) {
    auto* list = find(items.text(0));
    if (!list) continue;
    auto item = std::make_shared<Item>();
    item->id = static_cast<int>(items.integer(1));
    item->version = static_cast<int>(items.integer(2));
    item->fsObjType = static_cast<int>(items.integer(3));
    item->values = decodeValues(items.text(4), *list->info.fields);
    list->info.lastItemModified = std::max(list->info.lastItemModified, item->text("Modified"));
    if (item->fsObjType == 1) list->folders[toLower(item->text("FileRef"))] = item->id;
    list->items[item->id] = std::move(item);
  }
  Statement changes(db_.get(), "SELECT number, list_guid, ticks, type, item_id, unique_id FROM changes ORDER BY number");
  while (changes.step()) {
    Change c;
    c.number = changes.integer(0);
    c.ticks = changes.integer(2);
    c.type = static_cast<ChangeType>(changes.integer(3));
    c.itemId = static_cast<int>(changes.integer(4));
    c.uniqueId = changes.text(5);
    lastChange_ = std::max(lastChange_, c.number);
    if (auto* list = find(changes.text(1))) list->changes.push_back(std::move(c));
  }
  for (auto& l : lists_) l->info.itemCount = static_cast<int>(l->items.size());
}

bool ItemStore::hasLists() const {
  std::shared_lock lock(mutex_);
  return !lists_.empty();
}

void ItemStore::addList(const std::string& guid, const std::string& title, const std::string& urlLeaf,
                        int baseTemplate) {
  std::unique_lock lock(mutex_);
  auto data = std::make_unique<ListData>();
  data->info.guid = toLower(guid);
  data->info.title = title;
  data->info.urlLeaf = urlLeaf;
  data->info.baseTemplate = baseTemplate;
  data->info.created = nowIso();
  data->info.lastItemModified = data->info.created;
  data->info.lastItemDeleted = data->info.created;
  data->info.fields = std::make_shared<const std::vector<FieldDef>>(fieldsForTemplate(baseTemplate));
  data->order = static_cast<int>(lists_.size());
  persistList(*data, data->order);
  lists_.push_back(std::move(data));
}

void ItemStore::persistList(const ListData& list, int order) {
  Statement st(db_.get(),
               "INSERT OR REPLACE INTO lists(guid, title, url_leaf, template, created, next_id, last_deleted, ord)"
               " VALUES(?,?,?,?,?,?,?,?)");
  st.bind(1, list.info.guid).bind(2, list.info.title).bind(3, list.info.urlLeaf);
  st.bind(4, static_cast<std::int64_t>(list.info.baseTemplate)).bind(5, list.info.created);
  st.bind(6, static_cast<std::int64_t>(list.nextId)).bind(7, list.info.lastItemDeleted);
  st.bind(8, static_cast<std::int64_t>(order));
  st.step();
}

ItemStore::ListData* ItemStore::find(const std::string& guid) const {
  for (const auto& l : lists_) {
    if (iequals(l->info.guid, guid)) return l.get();
  }
  return nullptr;
}

std::vector<ListInfo> ItemStore::lists() const {
  std::shared_lock lock(mutex_);
  std::vector<ListInfo> out;
  for (const auto& l : lists_) out.push_back(l->info);
  return out;
}

std::optional<ListInfo> ItemStore::listByTitle(const std::string& title) const {
  std::shared_lock lock(mutex_);
  for (const auto& l : lists_) {
    if (iequals(l->info.title, title)) return l->info;
  }
  return std::nullopt;
}

std::optional<ListInfo> ItemStore::listByGuid(const std::string& guid) const {
  std::shared_lock lock(mutex_);
  if (auto* l = find(guid)) return l->info;
  return std::nullopt;
}

std::optional<ListInfo> ItemStore::listByUrl(const std::string& url) const {
  std::string path = url;
  while (path.size() > 1 && path.back() == '/') path.pop_back();
  std::shared_lock lock(mutex_);
  for (const auto& l : lists_) {
    const auto full = folderOf(l->info, sitePath_);
    if (iequals(path, full) || iequals(path, full.substr(sitePath_.size())) ||
        iequals(path, full.substr(sitePath_.size() + 1))) {
      return l->info;
    }
  }
  return std::nullopt;
}

ItemPtr ItemStore::item(const std::string& listGuid, int id) const {
  std::shared_lock lock(mutex_);
  auto* l = find(listGuid);
  if (!l) return nullptr;
  const auto it = l->items.find(id);
  return it == l->items.end() ? nullptr : it->second;
}

std::vector<ItemPtr> ItemStore::items(const std::string& listGuid) const {
  std::shared_lock lock(mutex_);
  std::vector<ItemPtr> out;
  auto* l = find(listGuid);
  if (!l) return out;
  out.reserve(l->items.size());
  for (const auto& [id, item] : l->items) out.push_back(item);
  return out;
}

std::vector<ItemPtr> ItemStore::itemRange(const std::string& listGuid, int afterId, std::size_t limit,
                                          bool descending) const {
  std::shared_lock lock(mutex_);
  std::vector<ItemPtr> out;
  auto* l = find(listGuid);
  if (!l) return out;
  if (!descending) {
    for (auto it = l->items.upper_bound(afterId); it != l->items.end() && out.size() < limit; ++it)
      out.push_back(it->second);
  } else {
    auto it = l->items.lower_bound(afterId);
    while (it != l->items.begin() && out.size() < limit) {
      --it;
      out.push_back(it->second);
    }
  }
  return out;
}

void ItemStore::finalise(const ListData& list, Item& item, const std::string& folder) const {
  auto& v = item.values;
  v["ID"] = static_cast<std::int64_t>(item.id);
  v["owshiddenversion"] = static_cast<std::int64_t>(item.version);
  v["_UIVersionString"] = std::to_string(item.version) + ".0";
  if (isNull(v["Attachments"])) v["Attachments"] = false;
  v["FSObjType"] = static_cast<std::int64_t>(item.fsObjType);
  const std::string dir = folder.empty() ? folderOf(list.info, sitePath_) : folder;
  if (isNull(v["FileDirRef"])) v["FileDirRef"] = dir;
  const auto& dirRef = std::get<std::string>(v["FileDirRef"]);
  if (item.fsObjType == 1) {
    // A discussion folder keeps its creation-time leaf name, like SharePoint.
    if (isNull(v["FileRef"])) v["FileRef"] = dirRef + "/" + std::to_string(item.id) + "_";
  } else {
    v["FileRef"] = dirRef + "/" + std::to_string(item.id) + "_.000";
  }
  if (list.info.baseTemplate == 171) {
    const auto* status = std::get_if<std::string>(&v["Status"]);
    v["Checkmark"] = std::string(status && *status == "Completed" ? "1" : "0");
  }
  if (list.info.baseTemplate == 108) v["TrimmedBody"] = v["Body"];
}

ItemPtr ItemStore::commitItem(ListData& list, std::shared_ptr<Item> item, ChangeType type, int userId) {
  (void)userId;
  Change c;
  c.number = lastChange_ + 1;
  c.ticks = nowTicks();
  c.type = type;
  c.itemId = item->id;
  c.uniqueId = item->guid();
  begin();
  try {
    persistItem(list, *item);
    persistChange(list, c);
    if (type == ChangeType::Add) persistList(list, list.order);
    commit();
  } catch (...) {
    if (!inBulk_) sqlite3_exec(db_.get(), "ROLLBACK", nullptr, nullptr, nullptr);
    throw;
  }
  lastChange_ = c.number;
  list.changes.push_back(std::move(c));
  // A system update keeps the item's old Modified; the list's stays the latest.
  list.info.lastItemModified = std::max(list.info.lastItemModified, item->text("Modified"));
  if (item->fsObjType == 1) list.folders[toLower(item->text("FileRef"))] = item->id;
  list.items[item->id] = item;
  list.info.itemCount = static_cast<int>(list.items.size());
  return item;
}

void ItemStore::persistItem(const ListData& list, const Item& item) {
  Statement st(db_.get(),
               "INSERT OR REPLACE INTO items(list_guid, id, version, fs_obj_type, fields) VALUES(?,?,?,?,?)");
  st.bind(1, list.info.guid).bind(2, static_cast<std::int64_t>(item.id)).bind(3, static_cast<std::int64_t>(item.version));
  st.bind(4, static_cast<std::int64_t>(item.fsObjType)).bind(5, encodeValues(item.values));
  st.step();
}

void ItemStore::persistChange(const ListData& list, const Change& c) {
  Statement st(db_.get(),
               "INSERT INTO changes(number, list_guid, ticks, type, item_id, unique_id) VALUES(?,?,?,?,?,?)");
  st.bind(1, c.number).bind(2, list.info.guid).bind(3, c.ticks).bind(4, static_cast<std::int64_t>(c.type));
  st.bind(5, static_cast<std::int64_t>(c.itemId)).bind(6, c.uniqueId);
  st.step();
}

ItemPtr ItemStore::create(const std::string& listGuid, std::map<std::string, FieldValue> values, int userId,
                          const CreateOptions& options) {
  std::unique_lock lock(mutex_);
  auto* list = find(listGuid);
  if (!list) throw itemNotFound();
  auto item = std::make_shared<Item>();
  item->id = list->nextId++;
  item->version = 1;
  item->fsObjType = options.fsObjType;
  item->values = std::move(values);
  auto& v = item->values;
  const std::string created = options.created.value_or(nowIso());
  v["Created"] = created;
  v["Modified"] = created;
  const int author = options.authorId ? options.authorId : userId;
  v["Author"] = static_cast<std::int64_t>(author);
  v["Editor"] = static_cast<std::int64_t>(author);
  v["GUID"] = guidFromName(list->info.guid + "/" + std::to_string(item->id));
  if (isNull(v["ContentTypeId"]) || !options.contentTypeId.empty()) {
    v["ContentTypeId"] = options.contentTypeId.empty() ? defaultContentTypeId(list->info.baseTemplate)
                                                       : options.contentTypeId;
  }
  if (isNull(v["ContentType"]) || !options.contentTypeName.empty()) {
    v["ContentType"] = options.contentTypeName.empty() ? defaultContentTypeName(list->info.baseTemplate)
                                                       : options.contentTypeName;
  }
  finalise(*list, *item, options.folder);
  if (item->fsObjType == 1) claimFolderName(*list, *item, options.renameOnConflict);
  return commitItem(*list, std::move(item), ChangeType::Add, userId);
}

ItemPtr ItemStore::folderAt(const ListData& list, const std::string& fileRef) const {
  const auto f = list.folders.find(toLower(fileRef));
  if (f == list.folders.end()) return nullptr;
  const auto it = list.items.find(f->second);
  return it == list.items.end() ? nullptr : it->second;
}

// Under the exclusive lock, so two threads with one title cannot both get it:
// a shared FileRef would send replies addressed to one into the other.
void ItemStore::claimFolderName(const ListData& list, Item& folder, bool renameOnConflict) const {
  auto* ref = std::get_if<std::string>(&folder.values["FileRef"]);
  if (!ref || !folderAt(list, *ref)) return;
  if (!renameOnConflict) throw fileExists(ref->substr(std::min(ref->size(), sitePath_.size() + 1)));
  for (int n = 2;; ++n) {
    const auto candidate = *ref + " (" + std::to_string(n) + ")";
    if (!folderAt(list, candidate)) {
      *ref = candidate;
      return;
    }
  }
}

ItemPtr ItemStore::update(const std::string& listGuid, int id, const std::map<std::string, FieldValue>& values,
                          std::optional<int> ifVersion, const std::string& requestEtag, int userId, bool replace) {
  std::unique_lock lock(mutex_);
  auto* list = find(listGuid);
  if (!list) throw itemNotFound();
  const auto it = list->items.find(id);
  if (it == list->items.end()) throw itemNotFound();
  const auto& current = *it->second;
  if (ifVersion && *ifVersion != current.version) throw etagMismatch(requestEtag, current.etagHeader());
  auto item = std::make_shared<Item>(current);
  if (replace) {
    for (const auto& def : *list->info.fields) {
      if (!def.readOnly && def.internalName != "ContentType") item->values.erase(def.internalName);
    }
  }
  for (const auto& [name, value] : values) item->values[name] = value;
  item->version = current.version + 1;
  item->values["Modified"] = nowIso();
  item->values["Editor"] = static_cast<std::int64_t>(userId);
  finalise(*list, *item, item->text("FileDirRef"));
  return commitItem(*list, std::move(item), ChangeType::Update, userId);
}

ItemPtr ItemStore::systemUpdate(const std::string& listGuid, int id, const std::map<std::string, FieldValue>& values) {
  std::unique_lock lock(mutex_);
  auto* list = find(listGuid);
  if (!list) throw itemNotFound();
  const auto it = list->items.find(id);
  if (it == list->items.end()) throw itemNotFound();
  auto item = std::make_shared<Item>(*it->second);
  for (const auto& [name, value] : values) item->values[name] = value;
  finalise(*list, *item, item->text("FileDirRef"));
  return commitItem(*list, std::move(item), ChangeType::Update, 0);
}

std::string ItemStore::remove(const std::string& listGuid, int id, std::optional<int> ifVersion,
                              const std::string& requestEtag, int userId) {
  (void)userId;
  std::unique_lock lock(mutex_);
  auto* list = find(listGuid);
  if (!list) throw itemNotFound();
  const auto it = list->items.find(id);
  if (it == list->items.end()) throw itemNotFound();
  const ItemPtr target = it->second;
  if (ifVersion && *ifVersion != target->version) throw etagMismatch(requestEtag, target->etagHeader());

  // SharePoint deletes a folder (a discussion thread) with its contents, and
  // change-token readers must hear of each item, not only the folder.
  std::vector<ItemPtr> doomed{target};
  if (target->fsObjType == 1) {
    const auto inside = toLower(target->text("FileRef") + "/");
    for (const auto& [childId, child] : list->items) {
      if (childId != id && toLower(child->text("FileDirRef") + "/").rfind(inside, 0) == 0) doomed.push_back(child);
    }
  }
  const auto ticks = moveItems(*list, doomed, false);
  auto recycleId = guidFromName("recycle/" + list->info.guid + "/" + std::to_string(id) + "/" +
                                std::to_string(target->version) + "/" + std::to_string(ticks));
  recycleBin_[recycleId] = Recycled{list->info.guid, std::move(doomed)};
  return recycleId;
}

void ItemStore::restore(const std::string& recycleId) {
  std::unique_lock lock(mutex_);
  const auto entry = recycleBin_.find(toLower(recycleId));
  if (entry == recycleBin_.end()) throw itemNotFound();
  auto* list = find(entry->second.listGuid);
  if (!list) throw itemNotFound();
  const auto& back = entry->second.items;
  for (const auto& item : back)
    if (list->items.count(item->id)) throw itemNotFound();
  moveItems(*list, back, true);
  recycleBin_.erase(entry);
}

std::int64_t ItemStore::moveItems(ListData& list, const std::vector<ItemPtr>& items, bool restoring) {
  // The folder holding the items (a reply's thread) counts its children,
  // without a new version, as a reply's arrival counts one more.
  std::shared_ptr<Item> holder;
  if (const auto folder = folderAt(list, items.front()->text("FileDirRef"))) {
    if (const auto* count = std::get_if<std::int64_t>(&folder->get("ItemChildCount"))) {
      holder = std::make_shared<Item>(*folder);
      holder->values["ItemChildCount"] = restoring ? *count + 1 : std::max<std::int64_t>(0, *count - 1);
    }
  }

  const auto ticks = nowTicks();
  std::vector<Change> changes;
  auto log = [&](ChangeType type, const Item& item) {
    Change c;
    c.number = lastChange_ + 1 + static_cast<std::int64_t>(changes.size());
    c.ticks = ticks;
    c.type = type;
    c.itemId = item.id;
    c.uniqueId = item.guid();
    changes.push_back(std::move(c));
  };
  for (const auto& item : items) log(restoring ? ChangeType::Restore : ChangeType::DeleteObject, *item);
  if (holder) log(ChangeType::Update, *holder);
  if (!restoring) list.info.lastItemDeleted = nowIso();
  begin();
  try {
    for (const auto& item : items) {
      if (restoring) {
        persistItem(list, *item);
        continue;
      }
      Statement st(db_.get(), "DELETE FROM items WHERE list_guid = ? AND id = ?");
      st.bind(1, list.info.guid).bind(2, static_cast<std::int64_t>(item->id));
      st.step();
    }
    if (holder) persistItem(list, *holder);
    for (const auto& c : changes) persistChange(list, c);
    persistList(list, list.order);
    commit();
  } catch (...) {
    if (!inBulk_) sqlite3_exec(db_.get(), "ROLLBACK", nullptr, nullptr, nullptr);
    throw;
  }
  lastChange_ = changes.back().number;
  for (auto& c : changes) list.changes.push_back(std::move(c));
  for (const auto& item : items) {
    const std::string folderKey = toLower(item->text("FileRef"));
    if (restoring) {
      if (item->fsObjType == 1) list.folders[folderKey] = item->id;
      list.items[item->id] = item;
    } else {
      if (item->fsObjType == 1) list.folders.erase(folderKey);
      list.items.erase(item->id);
    }
  }
  if (holder) list.items[holder->id] = std::move(holder);
  list.info.itemCount = static_cast<int>(list.items.size());
  return ticks;
}

std::vector<Change> ItemStore::changes(const std::string& listGuid, std::int64_t afterNumber, std::int64_t minTicks,
                                       std::int64_t maxNumber, std::size_t limit, unsigned typeMask) const {
  std::shared_lock lock(mutex_);
  std::vector<Change> out;
  auto* l = find(listGuid);
  if (!l) return out;
  auto it = std::upper_bound(l->changes.begin(), l->changes.end(), afterNumber,
                             [](std::int64_t n, const Change& c) { return n < c.number; });
  for (; it != l->changes.end() && out.size() < limit; ++it) {
    if (it->number > maxNumber) break;
    if (it->ticks < minTicks) continue;
    if ((typeMask & (1u << static_cast<unsigned>(it->type))) == 0) continue;
    out.push_back(*it);
  }
  return out;
}

std::int64_t ItemStore::lastChangeNumber() const {
  std::shared_lock lock(mutex_);
  return lastChange_;
}

std::int64_t ItemStore::firstChangeTicks(const std::string& listGuid) const {
  std::shared_lock lock(mutex_);
  auto* l = find(listGuid);
  return (!l || l->changes.empty()) ? 0 : l->changes.front().ticks;
}

void ItemStore::bulk(const std::function<void()>& fn) {
  {
    std::unique_lock lock(mutex_);
    exec("BEGIN IMMEDIATE");
    inBulk_ = true;
  }
  try {
    fn();
  } catch (...) {
    std::unique_lock lock(mutex_);
    inBulk_ = false;
    sqlite3_exec(db_.get(), "ROLLBACK", nullptr, nullptr, nullptr);
    throw;
  }
  std::unique_lock lock(mutex_);
  inBulk_ = false;
  exec("COMMIT");
}

}  // namespace deskpane::emu
