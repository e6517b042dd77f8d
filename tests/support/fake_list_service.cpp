#include "tests/support/fake_list_service.h"

#include "sync/item_json.h"

#include <algorithm>
#include <set>

namespace deskpane::test {

using sync::ChangeSummary;
using sync::ChangeType;
using sync::ClientError;
using sync::ClientResult;
using sync::ErrorKind;
using sync::Fields;
using sync::Item;
using sync::ListInfo;
using sync::UpdateResult;
using sync::WriteOutcome;

namespace {

std::string etagOf(std::int64_t version) { return "\"" + std::to_string(version) + "\""; }

// The change number at the end of a token ("1;3;<list>;<ticks>;<number>").
std::optional<long long> numberOf(const std::string& token) {
  const auto semi = token.rfind(';');
  if (semi == std::string::npos || semi + 1 == token.size()) return std::nullopt;
  try {
    std::size_t used = 0;
    const long long n = std::stoll(token.substr(semi + 1), &used);
    if (used != token.size() - semi - 1) return std::nullopt;
    return n;
  } catch (const std::exception&) {
    return std::nullopt;
  }
}

// One item as SharePoint's nometadata JSON writes it.
std::string itemJson(const Item& item) {
  std::string out = "{\"Id\":" + std::to_string(item.id) + ",\"odata.etag\":" + sync::valueToJson(item.etag) +
                    ",\"GUID\":" + sync::valueToJson(item.uniqueId);
  for (const auto& [name, value] : item.fields) {
    if (name == "Id" || name == "ID" || name == "GUID") continue;
    out += "," + sync::valueToJson(name) + ":" + sync::valueToJson(value);
  }
  return out + "}";
}

}  // namespace

std::string FakeListService::addList(const std::string& title, int baseTemplate) {
  std::lock_guard<std::mutex> lock(mutex_);
  FakeList list;
  list.info.id = "list-" + std::to_string(lists_.size() + 1);
  list.info.title = title;
  list.info.baseTemplate = baseTemplate;
  list.info.entityTypeFullName = "SP.Data." + title + "ListItem";
  list.info.rootFolderUrl = "/sites/fake/Lists/" + title;
  list.info.created = "2026-01-0" + std::to_string(lists_.size() % 9 + 1) + "T08:00:00Z";
  const auto id = list.info.id;
  lists_.emplace(id, std::move(list));
  return id;
}

std::int64_t FakeListService::serverAdd(const std::string& listId, const Fields& fields) {
  std::lock_guard<std::mutex> lock(mutex_);
  return addItem(*find(listId), fields);
}

void FakeListService::serverEdit(const std::string& listId, std::int64_t id, const Fields& fields) {
  std::lock_guard<std::mutex> lock(mutex_);
  auto& stored = find(listId)->items.at(id);
  for (const auto& [name, value] : fields) stored.item.fields.insert_or_assign(name, value);
  stored.item.etag = etagOf(++stored.version);
  log(listId, ChangeType::Update, id);
}

void FakeListService::serverDelete(const std::string& listId, std::int64_t id) {
  std::lock_guard<std::mutex> lock(mutex_);
  find(listId)->items.erase(id);
  log(listId, ChangeType::Delete, id);
}

std::vector<Item> FakeListService::serverItems(const std::string& listId) const {
  std::lock_guard<std::mutex> lock(mutex_);
  std::vector<Item> out;
  for (const auto& [id, stored] : lists_.at(listId).items) out.push_back(stored.item);
  return out;
}

void FakeListService::setPageSize(std::size_t size) {
  std::lock_guard<std::mutex> lock(mutex_);
  pageSize_ = std::max<std::size_t>(size, 1);
}

void FakeListService::setFirstPageFollowedLink(std::optional<std::string> link) {
  std::lock_guard<std::mutex> lock(mutex_);
  followedLink_ = std::move(link);
}

void FakeListService::inject(const InjectedFailure& failure) {
  std::lock_guard<std::mutex> lock(mutex_);
  script_.push_back(failure);
}

std::size_t FakeListService::pendingFailures() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return script_.size();
}

int FakeListService::calls(FakeCall call) const {
  std::lock_guard<std::mutex> lock(mutex_);
  const auto it = calls_.find(call);
  return it == calls_.end() ? 0 : it->second;
}

namespace {
// The requests this thread made of any fake site.
thread_local long long requestsOnThisThread = 0;
}  // namespace

long long FakeListService::requestCount() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return requests_;
}

