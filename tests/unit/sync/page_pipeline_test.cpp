// readPageAhead: a reader on a helper thread handing chunks to this one.
// Table-driven: how many chunks the reader makes, where it fails, where the
// writer stops, how many chunks may wait — in; the chunks the writer got (in
// order) and the result out. Then the bound on chunks in flight and the two
// ways an exception travels.
#include "sync/page_pipeline.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <functional>
#include <mutex>
#include <stdexcept>
#include <string>
#include <thread>
#include <utility>
#include <vector>

namespace deskpane::sync {
namespace {

std::vector<Item> chunkOf(int n) {
  Item item;
  item.id = n;
  return {item};
}

struct PipeCase {
  const char* name;
  int chunks;           // the reader makes chunks 1..chunks
  int readFailsAfter;   // -1: it succeeds; else it fails after this many chunks
  int applyStopsAt;     // -1: never; else apply returns false on this chunk
  std::size_t ahead;
  std::vector<std::int64_t> applied;  // expected, in order
  bool ok;
  bool stopped;
  const char* message;  // expected failure text ("" when ok)
};

class PagePipeline : public ::testing::TestWithParam<PipeCase> {};

TEST_P(PagePipeline, WriterGetsTheChunksInOrderAndTheRightResult) {
  const auto& c = GetParam();
  std::vector<std::int64_t> got;
  const auto result = readPageAhead(
      [&](const ItemChunkSink& sink) {
        ItemPageResult r;
        for (int i = 1; i <= c.chunks; ++i) {
          if (c.readFailsAfter >= 0 && i > c.readFailsAfter) {
            r.failure.message = "broken page";
            return r;
          }
          if (!sink(chunkOf(i))) {
            r.failure.message = "stopped";
            r.failure.stopped = true;
            return r;
          }
        }
        r.page = ItemPageSummary{"", static_cast<std::size_t>(c.chunks)};
        return r;
      },
      [&](std::vector<Item>&& chunk) {
        const auto id = chunk.at(0).id;
        if (id == c.applyStopsAt) return false;
        got.push_back(id);
        return true;
      },
      c.ahead);
  EXPECT_EQ(got, c.applied);
  EXPECT_EQ(static_cast<bool>(result), c.ok);
  EXPECT_EQ(result.failure.stopped, c.stopped);
  EXPECT_EQ(result.failure.message, c.message);
  if (c.ok) {
    EXPECT_EQ(result.page->items, static_cast<std::size_t>(c.chunks));
  }
}

INSTANTIATE_TEST_SUITE_P(
    Cases, PagePipeline,
    ::testing::Values(PipeCase{"empty_page", 0, -1, -1, 1, {}, true, false, ""},
                      PipeCase{"one_chunk", 1, -1, -1, 1, {1}, true, false, ""},
                      PipeCase{"ahead_0_is_1", 5, -1, -1, 0, {1, 2, 3, 4, 5}, true, false, ""},
                      PipeCase{"reader_fails_midway", 6, 3, -1, 1, {1, 2, 3}, false, false, "broken page"},
                      PipeCase{"reader_fails_at_once", 6, 0, -1, 2, {}, false, false, "broken page"},
                      PipeCase{"writer_stops_midway", 8, -1, 4, 1, {1, 2, 3}, false, true, "stopped"},
                      PipeCase{"writer_stops_on_last", 3, -1, 3, 2, {1, 2}, false, true, "stopped"}),
    [](const ::testing::TestParamInfo<PipeCase>& info) { return std::string(info.param.name); });

// Many chunks through both queue sizes, in order.
TEST(PagePipelineOrder, FortyChunksArriveInOrder) {
  for (std::size_t ahead : {1u, 3u}) {
    std::vector<std::int64_t> got;
    const auto r = readPageAhead(
        [](const ItemChunkSink& sink) {
          for (int i = 1; i <= 40; ++i) sink(chunkOf(i));
          return ItemPageResult{ItemPageSummary{"", 40}, {}};
        },
        [&](std::vector<Item>&& chunk) {
          got.push_back(chunk.at(0).id);
          return true;
        },
        ahead);
    ASSERT_TRUE(r);
    ASSERT_EQ(got.size(), 40u);
    for (std::size_t i = 0; i < got.size(); ++i) EXPECT_EQ(got[i], static_cast<std::int64_t>(i + 1));
  }
}

TEST(PagePipelineBound, NoMoreThanAheadChunksWaitForASlowWriter) {
  for (std::size_t ahead : {1u, 2u, 4u}) {
    std::atomic<int> handedOver{0}, applied{0}, worst{0};
    readPageAhead(
        [&](const ItemChunkSink& sink) {
          for (int i = 1; i <= 30; ++i) {
            if (!sink(chunkOf(i))) break;
            const int waiting = ++handedOver - applied;  // queued, or taken and not yet applied
            int w = worst;
            while (waiting > w && !worst.compare_exchange_weak(w, waiting)) {}
          }
          return ItemPageResult{ItemPageSummary{"", 30}, {}};
        },
        [&](std::vector<Item>&&) {
          std::this_thread::sleep_for(std::chrono::milliseconds(1));  // a writer slower than the reader
          ++applied;
          return true;
        },
        ahead);
    EXPECT_EQ(applied, 30);
    // Those queued plus the one the writer holds.
    EXPECT_LE(worst, static_cast<int>(ahead) + 1) << "ahead " << ahead;
    EXPECT_GE(worst, static_cast<int>(ahead)) << "the reader never ran ahead (ahead " << ahead << ")";
  }
}

// A chunk that notes the thread it is destroyed on and how many are alive.
struct Tracked {
  struct Log {
    std::mutex mutex;
    std::vector<std::thread::id> freedOn;
    int alive = 0;
    int mostAlive = 0;
  };
  Log* log = nullptr;  // null: moved from, or never made

