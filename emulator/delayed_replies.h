#pragma once
// Runs closures after a delay on one timer thread, so a slow answer (the
// emulator's --latency, a "slow" fault) costs no worker thread while it
// waits: many requests in flight overlap their delays, as on a real server,
// instead of queueing behind cpprestsdk's small listener pool.
#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <queue>
#include <thread>
#include <vector>

namespace deskpane::emu {

class DelayedReplies {
 public:
  using Clock = std::chrono::steady_clock;

  DelayedReplies();
  ~DelayedReplies();  // runs nothing still waiting; joins the thread
  DelayedReplies(const DelayedReplies&) = delete;
  DelayedReplies& operator=(const DelayedReplies&) = delete;

  void after(std::chrono::milliseconds delay, std::function<void()> task);
  std::size_t waiting() const;

 private:
  struct Entry {
    Clock::time_point due;
    std::uint64_t seq;  // same due time: first in, first out
    std::function<void()> task;
    bool operator>(const Entry& o) const { return due != o.due ? due > o.due : seq > o.seq; }
  };
  void run();

  mutable std::mutex mutex_;
  std::condition_variable wake_;
  std::priority_queue<Entry, std::vector<Entry>, std::greater<Entry>> queue_;
  std::uint64_t nextSeq_ = 0;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace deskpane::emu
