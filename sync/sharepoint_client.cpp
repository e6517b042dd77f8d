#include "sync/sharepoint_client.h"

#include "sync/auth.h"
#include "sync/http_batch.h"
#include "sync/http_etag.h"
#include "sync/http_transport.h"
#include "sync/sharepoint_client_parse.h"

#include <cpprest/json.h>

#include <algorithm>
#include <mutex>
#include <random>
#include <set>
#include <sstream>
#include <thread>

namespace deskpane::sync {

namespace json = web::json;

namespace {

// minimalmetadata: the lightest flavour that still carries odata.etag.
constexpr const char* kAcceptMinimal = "application/json;odata=minimalmetadata";
constexpr const char* kAcceptNoMetadata = "application/json;odata=nometadata";
constexpr std::size_t kIdsPerFilter = 100;  // also capped by URL length (itemsByIdUrls)
constexpr std::size_t kChangesPerPage = 1000;  // SharePoint's getchanges cap

// "GET /sites/x/_api/web/lists(guid'…')/items": what a message names (no
// origin, no query, which may be long).
std::string describe(const HttpRequest& req) {
  std::string path = req.url.substr(urlOrigin(req.url).size());
  const auto q = path.find('?');
  if (q != std::string::npos) path.resize(q);
  return req.method + " " + path;
}

// Pages a read may follow: the list's items in pages of `top`, twice over
// (items added during the read, a server paging below $top), plus a few.
// Unknown size: generous, but still an end.
long long maxPagesFor(long long itemCount, int top) {
  const long long t = std::max(top, 1);
  if (itemCount < 0) return 1000;
  return (itemCount + t - 1) / t * 2 + 4;
}

ClientError errorFrom(const HttpResponse& r, ErrorKind fallback = ErrorKind::Server) {
  ClientError e;
  e.status = r.status;
  if (r.status == 0) {
    e.kind = ErrorKind::Network;
    e.message = r.error.empty() ? "no response" : r.error;
    return e;
  }
  switch (r.status) {
    case 401: e.kind = ErrorKind::SignInNeeded; break;
    case 403: e.kind = ErrorKind::Forbidden; break;
    case 404: e.kind = ErrorKind::NotFound; break;
    case 429:
    case 503: e.kind = ErrorKind::Throttled; break;
    default: e.kind = r.status >= 200 && r.status < 300 ? ErrorKind::BadResponse : fallback;
  }
  if (e.kind == ErrorKind::BadResponse) {
    // A success status with the wrong answer: "HTTP 200" alone would read as
    // if nothing went wrong.
    e.message = "unexpected answer (HTTP " + std::to_string(r.status) + ")" + (r.error.empty() ? "" : ": " + r.error);
    return e;
  }
  const auto parsed = parseError(r.body);
  e.message = "HTTP " + std::to_string(r.status) + (parsed ? ": " + parsed->message : std::string{});
  return e;
}

std::string joinSelect(const std::vector<std::string>& select) {
  std::string out = "Id";
  for (const auto& f : select) {
    if (f == "Id" || f == "ID") continue;
    out += ',';
    out += f;
  }
  return out;
}

// "Author/Title" needs $expand=Author.
std::string expandFor(const std::vector<std::string>& select) {
  std::vector<std::string> parts;
  for (const auto& f : select) {
    const auto slash = f.find('/');
    if (slash == std::string::npos) continue;
    auto nav = f.substr(0, slash);
    if (std::find(parts.begin(), parts.end(), nav) == parts.end()) parts.push_back(std::move(nav));
  }
  std::string out;
  for (const auto& p : parts) out += (out.empty() ? "" : ",") + p;
  return out;
}

bool isJsonField(const std::string& name) {
  // Multi-value lookups/users ("AssignedToId") and URL/complex values are
  // cached as JSON text (item.h has no array type); everything else is text.
  return (name.size() > 2 && name.compare(name.size() - 2, 2, "Id") == 0) || name == "WebPage";
}

json::value toJson(const std::string& name, const FieldValue& v) {
  return std::visit(
      [&](const auto& x) -> json::value {
        using T = std::decay_t<decltype(x)>;
        if constexpr (std::is_same_v<T, std::monostate>) return json::value::null();
        else if constexpr (std::is_same_v<T, bool>) return json::value::boolean(x);
        else if constexpr (std::is_same_v<T, std::int64_t>) return json::value::number(static_cast<int64_t>(x));
        else if constexpr (std::is_same_v<T, double>) return json::value::number(x);
        else {
          if (isJsonField(name) && !x.empty() && (x.front() == '[' || x.front() == '{')) {
            std::error_code ec;
            auto parsed = json::value::parse(x, ec);
            if (!ec) return parsed;
          }
          return json::value::string(x);
        }
      },
      v);
}

std::string changeQueryBody(const std::string& token) {
  json::value query = json::value::object();
  for (const char* flag : {"Item", "Add", "Update", "DeleteObject", "Restore", "Rename", "Move", "SystemUpdate"})
    query[flag] = json::value::boolean(true);
  json::value start = json::value::object();
  start["StringValue"] = json::value::string(token);
  query["ChangeTokenStart"] = start;
  json::value body = json::value::object();
  body["query"] = query;
  return body.serialize();
}

std::string newBoundary() {
  static thread_local std::mt19937_64 rng{std::random_device{}()};
  char buf[40];
  std::snprintf(buf, sizeof buf, "batch_%016llx%08llx", static_cast<unsigned long long>(rng()),
                static_cast<unsigned long long>(rng() & 0xffffffffULL));
  return buf;
}

// Every client's requests sent by this thread (one thread uses one client).
thread_local long long requestsOnThisThread = 0;

}  // namespace

std::string itemsQuery(const std::vector<std::string>& select, const std::string& extra) {
  std::string q = "$select=" + urlEncode(joinSelect(select));
  const auto expand = expandFor(select);
  if (!expand.empty()) q += "&$expand=" + urlEncode(expand);
  if (!extra.empty()) q += "&" + extra;
  return q;
}

std::string listUrl(const std::string& siteUrl, const std::string& listId) {
  return siteUrl + "/_api/web/lists(guid'" + listId + "')";
}

std::string idFilter(const std::vector<std::int64_t>& ids) {
  std::string out;
  for (const auto id : ids) {
    if (!out.empty()) out += " or ";
    out += "ID eq " + std::to_string(id);
  }
  return out;
}

std::vector<std::string> itemsByIdUrls(const std::string& itemsUrl, const std::vector<std::string>& select,
                                       const std::vector<std::int64_t>& ids, std::size_t maxLength) {
  // The URL without ids, then each id's share of the encoded filter
  // ("ID eq N", or " or ID eq N" after the first): chunks grow while the sum
  // fits (at least one id per URL).
  const std::size_t bare = itemsUrl.size() + 1 + itemsQuery(select, "$filter=&$top=" + std::to_string(kIdsPerFilter)).size();
  const auto share = [](std::int64_t id, bool first) {
    return urlEncode((first ? "ID eq " : " or ID eq ") + std::to_string(id)).size();
  };
  std::vector<std::string> urls;
  std::size_t at = 0;
  while (at < ids.size()) {
    std::size_t length = bare + share(ids[at], true);
    std::size_t end = at + 1;
    while (end < ids.size() && end - at < kIdsPerFilter && length + share(ids[end], false) <= maxLength)
      length += share(ids[end++], false);
    const std::vector<std::int64_t> chunk(ids.begin() + static_cast<std::ptrdiff_t>(at),
                                          ids.begin() + static_cast<std::ptrdiff_t>(end));
    urls.push_back(itemsUrl + "?" +
                   itemsQuery(select, "$filter=" + urlEncode(idFilter(chunk)) + "&$top=" + std::to_string(kIdsPerFilter)));
    at = end;
  }
  return urls;
}

std::string writeBody(const Fields& fields) {
  json::value body = json::value::object();
  for (const auto& [name, value] : fields) body[name] = toJson(name, value);
  return body.serialize();
}

struct SharePointClient::Impl {
  ClientOptions options;
  HttpTransport transport;
  std::atomic<long long> requests{0};
  const std::atomic<bool>* cancel = nullptr;
  std::mt19937 rng{std::random_device{}()};
  std::mutex digestMutex;
  std::string digest;
  std::chrono::steady_clock::time_point digestExpiry{};

