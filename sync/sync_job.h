#pragma once
// One sync pass over a set of bound lists, synchronous: push each list's
// outbox in order, then bring the lists up to date — incrementally from the
// stored change tokens (one `$batch` getchanges for all of them, one `$batch`
// re-read of the changed items), or by a complete re-read on first sync or
// when the server rejects a token. The Engine runs this on its worker thread;
// `deskpane --sync` runs it directly.
//
// Idempotent creates: before a create is sent its outbox entry is marked
// (attempts + 1, and a change token from before the request kept in a column
// of its own: Store::markCreateSent). An entry that already carries a mark
// had an earlier attempt whose answer was lost (dropped connection, crash,
// kill -9), so the server is asked first: the Add changes since that token
// (else the list's stored one) are re-read and
// an item whose fields equal the pending create is adopted instead of sending
// the create again. For Calendar items the client GUID also travels in the
// real, writable `UID` field (the series UID Outlook itself writes), which
// makes the match exact there. See docs/decisions.md "idempotent creates".
#include "sync/engine.h"
#include "sync/item_page_reader.h"
#include "sync/list_kind.h"
#include "sync/sharepoint_client_types.h"
#include "sync/store.h"

#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace deskpane::sync {

class ListService;
struct EarlyReads;

struct ListSyncReport {
  ListKind kind = ListKind::Calendar;
  SyncState state = SyncState::Synced;
  std::string message;
  bool changed = false;      // the cache changed: tell the UI
  bool fullRead = false;     // a complete re-read happened
  int pushed = 0;            // outbox entries that reached the server
  int refused = 0;           // entries the server refused (kept in the outbox, retried next sync)
  // This list's own share of the pass: requests sent for it alone and the
  // time they took (its binding, pushes, full read). The pass's shared
  // `$batch` round trips are counted once for all lists, not here.
  long long requests = 0;
  long long ms = 0;
};

// The fields deskpane caches per kind: what is `$select`ed (hidden ones such
// as RecurrenceData, EventType or ParentItemID must be named to come back).
const std::vector<std::string>& selectFieldsFor(ListKind kind);

// The `$select` actually used per list. A real list may lack a column deskpane
// would like (custom lists carry whatever columns their owner made), and
// SharePoint answers such a `$select` with 400 "The field or property 'X' does
// not exist." — so a missing field is dropped and the read repeated. Owned
// by the Engine so the lesson lasts for the session.
class SelectCache {
 public:
  const std::vector<std::string>& fields(ListKind kind);
  // Drops the field named by a 400 answer from `kind`'s select (only that
  // list lacks it: Tasks keeps Body when a custom Notes list has none);
  // false when the error is not about a missing field of that list.
  bool dropMissing(ListKind kind, const ClientError& error);
  // Takes `names` out of `kind`'s select (the columns the store remembers
  // the list lacks).
  void dropNames(ListKind kind, const std::vector<std::string>& names);
  // The fields of the full select that `kind`'s select no longer has.
  std::vector<std::string> missing(ListKind kind);
  // Back to the full select: the pane is bound to another list.
  void reset(ListKind kind);

 private:
  std::map<ListKind, std::vector<std::string>> fields_;
};

// The field named in "The field or property 'X' does not exist.", if any.
std::optional<std::string> missingFieldOf(const ClientError& error);

// A change token for "every change from `backTicks` (100 ns units) before
// `token`'s time on" ("1;3;<list>;<ticks - back>;-1", the form SharePoint
// documents and PnPjs's createChangeToken makes); nullopt when `token` is
// not "1;3;<list>;<ticks>;<number>" with a time later than that.
std::optional<std::string> changeTokenBefore(const std::string& token, long long backTicks);

class SyncJob {
 public:
  SyncJob(Store& store, ListService& client, std::map<ListKind, std::string> titles, SelectCache& select);
  ~SyncJob();  // waits for the first pages still being fetched
  SyncJob(const SyncJob&) = delete;
  SyncJob& operator=(const SyncJob&) = delete;

