#pragma once
// The calls a sync pass makes on a SharePoint site, and nothing more: what
// SyncJob needs to push an outbox and pull a list. SharePointClient is the
// real one (REST over HTTP); tests put an in-memory site behind it, so the
// pass's decisions (412, 404, 403, 429, 401, a lost answer) are tested
// without a server process. Every call returns a value or a ClientError and
// never throws, as SharePointClient documents for each of them.
#include "sync/item_page_reader.h"
#include "sync/sharepoint_client_types.h"

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace deskpane::sync {

class ListService {
 public:
  virtual ~ListService() = default;

  // Requests sent so far: what a list's report counts as its share.
  virtual long long requestCount() const = 0;
  // Those the calling thread sent: a list's share of a pass while other
  // threads (a first read's early pages) send their own.
  virtual long long requestCountOnThisThread() const = 0;
  // The site's regional time zone as a SharePoint zone id (13 = Pacific).
  virtual ClientResult<int> siteTimeZoneId() = 0;

  virtual ClientResult<ListInfo> listByTitle(const std::string& title) = 0;
  // Id, title, template, item count, change token and Created of a list.
  virtual ClientResult<ListInfo> list(const std::string& listId) = 0;

  // Every item of a list, page by page, as pages not yet parsed: `onPage`
  // gets each in order, false stops. Safe to call from several threads.
  virtual ClientResult<Done> fetchAllPages(const std::string& listId, const std::vector<std::string>& select,
                                           const std::function<bool(RawItemPage&&)>& onPage,
                                           long long itemCount) = 0;
  // The same pages of a list named by its title, for a first read that
  // starts beside the list's lookup, before its id is known.
  virtual ClientResult<Done> fetchPagesByTitle(const std::string& title, const std::vector<std::string>& select,
                                               const std::function<bool(RawItemPage&&)>& onPage,
                                               long long itemCount) = 0;
  // The rest of a read, from the next link its last page gave;
  // `linksAtEnd` is that page's `linkAtEnd`.
  virtual ClientResult<Done> fetchPagesFrom(const std::string& nextLink, bool linksAtEnd,
                                            const std::function<bool(RawItemPage&&)>& onPage, long long itemCount) = 0;
  // The items of a page fetchAllPages gave, in chunks of rows as the cache
  // stores them, each held to `kind`'s schema (readEncodedItemRows).
  virtual ItemPageResult readPage(const RawItemPage& page, ListKind kind, const ItemRowSink& sink,
                                  std::size_t chunkSize = kItemChunk) const = 0;

  // Items by id; ids the list no longer has are simply absent.
  virtual ClientResult<std::vector<Item>> readItems(const std::string& listId, const std::vector<std::string>& select,
                                                    const std::vector<std::int64_t>& ids) = 0;
  virtual ClientResult<std::vector<std::vector<Item>>> readItemsForLists(const std::vector<ItemsQuery>& queries) = 0;

  // Changes since `token`; TokenRejected when the log no longer reaches it.
  virtual ClientResult<ChangeSummary> getChanges(const std::string& listId, const std::string& token) = 0;
  // The changes of several lists at once, each list with its own result.
  virtual ClientResult<std::vector<ListChanges>> getChangesForLists(const std::vector<ChangeQuery>& queries) = 0;
  // The same, with the site's time zone read along (set when it answered).
  virtual ClientResult<std::vector<ListChanges>> getChangesForLists(const std::vector<ChangeQuery>& queries,
                                                                    std::optional<int>& siteTimeZoneId) = 0;

  // Writes. A create whose answer was lost comes back OutcomeUnknown: it may
  // exist on the server, so it is never blindly sent again.
  virtual ClientResult<Item> create(const std::string& listId, const Fields& fields) = 0;
  // A discussion thread (a folder, `asFolder`) or a reply in `folderPath`,
  // read back with `select`.
  virtual ClientResult<Item> createWithPath(const std::string& listId, const std::string& folderPath, bool asFolder,
                                            const Fields& formFields, const std::vector<std::string>& select) = 0;
  // Conditional on `version` (0 = unconditional): a newer version on the
  // server is VersionMismatch (412), a deleted item is Gone (404).
  virtual ClientResult<UpdateResult> update(const std::string& listId, std::int64_t id, std::int64_t version,
                                            const Fields& fields) = 0;
  virtual ClientResult<UpdateResult> remove(const std::string& listId, std::int64_t id, std::int64_t version) = 0;

 protected:
  ListService() = default;
  ListService(const ListService&) = default;
  ListService& operator=(const ListService&) = default;
};

}  // namespace deskpane::sync