  std::string siteOrigin;  // canonicalOrigin(siteUrl)

  explicit Impl(ClientOptions o)
      : options(std::move(o)), transport(TransportOptions{options.timeout, options.maxBodyBytes, options.caFile}) {
    while (!options.siteUrl.empty() && options.siteUrl.back() == '/') options.siteUrl.pop_back();
    siteOrigin = canonicalOrigin(options.siteUrl);
  }

  // Requests leave for the site's own origin only, so whatever credential
  // they carry stays there; a bearer token also needs TLS (loopback aside:
  // the emulator and tests, where nothing crosses a wire).
  std::optional<ClientError> refusedDestination(const HttpRequest& req) const {
    const auto origin = canonicalOrigin(req.url);
    if (origin.empty() || origin != siteOrigin)
      return ClientError{ErrorKind::BadResponse, 0,
                         "refused to send a request to " + (origin.empty() ? req.url : urlOrigin(req.url)) +
                             ", which is not the site's origin " + urlOrigin(options.siteUrl)};
    if (usesBearer() && origin.rfind("http://", 0) == 0 && !isLoopbackUrl(req.url))
      return ClientError{ErrorKind::SignInNeeded, 0,
                         "refused to send the sign-in token over plain http to " + urlOrigin(req.url) +
                             "; the site needs an https:// URL"};
    return std::nullopt;
  }

  bool cancelled() const { return cancel != nullptr && cancel->load(); }

  bool sleepCancellable(std::chrono::milliseconds total) {
    const auto until = std::chrono::steady_clock::now() + total;
    while (std::chrono::steady_clock::now() < until) {
      if (cancelled()) return false;
      std::this_thread::sleep_for(std::min<std::chrono::steady_clock::duration>(
          std::chrono::milliseconds(20), until - std::chrono::steady_clock::now()));
    }
    return !cancelled();
  }

  bool usesBearer() const { return options.auth && options.auth->mode() == AuthMode::DeviceCode; }

  HttpResponse sendCounted(const HttpRequest& req) {
    ++requests;
    ++requestsOnThisThread;
    return transport.send(req);
  }

  // The form digest writes need without a bearer token, cached for its lifetime.
  ClientResult<std::string> formDigest(bool forceRefresh) {
    std::lock_guard<std::mutex> lock(digestMutex);
    if (!forceRefresh && !digest.empty() && std::chrono::steady_clock::now() < digestExpiry) return digest;
    HttpRequest req;
    req.method = "POST";
    req.url = options.siteUrl + "/_api/contextinfo";
    // Always plain JSON here: the top-level FormDigestValue shape (reference §0.3).
    req.headers = {{"Accept", "application/json"}, {"User-Agent", options.userAgent}};
    for (int attempt = 1;; ++attempt) {
      if (cancelled()) return ClientError{ErrorKind::Cancelled, 0, "cancelled"};
      const auto r = sendCounted(req);
      if (r.status == 200) {
        if (auto d = parseContextInfo(r.body)) {
          digest = d->value;
          // Renew a minute early so a write never carries a digest that expires in flight.
          digestExpiry = std::chrono::steady_clock::now() + d->lifetime - std::min<std::chrono::seconds>(
                                                                            d->lifetime / 2, std::chrono::seconds(60));
          return digest;
        }
      }
      const int status = r.status == 200 ? 0 : r.status;  // unparsable 200 = truncated
      const auto wait = retryDelay(options.retry, attempt, status, retryAfterOf(r), unit());
      if (!wait) return errorFrom(r);
      if (!sleepCancellable(*wait)) return ClientError{ErrorKind::Cancelled, 0, "cancelled"};
    }
  }

