#pragma once
// Plain data the SharePoint client returns: no cpprest types, so the engine,
// the CLI and tests include this cheaply.
#include "sync/item.h"

#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <variant>
#include <vector>

namespace deskpane::sync {

// Items travel as sync::Item (item.h). Values the cache has no scalar type
// for — multi-value lookups (`AssignedToId`: `[1,21]` light, `{"results":[1,21]}`
// verbose) and complex values (URL `{Description,Url}`) — are kept as their
// JSON text, and written back as JSON (see sharepoint_client_body.h).

struct WebInfo {
  std::string id;
  std::string title;
  std::string url;
  std::string serverRelativeUrl;
};

struct ListInfo {
  std::string id;  // GUID without braces
  std::string title;
  int baseTemplate = 0;
  std::string entityTypeFullName;  // ListItemEntityTypeFullName, needed for verbose writes
  std::string currentChangeToken;  // empty unless $select'ed
  long long itemCount = 0;
  std::string rootFolderUrl;       // RootFolder/ServerRelativeUrl: "/sites/x/Lists/Inbox"
  std::string created;             // the list's Created (ISO-8601): a new value means another list
};

// SP.ChangeType values deskpane acts on (reference §3.2).
enum class ChangeType { Add = 1, Update = 2, Delete = 3, Rename = 4, MoveAway = 5, MoveInto = 6, Restore = 7,
                        SystemUpdate = 15, Other = 0 };

struct Change {
  ChangeType type = ChangeType::Other;
  std::int64_t itemId = 0;
  std::string token;  // the change's own ChangeToken.StringValue
};

// What getchanges found since a token: the item ids to re-read, those to
// delete locally, and the token to store once they are applied.
struct ChangeSummary {
  std::vector<std::int64_t> changedIds;  // add/update/restore/rename/move-in, deduplicated, ascending
  std::vector<std::int64_t> deletedIds;  // deleted (and not re-added) since the token
  std::string lastToken;              // unchanged when nothing happened
  int requests = 0;
  long long itemCount = -1;           // the list's ItemCount read with the changes (-1 = not read)
  std::string currentToken;           // the list's CurrentChangeToken read with the changes ("" = not read)
  std::string listCreated;            // the list's Created read with the changes ("" = not read)
};

enum class ErrorKind {
  Network,        // connection refused/reset, timeout, truncated body, after retries
  OutcomeUnknown, // a non-idempotent write lost its answer: it may or may not have happened
  Throttled,      // 429/503 after retries
  SignInNeeded,   // 401 after one token refresh, or no usable credentials
  Forbidden,      // 403 that a fresh digest did not cure
  NotFound,       // list or item gone
  TokenRejected,  // change token expired/foreign/malformed: re-read everything
  BadResponse,    // unparsable or unexpected body
  Server,         // other 4xx/5xx (incl. 500 list view threshold)
  Cancelled,
};

struct ClientError {
  ClientError() = default;
  ClientError(ErrorKind k, int s, std::string m) : kind(k), status(s), message(std::move(m)) {}
  ErrorKind kind = ErrorKind::Server;
  int status = 0;
  std::string message;
  // For calls over several lists ($batch): the index of the query whose
  // answer failed, when one did (its list, not the others, is to blame).
  std::optional<std::size_t> query;
};

// expected-style result: a value or a ClientError, never an exception.
template <class T>
class ClientResult {
 public:
  ClientResult(T value) : v_(std::move(value)) {}                 // NOLINT: implicit by design
  ClientResult(ClientError error) : v_(std::move(error)) {}       // NOLINT
  bool ok() const { return v_.index() == 0; }
  explicit operator bool() const { return ok(); }
  T& value() { return std::get<0>(v_); }
  const T& value() const { return std::get<0>(v_); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() { return value(); }
  const T& operator*() const { return value(); }
  const ClientError& error() const { return std::get<1>(v_); }

 private:
  std::variant<T, ClientError> v_;
};

struct Done {};

// Outcome of a conditional write: 412 is an expected result for a sync
// client, not an error.
enum class WriteOutcome { Applied, VersionMismatch, Gone };

struct UpdateResult {
  WriteOutcome outcome = WriteOutcome::Applied;
  long long newVersion = 0;  // when Applied and the server sent an ETag
};

// One list's request in a multi-list getchanges `$batch`.
struct ChangeQuery {
  std::string listId;
  std::string token;
};

// Result for one list of getChangesForLists(): its summary or its own error
// (a rejected token on one list does not fail the others).
using ListChanges = ClientResult<ChangeSummary>;

// One list's ids to re-read in a multi-list `$batch`.
struct ItemsQuery {
  std::string listId;
  std::vector<std::string> select;
  std::vector<std::int64_t> ids;
};

// One page of a list's items as it came off the wire — the gzip bytes, or
// the text when the server sent it plain — already checked whole (every
// check of sync/item_page_reader.h), with its items not yet built: they are
// read from it by ListService::readPage on the thread that stores them.
// Compressed, a 5,000-item page waiting in a queue is a few hundred KB.
struct RawItemPage {
  std::string body;
  std::string encoding;  // the answer's content-encoding ("" = text)
  // The next link the fetch followed, as the page gave it: the read that
  // stores the page must find the same one, or pages were skipped or
  // fetched that the page does not name.
  std::string nextLink;
  // The fetch found that link at the page's end (checkPageForPaging), so
  // this server ends its pages with their links.
  bool linkAtEnd = false;
};

}  // namespace deskpane::sync