long long FakeListService::requestCountOnThisThread() const { return requestsOnThisThread; }

void FakeListService::countRequest() {
  ++requests_;
  ++requestsOnThisThread;
}

std::optional<InjectedFailure> FakeListService::enter(FakeCall call, std::int64_t itemId) {
  ++calls_[call];
  countRequest();
  const auto match = std::find_if(script_.begin(), script_.end(), [&](const InjectedFailure& f) {
    return f.call == call && (f.itemId == 0 || f.itemId == itemId);
  });
  if (match == script_.end()) return std::nullopt;
  auto failure = *match;
  script_.erase(match);
  return failure;
}

ClientError FakeListService::errorFor(FakeFailure failure, const std::string& what) {
  switch (failure) {
    case FakeFailure::VersionMismatch:
      return {ErrorKind::Server, 412, "HTTP 412: The version of " + what + " does not match"};
    case FakeFailure::Gone: return {ErrorKind::NotFound, 404, "HTTP 404: " + what + " does not exist"};
    case FakeFailure::Forbidden:
      return {ErrorKind::Forbidden, 403, "HTTP 403: Access denied. You do not have permission to change " + what};
    case FakeFailure::Throttled: return {ErrorKind::Throttled, 429, "HTTP 429: too many requests"};
    case FakeFailure::SignInNeeded: return {ErrorKind::SignInNeeded, 401, "HTTP 401: the sign-in has expired"};
    case FakeFailure::OutcomeUnknown:
      return {ErrorKind::OutcomeUnknown, 0, "no answer to the request for " + what + ": it may have been applied"};
  }
  return {ErrorKind::Server, 500, "HTTP 500"};
}

FakeListService::FakeList* FakeListService::find(const std::string& listId) {
  const auto it = lists_.find(listId);
  return it == lists_.end() ? nullptr : &it->second;
}

std::string FakeListService::tokenFor(const std::string& listId, long long number) const {
  const long long ticks = tokenTicks_ == 0 ? 0 : tokenTicks_ + number * 10'000'000LL;
  return "1;3;" + listId + ";" + std::to_string(ticks) + ";" + std::to_string(number);
}

void FakeListService::setTokenTicks(long long firstTicks) {
  std::lock_guard<std::mutex> lock(mutex_);
  tokenTicks_ = firstTicks;
}

std::optional<long long> FakeListService::sinceOf(const std::string& token) const {
  const auto number = numberOf(token);
  if (!number || *number != -1) return number;
  // "1;3;<list>;<ticks>;-1": the changes at that time or after.
  const auto end = token.rfind(';');
  const auto begin = token.rfind(';', end - 1);
  if (tokenTicks_ == 0 || begin == std::string::npos) return std::nullopt;
  const long long ticks = std::stoll(token.substr(begin + 1, end - begin - 1));
  long long since = 0;
  while (since + 1 <= changeNumber_ && tokenTicks_ + (since + 1) * 10'000'000LL < ticks) ++since;
  return since;
}

ListInfo FakeListService::infoOf(const FakeList& list) const {
  ListInfo info = list.info;
  info.itemCount = static_cast<long long>(list.items.size());
  info.currentChangeToken = tokenFor(info.id, changeNumber_);
  return info;
}

std::int64_t FakeListService::addItem(FakeList& list, const Fields& fields) {
  ServerItem stored;
  stored.item.id = list.nextId++;
  stored.item.uniqueId = list.info.id + "-item-" + std::to_string(stored.item.id);
  stored.item.etag = etagOf(stored.version);
  stored.item.fields = fields;
  const auto id = stored.item.id;
  list.items.emplace(id, std::move(stored));
  log(list.info.id, ChangeType::Add, id);
  return id;
}

void FakeListService::log(const std::string& listId, ChangeType type, std::int64_t itemId) {
  changeLog_.push_back(LoggedChange{listId, type, itemId, ++changeNumber_});
}