  std::optional<std::chrono::milliseconds> retryAfterOf(const HttpResponse& r) const {
    const auto h = r.header("retry-after");
    if (h.empty()) return std::nullopt;
    return parseRetryAfter(h, std::chrono::system_clock::now());
  }

  // Several lists are read at once (SyncJob::fullReads): the jitter source
  // and the site-wide back-off are shared by their threads.
  std::mutex rngMutex;
  double unit() {
    std::lock_guard<std::mutex> lock(rngMutex);
    return std::uniform_real_distribution<double>(0.0, 1.0)(rng);
  }
  // A 429/503 tells the client, not one request, to slow down: every request
  // of this client waits until then (SharePoint's throttling guidance).
  std::mutex holdMutex;
  std::chrono::steady_clock::time_point holdUntil{};
  void holdAll(std::chrono::milliseconds wait) {
    std::lock_guard<std::mutex> lock(holdMutex);
    holdUntil = std::max(holdUntil, std::chrono::steady_clock::now() + wait);
  }
  bool waitForHold() {
    std::chrono::steady_clock::time_point until;
    {
      std::lock_guard<std::mutex> lock(holdMutex);
      until = holdUntil;
    }
    const auto now = std::chrono::steady_clock::now();
    if (until <= now) return !cancelled();
    return sleepCancellable(std::chrono::duration_cast<std::chrono::milliseconds>(until - now));
  }

  // No access token: offline when the sign-in service was out of reach (the
  // refresh token still works once it answers), else a real sign-in is due.
  ClientError tokenFailure(const char* why) const {
    if (options.auth->lastRefreshUnreachable())
      return ClientError{ErrorKind::Network, 0, "the sign-in service could not be reached"};
    return ClientError{ErrorKind::SignInNeeded, 401, why};
  }

  // One logical request: auth, digest, retries. `valid` checks a 2xx body so
  // a truncated answer is retried like a dropped connection. `idempotent`
  // false = never re-send after a lost answer (a POST create).
  ClientResult<HttpResponse> execute(HttpRequest req, bool idempotent,
                                     const std::function<bool(const HttpResponse&)>& valid = {}) {
    const bool isWrite = req.method != "GET";
    bool authRefreshed = false;
    bool digestRefreshed = false;
    req.headers.emplace_back("User-Agent", options.userAgent);
    // Error texts are matched (a missing `$select` column, a rejected change
    // token); a tenant in another language would translate them.
    req.headers.emplace_back("Accept-Language", "en-US");
    if (auto refused = refusedDestination(req)) return *refused;
    const std::size_t baseHeaders = req.headers.size();
    for (int attempt = 1;; ++attempt) {
      if (cancelled()) return ClientError{ErrorKind::Cancelled, 0, "cancelled"};
      req.headers.resize(baseHeaders);
      bool bearer = false;
      if (usesBearer()) {
        auto token = options.auth->accessToken();
        if (!token) return tokenFailure("sign-in needed");
        req.headers.emplace_back("Authorization", "Bearer " + *token);
        bearer = true;
      }
      if (isWrite && !bearer) {
        auto d = formDigest(false);
        if (!d) return d.error();
        req.headers.emplace_back("X-RequestDigest", *d);
      }
      if (!waitForHold()) return ClientError{ErrorKind::Cancelled, 0, "cancelled"};
      auto r = sendCounted(req);
      // Refused by the transport itself (too large, bad encoding): the same
      // request would fetch the same answer.
      if (r.refused) return ClientError{ErrorKind::BadResponse, 0, describe(req) + ": " + r.error};
      if (r.status == 401 && bearer && !authRefreshed) {
        authRefreshed = true;
        if (options.auth->refresh()) continue;
        return tokenFailure("the access token was refused and could not be refreshed");
      }
      if (r.status == 403 && isWrite && !bearer && !digestRefreshed) {
        // An expired digest answers 403; one fresh digest decides whether it was that.
        digestRefreshed = true;
        auto d = formDigest(true);
        if (!d) return d.error();
        continue;
      }
      int effective = r.status;
      bool malformed = false;
      if (r.status >= 200 && r.status < 300 && valid && !valid(r)) {
        // Retried like a dropped connection (a cut body fails here too), but
        // reported as what it is once the retries are spent.
        effective = 0;
        malformed = true;
        r.error = "incomplete or malformed response body";
      }
      if (effective >= 200 && effective < 300) return r;
      // 429/503 mean "not processed"; a lost answer to a non-idempotent
      // request does not.
      const bool mayResend = idempotent || effective == 429 || effective == 503;
      if (mayResend) {
        if (const auto wait = retryDelay(options.retry, attempt, effective, retryAfterOf(r), unit())) {
          if (effective == 429 || effective == 503) holdAll(*wait);
          if (!sleepCancellable(*wait)) return ClientError{ErrorKind::Cancelled, 0, "cancelled"};
          continue;
        }
      } else if (effective == 0 || effective == 502 || effective == 504) {
        return ClientError{ErrorKind::OutcomeUnknown, 0, r.error.empty() ? "no response" : r.error};
      }
      if (malformed)
        return ClientError{ErrorKind::BadResponse, r.status,
                           "malformed answer to " + describe(req) + " (HTTP " + std::to_string(r.status) +
                               "): not the shape SharePoint sends, or cut short"};
      if (effective == 0) {
        HttpResponse failed = r;
        failed.status = 0;
        return errorFrom(failed);
      }
      return r;  // a definite non-2xx answer: the caller maps it
    }
  }

