#pragma once
// The site's lists, items and per-list change log. Items live in memory as
// immutable snapshots (readers copy a shared_ptr under a shared lock) and are
// written through to SQLite, so `--data FILE` survives restarts. One SQLite
// connection, used only under the exclusive lock.
#include "emulator/field_schema.h"
#include "emulator/item.h"

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <shared_mutex>
#include <string>
#include <vector>

struct sqlite3;

namespace deskpane::emu {

enum class ChangeType { Add = 1, Update = 2, DeleteObject = 3, Restore = 7 };

struct Change {
  std::int64_t number = 0;
  std::int64_t ticks = 0;
  ChangeType type = ChangeType::Add;
  int itemId = 0;
  std::string uniqueId;
};

struct ListInfo {
  std::string guid;
  std::string title;
  std::string urlLeaf;
  int baseTemplate = 100;
  std::string created;
  std::string lastItemModified;
  std::string lastItemDeleted;
  int itemCount = 0;
  std::shared_ptr<const std::vector<FieldDef>> fields;

  std::string entityTypeName() const { return entityTypeNameFor(urlLeaf); }
  std::string itemEntityType() const { return "SP.Data." + entityTypeName() + "Item"; }
  const FieldDef* field(const std::string& internalName) const;
  // Finds a field by its REST property name (e.g. "AssignedToId"), case-sensitive.
  const FieldDef* fieldByRestName(const std::string& restName) const;
};

struct CreateOptions {
  int fsObjType = 0;
  std::string contentTypeId;    // empty = the template's default
  std::string contentTypeName;
  std::string folder;           // server-relative FileDirRef; empty = list root
  std::optional<std::string> created;  // seeds back-date items
  int authorId = 0;
  // A folder whose FileRef is taken: false = fail with SharePoint's "already
  // exists" (the client named it), true = take "<name> (2)", "(3)"… (the
  // server derived the name from the title).
  bool renameOnConflict = false;
};

class ItemStore {
 public:
  // `path` is a file or ":memory:".
  ItemStore(const std::string& path, std::string sitePath);
  ~ItemStore();
  ItemStore(const ItemStore&) = delete;
  ItemStore& operator=(const ItemStore&) = delete;

  const std::string& sitePath() const { return sitePath_; }
  bool hasLists() const;
  void addList(const std::string& guid, const std::string& title, const std::string& urlLeaf, int baseTemplate);

  std::vector<ListInfo> lists() const;
  std::optional<ListInfo> listByTitle(const std::string& title) const;  // case-insensitive
  std::optional<ListInfo> listByGuid(const std::string& guid) const;
  std::optional<ListInfo> listByUrl(const std::string& serverRelativeUrl) const;

  ItemPtr item(const std::string& listGuid, int id) const;
  // All items in ID order: a consistent snapshot.
  std::vector<ItemPtr> items(const std::string& listGuid) const;
  // Up to `limit` items with ID > afterId (ascending) or ID < beforeId when
  // descending: the cheap path for ID-ordered paging.
  std::vector<ItemPtr> itemRange(const std::string& listGuid, int afterId, std::size_t limit, bool descending) const;

  // Writes. Each is one SQLite transaction and appends to the change log.
  // `ifVersion` nullopt = unconditional; a mismatch throws SpError(412) whose
  // message quotes `requestEtag`.
  ItemPtr create(const std::string& listGuid, std::map<std::string, FieldValue> values, int userId,
                 const CreateOptions& options = {});
  ItemPtr update(const std::string& listGuid, int id, const std::map<std::string, FieldValue>& values,
                 std::optional<int> ifVersion, const std::string& requestEtag, int userId, bool replace = false);
  // SharePoint's SystemUpdate: new values without a new version, Modified or
  // Editor, so ETags held by clients stay valid (a reply refreshing its
  // thread's counters). Still an Update in the change log, so change-token
  // readers pick up the new values.
  ItemPtr systemUpdate(const std::string& listGuid, int id, const std::map<std::string, FieldValue>& values);
  // Returns the recycle-bin id. A folder goes with everything inside it, each
  // a DeleteObject change; the folder holding the item counts one child less.
  std::string remove(const std::string& listGuid, int id, std::optional<int> ifVersion,
                     const std::string& requestEtag, int userId);

  // Puts back what a delete or recycle sent to the recycle bin (same ids,
  // each a Restore change, the holding folder counting it again); 404 when
  // the bin holds no such entry or an item's id is taken again. The bin
  // lives as long as the process: a restarted emulator starts empty.
  void restore(const std::string& recycleId);

  // Changes of one list with number > afterNumber (and ticks >= minTicks),
  // number <= maxNumber, at most `limit`, oldest first.
  // `typeMask` has bit (1 << ChangeType) set for each wanted type.
  std::vector<Change> changes(const std::string& listGuid, std::int64_t afterNumber, std::int64_t minTicks,
                              std::int64_t maxNumber, std::size_t limit, unsigned typeMask = ~0u) const;
  std::int64_t lastChangeNumber() const;
  // Oldest change time still in the log of that list (0 when empty).
  std::int64_t firstChangeTicks(const std::string& listGuid) const;

  // Seeding many items: one transaction around `fn`.
  void bulk(const std::function<void()>& fn);

 private:
  struct ListData;
  struct DbCloser {
    void operator()(sqlite3* db) const;
  };

  ListData* find(const std::string& guid) const;
  ItemPtr commitItem(ListData& list, std::shared_ptr<Item> item, ChangeType type, int userId);
  // A delete (to the recycle bin) or a restore of `items`, the first being
  // the one asked for and the rest what a folder held: the change log, the
  // holding folder's child count, one transaction, then memory. Returns the
  // changes' time in ticks.
  std::int64_t moveItems(ListData& list, const std::vector<ItemPtr>& items, bool restoring);
  void finalise(const ListData& list, Item& item, const std::string& folder) const;
  void claimFolderName(const ListData& list, Item& folder, bool renameOnConflict) const;
  ItemPtr folderAt(const ListData& list, const std::string& fileRef) const;
  void exec(const char* sql);
  void persistItem(const ListData& list, const Item& item);
  void persistChange(const ListData& list, const Change& change);
  void persistList(const ListData& list, int order);
  void load();
  void begin();
  void commit();

  std::string sitePath_;
  std::unique_ptr<sqlite3, DbCloser> db_;
  mutable std::shared_mutex mutex_;
  std::vector<std::unique_ptr<ListData>> lists_;
  std::int64_t lastChange_ = 0;
  struct Recycled {
    std::string listGuid;
    std::vector<ItemPtr> items;  // the item, then what was inside it
  };
  std::map<std::string, Recycled> recycleBin_;  // by recycle-bin id
  bool inBulk_ = false;
};

}  // namespace deskpane::emu