  // Syncs `kinds` (each must be bound in `titles`). Never throws for server
  // or network trouble: each list's report says what happened.
  std::vector<ListSyncReport> run(const std::set<ListKind>& kinds);

  // Reads the site's regional time zone in the pass's changes `$batch`
  // (no round trip of its own); siteTimeZoneId() has it after run() when
  // a `$batch` went out and answered it.
  void askSiteTimeZone() { askTimeZone_ = true; }
  std::optional<int> siteTimeZoneId() const { return siteTimeZone_; }

  // First-sync lookups and reads of several lists run on at most this many
  // threads at once: one per list deskpane can bind, so no list waits behind
  // another, and fewer than the six connections a browser opens to a
  // SharePoint page (its throttling guidance asks for a few concurrent
  // requests per user; a 429 or 503 holds every request of the client).
  // A fetcher holds one compressed page, so memory does not grow with it
  // (docs/decisions.md D-sync-9).
  static constexpr std::size_t kReadPool = 5;
  // Items per chunk a page is stored in. Three chunks are in memory at once
  // while a page is stored (one built, one waiting, one written:
  // page_pipeline.h), so they are half the reader's default.
  static constexpr std::size_t kStoreChunk = kItemChunk / 2;

 private:
  // `lookedUp`: the list's lookup by title, when lookUpTitles() made it.
  bool ensureBinding(ListKind kind, ListSyncReport& report,
                     std::optional<ClientResult<ListInfo>> lookedUp = std::nullopt);
  // The lists of `kinds` that need binding, looked up by title side by side;
  // beside them, the first page of each list bound for the first time is
  // asked for (early_), and still on its way when this returns.
  std::map<ListKind, ClientResult<ListInfo>> lookUpTitles(const std::set<ListKind>& kinds);
  // Stores one fetched page (one transaction, items built a chunk at a
  // time); the error when it did not fit, with nothing of it stored.
  std::optional<ClientError> storePage(ListKind kind, const RawItemPage& page, std::vector<std::int64_t>& seen,
                                       ListSyncReport& report);
  // After the last page: cached items not seen are deleted, token kept.
  void finishFullRead(ListKind kind, const ListInfo& info, bool hadItems, std::vector<std::int64_t>& seen,
                      ListSyncReport& report);
  void push(ListKind kind, ListSyncReport& report);
  // nullopt when the create went through (or was found already there).
  std::optional<ClientError> pushCreate(const OutboxEntry& entry, const ListBinding& binding,
                                        ListSyncReport& report);
  ClientResult<Item> createDiscussionItem(const OutboxEntry& entry, const ListBinding& binding, Fields payload);
  ClientResult<std::optional<Item>> findEarlierCreate(const OutboxEntry& entry, const ListBinding& binding);
  bool refreshOne(ListKind kind, const ListBinding& binding, std::int64_t id, ListSyncReport& report);
  void fullRead(ListKind kind, ListSyncReport& report);
  // Full reads of several lists: pages fetched over kReadPool threads,
  // stored on this one (one writer transaction per page) as they arrive.
  void fullReads(const std::vector<ListKind>& kinds, std::map<ListKind, ListSyncReport*>& reports);
  // After a 404 on the stored list id: binds the pane's title afresh (cache
  // dropped, token cleared); false (and `report` failed) when it cannot.
  bool rebindByTitle(ListKind kind, ListSyncReport& report, const ClientError& notFound);
  void incremental(const std::vector<ListKind>& kinds, std::map<ListKind, ListSyncReport*>& reports);

  Store& store_;
  ListService& client_;
  std::map<ListKind, std::string> titles_;
  SelectCache& select_;
  // List metadata read while binding in this pass (token, count, created):
  // a full read right after uses it instead of asking again.
  std::map<ListKind, ListInfo> freshInfo_;
  // First reads' first pages, fetched by title beside the lists' lookups
  // (sync_job.cpp).
  std::unique_ptr<EarlyReads> early_;
  bool askTimeZone_ = false;
  std::optional<int> siteTimeZone_;
};

}  // namespace deskpane::sync