  HttpRequest get(const std::string& url, const char* accept = kAcceptMinimal) {
    HttpRequest req;
    req.url = url;
    req.headers = {{"Accept", accept}};
    return req;
  }

  ClientResult<ListInfo> listFromUrl(const std::string& url) {
    auto r = execute(get(url +
                             "?$select=Id,Title,BaseTemplate,ItemCount,ListItemEntityTypeFullName,CurrentChangeToken,Created,"
                             "RootFolder/ServerRelativeUrl&$expand=RootFolder",
                         kAcceptNoMetadata),
                     true, [](const HttpResponse& x) { return parseList(x.body).has_value(); });
    if (!r) return r.error();
    if (r->status != 200) return errorFrom(*r);
    return *parseList(r->body);
  }

  // One getchanges call; `summary` accumulates. Returns the page size.
  ClientResult<std::size_t> changesPage(const std::string& listId, const std::string& token, ChangeSummary& summary) {
    HttpRequest req;
    req.method = "POST";
    req.url = listUrl(options.siteUrl, listId) + "/getchanges";
    req.headers = {{"Accept", kAcceptNoMetadata}, {"Content-Type", "application/json;charset=utf-8"}};
    req.body = changeQueryBody(token);
    auto r = execute(req, true, [](const HttpResponse& x) { return parseChanges(x.body).has_value(); });
    ++summary.requests;
    if (!r) return r.error();
    return absorbChanges(*r, summary);
  }

  ClientResult<std::size_t> absorbChanges(const HttpResponse& r, ChangeSummary& summary) {
    if (r.status != 200) {
      auto e = errorFrom(r);
      if (isChangeTokenRejection(r.status, parseError(r.body))) e.kind = ErrorKind::TokenRejected;
      return e;
    }
    auto changes = parseChanges(r.body);
    if (!changes)
      return ClientError{ErrorKind::BadResponse, r.status,
                         "malformed getchanges answer (HTTP " + std::to_string(r.status) +
                             "): not the shape SharePoint sends"};
    applyChanges(*changes, summary);
    return changes->size();
  }

  ClientResult<ChangeSummary> changesFrom(const std::string& listId, ChangeSummary summary, std::size_t lastPage) {
    while (lastPage >= kChangesPerPage) {
      auto page = changesPage(listId, summary.lastToken, summary);
      if (!page) return page.error();
      lastPage = *page;
    }
    return summary;
  }

  ClientResult<Done> readPages(std::string url, const std::function<bool(std::vector<Item>&&)>& onPage,
                               long long maxPages) {
    std::set<std::string> visited;
    long long pages = 0;
    while (!url.empty()) {
      // A next link that loops (to itself or back to an earlier page) or
      // never ends would be followed forever.
      if (!visited.insert(url).second)
        return ClientError{ErrorKind::BadResponse, 200, "the server's next link repeats an earlier page; stopped"};
      if (++pages > maxPages)
        return ClientError{ErrorKind::BadResponse, 200,
                           "the server's next links went on past " + std::to_string(maxPages) +
                               " pages, more than the list's size allows; stopped"};
      std::optional<ItemPage> page;
      auto r = execute(get(url), true, [&](const HttpResponse& x) {
        page = parseItemPage(x.body);
        return page.has_value();
      });
      if (!r) return r.error();
      if (r->status != 200) return errorFrom(*r);
      // The server's next link is followed as given: it already carries
      // $select/$top and an opaque $skiptoken.
      auto next = followable(page->nextLink);
      if (!next) return next.error();
      url = std::move(*next);
      // The raw page is not needed once parsed: free it before the caller
      // stores the items (peak memory of a first sync).
      std::string().swap(r->body);
      if (!onPage(std::move(page->items))) break;
    }
    return Done{};
  }

  // A page's next link as the URL to ask for: a relative one made absolute,
  // one that leads to another origin refused ("" stays "": no next page).
  ClientResult<std::string> followable(std::string link) const {
    if (!link.empty() && urlOrigin(link).empty()) link = urlOrigin(options.siteUrl) + link;  // tolerate relative
    if (!link.empty() && canonicalOrigin(link) != siteOrigin)
      return ClientError{ErrorKind::BadResponse, 200,
                         "the server's next link leads to another origin (" + urlOrigin(link) + "); not followed"};
    return link;
  }