ClientResult<ChangeSummary> FakeListService::changesSince(const std::string& listId, const std::string& token) const {
  const auto it = lists_.find(listId);
  if (it == lists_.end()) return ClientError{ErrorKind::NotFound, 404, "HTTP 404: list " + listId + " does not exist"};
  const auto since = sinceOf(token);
  if (!since || *since > changeNumber_ || token.find(listId) == std::string::npos)
    return ClientError{ErrorKind::TokenRejected, 400, "HTTP 400: the change token is not valid"};
  ChangeSummary out;
  std::set<std::int64_t> changed, deleted;
  long long last = *since;
  for (const auto& change : changeLog_) {
    if (change.listId != listId || change.number <= *since) continue;
    last = change.number;
    if (change.type == ChangeType::Delete) {
      changed.erase(change.itemId);
      deleted.insert(change.itemId);
    } else {
      deleted.erase(change.itemId);
      changed.insert(change.itemId);
    }
  }
  out.changedIds.assign(changed.begin(), changed.end());
  out.deletedIds.assign(deleted.begin(), deleted.end());
  out.lastToken = last == *since ? token : tokenFor(listId, last);
  out.requests = 1;
  const auto info = infoOf(it->second);
  out.itemCount = info.itemCount;
  out.currentToken = info.currentChangeToken;
  out.listCreated = info.created;
  return out;
}

ClientResult<int> FakeListService::siteTimeZoneId() {
  std::lock_guard<std::mutex> lock(mutex_);
  if (auto f = enter(FakeCall::SiteTimeZoneId)) return errorFor(f->failure, "the site's time zone");
  return 4;  // W. Europe Standard Time
}

ClientResult<ListInfo> FakeListService::listByTitle(const std::string& title) {
  std::lock_guard<std::mutex> lock(mutex_);
  if (auto f = enter(FakeCall::ListByTitle)) return errorFor(f->failure, "list '" + title + "'");
  for (const auto& [id, list] : lists_)
    if (list.info.title == title) return infoOf(list);
  return ClientError{ErrorKind::NotFound, 404, "HTTP 404: List '" + title + "' does not exist at site"};
}

ClientResult<ListInfo> FakeListService::list(const std::string& listId) {
  std::lock_guard<std::mutex> lock(mutex_);
  if (auto f = enter(FakeCall::List)) return errorFor(f->failure, "list " + listId);
  const auto* found = find(listId);
  if (!found) return ClientError{ErrorKind::NotFound, 404, "HTTP 404: list " + listId + " does not exist"};
  return infoOf(*found);
}

ClientResult<sync::Done> FakeListService::fetchAllPages(const std::string& listId, const std::vector<std::string>&,
                                                        const std::function<bool(sync::RawItemPage&&)>& onPage,
                                                        long long) {
  // The pages are cut under the lock and handed over outside it: the sync
  // pass's page queue may make `onPage` wait for another list's fetch.
  std::vector<sync::RawItemPage> pages;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (auto f = enter(FakeCall::FetchAllPages)) return errorFor(f->failure, "the items of " + listId);
    const auto* found = find(listId);
    if (!found) return ClientError{ErrorKind::NotFound, 404, "HTTP 404: list " + listId + " does not exist"};
    pages = pagesOf(*found);
    if (followedLink_) pages.front().nextLink = *followedLink_;
  }
  return deliver(std::move(pages), onPage);
}

ClientResult<sync::Done> FakeListService::fetchPagesByTitle(const std::string& title, const std::vector<std::string>&,
                                                            const std::function<bool(sync::RawItemPage&&)>& onPage,
                                                            long long) {
  std::vector<sync::RawItemPage> pages;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (auto f = enter(FakeCall::FetchPagesByTitle)) return errorFor(f->failure, "the items of '" + title + "'");
    const FakeList* found = nullptr;
    for (const auto& [id, list] : lists_)
      if (list.info.title == title) found = &list;
    if (!found) return ClientError{ErrorKind::NotFound, 404, "HTTP 404: List '" + title + "' does not exist at site"};
    pages = pagesOf(*found);
  }
  return deliver(std::move(pages), onPage);
}

ClientResult<sync::Done> FakeListService::fetchPagesFrom(const std::string& nextLink, bool,
                                                         const std::function<bool(sync::RawItemPage&&)>& onPage,
                                                         long long) {
  // pagesOf's links: "fake://<list id>/items?page=<n>".
  const std::string scheme = "fake://", marker = "/items?page=";
  const auto at = nextLink.find(marker);
  if (nextLink.rfind(scheme, 0) != 0 || at == std::string::npos)
    return ClientError{ErrorKind::BadResponse, 200, "not a next link of this site: " + nextLink};
  const std::string listId = nextLink.substr(scheme.size(), at - scheme.size());
  const auto first = static_cast<std::size_t>(std::stoul(nextLink.substr(at + marker.size())));
  std::vector<sync::RawItemPage> pages;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (auto f = enter(FakeCall::FetchPagesFrom)) return errorFor(f->failure, "the items of " + listId);
    const auto* found = find(listId);
    if (!found) return ClientError{ErrorKind::NotFound, 404, "HTTP 404: list " + listId + " does not exist"};
    pages = pagesOf(*found);
    if (first < 1 || first > pages.size()) return ClientError{ErrorKind::BadResponse, 200, "no such page: " + nextLink};
    pages.erase(pages.begin(), pages.begin() + static_cast<std::ptrdiff_t>(first - 1));
  }
  return deliver(std::move(pages), onPage);
}