  Tracked() = default;
  explicit Tracked(Log& l) : log(&l) {
    std::lock_guard<std::mutex> lock(l.mutex);
    l.mostAlive = std::max(l.mostAlive, ++l.alive);
  }
  Tracked(Tracked&& o) noexcept : log(std::exchange(o.log, nullptr)) {}
  Tracked& operator=(Tracked&& o) noexcept {
    if (this != &o) {
      release();
      log = std::exchange(o.log, nullptr);
    }
    return *this;
  }
  Tracked(const Tracked&) = delete;
  Tracked& operator=(const Tracked&) = delete;
  ~Tracked() { release(); }
  void release() {
    if (!log) return;
    std::lock_guard<std::mutex> lock(log->mutex);
    log->freedOn.push_back(std::this_thread::get_id());
    --log->alive;
    log = nullptr;
  }
};

TEST(PagePipelineFree, AppliedChunksAreDestroyedOnTheHelperWithinTheBound) {
  // The writer is the longest stage of a first sync: the chunks it has
  // applied are freed by the helper that made them, never by the writer.
  for (int slowSide : {0, 1}) {
    for (std::size_t ahead : {1u, 3u}) {
      SCOPED_TRACE("ahead " + std::to_string(ahead) + (slowSide ? ", slow reader" : ", slow writer"));
      Tracked::Log log;
      const auto pause = [] { std::this_thread::sleep_for(std::chrono::microseconds(300)); };
      const auto r = readPageAhead<Tracked>(
          [&](const std::function<bool(Tracked&&)>& handOver) {
            for (int i = 0; i < 25; ++i) {
              if (slowSide == 1) pause();
              if (!handOver(Tracked(log))) return ItemPageResult{};
            }
            return ItemPageResult{ItemPageSummary{"", 25}, {}};
          },
          [&](Tracked&& chunk) {
            EXPECT_NE(chunk.log, nullptr);
            if (slowSide == 0) pause();
            return true;
          },
          ahead);
      EXPECT_TRUE(r);
      EXPECT_EQ(log.alive, 0);
      ASSERT_EQ(log.freedOn.size(), 25u);
      for (const auto& id : log.freedOn) EXPECT_NE(id, std::this_thread::get_id());
      EXPECT_LE(log.mostAlive, static_cast<int>(2 * ahead + 3));
    }
  }
}

TEST(PagePipelineFailure, AWriterExceptionStopsTheReaderAndComesBack) {
  std::atomic<int> made{0};
  EXPECT_THROW(readPageAhead(
                   [&](const ItemChunkSink& sink) {
                     for (int i = 1; i <= 1000; ++i) {
                       if (!sink(chunkOf(i))) return ItemPageResult{};
                       ++made;
                     }
                     return ItemPageResult{ItemPageSummary{"", 1000}, {}};
                   },
                   [&](std::vector<Item>&& chunk) -> bool {
                     if (chunk.at(0).id == 3) throw std::runtime_error("disk full");
                     return true;
                   },
                   1),
               std::runtime_error);
  EXPECT_LT(made, 1000) << "the reader went on after the writer failed";
}

TEST(PagePipelineFailure, AReaderExceptionComesBack) {
  EXPECT_THROW(readPageAhead(
                   [](const ItemChunkSink& sink) -> ItemPageResult {
                     sink(chunkOf(1));
                     throw std::runtime_error("bad alloc");
                   },
                   [](std::vector<Item>&&) { return true; }, 1),
               std::runtime_error);
}

}  // namespace
}  // namespace deskpane::sync