  // readPages for a full read: each page stays as it came off the wire
  // (compressed) and is only checked here; its items are built later, by
  // whoever stores them (SharePointClient::readPage).
  // `linksAtEnd`: an earlier page of this read (fetched by another call)
  // ended with its link.
  ClientResult<Done> fetchPages(std::string url, const std::function<bool(RawItemPage&&)>& onPage, long long maxPages,
                                bool linksAtEnd = false) {
    std::set<std::string> visited;
    long long pages = 0;
    // Once a page of this list ended with its link, a page that ends as a
    // last page is taken as the last without its whole check (the storing
    // read checks that it names no next page).
    while (!url.empty()) {
      if (!visited.insert(url).second)
        return ClientError{ErrorKind::BadResponse, 200, "the server's next link repeats an earlier page; stopped"};
      if (++pages > maxPages)
        return ClientError{ErrorKind::BadResponse, 200,
                           "the server's next links went on past " + std::to_string(maxPages) +
                               " pages, more than the list's size allows; stopped"};
      HttpRequest req = get(url);
      req.keepEncoded = true;
      std::optional<ItemPageSummary> summary;
      std::optional<std::string> tooLarge;
      auto r = execute(req, true, [&](const HttpResponse& x) {
        summary.reset();
        tooLarge.reset();
        auto checked = checkPageForPaging(x.body, x.header("content-encoding"), options.maxBodyBytes, linksAtEnd);
        if (checked.failure.tooLarge) {
          // Taken as an answer, refused below: the same request would
          // fetch the same bomb again (D-sync-7).
          tooLarge = checked.failure.message;
          return true;
        }
        summary = std::move(checked.page);
        return summary.has_value();
      });
      if (!r) return r.error();
      if (r->status != 200) return errorFrom(*r);
      if (tooLarge) return ClientError{ErrorKind::BadResponse, 0, describe(req) + ": " + *tooLarge};
      const bool linkAtEnd = !summary->checkedInFull && !summary->nextLink.empty();
      if (linkAtEnd) linksAtEnd = true;
      auto next = followable(summary->nextLink);
      if (!next) return next.error();
      url = std::move(*next);
      if (!onPage(RawItemPage{std::move(r->body), r->header("content-encoding"), summary->nextLink, linkAtEnd})) break;
    }
    return Done{};
  }

  std::vector<std::string> idChunkUrls(const std::string& listId, const std::vector<std::string>& select,
                                       const std::vector<std::int64_t>& ids) const {
    return itemsByIdUrls(listUrl(options.siteUrl, listId) + "/items", select, ids);
  }

