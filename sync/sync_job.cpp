#include "sync/sync_job.h"

#include "sync/item_json.h"
#include "sync/item_schema_check.h"
#include "sync/list_discovery.h"
#include "sync/list_schema.h"
#include "sync/list_service.h"
#include "sync/page_pipeline.h"

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <exception>
#include <functional>
#include <mutex>
#include <thread>
#include <ctime>
#include <unordered_set>

namespace deskpane::sync {

namespace {

long long msSince(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - start).count();
}

std::string nowIsoUtc() {
  std::time_t t = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

SyncState stateFor(ErrorKind kind) {
  switch (kind) {
    case ErrorKind::Network:
    case ErrorKind::Throttled:
    case ErrorKind::OutcomeUnknown:
    case ErrorKind::Cancelled: return SyncState::Offline;
    case ErrorKind::SignInNeeded: return SyncState::SignInNeeded;
    default: return SyncState::Error;
  }
}

// The server answered this one write with a definite "no" (a bad value, a
// column the list lacks, no edit rights): the write is not lost and not
// retried at once, but it must not hold back the list's other changes or its
// pull. Throttling, auth, network trouble and 5xx stay list-wide.
bool refusedForGood(const ClientError& e) {
  if (e.kind == ErrorKind::Forbidden) return true;
  if (e.kind != ErrorKind::Server && e.kind != ErrorKind::NotFound) return false;
  return e.status >= 400 && e.status < 500 && e.status != 401 && e.status != 408 && e.status != 429;
}

void fail(ListSyncReport& report, const ClientError& e) {
  // The first failure explains the state; later ones are consequences.
  if (report.state != SyncState::Synced) return;
  report.state = stateFor(e.kind);
  report.message = e.message;
}

// An answer that does not fit the list's schema: an error for that list,
// raised before anything of it is stored (so its change token stays).
ClientError notFitting(const std::string& problem) {
  return ClientError{ErrorKind::BadResponse, 200, "the server's answer does not fit the list: " + problem};
}

std::optional<ClientError> schemaError(ListKind kind, const std::vector<Item>& items) {
  auto problem = schemaProblem(kind, items);
  if (!problem) return std::nullopt;
  return notFitting(*problem);
}

// Items in the cache that exist on the server: all of them (locally deleted
// ones included, their delete is not pushed) but the local creates not yet
// there, one pending create each.
long long cachedServerItems(const Store& store, ListKind kind) {
  const auto pending = store.pendingOutbox(kind);
  const auto creates = std::count_if(pending.begin(), pending.end(), [](const OutboxEntry& e) { return e.op == OutboxOp::Create; });
  return static_cast<long long>(store.count(kind, true)) - static_cast<long long>(creates);
}

// The change number of a token ("1;3;<list>;<ticks>;<number>"); nullopt for
// "-1" (any change after a time) or a token not of that shape.
std::optional<long long> changeNumber(const std::string& token) {
  const auto semi = token.rfind(';');
  if (semi == std::string::npos || token.size() == semi + 1) return std::nullopt;
  long long n = 0;
  for (std::size_t i = semi + 1; i < token.size(); ++i) {
    if (token[i] < '0' || token[i] > '9' || n > 1'000'000'000'000'000LL) return std::nullopt;
    n = n * 10 + (token[i] - '0');
  }
  return n;
}

// A site restored from a backup answers getchanges from a token ahead of its
// change log with no changes at all, as SharePoint answers for any token it
// has nothing after, and keeps its list ids. What gives it away is the list's
// own current token being behind ours, or the list's creation time having
// changed (a list made anew).
bool restoredSince(const std::string& storedToken, const std::string& storedCreated, const ChangeSummary& now) {
  const auto ours = changeNumber(storedToken), theirs = changeNumber(now.currentToken);
  if (ours && theirs && *ours > *theirs) return true;
  return !storedCreated.empty() && !now.listCreated.empty() && storedCreated != now.listCreated;
}

// SharePoint returns dates without fractions ("…T09:00:00Z"); clients often
// send them with (".000Z"). Equal for matching purposes.
std::string normalisedText(std::string s) {
  if (s.size() >= 24 && s[10] == 'T' && s[19] == '.' && s.back() == 'Z') s = s.substr(0, 19) + "Z";
  return s;
}

bool sameForMatch(const FieldValue& a, const FieldValue& b) {
  if (sameValue(a, b)) return true;
  const auto* sa = std::get_if<std::string>(&a);
  const auto* sb = std::get_if<std::string>(&b);
  if (sa && sb) return normalisedText(*sa) == normalisedText(*sb);
  return false;
}

// Fields the client writes: never server-computed ones.
Fields writableFields(ListKind kind, const Fields& payload) {
  static const std::set<std::string, std::less<>> kReadOnly = {
      "Id", "ID", "GUID", "Created", "Modified", "Author/Title", "Editor/Title", "Checkmark",
      "FileSystemObjectType", "DiscussionLastUpdated", "LastReplyBy", "ParentFolderId", "FullName", "FileRef"};
  Fields out;
  for (const auto& [name, value] : payload) {
    if (kReadOnly.count(name) != 0) continue;
    if (kind == ListKind::Contacts && name == "FullName") continue;
    out.emplace(name, value);
  }
  return out;
}

}  // namespace

const std::vector<std::string>& selectFieldsFor(ListKind kind) {
  // Built once from the list schema, so the select, the models and the
  // editors name the same fields.
  static const std::map<ListKind, std::vector<std::string>> kSelect = [] {
    std::map<ListKind, std::vector<std::string>> m;
    for (ListKind k : kAllListKinds) m[k] = selectFields(k);
    return m;
  }();
  return kSelect.at(kind);
}

std::optional<std::string> missingFieldOf(const ClientError& error) {
  if (error.status != 400) return std::nullopt;
  static const std::string kPrefix = "The field or property '";
  const auto at = error.message.find(kPrefix);
  if (at == std::string::npos) return std::nullopt;
  const auto start = at + kPrefix.size();
  const auto end = error.message.find('\'', start);
  if (end == std::string::npos || error.message.compare(end, 16, "' does not exist") != 0) return std::nullopt;
  return error.message.substr(start, end - start);
}

const std::vector<std::string>& SelectCache::fields(ListKind kind) {
  auto it = fields_.find(kind);
  if (it == fields_.end()) it = fields_.emplace(kind, selectFieldsFor(kind)).first;
  return it->second;
}

namespace {
// Drops from `select` the field a 400 answer names as missing; false when
// the answer names none of them.
bool dropNamedField(std::vector<std::string>& select, const ClientError& error) {
  const auto missing = missingFieldOf(error);
  if (!missing) return false;
  // "Author/Title" is reported as 'Author'.
  const auto before = select.size();
  select.erase(std::remove_if(select.begin(), select.end(),
                              [&](const std::string& f) { return f == *missing || f.rfind(*missing + "/", 0) == 0; }),
               select.end());
  return select.size() != before;
}

// withSelect for a fetch thread, which must not touch the SelectCache: a
// column the list lacks fails the read with a 400 naming it; the thread's
// own copy of the fields loses it (the answer is kept in `dropped`, for the
// cache afterwards) and the read is sent again, while `mayRetry()` says
// nothing of it was kept yet. Returns the last answer.
template <class Fetch, class MayRetry>
ClientResult<Done> withOwnSelect(std::vector<std::string>& select, std::vector<ClientError>& dropped, Fetch&& fetch,
                                 MayRetry&& mayRetry) {
  for (int round = 0;; ++round) {
    auto r = fetch();
    if (r || round > 80 || !mayRetry() || !dropNamedField(select, r.error())) return r;
    dropped.push_back(r.error());
  }
}

long long steadyNs() {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

// How far before the lookup's change token an early read's token goes,
// beyond the time between the page's request and the lookup's answer: room
// for the server's clocks, at the cost of the first incremental sync being
// told again of the changes of that minute.
constexpr long long kEarlyReadSafetyTicks = 60LL * 10'000'000LL;
}  // namespace

bool SelectCache::dropMissing(ListKind kind, const ClientError& error) {
  return dropNamedField(fields_.try_emplace(kind, selectFieldsFor(kind)).first->second, error);
}

void SelectCache::dropNames(ListKind kind, const std::vector<std::string>& names) {
  auto& v = fields_.try_emplace(kind, selectFieldsFor(kind)).first->second;
  v.erase(std::remove_if(v.begin(), v.end(),
                         [&](const std::string& f) { return std::find(names.begin(), names.end(), f) != names.end(); }),
          v.end());
}

std::vector<std::string> SelectCache::missing(ListKind kind) {
  const auto& now = fields(kind);
  std::vector<std::string> out;
  for (const auto& f : selectFieldsFor(kind))
    if (std::find(now.begin(), now.end(), f) == now.end()) out.push_back(f);
  return out;
}

void SelectCache::reset(ListKind kind) { fields_.erase(kind); }

std::optional<std::string> changeTokenBefore(const std::string& token, long long backTicks) {
  // version;scope;scope id;ticks;change number
  std::vector<std::string> parts;
  for (std::size_t at = 0;;) {
    const auto semi = token.find(';', at);
    parts.push_back(token.substr(at, semi == std::string::npos ? std::string::npos : semi - at));
    if (semi == std::string::npos) break;
    at = semi + 1;
  }
  if (parts.size() != 5 || parts[0] != "1" || parts[1] != "3" || parts[2].empty() || parts[3].empty() ||
      parts[3].size() > 18 || !std::all_of(parts[3].begin(), parts[3].end(), [](char c) { return c >= '0' && c <= '9'; }))
    return std::nullopt;
  const long long ticks = std::stoll(parts[3]);
  if (backTicks < 0 || ticks - backTicks <= 0) return std::nullopt;
  return "1;3;" + parts[2] + ";" + std::to_string(ticks - backTicks) + ";-1";
}

namespace {
// Runs a read, dropping unknown `$select` fields of the list `blame(error)`
// names until it succeeds or fails for another reason. Bounded by the
// number of selectable fields.
template <class Fn, class Blame>
auto withSelect(SelectCache& select, Fn&& read, Blame&& blame) -> decltype(read()) {
  for (int round = 0;; ++round) {
    auto r = read();
    if (r || round > 80) return r;
    const std::optional<ListKind> kind = blame(r.error());
    if (!kind || !select.dropMissing(*kind, r.error())) return r;
  }
}

// The same for a read of one list.
template <class Fn>
auto withSelect(SelectCache& select, ListKind kind, Fn&& read) -> decltype(read()) {
  return withSelect(select, std::forward<Fn>(read), [kind](const ClientError&) { return std::optional<ListKind>(kind); });
}
}  // namespace

// A first read's first page, fetched by title beside the list's lookup, so a
// first sync takes one round trip less. The page may have been read before
// the lookup's change token was taken, so the read keeps a token from a time
// before the page's request instead (changeTokenBefore).
struct EarlyRead {
  std::vector<std::string> select;   // without the columns the list lacks
  std::vector<ClientError> dropped;  // the 400s that named them
  std::optional<RawItemPage> page;
  std::optional<ClientError> error;  // why there is no page: the read fails with it, not asked again
  long long requests = 0;
  long long startedAt = 0;  // steady clock, ns: before its first request
  bool done = false;
};

// The early reads of one pass, each on a thread of its own while the lookups
// and the bindings go on; a fetcher waits for its list's before going on.
struct EarlyReads {
  std::mutex mutex;
  std::condition_variable cv;
  std::map<ListKind, EarlyRead> reads;       // filled before any thread starts
  std::map<ListKind, long long> lookedUpAt;  // steady clock, ns: the lookup's answer
  std::vector<std::thread> threads;

  EarlyReads() = default;
  EarlyReads(const EarlyReads&) = delete;
  EarlyReads& operator=(const EarlyReads&) = delete;
  ~EarlyReads() {
    for (auto& t : threads)
      if (t.joinable()) t.join();
  }
  bool has(ListKind kind) const { return reads.count(kind) > 0; }
  // The list's read, once its thread is done with it.
  EarlyRead& wait(ListKind kind) {
    std::unique_lock<std::mutex> lock(mutex);
    EarlyRead& read = reads.at(kind);
    cv.wait(lock, [&] { return read.done; });
    return read;
  }
};

SyncJob::SyncJob(Store& store, ListService& client, std::map<ListKind, std::string> titles, SelectCache& select)
    : store_(store), client_(client), titles_(std::move(titles)), select_(select) {}

SyncJob::~SyncJob() = default;

std::vector<ListSyncReport> SyncJob::run(const std::set<ListKind>& kinds) {
  std::vector<ListSyncReport> reports;
  for (auto kind : kinds) {
    ListSyncReport r;
    r.kind = kind;
    reports.push_back(r);
  }
  std::vector<ListKind> incrementalKinds, fullReadKinds;
  std::map<ListKind, ListSyncReport*> byKind;
  freshInfo_.clear();
  early_.reset();
  siteTimeZone_.reset();
  // Columns an earlier process learned the bound lists lack: not asked for
  // again, so they cost no 400 and no second request.
  for (auto kind : kinds)
    if (store_.list(kind)) select_.dropNames(kind, store_.missingColumns(kind));
  const auto lookUpStart = std::chrono::steady_clock::now();
  auto lookedUp = lookUpTitles(kinds);
  const auto lookUpMs = msSince(lookUpStart);
  for (auto& report : reports) {
    byKind[report.kind] = &report;
    // This thread's requests only: early reads may be under way on others.
    const auto requestsBefore = client_.requestCountOnThisThread();
    const auto start = std::chrono::steady_clock::now();
    std::optional<ClientResult<ListInfo>> found;
    if (auto at = lookedUp.find(report.kind); at != lookedUp.end()) {
      found = std::move(at->second);
      // Its share of the lookups that ran side by side.
      report.requests += 1;
      report.ms += lookUpMs;
    }
    if (ensureBinding(report.kind, report, std::move(found))) push(report.kind, report);
    report.requests += client_.requestCountOnThisThread() - requestsBefore;
    report.ms += msSince(start);
    if (!store_.list(report.kind) || report.state != SyncState::Synced) continue;  // offline: the pull would fail the same way
    const auto binding = store_.list(report.kind);
    if (binding->changeToken.empty()) fullReadKinds.push_back(report.kind);
    else incrementalKinds.push_back(report.kind);
  }
  if (!fullReadKinds.empty()) fullReads(fullReadKinds, byKind);
  if (!incrementalKinds.empty()) incremental(incrementalKinds, byKind);
  const auto now = nowIsoUtc();
  for (auto& report : reports) {
    if (report.state == SyncState::Synced) {
      store_.setLastSync(report.kind, now);
      store_.setLastError(report.kind, "");
    } else if (store_.list(report.kind)) {
      store_.setLastError(report.kind, report.message);
    }
  }
  early_.reset();  // a list that was not read after all: its page is dropped
  for (auto kind : kinds) {
    if (!store_.list(kind)) continue;
    const auto missing = select_.missing(kind);
    if (missing != store_.missingColumns(kind)) store_.setMissingColumns(kind, missing);
  }
  return reports;
}

bool SyncJob::ensureBinding(ListKind kind, ListSyncReport& report, std::optional<ClientResult<ListInfo>> lookedUp) {
  const auto title = titles_.find(kind);
  if (title == titles_.end()) {
    report.state = SyncState::Error;
    report.message = "no list bound";
    return false;
  }
  const auto existing = store_.list(kind);
  if (existing && existing->title == title->second && !existing->listId.empty()) return true;
  auto info = lookedUp ? std::move(*lookedUp) : client_.listByTitle(title->second);
  if (!info) {
    // SharePoint's "List 'X' does not exist at site with URL '…'" in plain words.
    auto error = info.error();
    if (error.kind == ErrorKind::NotFound) error.message = noSuchListMessage(title->second);
    fail(report, error);
    return false;
  }
  if (existing && !existing->listId.empty() && existing->listId != info->id && !store_.pendingOutbox(kind).empty()) {
    // The pane now names another list. Rebinding drops the old list's cache,
    // so its unsent edits go to the old list first; while any is left (offline,
    // refused) the pane stays on the old list rather than lose them.
    push(kind, report);
    const auto left = store_.pendingOutbox(kind).size();
    if (left > 0) {
      if (report.state == SyncState::Synced) report.state = SyncState::Error;
      report.message = std::to_string(left) + " unsent change" + (left == 1 ? "" : "s") + " for list '" +
                       existing->title + "' must reach the server before this pane shows '" + title->second + "'" +
                       (report.message.empty() ? "" : ": " + report.message);
      return false;
    }
  }
  // Another list may have the columns the old one lacked.
  if (existing && existing->listId != info->id) select_.reset(kind);
  ListBinding binding;
  binding.kind = kind;
  binding.listId = info->id;
  binding.title = info->title.empty() ? title->second : info->title;
  binding.baseTemplate = info->baseTemplate;
  binding.entityType = info->entityTypeFullName;
  // Same list under a new title keeps its token; another list starts over.
  if (existing && existing->listId == info->id) binding.changeToken = existing->changeToken;
  store_.setList(binding);
  freshInfo_[kind] = *info;
  return true;
}

void SyncJob::push(ListKind kind, ListSyncReport& report) {
  const auto binding = store_.list(kind);
  // A merge can rewrite or drop later entries and a 412 retries one, so the
  // outbox is re-read after every step; the bound keeps a server that always
  // answers 412 from looping forever.
  int budget = static_cast<int>(store_.pendingOutbox(kind).size()) * 3 + 10;
  // Items with a refused entry: their later entries wait behind it (order
  // per item matters), other items go on.
  std::set<std::int64_t> held;
  auto refuse = [&](const OutboxEntry& entry, const ClientError& e) {
    held.insert(entry.itemId);
    ++report.refused;
    if (report.message.empty()) report.message = "the server refused a change: " + e.message;
  };
  while (budget-- > 0) {
    const auto pending = store_.pendingOutbox(kind);
    const auto next = std::find_if(pending.begin(), pending.end(),
                                   [&](const OutboxEntry& e) { return held.count(e.itemId) == 0; });
    if (next == pending.end()) return;
    const auto& entry = *next;
    if (entry.op == OutboxOp::Create) {
      if (auto error = pushCreate(entry, *binding, report)) {
        if (!refusedForGood(*error)) {
          fail(report, *error);
          return;
        }
        refuse(entry, *error);
      }
      continue;
    }
    const auto item = store_.item(kind, entry.itemId);
    const auto version = item ? etagVersion(item->etag).value_or(0) : 0;
    auto result = entry.op == OutboxOp::Update
                      ? client_.update(binding->listId, entry.itemId, version, writableFields(kind, entry.payload))
                      : client_.remove(binding->listId, entry.itemId, version);
    if (!result) {
      store_.recordFailure(entry.seq, result.error().message);
      if (!refusedForGood(result.error())) {
        fail(report, result.error());
        return;
      }
      refuse(entry, result.error());
      continue;
    }
    switch (result->outcome) {
      case WriteOutcome::Applied:
        store_.markDone(entry.seq, result->newVersion > 0 ? std::optional<std::string>("\"" + std::to_string(
                                                                                          result->newVersion) + "\"")
                                                          : std::nullopt);
        ++report.pushed;
        report.changed = true;
        break;
      case WriteOutcome::VersionMismatch:
        // Someone else changed it: merge against the base, then push what is left.
        if (!refreshOne(kind, *binding, entry.itemId, report)) return;
        break;
      case WriteOutcome::Gone:
        if (entry.op == OutboxOp::Delete) {
          store_.markDone(entry.seq);
          ++report.pushed;
        } else {
          store_.applyServerDeletes(kind, {entry.itemId});
        }
        report.changed = true;
        break;
    }
  }
}

ClientResult<Item> SyncJob::createDiscussionItem(const OutboxEntry& entry, const ListBinding& binding,
                                                Fields payload) {
  // A thread is a folder at the list's root; a reply lives in its thread's
  // folder: the folder of the item it answers (sharepoint-rest.md §5.5).
  const bool thread = [&] {
    const auto it = entry.payload.find("FileSystemObjectType");
    const auto* v = it == entry.payload.end() ? nullptr : std::get_if<std::int64_t>(&it->second);
    return v && *v == 1;
  }();
  std::string folder;
  if (!thread) {
    const auto parent = payload.find("ParentItemID");
    const auto* parentId = parent == payload.end() ? nullptr : std::get_if<std::int64_t>(&parent->second);
    if (parentId) {
      if (const auto item = store_.item(ListKind::Inbox, store_.currentId(ListKind::Inbox, *parentId))) {
        const ConstMessage m(*item);
        const auto ref = item->text("FileRef");
        folder = m.isDiscussion() ? ref : ref.substr(0, ref.rfind('/'));
        payload["ParentItemID"] = item->id;  // the server's id, if it was renamed
      }
    }
  }
  if (folder.empty()) {
    auto info = client_.list(binding.listId);
    if (!info) return info.error();
    folder = info->rootFolderUrl;
  }
  payload["ContentType"] = std::string(thread ? "Discussion" : "Message");
  return client_.createWithPath(binding.listId, folder, thread, payload, select_.fields(ListKind::Inbox));
}

std::optional<ClientError> SyncJob::pushCreate(const OutboxEntry& entry, const ListBinding& binding,
                                               ListSyncReport& report) {
  if (entry.attempts > 0) {
    // An earlier attempt may have reached the server: look before sending again.
    auto found = findEarlierCreate(entry, binding);
    if (!found) return found.error();
    if (*found) {
      store_.completeCreate(entry.seq, **found);
      ++report.pushed;
      report.changed = true;
      return std::nullopt;
    }
  }
  Fields payload = writableFields(entry.kind, entry.payload);
  if (entry.kind == ListKind::Calendar && !entry.clientGuid.empty()) {
    const auto uid = payload.find("UID");
    if (uid == payload.end() || std::holds_alternative<std::monostate>(uid->second)) payload["UID"] = entry.clientGuid;
  }
  // The mark goes to disk before the request leaves: after a crash it says
  // "this create may exist on the server", and carries a change token from
  // before the attempt to look it up from (a list never synced has none
  // stored yet, so its current token is asked for).
  std::string since = binding.changeToken;
  if (since.empty()) {
    auto info = client_.list(binding.listId);
    if (!info) return info.error();
    since = info->currentChangeToken;
  }
  store_.markCreateSent(entry.seq, since);
  auto created = entry.kind == ListKind::Inbox ? createDiscussionItem(entry, binding, payload)
                                               : client_.create(binding.listId, payload);
  if (!created) {
    // The mark stays: it holds the token an unknown outcome is looked up from
    // (a refused create is looked up once more next time, then re-sent).
    return created.error();
  }
  Item item = std::move(*created);
  store_.completeCreate(entry.seq, item);
  ++report.pushed;
  report.changed = true;
  return std::nullopt;
}

ClientResult<std::optional<Item>> SyncJob::findEarlierCreate(const OutboxEntry& entry, const ListBinding& binding) {
  const std::optional<Item> none;
  // The token recorded with the attempt, else the list's (older, so safe).
  std::string since = binding.changeToken;
  if (entry.sentSince && !entry.sentSince->empty()) since = *entry.sentSince;
  if (since.empty()) return none;
  auto changes = client_.getChanges(binding.listId, since);
  if (!changes) {
    // The change log no longer reaches back: send again (the rare duplicate
    // beats losing the user's item).
    if (changes.error().kind == ErrorKind::TokenRejected) return none;
    return changes.error();
  }
  if (changes->changedIds.empty()) return none;
  auto items = withSelect(select_, entry.kind, [&] {
    return client_.readItems(binding.listId, select_.fields(entry.kind), changes->changedIds);
  });
  if (!items) return items.error();
  const Fields wanted = writableFields(entry.kind, entry.payload);
  for (auto& candidate : *items) {
    if (store_.item(entry.kind, candidate.id)) continue;  // already cached: not ours
    if (entry.kind == ListKind::Calendar && !entry.clientGuid.empty()) {
      const auto uid = candidate.text("UID");
      if (!uid.empty()) {
        std::string a = uid, b = entry.clientGuid;
        a.erase(std::remove_if(a.begin(), a.end(), [](char c) { return c == '{' || c == '}'; }), a.end());
        std::transform(a.begin(), a.end(), a.begin(), ::tolower);
        std::transform(b.begin(), b.end(), b.begin(), ::tolower);
        if (a == b) return std::optional<Item>(candidate);
        continue;
      }
    }
    const bool matches = std::all_of(wanted.begin(), wanted.end(), [&](const auto& kv) {
      const auto* v = candidate.find(kv.first);
      return v != nullptr ? sameForMatch(*v, kv.second) : std::holds_alternative<std::monostate>(kv.second);
    });
    if (matches) return std::optional<Item>(candidate);
  }
  return none;
}

bool SyncJob::refreshOne(ListKind kind, const ListBinding& binding, std::int64_t id, ListSyncReport& report) {
  auto items = withSelect(select_, kind, [&] { return client_.readItems(binding.listId, select_.fields(kind), {id}); });
  if (!items) {
    fail(report, items.error());
    return false;
  }
  if (auto bad = schemaError(kind, *items)) {
    fail(report, *bad);
    return false;
  }
  if (items->empty()) store_.applyServerDeletes(kind, {id});
  else store_.applyServerItems(kind, *items);
  report.changed = true;
  return true;
}

std::optional<ClientError> SyncJob::storePage(ListKind kind, const RawItemPage& page, std::vector<std::int64_t>& seen,
                                              ListSyncReport& report) {
  // The page's items are read a chunk at a time and stored as they come in
  // the page's one transaction: a 5,000-item page never exists as 5,000
  // Items. They are read on a helper thread while this one stores the chunk
  // before (page_pipeline.h), as rows: each item's fields go straight into
  // the JSON text the cache keeps, held to the schema as they are read, with
  // no field map built (a row already cached has its fields read back to be
  // merged). This thread, the one writer, only writes. This read is the
  // page's whole check: the fetch mostly read only its next link
  // (checkPageForPaging). An item that does not fit the schema, a page that
  // cannot be read, or one whose next link is not the one the fetch
  // followed rolls the page back.
  std::optional<ClientError> bad;
  const auto seenBefore = seen.size();
  bool changed = false;
  const bool stored = store_.applyServerPage(kind, [&](const Store::ChunkApplier& apply) {
    const auto read = readPageAhead<ItemRows>(
        [&](const std::function<bool(ItemRows&&)>& handOver) { return client_.readPage(page, kind, handOver, kStoreChunk); },
        [&](ItemRows&& rows) {
          for (const auto& item : rows.items) seen.push_back(item.id);
          const auto applied = apply(rows.items, rows.fieldsJson);
          if (applied.inserted + applied.updated + applied.merged + applied.newConflicts > 0) changed = true;
          return true;
        },
        1);
    if (!read && read.failure.notInSchema)
      bad = notFitting(read.failure.message);
    else if (!read)
      bad = ClientError{ErrorKind::BadResponse, 200, "malformed item page: " + read.failure.message};
    // The fetch may have read the next link from the page's end alone; the
    // whole read must agree with it.
    if (read && !bad && read.page->nextLink != page.nextLink)
      bad = ClientError{ErrorKind::BadResponse, 200,
                        "malformed item page: its next link is \"" + read.page->nextLink +
                            "\", not the \"" + page.nextLink + "\" it ends with"};
    return !bad;
  });
  if (!stored) {
    seen.resize(seenBefore);
    return bad;
  }
  if (changed) report.changed = true;
  return std::nullopt;
}

void SyncJob::finishFullRead(ListKind kind, const ListInfo& info, bool hadItems, std::vector<std::int64_t>& seen,
                             ListSyncReport& report) {
  // Reconcile: cached server items the server no longer has were deleted
  // there (dirty ones are re-created by the store, never dropped).
  std::sort(seen.begin(), seen.end());
  std::vector<std::int64_t> gone;
  if (hadItems) {
    for (const auto& item : store_.items(kind, true))
      if (item.id > 0 && !std::binary_search(seen.begin(), seen.end(), item.id)) gone.push_back(item.id);
  }
  if (!gone.empty()) {
    store_.applyServerDeletes(kind, gone);
    report.changed = true;
  }
  store_.setChangeToken(kind, info.currentChangeToken);
  store_.setListCreated(kind, info.created);
  report.fullRead = true;
}

void SyncJob::fullRead(ListKind kind, ListSyncReport& report) {
  const auto binding = store_.list(kind);
  // The token comes first: a change made while the pages are read is then
  // seen again by the next incremental sync instead of being lost. A list
  // bound moments ago in this pass came with it: not asked for twice.
  const auto fresh = freshInfo_.find(kind);
  auto info = fresh != freshInfo_.end() && fresh->second.id == binding->listId ? ClientResult<ListInfo>(fresh->second)
                                                                                : client_.list(binding->listId);
  freshInfo_.erase(kind);
  if (!info) {
    if (info.error().kind == ErrorKind::NotFound && rebindByTitle(kind, report, info.error())) fullRead(kind, report);
    else fail(report, info.error());
    return;
  }
  // An empty cache has nothing to reconcile: skip loading it back afterwards.
  const bool hadItems = store_.count(kind, true) > 0;
  std::vector<std::int64_t> seen;
  seen.reserve(static_cast<std::size_t>(std::max<long long>(info->itemCount, 0)));
  // A missing field fails the first page, before anything was applied. A
  // page that does not fit the schema stops the read before it is stored:
  // no reconcile and no token follow.
  std::optional<ClientError> badPage;
  auto read = withSelect(select_, kind, [&] {
    return client_.fetchAllPages(
        binding->listId, select_.fields(kind),
        [&](RawItemPage&& page) {
          badPage = storePage(kind, page, seen, report);
          return !badPage;
        },
        info->itemCount);
  });
  if (!read || badPage) {
    fail(report, badPage ? *badPage : read.error());
    return;
  }
  finishFullRead(kind, *info, hadItems, seen, report);
}

namespace {
// Runs task(0..count-1) over at most `threads` threads (this one waits);
// the first exception a task throws is rethrown here once all have ended.
void runPool(std::size_t count, std::size_t threads, const std::function<void(std::size_t)>& task) {
  std::mutex mutex;
  std::size_t next = 0;
  std::exception_ptr failure;
  auto worker = [&] {
    while (true) {
      std::size_t at;
      {
        std::lock_guard<std::mutex> lock(mutex);
        if (next == count || failure) return;
        at = next++;
      }
      try {
        task(at);
      } catch (...) {
        std::lock_guard<std::mutex> lock(mutex);
        if (!failure) failure = std::current_exception();
      }
    }
  };
  std::vector<std::thread> pool;
  for (std::size_t i = 0; i < std::min(threads, count); ++i) pool.emplace_back(worker);
  for (auto& t : pool) t.join();
  if (failure) std::rethrow_exception(failure);
}
}  // namespace

std::map<ListKind, ClientResult<ListInfo>> SyncJob::lookUpTitles(const std::set<ListKind>& kinds) {
  // Lists to bind (first sync, a pane given another list) are looked up by
  // title all at once: each is one GET, so five lists cost one round trip
  // in a row instead of five. A $batch would be one round trip too, but
  // it is a POST: without a bearer token it needs a form digest first,
  // which a first sync does not hold yet (one round trip more).
  std::vector<ListKind> unbound;
  for (auto kind : kinds) {
    const auto title = titles_.find(kind);
    if (title == titles_.end()) continue;
    const auto existing = store_.list(kind);
    if (!existing || existing->title != title->second || existing->listId.empty()) unbound.push_back(kind);
  }
  // A list bound for the first time with nothing cached (no row, no unsent
  // change) has nothing to push or reconcile first: its first page is asked
  // for by title beside its lookup, and its read is one round trip shorter.
  std::vector<ListKind> early;
  for (auto kind : unbound)
    if (!store_.list(kind) && store_.count(kind, true) == 0 && store_.pendingOutbox(kind).empty()) early.push_back(kind);
  std::map<ListKind, ClientResult<ListInfo>> out;
  if (!early.empty()) {
    early_ = std::make_unique<EarlyReads>();
    for (auto kind : early) early_->reads[kind].select = select_.fields(kind);  // the threads never touch select_
    for (auto kind : early) {
      EarlyRead& read = early_->reads.at(kind);
      read.startedAt = steadyNs();
      // The set, not early_: reset() clears the pointer before it joins.
      early_->threads.emplace_back([this, &read, set = early_.get(), title = titles_.at(kind)] {
        try {
          const auto result = withOwnSelect(
              read.select, read.dropped,
              [&] {
                ++read.requests;
                return client_.fetchPagesByTitle(title, read.select,
                                                 [&](RawItemPage&& page) {
                                                   read.page = std::move(page);
                                                   return false;  // the rest comes after the lookup
                                                 },
                                                 -1);
              },
              [] { return true; });
          if (!result) read.error = result.error();
        } catch (const std::exception& e) {
          read.page.reset();
          read.error = ClientError{ErrorKind::Network, 0, e.what()};
        }
        std::lock_guard<std::mutex> lock(set->mutex);
        read.done = true;
        set->cv.notify_all();
      });
    }
  }
  if (unbound.size() < 2 && early.empty()) return out;  // one lookup needs no thread
  std::vector<std::optional<ClientResult<ListInfo>>> got(unbound.size());
  std::vector<long long> answeredAt(unbound.size(), 0);
  runPool(unbound.size(), kReadPool, [&](std::size_t i) {
    got[i] = client_.listByTitle(titles_.at(unbound[i]));
    answeredAt[i] = steadyNs();
  });
  for (std::size_t i = 0; i < unbound.size(); ++i) {
    if (early_ && early_->has(unbound[i])) early_->lookedUpAt[unbound[i]] = answeredAt[i];
    out.emplace(unbound[i], std::move(*got[i]));
  }
  return out;
}

void SyncJob::fullReads(const std::vector<ListKind>& kinds, std::map<ListKind, ListSyncReport*>& reports) {
  // Lists bound in this pass brought their token and count along; the rest
  // (a rebind, a rejected token) take the one-list path with its own checks.
  std::vector<ListKind> parallel;
  for (auto kind : kinds) {
    const auto fresh = freshInfo_.find(kind);
    if (fresh != freshInfo_.end() && fresh->second.id == store_.list(kind)->listId) parallel.push_back(kind);
  }
  // The site's time zone, when the Engine asks for it, rides along as one
  // more task of the pool instead of a round trip after the pass.
  const bool zoneTask = askTimeZone_ && !siteTimeZone_;
  const bool anyEarly = std::any_of(parallel.begin(), parallel.end(), [&](ListKind k) {
    return early_ && early_->has(k);
  });
  if (parallel.size() + (zoneTask ? 1 : 0) < 2 && !anyEarly) parallel.clear();
  for (auto kind : kinds) {
    if (std::find(parallel.begin(), parallel.end(), kind) != parallel.end()) continue;
    const auto requestsBefore = client_.requestCountOnThisThread();
    const auto start = std::chrono::steady_clock::now();
    fullRead(kind, *reports[kind]);
    reports[kind]->requests += client_.requestCountOnThisThread() - requestsBefore;
    reports[kind]->ms += msSince(start);
  }
  if (parallel.empty()) return;

  // Pages travel from the fetch threads to this one through a short queue:
  // the next page of a list is fetched while this thread stores the last.
  // A queued page is still compressed (a few hundred KB), and its items are
  // built here a chunk at a time, so memory no longer grows with the pool.
  constexpr std::size_t kQueued = 2;
  struct ListRead {
    ListKind kind;
    ListInfo info;
    std::string listId;
    std::vector<std::string> select;
    std::vector<ClientError> dropped;  // missing-field answers, for the SelectCache afterwards
    bool early = false;                     // its first page was asked for beside the lookup (early_)
    std::optional<std::string> earlyToken;  // the token the read keeps if it goes on from that page
    long long earlyRequests = 0;            // what fetching that page took, when it is not used
    bool hadItems = false;
    std::vector<std::int64_t> seen;
    std::optional<ClientError> badPage;
    std::optional<ClientResult<Done>> result;
    bool stop = false;  // set by this thread: the fetcher drops the rest
    long long pages = 0;
  };
  std::vector<ListRead> lists;
  for (auto kind : parallel) {
    ListRead r;
    r.kind = kind;
    r.info = freshInfo_[kind];
    freshInfo_.erase(kind);
    r.listId = store_.list(kind)->listId;
    r.select = select_.fields(kind);  // copied: the fetch threads never touch the SelectCache
    if (early_ && early_->has(kind)) {
      // The page may have been read before the lookup's token was taken:
      // the read keeps a token from before the page's request instead, so
      // no change made after the page was read goes unseen. The request
      // began before the lookup answered, and the token is no later than
      // that answer.
      r.early = true;
      const auto answered = early_->lookedUpAt.find(kind);
      if (answered != early_->lookedUpAt.end()) {
        const long long back =
            std::max(0LL, answered->second - early_->reads.at(kind).startedAt) / 100 + kEarlyReadSafetyTicks;
        r.earlyToken = changeTokenBefore(r.info.currentChangeToken, back);
      }
    }
    r.hadItems = store_.count(kind, true) > 0;
    r.seen.reserve(static_cast<std::size_t>(std::max<long long>(r.info.itemCount, 0)));
    lists.push_back(std::move(r));
  }
  std::mutex mutex;
  std::condition_variable cv;
  std::deque<std::pair<std::size_t, RawItemPage>> ready;
  std::size_t finished = 0;
  std::optional<int> zone;
  const auto start = std::chrono::steady_clock::now();
  auto fetch = [&](std::size_t at) {
    if (at == lists.size()) {  // the time zone task
      if (auto id = client_.siteTimeZoneId()) {
        std::lock_guard<std::mutex> lock(mutex);
        zone = *id;
      }
      return;
    }
    auto& list = lists[at];
    ClientResult<Done> result = Done{};
    const std::function<bool(RawItemPage&&)> enqueue = [&](RawItemPage&& page) {
      std::unique_lock<std::mutex> lock(mutex);
      cv.wait(lock, [&] { return ready.size() < kQueued || list.stop; });
      if (list.stop) return false;
      ++list.pages;
      ready.emplace_back(at, std::move(page));
      cv.notify_all();
      return true;
    };
    bool fromEarly = false;
    if (list.early) {
      EarlyRead& read = early_->wait(list.kind);
      list.select = read.select;
      list.dropped.insert(list.dropped.end(), read.dropped.begin(), read.dropped.end());
      const auto attempts = read.requests - static_cast<long long>(read.dropped.size());
      if (read.page && list.earlyToken) {
        fromEarly = true;
        list.info.currentChangeToken = *list.earlyToken;
        const std::string next = read.page->nextLink;
        const bool linkAtEnd = read.page->linkAtEnd;
        const bool more = enqueue(std::move(*read.page));
        read.page.reset();
        if (more && !next.empty()) result = client_.fetchPagesFrom(next, linkAtEnd, enqueue, list.info.itemCount);
      } else if (read.error) {
        // The same request would meet the same answer (a refused or
        // oversized page, a server that keeps failing): not sent again.
        fromEarly = true;
        result = *read.error;
        list.earlyRequests = attempts - 1;  // the failed one is counted below
      } else {
        list.earlyRequests = attempts;  // a page with no time to go back from: read again the usual way
      }
    }
    if (!fromEarly) {
      // Retried on this thread, so a retry does not wait for the other
      // lists; only before any page was handed over to be stored.
      result = withOwnSelect(
          list.select, list.dropped,
          [&] { return client_.fetchAllPages(list.listId, list.select, enqueue, list.info.itemCount); },
          [&] { return list.pages == 0; });
    }
    std::lock_guard<std::mutex> lock(mutex);
    list.result = std::move(result);
    ++finished;
    cv.notify_all();
  };
  std::exception_ptr fetchFailure;
  std::thread fetchers([&] {
    try {
      runPool(lists.size() + (zoneTask ? 1 : 0), kReadPool, fetch);
    } catch (...) {
      fetchFailure = std::current_exception();
      std::lock_guard<std::mutex> lock(mutex);
      finished = lists.size();
      cv.notify_all();
    }
  });
  // This thread is the only writer: each page is one transaction, stored
  // while the fetchers go on.
  std::vector<long long> doneMs(lists.size(), 0);
  try {
    while (true) {
      std::pair<std::size_t, RawItemPage> page;
      {
        std::unique_lock<std::mutex> lock(mutex);
        cv.wait(lock, [&] { return !ready.empty() || finished == lists.size(); });
        if (ready.empty()) break;
        page = std::move(ready.front());
        ready.pop_front();
        cv.notify_all();
      }
      auto& list = lists[page.first];
      if (list.badPage) continue;  // the rest of a list already refused
      if ((list.badPage = storePage(list.kind, page.second, list.seen, *reports[list.kind]))) {
        std::lock_guard<std::mutex> lock(mutex);
        list.stop = true;
        cv.notify_all();
        continue;
      }
      doneMs[page.first] = msSince(start);
    }
  } catch (...) {
    // A store failure: the fetchers must not outlive the pages they fill.
    {
      std::lock_guard<std::mutex> lock(mutex);
      for (auto& list : lists) list.stop = true;
      cv.notify_all();
    }
    fetchers.join();
    throw;
  }
  fetchers.join();
  if (fetchFailure) std::rethrow_exception(fetchFailure);
  if (zone) siteTimeZone_ = zone;
  for (std::size_t i = 0; i < lists.size(); ++i) {
    auto& list = lists[i];
    auto& report = *reports[list.kind];
    for (const auto& e : list.dropped) select_.dropMissing(list.kind, e);
    report.requests += list.pages + static_cast<long long>(list.dropped.size()) + list.earlyRequests;
    report.ms += doneMs[i];
    if (list.badPage) {
      fail(report, *list.badPage);
      continue;
    }
    if (!*list.result) {
      ++report.requests;  // the request that failed
      fail(report, list.result->error());
      continue;
    }
    finishFullRead(list.kind, list.info, list.hadItems, list.seen, report);
  }
}

void SyncJob::incremental(const std::vector<ListKind>& kinds, std::map<ListKind, ListSyncReport*>& reports) {
  std::vector<ChangeQuery> queries;
  std::vector<ListBinding> bindings;
  for (auto kind : kinds) {
    bindings.push_back(*store_.list(kind));
    queries.push_back(ChangeQuery{bindings.back().listId, bindings.back().changeToken});
  }
  auto all = askTimeZone_ && !siteTimeZone_ ? client_.getChangesForLists(queries, siteTimeZone_)
                                            : client_.getChangesForLists(queries);
  if (!all) {
    for (auto kind : kinds) fail(*reports[kind], all.error());
    return;
  }
  std::vector<ItemsQuery> reads;
  std::vector<std::size_t> readOwner;
  for (std::size_t i = 0; i < kinds.size(); ++i) {
    auto& report = *reports[kinds[i]];
    auto& result = (*all)[i];
    if (!result) {
      if (result.error().kind == ErrorKind::TokenRejected) {
        // Expired or foreign token: start over with a complete re-read; the
        // store keeps every dirty item through the reconcile.
        fullRead(kinds[i], report);
      } else if (result.error().kind == ErrorKind::NotFound && rebindByTitle(kinds[i], report, result.error())) {
        fullRead(kinds[i], report);
      } else {
        fail(report, result.error());
      }
      continue;
    }
    if (restoredSince(bindings[i].changeToken, store_.listCreated(kinds[i]), *result)) {
      // The site was restored from a backup (or the list made again under
      // its old id): the changes since our token do not describe it, so the
      // cache is read again in full; the store keeps every local edit.
      fullRead(kinds[i], report);
      continue;
    }
    if (!result->listCreated.empty() && store_.listCreated(kinds[i]).empty())
      store_.setListCreated(kinds[i], result->listCreated);  // a cache from before this was remembered
    if (!result->changedIds.empty()) {
      reads.push_back(ItemsQuery{bindings[i].listId, {}, result->changedIds});
      readOwner.push_back(i);
    }
  }
  std::vector<std::vector<Item>> readItems;
  if (!reads.empty()) {
    auto got = withSelect(
        select_,
        [&] {
          for (std::size_t r = 0; r < reads.size(); ++r) reads[r].select = select_.fields(kinds[readOwner[r]]);
          return client_.readItemsForLists(reads);
        },
        [&](const ClientError& e) {
          return e.query && *e.query < readOwner.size() ? std::optional<ListKind>(kinds[readOwner[*e.query]])
                                                         : std::nullopt;
        });
    if (!got) {
      for (auto i : readOwner) fail(*reports[kinds[i]], got.error());
      return;
    }
    readItems = std::move(*got);
  }
  for (std::size_t i = 0; i < kinds.size(); ++i) {
    auto& result = (*all)[i];
    auto& report = *reports[kinds[i]];
    if (!result || report.fullRead || report.state != SyncState::Synced) continue;
    const auto at = std::find(readOwner.begin(), readOwner.end(), i);
    if (at != readOwner.end()) {
      auto& items = readItems[static_cast<std::size_t>(at - readOwner.begin())];
      if (auto bad = schemaError(kinds[i], items)) {
        fail(report, *bad);
        continue;
      }
      // An id that changed but cannot be read any more was deleted meanwhile.
      std::unordered_set<std::int64_t> got;
      for (const auto& item : items) got.insert(item.id);
      std::vector<std::int64_t> vanished;
      for (auto id : result->changedIds)
        if (got.count(id) == 0) vanished.push_back(id);
      if (!items.empty()) store_.applyServerItems(kinds[i], items);
      if (!vanished.empty()) store_.applyServerDeletes(kinds[i], vanished);
      report.changed = true;
    }
    if (!result->deletedIds.empty()) {
      const auto applied = store_.applyServerDeletes(kinds[i], result->deletedIds);
      if (applied.removed + applied.recreated > 0) report.changed = true;
    }
    if (result->lastToken != bindings[i].changeToken) store_.setChangeToken(kinds[i], result->lastToken);
    // The changes said nothing of items the cache lacks or holds too many
    // of (an earlier short read, a lost change): the list's own count does.
    // A difference means a complete re-read, as vdirsyncer and Nextcloud re-scan.
    if (result->itemCount >= 0 && cachedServerItems(store_, kinds[i]) != result->itemCount) fullRead(kinds[i], report);
  }
}

bool SyncJob::rebindByTitle(ListKind kind, ListSyncReport& report, const ClientError& notFound) {
  // The stored list id answers 404: the list was deleted (and perhaps made
  // again under the same title) or the binding is damaged. The title is what
  // the user chose, so it is looked up again.
  const auto binding = store_.list(kind);
  const auto title = titles_.find(kind);
  if (!binding || title == titles_.end()) return false;
  // Rebinding drops the old list's cache and outbox: unsent edits stay put
  // (and the error says why) rather than being lost.
  if (const auto left = store_.pendingOutbox(kind).size(); left > 0) {
    fail(report, ClientError{notFound.kind, notFound.status,
                             notFound.message + " (" + std::to_string(left) + " unsent change" + (left == 1 ? "" : "s") +
                                 " kept; the list is looked up by title again once none is left)"});
    return false;
  }
  auto info = client_.listByTitle(title->second);
  if (!info) {
    fail(report, info.error());
    return false;
  }
  if (info->id == binding->listId) {
    fail(report, notFound);  // the same list still answers 404: nothing to rebind to
    return false;
  }
  ListBinding fresh;
  fresh.kind = kind;
  fresh.listId = info->id;
  fresh.title = info->title.empty() ? title->second : info->title;
  fresh.baseTemplate = info->baseTemplate;
  fresh.entityType = info->entityTypeFullName;
  store_.setList(fresh);
  select_.reset(kind);  // the new list may have the columns the old one lacked
  return true;
}

}  // namespace deskpane::sync
