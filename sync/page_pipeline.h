#pragma once
// Reads one item page on a helper thread while the calling thread applies
// its chunks: the parse of chunk N+1 (inflate, JSON, Items) overlaps the
// SQLite writes of chunk N. The calling thread stays the page's only writer,
// so the page is still one transaction on one connection, and the order of
// the chunks is kept.
//
// At most `ahead` parsed chunks wait for the writer, so the memory in flight
// is bounded by (2 * ahead + 3) chunks whatever the page's size: the one
// being built, those waiting, the one being applied, and those applied
// since the helper last handed one over (it frees them at each hand-over).
//
// A chunk is what the helper hands over: the Items as parsed, or more that
// the helper makes of them beforehand (the store's JSON of each row), so the
// writer's one thread does as little as it can. For the same reason a chunk
// the writer is done with goes back to the helper to be destroyed: freeing a
// chunk's thousands of small blocks was a tenth of the writer's work, and
// freed on the thread that allocated them they do not contend for that
// thread's malloc arena. Included by the sync job and
// its tests only: the threads' headers stay out of everything else.
#include "sync/item_page_reader.h"

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <exception>
#include <functional>
#include <mutex>
#include <thread>
#include <utility>
#include <vector>

namespace deskpane::sync {

// `read(sink)` parses the page and hands each chunk to `sink` (on the helper
// thread); `apply(chunk)` runs on this thread, false stops the read. The
// result is read's, except that a stop by `apply` is always a failure with
// `stopped` set. An exception `apply` throws is rethrown here once the
// helper has ended; one `read` throws is rethrown the same way.
template <class Chunk>
ItemPageResult readPageAhead(const std::function<ItemPageResult(const std::function<bool(Chunk&&)>&)>& read,
                             const std::function<bool(Chunk&&)>& apply, std::size_t ahead) {
  if (ahead == 0) ahead = 1;
  std::mutex mutex;
  std::condition_variable cv;
  std::deque<Chunk> ready;
  std::deque<Chunk> spent;  // applied; the helper destroys them
  bool done = false;
  bool stop = false;  // set by this thread: the helper drops the rest
  ItemPageResult result;
  std::exception_ptr readFailure;

  std::thread helper([&] {
    try {
      result = read([&](Chunk&& chunk) {
        std::deque<Chunk> toFree;  // destroyed after the lock is let go
        std::unique_lock<std::mutex> lock(mutex);
        cv.wait(lock, [&] { return ready.size() < ahead || stop; });
        toFree.swap(spent);
        if (stop) return false;
        ready.push_back(std::move(chunk));
        cv.notify_all();
        return true;
      });
    } catch (...) {
      readFailure = std::current_exception();
    }
    std::unique_lock<std::mutex> lock(mutex);
    done = true;
    cv.notify_all();
    // The writer still applies the last chunks: free them as they come back.
    while (true) {
      cv.wait(lock, [&] { return !spent.empty() || stop; });
      const bool last = stop;
      std::deque<Chunk> toFree;
      toFree.swap(spent);
      lock.unlock();
      toFree.clear();
      lock.lock();
      if (last && spent.empty()) break;
    }
  });
  const auto stopHelper = [&] {
    {
      std::lock_guard<std::mutex> lock(mutex);
      stop = true;
      ready.clear();
      cv.notify_all();
    }
    helper.join();
  };

  bool stopped = false;
  try {
    while (true) {
      Chunk chunk;
      {
        std::unique_lock<std::mutex> lock(mutex);
        cv.wait(lock, [&] { return !ready.empty() || done; });
        if (ready.empty()) break;
        chunk = std::move(ready.front());
        ready.pop_front();
        cv.notify_all();
      }
      const bool more = apply(std::move(chunk));
      {
        std::lock_guard<std::mutex> lock(mutex);
        spent.push_back(std::move(chunk));
        cv.notify_all();
      }
      if (!more) {
        stopped = true;
        break;
      }
    }
  } catch (...) {
    stopHelper();
    throw;
  }
  stopHelper();
  if (readFailure) std::rethrow_exception(readFailure);
  if (stopped) {
    result.page.reset();
    result.failure.stopped = true;
    if (result.failure.message.empty()) result.failure.message = "stopped";
  }
  return result;
}

// The Items as parsed.
inline ItemPageResult readPageAhead(const std::function<ItemPageResult(const ItemChunkSink&)>& read,
                                    const ItemChunkSink& apply, std::size_t ahead = 2) {
  return readPageAhead<std::vector<Item>>(read, apply, ahead);
}

}  // namespace deskpane::sync