  // POST /_api/$batch with `parts`; the parts' answers in order.
  ClientResult<std::vector<BatchPartResponse>> batch(const std::vector<BatchPart>& parts) {
    const auto boundary = newBoundary();
    HttpRequest req;
    req.method = "POST";
    req.url = options.siteUrl + "/_api/$batch";
    req.headers = {{"Accept", "multipart/mixed"}, {"Content-Type", "multipart/mixed; boundary=" + boundary}};
    req.body = buildBatchBody(parts, boundary);
    const std::size_t expected = parts.size();
    std::optional<std::vector<BatchPartResponse>> parsed;
    auto r = execute(req, true, [&](const HttpResponse& x) {
      const auto b = multipartBoundary(x.header("content-type"));
      if (!b) return false;
      parsed = parseBatchResponse(x.body, *b);
      return parsed && parsed->size() == expected;
    });
    if (!r) return r.error();
    if (r->status < 200 || r->status >= 300) return errorFrom(*r);
    return std::move(*parsed);
  }
};

SharePointClient::SharePointClient(ClientOptions options) : impl_(std::make_unique<Impl>(std::move(options))) {}
SharePointClient::~SharePointClient() = default;

void SharePointClient::setCancelFlag(const std::atomic<bool>* cancel) { impl_->cancel = cancel; }
long long SharePointClient::requestCount() const { return impl_->requests.load(); }
long long SharePointClient::requestCountOnThisThread() const { return requestsOnThisThread; }

void SharePointClient::cancelInFlight() {
  impl_->transport.cancelInFlight();
  if (impl_->options.auth) impl_->options.auth->cancelInFlight();
}

void SharePointClient::closeConnections() {
  impl_->transport.closeConnections();
  if (impl_->options.auth) impl_->options.auth->closeConnections();
}

ClientResult<WebInfo> SharePointClient::web() {
  auto r = impl_->execute(impl_->get(impl_->options.siteUrl + "/_api/web?$select=Id,Title,Url,ServerRelativeUrl",
                                     kAcceptNoMetadata),
                          true, [](const HttpResponse& x) { return parseWeb(x.body).has_value(); });
  if (!r) return r.error();
  if (r->status != 200) return errorFrom(*r);
  return *parseWeb(r->body);
}

namespace {
// {"Id":13,...}, or the verbose flavour's {"d":{"Id":13,...}}.
std::optional<int> timeZoneIdOf(const std::string& body) {
  try {
    auto v = json::value::parse(body);
    if (v.has_field("d")) v = v.at("d");
    if (v.has_field("Id") && v.at("Id").is_number()) return v.at("Id").as_integer();
  } catch (const std::exception&) {
  }
  return std::nullopt;
}
}  // namespace

ClientResult<int> SharePointClient::siteTimeZoneId() {
  auto r = impl_->execute(impl_->get(impl_->options.siteUrl + "/_api/web/regionalsettings/timezone?$select=Id",
                                     kAcceptNoMetadata),
                          true, [](const HttpResponse& x) { return timeZoneIdOf(x.body).has_value(); });
  if (!r) return r.error();
  if (r->status != 200) return errorFrom(*r);
  return *timeZoneIdOf(r->body);
}

ClientResult<std::vector<ListInfo>> SharePointClient::listsByTemplate(int baseTemplate) {
  const std::string url = impl_->options.siteUrl +
                          "/_api/web/lists?$select=Id,Title,BaseTemplate,ItemCount,ListItemEntityTypeFullName&$filter=" +
                          urlEncode("BaseTemplate eq " + std::to_string(baseTemplate) + " and Hidden eq false");
  auto r = impl_->execute(impl_->get(url, kAcceptNoMetadata), true,
                          [](const HttpResponse& x) { return parseLists(x.body).has_value(); });
  if (!r) return r.error();
  if (r->status != 200) return errorFrom(*r);
  return *parseLists(r->body);
}

ClientResult<std::vector<ListInfo>> SharePointClient::visibleLists() {
  const std::string url = impl_->options.siteUrl +
                          "/_api/web/lists?$select=Id,Title,BaseTemplate,ItemCount&$filter=" + urlEncode("Hidden eq false");
  auto r = impl_->execute(impl_->get(url, kAcceptNoMetadata), true,
                          [](const HttpResponse& x) { return parseLists(x.body).has_value(); });
  if (!r) return r.error();
  if (r->status != 200) return errorFrom(*r);
  return *parseLists(r->body);
}

namespace {
// A list's URL by title: "<site>/_api/web/lists/getByTitle('It''s')".
std::string listByTitleUrl(const std::string& siteUrl, const std::string& title) {
  std::string quoted;
  for (char c : title) quoted += c == '\'' ? std::string("''") : std::string(1, c);
  return siteUrl + "/_api/web/lists/getByTitle('" + urlEncode(quoted) + "')";
}
}  // namespace

ClientResult<ListInfo> SharePointClient::listByTitle(const std::string& title) {
  return impl_->listFromUrl(listByTitleUrl(impl_->options.siteUrl, title));
}

ClientResult<ListInfo> SharePointClient::list(const std::string& listId) {
  return impl_->listFromUrl(listUrl(impl_->options.siteUrl, listId));
}

ClientResult<Done> SharePointClient::readAllItems(const std::string& listId, const std::vector<std::string>& select,
                                                  const std::function<bool(std::vector<Item>&&)>& onPage,
                                                  long long itemCount) {
  return impl_->readPages(listUrl(impl_->options.siteUrl, listId) + "/items?" +
                              itemsQuery(select, "$top=" + std::to_string(impl_->options.pageSize)),
                          onPage, maxPagesFor(itemCount, impl_->options.pageSize));
}

ClientResult<Done> SharePointClient::fetchAllPages(const std::string& listId, const std::vector<std::string>& select,
                                                   const std::function<bool(RawItemPage&&)>& onPage,
                                                   long long itemCount) {
  return impl_->fetchPages(listUrl(impl_->options.siteUrl, listId) + "/items?" +
                               itemsQuery(select, "$top=" + std::to_string(impl_->options.pageSize)),
                           onPage, maxPagesFor(itemCount, impl_->options.pageSize));
}

ClientResult<Done> SharePointClient::fetchPagesByTitle(const std::string& title, const std::vector<std::string>& select,
                                                       const std::function<bool(RawItemPage&&)>& onPage,
                                                       long long itemCount) {
  return impl_->fetchPages(listByTitleUrl(impl_->options.siteUrl, title) + "/items?" +
                               itemsQuery(select, "$top=" + std::to_string(impl_->options.pageSize)),
                           onPage, maxPagesFor(itemCount, impl_->options.pageSize));
}

ClientResult<Done> SharePointClient::fetchPagesFrom(const std::string& nextLink, bool linksAtEnd,
                                                    const std::function<bool(RawItemPage&&)>& onPage,
                                                    long long itemCount) {
  auto url = impl_->followable(nextLink);
  if (!url) return url.error();
  if (url->empty()) return Done{};
  return impl_->fetchPages(*url, onPage, maxPagesFor(itemCount, impl_->options.pageSize), linksAtEnd);
}

ItemPageResult SharePointClient::readPage(const RawItemPage& page, ListKind kind, const ItemRowSink& sink,
                                          std::size_t chunkSize) const {
  return readEncodedItemRows(page.body, page.encoding, impl_->options.maxBodyBytes, kind, sink, chunkSize);
}

ClientResult<std::vector<Item>> SharePointClient::readItems(const std::string& listId,
                                                            const std::vector<std::string>& select,
                                                            const std::vector<std::int64_t>& ids) {
  std::vector<Item> out;
  for (const auto& url : impl_->idChunkUrls(listId, select, ids)) {
    // One chunk of at most kIdsPerFilter ids fits one page; a few more are slack.
    auto got = impl_->readPages(
        url,
        [&](std::vector<Item>&& items) {
          for (auto& i : items) out.push_back(std::move(i));
          return true;
        },
        maxPagesFor(static_cast<long long>(kIdsPerFilter), static_cast<int>(kIdsPerFilter)));
    if (!got) return got.error();
  }
  return out;
}

ClientResult<std::vector<std::vector<Item>>> SharePointClient::readItemsForLists(
    const std::vector<ItemsQuery>& queries) {
  std::vector<std::vector<Item>> out(queries.size());
  std::vector<BatchPart> parts;
  std::vector<std::size_t> owner;  // part → query index
  for (std::size_t q = 0; q < queries.size(); ++q) {
    for (auto& url : impl_->idChunkUrls(queries[q].listId, queries[q].select, queries[q].ids)) {
      parts.push_back(BatchPart{"GET", std::move(url), {{"Accept", kAcceptMinimal}}, {}});
      owner.push_back(q);
    }
  }
  if (parts.empty()) return out;
  if (parts.size() == 1) {  // no need for multipart framing
    auto items = readItems(queries[owner[0]].listId, queries[owner[0]].select, queries[owner[0]].ids);
    if (!items) {
      auto e = items.error();
      e.query = owner[0];
      return e;
    }
    out[owner[0]] = std::move(*items);
    return out;
  }
  for (std::size_t at = 0; at < parts.size(); at += kMaxBatchParts) {
    const std::vector<BatchPart> slice(parts.begin() + at, parts.begin() + std::min(parts.size(), at + kMaxBatchParts));
    auto answers = impl_->batch(slice);
    if (!answers) return answers.error();
    for (std::size_t i = 0; i < answers->size(); ++i) {
      const auto& a = (*answers)[i];
      HttpResponse r{a.status, a.headers, a.body, {}};
      if (a.status != 200) {
        auto e = errorFrom(r);
        e.query = owner[at + i];
        return e;
      }
      auto page = parseItemPage(a.body);
      if (!page) {
        ClientError e{ErrorKind::BadResponse, a.status,
                      "malformed item page in $batch (HTTP " + std::to_string(a.status) +
                          "): not the shape SharePoint sends"};
        e.query = owner[at + i];
        return e;
      }
      auto& dest = out[owner[at + i]];
      for (auto& item : page->items) dest.push_back(std::move(item));
    }
  }
  return out;
}

ClientResult<ChangeSummary> SharePointClient::getChanges(const std::string& listId, const std::string& token) {
  ChangeSummary summary;
  summary.lastToken = token;
  auto first = impl_->changesPage(listId, token, summary);
  if (!first) return first.error();
  return impl_->changesFrom(listId, std::move(summary), *first);
}

ClientResult<std::vector<ListChanges>> SharePointClient::getChangesForLists(const std::vector<ChangeQuery>& queries) {
  std::optional<int> unused;
  return getChangesForLists(queries, unused, false);
}

ClientResult<std::vector<ListChanges>> SharePointClient::getChangesForLists(const std::vector<ChangeQuery>& queries,
                                                                           std::optional<int>& siteTimeZoneId) {
  return getChangesForLists(queries, siteTimeZoneId, true);
}

std::optional<SharePointClient::HeldDigest> SharePointClient::heldFormDigest() const {
  std::lock_guard<std::mutex> lock(impl_->digestMutex);
  const auto left = impl_->digestExpiry - std::chrono::steady_clock::now();
  if (impl_->digest.empty() || left < std::chrono::minutes(1)) return std::nullopt;
  return HeldDigest{impl_->digest, std::chrono::system_clock::now() +
                                       std::chrono::duration_cast<std::chrono::system_clock::duration>(left)};
}

void SharePointClient::holdFormDigest(const HeldDigest& digest) {
  const auto left = digest.expires - std::chrono::system_clock::now();
  if (digest.value.empty() || left < std::chrono::minutes(1)) return;
  std::lock_guard<std::mutex> lock(impl_->digestMutex);
  impl_->digest = digest.value;
  // A minute early, as for a fetched one: never a digest that expires in flight.
  impl_->digestExpiry = std::chrono::steady_clock::now() +
                        std::chrono::duration_cast<std::chrono::steady_clock::duration>(left - std::chrono::minutes(1));
}

ClientResult<std::vector<ListChanges>> SharePointClient::getChangesForLists(const std::vector<ChangeQuery>& queries,
                                                                           std::optional<int>& siteTimeZoneId,
                                                                           bool askTimeZone) {
  std::vector<ListChanges> out;
  if (queries.empty()) return out;
  // Two parts per list, ItemCount first: a change made between the two is
  // then seen by the changes and counted by the cache, never missing from
  // the count.
  std::vector<BatchPart> parts;
  for (const auto& q : queries) {
    parts.push_back(BatchPart{"GET", listUrl(impl_->options.siteUrl, q.listId) + "?$select=Id,ItemCount,Created,CurrentChangeToken",
                              {{"Accept", kAcceptNoMetadata}}, {}});
    parts.push_back(BatchPart{"POST", listUrl(impl_->options.siteUrl, q.listId) + "/getchanges",
                              {{"Accept", kAcceptNoMetadata}, {"Content-Type", "application/json;charset=utf-8"}},
                              changeQueryBody(q.token)});
  }
  // A GET part, so it lands among the GETs after the counts (buildBatchBody
  // puts every GET before the changeset): its answer sits at queries.size().
  const std::size_t zoneParts = askTimeZone ? 1 : 0;
  if (askTimeZone)
    parts.push_back(BatchPart{"GET", impl_->options.siteUrl + "/_api/web/regionalsettings/timezone?$select=Id",
                              {{"Accept", kAcceptNoMetadata}}, {}});
  auto answers = impl_->batch(parts);
  if (!answers) return answers.error();
  if (askTimeZone) {
    const auto& zone = (*answers)[queries.size()];
    if (zone.status == 200) siteTimeZoneId = timeZoneIdOf(zone.body);
  }
  for (std::size_t i = 0; i < queries.size(); ++i) {
    // buildBatchBody sends the GETs first, then the POSTs in one changeset:
    // every count is read before any list's changes.
    const auto& countAnswer = (*answers)[i];
    const auto& a = (*answers)[queries.size() + zoneParts + i];
    ChangeSummary summary;
    summary.lastToken = queries[i].token;
    if (countAnswer.status != 200) {
      auto e = errorFrom(HttpResponse{countAnswer.status, countAnswer.headers, countAnswer.body, {}});
      e.query = i;
      out.emplace_back(std::move(e));
      continue;
    }
    const auto counted = parseList(countAnswer.body);
    if (!counted) {
      out.emplace_back(ClientError{ErrorKind::BadResponse, 200,
                                   "malformed answer to the list's ItemCount in $batch: not the shape SharePoint sends"});
      continue;
    }
    summary.itemCount = counted->itemCount;
    // A site restored from a backup: the list's change log may be behind
    // the stored token, or the list another one under the same id (sync_job).
    summary.currentToken = counted->currentChangeToken;
    summary.listCreated = counted->created;
    HttpResponse r{a.status, a.headers, a.body, {}};
    auto page = impl_->absorbChanges(r, summary);
    if (!page) {
      out.emplace_back(page.error());
      continue;
    }
    out.push_back(impl_->changesFrom(queries[i].listId, std::move(summary), *page));
  }
  return out;
}

ClientResult<Item> SharePointClient::create(const std::string& listId, const Fields& fields) {
  HttpRequest req;
  req.method = "POST";
  req.url = listUrl(impl_->options.siteUrl, listId) + "/items";
  req.headers = {{"Accept", kAcceptMinimal}, {"Content-Type", "application/json;charset=utf-8"}};
  req.body = writeBody(fields);
  auto r = impl_->execute(req, false, [](const HttpResponse& x) { return parseItem(x.body).has_value(); });
  if (!r) return r.error();
  if (r->status != 201 && r->status != 200) return errorFrom(*r);
  auto item = *parseItem(r->body);
  if (const auto v = httpEtagVersion(r->header("etag"))) item.etag = ifMatchFor(*v);
  return item;
}

namespace {
// A field value as the text a SharePoint form would post.
std::string formText(const FieldValue& v) {
  if (const auto* s = std::get_if<std::string>(&v)) return *s;
  if (const auto* i = std::get_if<std::int64_t>(&v)) return std::to_string(*i);
  if (const auto* b = std::get_if<bool>(&v)) return *b ? "1" : "0";
  if (const auto* d = std::get_if<double>(&v)) {
    std::ostringstream out;
    out << *d;
    return out.str();
  }
  return "";
}
}  // namespace

ClientResult<Item> SharePointClient::createWithPath(const std::string& listId, const std::string& folderPath,
                                                   bool asFolder, const Fields& formFields,
                                                   const std::vector<std::string>& select) {
  json::value info = json::value::object();
  info["FolderPath"] = json::value::object();
  info["FolderPath"]["DecodedUrl"] = json::value::string(folderPath);
  info["UnderlyingObjectType"] = json::value::number(asFolder ? 1 : 0);
  json::value form = json::value::array();
  std::size_t n = 0;
  for (const auto& [name, value] : formFields) {
    json::value row = json::value::object();
    row["FieldName"] = json::value::string(name);
    row["FieldValue"] = json::value::string(formText(value));
    form[n++] = row;
  }
  json::value body = json::value::object();
  body["listItemCreateInfo"] = info;
  body["formValues"] = form;
  body["bNewDocumentUpdate"] = json::value::boolean(false);
  HttpRequest req;
  req.method = "POST";
  req.url = listUrl(impl_->options.siteUrl, listId) + "/AddValidateUpdateItemUsingPath()";
  req.headers = {{"Accept", kAcceptNoMetadata}, {"Content-Type", "application/json;charset=utf-8"}};
  req.body = body.serialize();
  auto r = impl_->execute(req, false, [](const HttpResponse& x) { return parseFormUpdate(x.body).has_value(); });
  if (!r) return r.error();
  if (r->status != 200 && r->status != 201) return errorFrom(*r);
  const auto result = *parseFormUpdate(r->body);
  if (!result.errors.empty()) {
    // A form value the server would not take: nothing was created.
    std::string why;
    for (const auto& e : result.errors) why += (why.empty() ? "" : "; ") + e;
    return ClientError{ErrorKind::Server, 400, why};
  }
  if (result.itemId <= 0) return ClientError{ErrorKind::BadResponse, r->status, "no item id in the form answer"};
  // The answer has no ETag or computed fields: read the item back.
  auto items = readItems(listId, select, {result.itemId});
  if (!items) return items.error();
  if (items->empty()) return ClientError{ErrorKind::NotFound, 404, "the new item could not be read back"};
  return std::move(items->front());
}

namespace {
ClientResult<UpdateResult> conditionalOutcome(const ClientResult<HttpResponse>& r) {
  if (!r) return r.error();
  UpdateResult out;
  if (r->status == 412) {
    out.outcome = WriteOutcome::VersionMismatch;
    return out;
  }
  if (r->status == 404) {
    out.outcome = WriteOutcome::Gone;
    return out;
  }
  if (r->status < 200 || r->status >= 300) return errorFrom(*r);
  out.newVersion = httpEtagVersion(r->header("etag")).value_or(0);
  return out;
}
}  // namespace

ClientResult<UpdateResult> SharePointClient::update(const std::string& listId, std::int64_t id, std::int64_t version,
                                                    const Fields& fields) {
  HttpRequest req;
  req.method = "POST";
  req.url = listUrl(impl_->options.siteUrl, listId) + "/items(" + std::to_string(id) + ")";
  req.headers = {{"Accept", kAcceptMinimal},
                 {"Content-Type", "application/json;charset=utf-8"},
                 {"X-HTTP-Method", "MERGE"},
                 {"IF-MATCH", version > 0 ? ifMatchFor(version) : std::string("*")}};
  req.body = writeBody(fields);
  // A conditional MERGE is safe to re-send: if the lost attempt applied, the
  // retry answers 412 and the merge finds nothing left to do.
  return conditionalOutcome(impl_->execute(req, version > 0));
}

ClientResult<UpdateResult> SharePointClient::remove(const std::string& listId, std::int64_t id, std::int64_t version) {
  HttpRequest req;
  req.method = "POST";
  req.url = listUrl(impl_->options.siteUrl, listId) + "/items(" + std::to_string(id) + ")";
  req.headers = {{"Accept", kAcceptMinimal},
                 {"X-HTTP-Method", "DELETE"},
                 {"IF-MATCH", version > 0 ? ifMatchFor(version) : std::string("*")}};
  // Re-sending a delete is harmless: a second one answers 404 (= Gone).
  return conditionalOutcome(impl_->execute(req, true));
}

}  // namespace deskpane::sync
