#pragma once
// An in-memory SharePoint site behind sync::ListService, for testing a sync
// pass's decisions without a server process. It keeps lists of items with
// versions (a write with a stale version answers 412, one to a deleted item
// 404, as SharePoint does), a change log that getChanges tokens point into,
// and a script of failures to inject into chosen calls. It counts every call.
//
// Edits "by another user" (serverAdd/serverEdit/serverDelete) change the site
// the way a browser would, so the next pass sees them in the change log.
// Reads return every field of an item, whatever `$select` names.
#include "sync/list_service.h"

#include <cstdint>
#include <deque>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace deskpane::test {

// The calls a ListService answers, for scripting failures and counting.
enum class FakeCall {
  SiteTimeZoneId,
  ListByTitle,
  List,
  FetchAllPages,
  FetchPagesByTitle,
  FetchPagesFrom,
  ReadItems,
  ReadItemsForLists,
  GetChanges,
  GetChangesForLists,
  Create,
  CreateWithPath,
  Update,
  Remove,
};

// What an injected failure makes the call answer.
enum class FakeFailure {
  VersionMismatch,    // 412: a write answers VersionMismatch and changes nothing
  Gone,               // 404: a write answers Gone, any other call NotFound
  Forbidden,          // 403: refused
  Throttled,          // 429: after the client's retries
  SignInNeeded,       // 401: the token expired and its refresh failed
  OutcomeUnknown,     // the request left and no answer came: a write is
                      // applied on the site first (see `applied`)
};

struct InjectedFailure {
  FakeCall call = FakeCall::Update;
  FakeFailure failure = FakeFailure::Forbidden;
  std::int64_t itemId = 0;  // update/remove: only a call on this item (0 = the next call of any item)
  bool applied = true;      // OutcomeUnknown: whether the write reached the site before the answer was lost
};

class FakeListService : public sync::ListService {
 public:
  FakeListService() = default;

  // ---- the site (by another user, no call counted)
  // A new list; its id is returned ("list-<n>").
  std::string addList(const std::string& title, int baseTemplate);
  std::int64_t serverAdd(const std::string& listId, const sync::Fields& fields);
  void serverEdit(const std::string& listId, std::int64_t id, const sync::Fields& fields);
  void serverDelete(const std::string& listId, std::int64_t id);
  // The list's items as the site holds them now, by id.
  std::vector<sync::Item> serverItems(const std::string& listId) const;
  // Items per fetched page (SharePoint's $top): small values make a full read take several pages.
  void setPageSize(std::size_t size);
  // The link the fetch of a list's first page says it followed, instead of
  // the one the page names: a fetch that misread the page's end.
  void setFirstPageFollowedLink(std::optional<std::string> link);
  // Change tokens that carry a time, as SharePoint's do: change n happened
  // at `firstTicks` + n seconds (.NET ticks), and a token "…;<ticks>;-1"
  // asks for the changes from that time on. Without it tokens carry 0.
  void setTokenTicks(long long firstTicks);

  // ---- the script: each failure answers the first call that matches it, once
  void inject(const InjectedFailure& failure);
  std::size_t pendingFailures() const;

  // ---- what was asked
  int calls(FakeCall call) const;

