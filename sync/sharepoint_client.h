#pragma once
// Typed calls over SharePoint's REST API for one site (shared/sharepoint-rest.md,
// DESIGN §5). Every call returns a value or a ClientError — never throws.
//
// What it owes a real tenant rather than a friendly emulator:
// - reads `$select` exactly the fields asked for (hidden fields like
//   RecurrenceData or owshiddenversion only come back when named) and page by
//   ID with `$top=5000` and the server's absolute next links — never
//   `$filter`/`$orderby` on a non-indexed column (list view threshold);
// - `Accept-Encoding: gzip`, `\uXXXX` escapes, every ETag spelling;
// - `Retry-After` honoured on 429/503 (capped, jittered); other transient
//   failures retried with backoff for reads only; a write whose outcome is
//   unknown is reported as such, never blindly re-sent;
// - bearer token from Auth with one refresh on 401; without a bearer, a form
//   digest from /_api/contextinfo, cached for its lifetime and refreshed once on 403;
// - requests go to the site's own origin (scheme, host, port) only: a next
//   link elsewhere is refused, so the token and digest never leave it, and a
//   bearer token is never sent over plain http except to loopback;
// - next links are followed at most a bounded number of times per read
//   (from ItemCount and $top) and never twice to the same URL.
#include "sync/http_retry.h"
#include "sync/http_transport.h"
#include "sync/item_page_reader.h"
#include "sync/list_service.h"
#include "sync/sharepoint_client_types.h"

#include <atomic>
#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace deskpane::sync {

class Auth;

struct ClientOptions {
  std::string siteUrl;          // https://contoso.sharepoint.com/sites/dev (no trailing /)
  std::shared_ptr<Auth> auth;   // nullptr or mode None: no Authorization header
  std::chrono::seconds timeout{30};
  RetryPolicy retry;
  int pageSize = 5000;          // SharePoint's maximum $top for list items
  std::string userAgent = "NONISV|deskpane|deskpane/0.1";  // decorated traffic is not deprioritised
  std::size_t maxBodyBytes = kDefaultMaxBodyBytes;  // per answer, on the wire and inflated
  std::string caFile;  // PEM of an extra CA to trust for https ([site] ca_file)
};

class SharePointClient : public ListService {
 public:
  explicit SharePointClient(ClientOptions options);
  ~SharePointClient() override;
  SharePointClient(const SharePointClient&) = delete;
  SharePointClient& operator=(const SharePointClient&) = delete;

  // Checked between attempts and during Retry-After waits; a cancelled call
  // returns ErrorKind::Cancelled.
  void setCancelFlag(const std::atomic<bool>* cancel);
  // HTTP requests sent so far (each retry and each digest fetch counts).
  long long requestCount() const override;
  long long requestCountOnThisThread() const override;
  // Closes idle keep-alive connections (this client's and its Auth's); the
  // next request opens a new one. See HttpTransport::closeConnections.
  void closeConnections();
  // Aborts the request in flight, from any thread (with the cancel flag set,
  // the call returns Cancelled instead of retrying).
  void cancelInFlight();

  ClientResult<WebInfo> web();
  // The site's regional time zone as a SharePoint zone id (13 = Pacific).
  ClientResult<int> siteTimeZoneId() override;
  ClientResult<std::vector<ListInfo>> listsByTemplate(int baseTemplate);
  // Every list of the site that its users see (Hidden eq false).
  ClientResult<std::vector<ListInfo>> visibleLists();
  ClientResult<ListInfo> listByTitle(const std::string& title) override;
  // Id, Title, BaseTemplate, ItemCount, ListItemEntityTypeFullName and
  // CurrentChangeToken of a list, by GUID.
  ClientResult<ListInfo> list(const std::string& listId) override;

  // Every item, page by page (`$top`=pageSize, ordered by ID, next links
  // followed as given). `onPage` returns false to stop early. `itemCount`
  // (the list's ItemCount, -1 unknown) bounds the pages followed.
  ClientResult<Done> readAllItems(const std::string& listId, const std::vector<std::string>& select,
                                  const std::function<bool(std::vector<Item>&&)>& onPage, long long itemCount = -1);

  // The same pages, fetched and checked but not parsed into items (each
  // answer bounded, refused, retried and its next link followed exactly as
  // readAllItems does): `onPage` gets each in order, false stops. Safe to
  // call from several threads at once.
  ClientResult<Done> fetchAllPages(const std::string& listId, const std::vector<std::string>& select,
                                   const std::function<bool(RawItemPage&&)>& onPage, long long itemCount = -1) override;
  // The same by the list's title (`getByTitle('…')/items`), and from a next
  // link one of them gave; checked and bounded as fetchAllPages is.
  ClientResult<Done> fetchPagesByTitle(const std::string& title, const std::vector<std::string>& select,
                                       const std::function<bool(RawItemPage&&)>& onPage, long long itemCount) override;
  ClientResult<Done> fetchPagesFrom(const std::string& nextLink, bool linksAtEnd,
                                    const std::function<bool(RawItemPage&&)>& onPage, long long itemCount) override;
  // The rows of a fetched page in chunks, inflated as they are read, never
  // past ClientOptions::maxBodyBytes (see readEncodedItemRows).
  ItemPageResult readPage(const RawItemPage& page, ListKind kind, const ItemRowSink& sink,
                          std::size_t chunkSize = kItemChunk) const override;

