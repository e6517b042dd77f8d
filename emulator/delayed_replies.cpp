#include "emulator/delayed_replies.h"

namespace deskpane::emu {

DelayedReplies::DelayedReplies() : thread_([this] { run(); }) {}

DelayedReplies::~DelayedReplies() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  thread_.join();
}

void DelayedReplies::after(std::chrono::milliseconds delay, std::function<void()> task) {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    queue_.push(Entry{Clock::now() + delay, nextSeq_++, std::move(task)});
  }
  wake_.notify_all();
}

std::size_t DelayedReplies::waiting() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return queue_.size();
}

void DelayedReplies::run() {
  std::unique_lock<std::mutex> lock(mutex_);
  while (!stopping_) {
    if (queue_.empty()) {
      wake_.wait(lock);
      continue;
    }
    const auto due = queue_.top().due;
    if (Clock::now() < due) {
      wake_.wait_until(lock, due);
      continue;
    }
    // The task replies on a socket: never under the lock.
    auto task = queue_.top().task;
    queue_.pop();
    lock.unlock();
    task();
    lock.lock();
  }
}

}  // namespace deskpane::emu