  // ---- sync::ListService
  long long requestCount() const override;
  long long requestCountOnThisThread() const override;
  sync::ClientResult<int> siteTimeZoneId() override;
  sync::ClientResult<sync::ListInfo> listByTitle(const std::string& title) override;
  sync::ClientResult<sync::ListInfo> list(const std::string& listId) override;
  sync::ClientResult<sync::Done> fetchAllPages(const std::string& listId, const std::vector<std::string>& select,
                                               const std::function<bool(sync::RawItemPage&&)>& onPage,
                                               long long itemCount) override;
  sync::ClientResult<sync::Done> fetchPagesByTitle(const std::string& title, const std::vector<std::string>& select,
                                                   const std::function<bool(sync::RawItemPage&&)>& onPage,
                                                   long long itemCount) override;
  sync::ClientResult<sync::Done> fetchPagesFrom(const std::string& nextLink, bool linksAtEnd,
                                                const std::function<bool(sync::RawItemPage&&)>& onPage,
                                                long long itemCount) override;
  sync::ItemPageResult readPage(const sync::RawItemPage& page, sync::ListKind kind, const sync::ItemRowSink& sink,
                                std::size_t chunkSize = sync::kItemChunk) const override;
  sync::ClientResult<std::vector<sync::Item>> readItems(const std::string& listId,
                                                        const std::vector<std::string>& select,
                                                        const std::vector<std::int64_t>& ids) override;
  sync::ClientResult<std::vector<std::vector<sync::Item>>> readItemsForLists(
      const std::vector<sync::ItemsQuery>& queries) override;
  sync::ClientResult<sync::ChangeSummary> getChanges(const std::string& listId, const std::string& token) override;
  sync::ClientResult<std::vector<sync::ListChanges>> getChangesForLists(
      const std::vector<sync::ChangeQuery>& queries) override;
  sync::ClientResult<std::vector<sync::ListChanges>> getChangesForLists(const std::vector<sync::ChangeQuery>& queries,
                                                                        std::optional<int>& siteTimeZoneId) override;
  sync::ClientResult<sync::Item> create(const std::string& listId, const sync::Fields& fields) override;
  sync::ClientResult<sync::Item> createWithPath(const std::string& listId, const std::string& folderPath,
                                                bool asFolder, const sync::Fields& formFields,
                                                const std::vector<std::string>& select) override;
  sync::ClientResult<sync::UpdateResult> update(const std::string& listId, std::int64_t id, std::int64_t version,
                                                const sync::Fields& fields) override;
  sync::ClientResult<sync::UpdateResult> remove(const std::string& listId, std::int64_t id,
                                                std::int64_t version) override;

 private:
  struct ServerItem {
    sync::Item item;
    std::int64_t version = 1;
  };
  struct FakeList {
    sync::ListInfo info;
    std::map<std::int64_t, ServerItem> items;
    std::int64_t nextId = 1;  // SharePoint never reuses an item id
  };
  struct LoggedChange {
    std::string listId;
    sync::ChangeType type = sync::ChangeType::Other;
    std::int64_t itemId = 0;
    long long number = 0;
  };

  // Counts the call and takes the first scripted failure that matches it
  // (the caller holds mutex_).
  std::optional<InjectedFailure> enter(FakeCall call, std::int64_t itemId = 0);
  void countRequest();  // one request sent (the caller holds mutex_)
  static sync::ClientError errorFor(FakeFailure failure, const std::string& what);
  sync::ListInfo infoOf(const FakeList& list) const;
  std::string tokenFor(const std::string& listId, long long number) const;
  // The change number a token reaches: its own, or for a time ("-1") the
  // last change before that time.
  std::optional<long long> sinceOf(const std::string& token) const;
  // A list's pages as fetchAllPages hands them over (the caller holds mutex_).
  std::vector<sync::RawItemPage> pagesOf(const FakeList& list) const;
  sync::ClientResult<sync::Done> deliver(std::vector<sync::RawItemPage> pages,
                                         const std::function<bool(sync::RawItemPage&&)>& onPage);
  sync::ClientResult<sync::ChangeSummary> changesSince(const std::string& listId, const std::string& token) const;
  FakeList* find(const std::string& listId);
  std::int64_t addItem(FakeList& list, const sync::Fields& fields);
  void log(const std::string& listId, sync::ChangeType type, std::int64_t itemId);
  sync::ClientResult<sync::Item> createIn(const std::string& listId, const sync::Fields& fields, FakeCall call);
  sync::ClientResult<sync::UpdateResult> write(FakeCall call, const std::string& listId, std::int64_t id,
                                               std::int64_t version, const sync::Fields* fields);

  mutable std::mutex mutex_;
  std::map<std::string, FakeList> lists_;
  std::vector<LoggedChange> changeLog_;
  long long changeNumber_ = 0;
  std::size_t pageSize_ = 5000;
  std::optional<std::string> followedLink_;
  long long tokenTicks_ = 0;  // setTokenTicks; 0 = tokens carry no time
  std::deque<InjectedFailure> script_;
  std::map<FakeCall, int> calls_;
  long long requests_ = 0;
};

}  // namespace deskpane::test