std::vector<sync::RawItemPage> FakeListService::pagesOf(const FakeList& list) const {
  const std::string& listId = list.info.id;
  std::vector<sync::RawItemPage> pages;
  sync::RawItemPage page;
  std::size_t onPage = 0;
  for (const auto& [id, stored] : list.items) {
    page.body += (onPage == 0 ? "" : ",") + itemJson(stored.item);
    if (++onPage == pageSize_) {
      pages.push_back(std::move(page));
      page = sync::RawItemPage{};
      onPage = 0;
    }
  }
  if (onPage > 0 || pages.empty()) pages.push_back(std::move(page));
  // Each page but the last names the next, at its end as SharePoint puts
  // it; the fetch hands on the link it followed.
  for (std::size_t i = 0; i < pages.size(); ++i) {
    auto& p = pages[i];
    const std::string link = i + 1 < pages.size() ? "fake://" + listId + "/items?page=" + std::to_string(i + 2) : "";
    p.body = "{\"value\":[" + p.body + "]" + (link.empty() ? "" : ",\"odata.nextLink\":\"" + link + "\"") + "}";
    p.nextLink = link;
  }
  return pages;
}

ClientResult<sync::Done> FakeListService::deliver(std::vector<sync::RawItemPage> pages,
                                                  const std::function<bool(sync::RawItemPage&&)>& onPage) {
  for (auto& page : pages) {
    if (!onPage(std::move(page))) break;
    // One request a page; the first was counted when the call came in.
    if (&page != &pages.back()) {
      std::lock_guard<std::mutex> lock(mutex_);
      countRequest();
    }
  }
  return sync::Done{};
}

sync::ItemPageResult FakeListService::readPage(const sync::RawItemPage& page, sync::ListKind kind,
                                               const sync::ItemRowSink& sink, std::size_t chunkSize) const {
  return sync::readItemRows(page.body, kind, sink, chunkSize);
}

ClientResult<std::vector<Item>> FakeListService::readItems(const std::string& listId, const std::vector<std::string>&,
                                                           const std::vector<std::int64_t>& ids) {
  std::lock_guard<std::mutex> lock(mutex_);
  if (auto f = enter(FakeCall::ReadItems)) return errorFor(f->failure, "the items of " + listId);
  const auto* found = find(listId);
  if (!found) return ClientError{ErrorKind::NotFound, 404, "HTTP 404: list " + listId + " does not exist"};
  std::vector<Item> out;
  for (const auto id : ids)
    if (const auto it = found->items.find(id); it != found->items.end()) out.push_back(it->second.item);
  return out;
}

ClientResult<std::vector<std::vector<Item>>> FakeListService::readItemsForLists(
    const std::vector<sync::ItemsQuery>& queries) {
  std::lock_guard<std::mutex> lock(mutex_);
  if (auto f = enter(FakeCall::ReadItemsForLists)) return errorFor(f->failure, "the changed items");
  std::vector<std::vector<Item>> out;
  for (std::size_t q = 0; q < queries.size(); ++q) {
    const auto* found = find(queries[q].listId);
    if (!found) {
      ClientError e{ErrorKind::NotFound, 404, "HTTP 404: list " + queries[q].listId + " does not exist"};
      e.query = q;
      return e;
    }
    out.emplace_back();
    for (const auto id : queries[q].ids)
      if (const auto it = found->items.find(id); it != found->items.end()) out.back().push_back(it->second.item);
  }
  return out;
}

ClientResult<ChangeSummary> FakeListService::getChanges(const std::string& listId, const std::string& token) {
  std::lock_guard<std::mutex> lock(mutex_);
  if (auto f = enter(FakeCall::GetChanges)) return errorFor(f->failure, "the changes of " + listId);
  return changesSince(listId, token);
}

