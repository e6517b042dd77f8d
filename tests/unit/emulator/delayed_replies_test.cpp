// Delayed answers wait on one timer thread: many overlap instead of queueing,
// each runs no earlier than asked, in due order.
#include "emulator/delayed_replies.h"

#include <gtest/gtest.h>

#include <atomic>
#include <mutex>
#include <vector>

namespace deskpane::emu {
namespace {

using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

TEST(DelayedReplies, ManyDelaysOverlap) {
  std::atomic<int> done{0};
  const auto t0 = Clock::now();
  {
    DelayedReplies d;
    for (int i = 0; i < 20; ++i) d.after(150ms, [&] { ++done; });
    while (done < 20 && Clock::now() - t0 < 5s) std::this_thread::sleep_for(5ms);
  }
  const auto took = Clock::now() - t0;
  EXPECT_EQ(done, 20);
  EXPECT_GE(took, 150ms);
  EXPECT_LT(took, 1000ms) << "20 delays of 150 ms in a row would take 3 s";
}

TEST(DelayedReplies, RunInDueOrder) {
  std::mutex m;
  std::vector<int> order;
  {
    DelayedReplies d;
    d.after(120ms, [&] { std::lock_guard<std::mutex> l(m); order.push_back(3); });
    d.after(40ms, [&] { std::lock_guard<std::mutex> l(m); order.push_back(1); });
    d.after(80ms, [&] { std::lock_guard<std::mutex> l(m); order.push_back(2); });
    std::this_thread::sleep_for(300ms);
  }
  EXPECT_EQ(order, (std::vector<int>{1, 2, 3}));
}

TEST(DelayedReplies, DestroyedWithWorkWaitingRunsNothing) {
  std::atomic<int> ran{0};
  {
    DelayedReplies d;
    d.after(10s, [&] { ++ran; });
    EXPECT_EQ(d.waiting(), 1u);
  }
  EXPECT_EQ(ran, 0);
}

}  // namespace
}  // namespace deskpane::emu
