#pragma once
// An OData item page (verbose `{"d":{"results":…}}`, minimal and nometadata
// `{"value":…}`) read token by token straight into Items: no document of the
// page is built, and items leave in chunks, so a 5,000-item page never has to
// exist in memory as 5,000 Items. The page can be given as text or as the
// gzip/deflate bytes off the wire.
//
// A read with a sink (a page being stored, one at a time) inflates the page's
// whole text first and parses it from memory, the fast way. A check alone
// (an empty sink: the fetchers check each page as it arrives, side by side)
// inflates and parses as a stream, 64 KiB at a time, so the text of five
// pages is never in memory at once. Both apply the same checks, and the
// fuzzer holds them to the same verdicts.
//
// The checks are the parser's whole defence (docs/decisions.md D-sync-7): an
// item must be an object with a whole-number `Id` > 0 (or `ID` when `Id` is
// absent); a field of sync/list_schema.h (all scalars) arriving as an object
// or array refuses the page; the text must be one well-formed, valid UTF-8
// JSON document with nothing after it; values nest at most 32 deep; an
// encoded page may inflate to at most `maxInflated` bytes. Any misfit makes
// the whole read fail — the caller decides what the chunks already handed
// over were worth (the store applies a page in one transaction and rolls it
// back).
#include "sync/item.h"
#include "sync/list_kind.h"

#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace deskpane::sync {

struct ItemPageSummary {
  std::string nextLink;  // as sent (absolute on SharePoint), empty on the last page
  std::size_t items = 0;
  bool checkedInFull = true;  // false: only the next link was read, from the text's end (items: 0)
};

struct ItemPageFailure {
  std::string message;  // what was wrong, for logs and the list's error text
  bool tooLarge = false;  // the page inflated past the bound
  bool stopped = false;   // the sink asked to stop
  bool notInSchema = false;  // rows only: an item does not fit the list's schema (item_schema_check.h)
};

// Gets each chunk of at most `chunkSize` items in page order (etags
// normalised to "\"N\""); false stops the read (a failure with `stopped`).
// An empty sink only checks the page (every check above, no Item built):
// the summary's next link and count are those of a read that keeps them.
using ItemChunkSink = std::function<bool(std::vector<Item>&&)>;

struct ItemPageResult {
  std::optional<ItemPageSummary> page;  // set on success
  ItemPageFailure failure;              // when not
  explicit operator bool() const { return page.has_value(); }
};

inline constexpr std::size_t kItemChunk = 500;

ItemPageResult readItemPage(std::string_view body, const ItemChunkSink& sink, std::size_t chunkSize = kItemChunk);

// A page's items as the cache stores them: each Item with its id, GUID,
// etag and Modified but no `fields`, beside those fields as the JSON text
// fieldsToJson writes (item_json.h), byte for byte. No field map is built,
// which is most of what reading Items costs; a row that needs its fields
// (one already cached, to merge) reads them back from its text.
struct ItemRows {
  std::vector<Item> items;
  std::vector<std::string> fieldsJson;  // fieldsJson[n] holds items[n]'s fields
};
using ItemRowSink = std::function<bool(ItemRows&&)>;

// readItemPage's read and checks, given as rows; each item is also held to
// `kind`'s schema (item_schema_check.h), and the first that does not fit
// fails the read with `notInSchema` and schemaProblem's message. The sink
// must not be empty.
ItemPageResult readItemRows(std::string_view body, ListKind kind, const ItemRowSink& sink,
                            std::size_t chunkSize = kItemChunk);
ItemPageResult readEncodedItemRows(std::string_view body, std::string_view contentEncoding, std::size_t maxInflated,
                                   ListKind kind, const ItemRowSink& sink, std::size_t chunkSize = kItemChunk);

// The same over the body as it came off the wire: `contentEncoding` "gzip",
// "x-gzip" or "deflate" is inflated while it is parsed (never more than
// `maxInflated` bytes), "" or "identity" is read as it is.
ItemPageResult readEncodedItemPage(std::string_view body, std::string_view contentEncoding, std::size_t maxInflated,
                                   const ItemChunkSink& sink, std::size_t chunkSize = kItemChunk);

// What a fetcher needs of a page before it asks for the next one. When the
// text ends with its next link as the items' neighbour and its document's
// last member (`…],"__next":"…"}}` verbose, `…],"odata.nextLink":"…"}`
// minimal), the link is read from there and nothing else is parsed: the
// read that stores the page checks all of it, and the caller must compare
// the link that read finds with this one. With `trustLastPageEnd` (an
// earlier page of the same list ended with its link, so this server puts
// links there), a text that ends as a last page does (`…]}}`, `…]}`) is
// taken as one the same way. Any other end (a last page of a server not
// yet seen to end pages with links, a link with escapes, another order)
// gets the whole check of readEncodedItemPage with an empty sink. An
// encoded page is inflated all the same, keeping only its end, so a bomb or
// a cut stream still fails here, where the fetch can be retried.
ItemPageResult checkPageForPaging(std::string_view body, std::string_view contentEncoding, std::size_t maxInflated,
                                  bool trustLastPageEnd = false);

// The next link a page's text ends with, in the shapes above; none otherwise.
// Only printable ASCII is taken, with `\/` as the one escape (it reads `/`).
std::optional<std::string> nextLinkAtEnd(std::string_view text);

// Whether the text ends as a last page does: the items' `]`, then the
// closing brace of the document (and of "d").
bool endsAsLastPage(std::string_view text);

}  // namespace deskpane::sync
