#include "tests/support/child_process.h"

#include <pthread.h>
#include <sched.h>

#include <atomic>
#include <cpprest/http_client.h>
#include <gtest/gtest.h>
#include <thread>
#include <vector>

namespace deskpane::test {
namespace {

TEST(EmulatorProcess, AnswersWebWithTheSiteItServes) {
  EmulatorProcess emulator;
  web::http::client::http_client client(emulator.origin());
  auto response = client.request(web::http::methods::GET, "/sites/demo/_api/web").get();
  ASSERT_EQ(response.status_code(), 200);
  auto body = response.extract_json(true).get();
  EXPECT_EQ(body.at("ServerRelativeUrl").as_string(), "/sites/demo");
}

TEST(EmulatorProcess, StopsOnSigterm) {
  EmulatorProcess emulator;
  auto status = emulator.process().stop(SIGTERM, std::chrono::seconds(5));
  ASSERT_TRUE(status.has_value()) << "had to be killed";
  EXPECT_EQ(*status, 0);
}

// Pins the calling thread (and so the children it spawns) and two busy
// threads to one CPU for the scope's life, so a child's worker threads wait
// for the CPU as they do on a loaded CI machine.
class OneBusyCpu {
 public:
  OneBusyCpu() {
    pthread_getaffinity_np(pthread_self(), sizeof original_, &original_);
    int cpu = 0;
    while (cpu < CPU_SETSIZE && !CPU_ISSET(cpu, &original_)) ++cpu;
    CPU_ZERO(&one_);
    CPU_SET(cpu, &one_);
    pthread_setaffinity_np(pthread_self(), sizeof one_, &one_);
    for (int i = 0; i < 3; ++i) {
      spinners_.emplace_back([this] {
        pthread_setaffinity_np(pthread_self(), sizeof one_, &one_);
        while (!done_.load(std::memory_order_relaxed)) {
        }
      });
    }
  }
  ~OneBusyCpu() {
    done_ = true;
    for (auto& t : spinners_) t.join();
    pthread_setaffinity_np(pthread_self(), sizeof original_, &original_);
  }
  OneBusyCpu(const OneBusyCpu&) = delete;
  OneBusyCpu& operator=(const OneBusyCpu&) = delete;

 private:
  cpu_set_t original_{};
  cpu_set_t one_{};
  std::atomic<bool> done_{false};
  std::vector<std::thread> spinners_;
};

// Closing the listener leaves its cancelled accept queued on cpprestsdk's
// pool; a stop that exits before a starved pool thread runs it lost the
// accept's socket (LeakSanitizer: exit 134 in about one stop in ten;
// without the fix this test failed in two runs of three).
// Only LeakSanitizer sees the loss, so only its build pays for many rounds.
TEST(EmulatorProcess, StopsCleanlyOnSigtermWhileStarvedOfCpu) {
#if defined(__SANITIZE_ADDRESS__)
  constexpr int kRounds = 25;
#else
  constexpr int kRounds = 3;
#endif
  OneBusyCpu busy;
  for (int round = 0; round < kRounds; ++round) {
    EmulatorProcess emulator;
    auto status = emulator.process().stop(SIGTERM, std::chrono::seconds(10));
    ASSERT_TRUE(status.has_value()) << "round " << round << " had to be killed";
    ASSERT_EQ(*status, 0) << "round " << round;
  }
}

}  // namespace
}  // namespace deskpane::test