ClientResult<std::vector<sync::ListChanges>> FakeListService::getChangesForLists(
    const std::vector<sync::ChangeQuery>& queries) {
  std::lock_guard<std::mutex> lock(mutex_);
  if (auto f = enter(FakeCall::GetChangesForLists)) return errorFor(f->failure, "the changes");
  std::vector<sync::ListChanges> out;
  for (const auto& q : queries) out.push_back(changesSince(q.listId, q.token));
  return out;
}

ClientResult<std::vector<sync::ListChanges>> FakeListService::getChangesForLists(
    const std::vector<sync::ChangeQuery>& queries, std::optional<int>& siteTimeZoneId) {
  auto out = getChangesForLists(queries);
  if (out) siteTimeZoneId = 4;
  return out;
}

ClientResult<Item> FakeListService::createIn(const std::string& listId, const Fields& fields, FakeCall call) {
  std::lock_guard<std::mutex> lock(mutex_);
  const auto failure = enter(call);
  auto* found = find(listId);
  if (failure && failure->failure == FakeFailure::Gone) return errorFor(FakeFailure::Gone, "list " + listId);
  if (!found) return ClientError{ErrorKind::NotFound, 404, "HTTP 404: list " + listId + " does not exist"};
  if (failure && (failure->failure != FakeFailure::OutcomeUnknown || !failure->applied))
    return errorFor(failure->failure, "a new item");
  const auto id = addItem(*found, fields);
  if (failure) return errorFor(failure->failure, "a new item");  // applied, answer lost
  return found->items.at(id).item;
}

ClientResult<Item> FakeListService::create(const std::string& listId, const Fields& fields) {
  return createIn(listId, fields, FakeCall::Create);
}

ClientResult<Item> FakeListService::createWithPath(const std::string& listId, const std::string& folderPath,
                                                   bool asFolder, const Fields& formFields,
                                                   const std::vector<std::string>&) {
  Fields fields = formFields;
  fields["FileSystemObjectType"] = std::int64_t{asFolder ? 1 : 0};
  auto created = createIn(listId, fields, FakeCall::CreateWithPath);
  if (!created) return created;
  std::lock_guard<std::mutex> lock(mutex_);
  auto& stored = find(listId)->items.at(created->id);
  stored.item.fields["FileRef"] = folderPath + "/" + std::to_string(created->id) + "_.000";
  return stored.item;
}

ClientResult<UpdateResult> FakeListService::update(const std::string& listId, std::int64_t id, std::int64_t version,
                                                   const Fields& fields) {
  return write(FakeCall::Update, listId, id, version, &fields);
}

ClientResult<UpdateResult> FakeListService::remove(const std::string& listId, std::int64_t id, std::int64_t version) {
  return write(FakeCall::Remove, listId, id, version, nullptr);
}

ClientResult<UpdateResult> FakeListService::write(FakeCall call, const std::string& listId, std::int64_t id,
                                                  std::int64_t version, const Fields* fields) {
  std::lock_guard<std::mutex> lock(mutex_);
  const auto failure = enter(call, id);
  const std::string what = "item " + std::to_string(id);
  UpdateResult out;
  if (failure && failure->failure == FakeFailure::VersionMismatch) {
    out.outcome = WriteOutcome::VersionMismatch;
    return out;
  }
  if (failure && failure->failure == FakeFailure::Gone) {
    out.outcome = WriteOutcome::Gone;
    return out;
  }
  if (failure && (failure->failure != FakeFailure::OutcomeUnknown || !failure->applied))
    return errorFor(failure->failure, what);
  auto* found = find(listId);
  if (!found) return ClientError{ErrorKind::NotFound, 404, "HTTP 404: list " + listId + " does not exist"};
  const auto it = found->items.find(id);
  // IF-MATCH as SharePoint checks it: 0 sends "*", anything else must be current.
  if (it == found->items.end()) {
    out.outcome = WriteOutcome::Gone;
  } else if (version > 0 && version != it->second.version) {
    out.outcome = WriteOutcome::VersionMismatch;
  } else if (fields) {
    for (const auto& [name, value] : *fields) it->second.item.fields.insert_or_assign(name, value);
    it->second.item.etag = etagOf(++it->second.version);
    out.newVersion = it->second.version;
    log(listId, ChangeType::Update, id);
  } else {
    found->items.erase(it);
    log(listId, ChangeType::Delete, id);
  }
  if (failure) return errorFor(failure->failure, what);  // applied, answer lost
  return out;
}

}  // namespace deskpane::test