  // Items by ID: `$filter=ID eq a or ID eq b…` in chunks (ID is always
  // indexed, so this is safe past the list view threshold). Missing IDs are
  // simply absent from the result.
  ClientResult<std::vector<Item>> readItems(const std::string& listId, const std::vector<std::string>& select,
                                            const std::vector<std::int64_t>& ids) override;
  // The same for several lists in one `$batch` round trip.
  ClientResult<std::vector<std::vector<Item>>> readItemsForLists(const std::vector<ItemsQuery>& queries) override;

  // Changes since `token`, looping while a full page (1,000) comes back.
  ClientResult<ChangeSummary> getChanges(const std::string& listId, const std::string& token) override;
  // One getchanges per list in a single `$batch` request — "Sync all with
  // nothing changed" costs one round trip. Lists whose page came back full
  // are continued individually. Each list's ItemCount rides in the same
  // `$batch` (read before its changes), for the count check after a sync.
  ClientResult<std::vector<ListChanges>> getChangesForLists(const std::vector<ChangeQuery>& queries) override;
  // The same, with the site's regional time zone read in the same `$batch`
  // (one GET part more, no round trip more): set when that part answered.
  ClientResult<std::vector<ListChanges>> getChangesForLists(const std::vector<ChangeQuery>& queries,
                                                            std::optional<int>& siteTimeZoneId) override;

  // The form digest held for POSTs without a bearer token, so a later
  // process can start with it (Store::formDigest): nullopt when none is
  // held or it expires within the minute. A set one is used until then.
  struct HeldDigest {
    std::string value;
    std::chrono::system_clock::time_point expires;
  };
  std::optional<HeldDigest> heldFormDigest() const;
  void holdFormDigest(const HeldDigest& digest);

  // Writes. `fields` are JSON-light values; strings holding a JSON array or
  // object for multi-lookup/URL fields (as the cache stores them) are sent as JSON.
  // create: the new item as the server returned it (its ID and version).
  ClientResult<Item> create(const std::string& listId, const Fields& fields) override;
  // Creates through AddValidateUpdateItemUsingPath in `folderPath` (itself a
  // folder when `asFolder`): the REST way to make a discussion thread (a
  // folder) and a reply inside it (sharepoint-rest.md §5.5); a plain POST to
  // items makes neither. Values go as form text; the new item is read back
  // with `select` (the answer carries only its id).
  ClientResult<Item> createWithPath(const std::string& listId, const std::string& folderPath, bool asFolder,
                                    const Fields& formFields, const std::vector<std::string>& select) override;
  // update: MERGE with IF-MATCH "N"; 412 → VersionMismatch, 404 → Gone.
  ClientResult<UpdateResult> update(const std::string& listId, std::int64_t id, std::int64_t version,
                                    const Fields& fields) override;
  // remove: DELETE with IF-MATCH "N" (0 = unconditional).
  ClientResult<UpdateResult> remove(const std::string& listId, std::int64_t id, std::int64_t version) override;

 private:
  ClientResult<std::vector<ListChanges>> getChangesForLists(const std::vector<ChangeQuery>& queries,
                                                            std::optional<int>& siteTimeZoneId, bool askTimeZone);
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// The query of an items read: `$select` of these fields, `$expand` of the
// lookups among them (SharePoint refuses `Author/Title` without
// `$expand=Author`), then `extra` ("$top=5000").
std::string itemsQuery(const std::vector<std::string>& select, const std::string& extra);
// Absolute URL of a list by id: "<site>/_api/web/lists(guid'<id>')".
std::string listUrl(const std::string& siteUrl, const std::string& listId);
// The `$filter` for a chunk of IDs: "ID eq 3 or ID eq 9".
std::string idFilter(const std::vector<std::int64_t>& ids);
// GET URLs that read `ids` from `itemsUrl` ("<list>/items") with `$select`,
// as few as fit: each URL at most `maxLength` characters, since SharePoint
// Online (IIS) refuses longer query strings. Every id lands in one URL.
std::vector<std::string> itemsByIdUrls(const std::string& itemsUrl, const std::vector<std::string>& select,
                                       const std::vector<std::int64_t>& ids, std::size_t maxLength = 2000);
// JSON-light body for a write (see create()).
std::string writeBody(const Fields& fields);

}  // namespace deskpane::sync
