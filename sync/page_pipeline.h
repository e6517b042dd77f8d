#pragma once
// Reads one item page on a helper thread while the calling thread applies
// its chunks: the parse of chunk N+1 (inflate, JSON, Items) overlaps the
// SQLite writes of chunk N. The calling thread stays the page's only writer,
// so the page is still one transaction on one connection, and the order of
// the chunks is kept.
//
// At most `ahead` parsed chunks wait for the writer, so the memory in flight
// is bounded by (ahead + 2) chunks whatever the page's size: the one being
// built, those waiting, the one being applied.
#include "sync/item_page_reader.h"

#include <cstddef>
#include <functional>

namespace deskpane::sync {

// `read(sink)` parses the page and hands each chunk to `sink` (on the helper
// thread); `apply(chunk)` runs on this thread, false stops the read. The
// result is read's, except that a stop by `apply` is always a failure with
// `stopped` set. An exception `apply` throws is rethrown here once the
// helper has ended; one `read` throws is rethrown the same way.
ItemPageResult readPageAhead(const std::function<ItemPageResult(const ItemChunkSink&)>& read,
                             const ItemChunkSink& apply, std::size_t ahead = 2);

}  // namespace deskpane::sync
