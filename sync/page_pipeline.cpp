#include "sync/page_pipeline.h"

#include <condition_variable>
#include <deque>
#include <exception>
#include <mutex>
#include <thread>
#include <utility>
#include <vector>

namespace deskpane::sync {

ItemPageResult readPageAhead(const std::function<ItemPageResult(const ItemChunkSink&)>& read,
                             const ItemChunkSink& apply, std::size_t ahead) {
  if (ahead == 0) ahead = 1;
  std::mutex mutex;
  std::condition_variable cv;
  std::deque<std::vector<Item>> ready;
  bool done = false;
  bool stop = false;  // set by this thread: the helper drops the rest
  ItemPageResult result;
  std::exception_ptr readFailure;

  std::thread helper([&] {
    try {
      result = read([&](std::vector<Item>&& chunk) {
        std::unique_lock<std::mutex> lock(mutex);
        cv.wait(lock, [&] { return ready.size() < ahead || stop; });
        if (stop) return false;
        ready.push_back(std::move(chunk));
        cv.notify_all();
        return true;
      });
    } catch (...) {
      readFailure = std::current_exception();
    }
    std::lock_guard<std::mutex> lock(mutex);
    done = true;
    cv.notify_all();
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
      std::vector<Item> chunk;
      {
        std::unique_lock<std::mutex> lock(mutex);
        cv.wait(lock, [&] { return !ready.empty() || done; });
        if (ready.empty()) break;
        chunk = std::move(ready.front());
        ready.pop_front();
        cv.notify_all();
      }
      if (!apply(std::move(chunk))) {
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

}  // namespace deskpane::sync
