// Retry decisions as a table: status, Retry-After, attempt → wait or give up.
#include "sync/http_retry.h"

#include <gtest/gtest.h>

namespace deskpane::sync {
namespace {

using std::chrono::milliseconds;

TEST(HttpRetry, ParsesRetryAfterSecondsAndDates) {
  const auto now = std::chrono::system_clock::from_time_t(784111777);  // Sun, 06 Nov 1994 08:49:37 GMT
  EXPECT_EQ(parseRetryAfter("31", now), milliseconds(31000));
  EXPECT_EQ(parseRetryAfter(" 0 ", now), milliseconds(0));
  EXPECT_EQ(parseRetryAfter("Sun, 06 Nov 1994 08:49:47 GMT", now), milliseconds(10000));
  EXPECT_EQ(parseRetryAfter("Sun, 06 Nov 1994 08:49:00 GMT", now), milliseconds(0));  // in the past
  EXPECT_EQ(parseRetryAfter("soon", now), std::nullopt);
  EXPECT_EQ(parseRetryAfter("-5", now), std::nullopt);
  EXPECT_EQ(parseRetryAfter("", now), std::nullopt);
}

struct RetryCase {
  int attempt;
  int status;
  std::optional<milliseconds> retryAfter;
  double unit;
  std::optional<milliseconds> expected;
};

TEST(HttpRetry, DelayTable) {
  RetryPolicy p;
  p.maxAttempts = 4;
  p.baseDelay = milliseconds(100);
  p.maxDelay = milliseconds(5000);
  p.jitter = 0.2;
  const RetryCase cases[] = {
      {1, 429, milliseconds(1000), 0.0, milliseconds(1000)},    // Retry-After honoured
      {1, 429, milliseconds(1000), 0.5, milliseconds(1100)},    // jitter only lengthens it
      {1, 503, milliseconds(2000), 0.0, milliseconds(2000)},
      {1, 503, milliseconds(5000), 0.0, milliseconds(5000)},    // up to the cap: waited out
      {1, 503, milliseconds(600000), 0.0, std::nullopt},        // longer: give up, never retry early
      {1, 429, milliseconds(5001), 0.0, std::nullopt},
      {1, 0, std::nullopt, 0.5, milliseconds(100)},             // reset: backoff, centred jitter
      {2, 0, std::nullopt, 0.5, milliseconds(200)},
      {3, 504, std::nullopt, 0.5, milliseconds(400)},
      {1, 0, std::nullopt, 0.0, milliseconds(80)},              // -20 %
      {1, 0, std::nullopt, 1.0, milliseconds(120)},             // +20 %
      {4, 429, milliseconds(1000), 0.0, std::nullopt},          // attempts exhausted
      {1, 404, std::nullopt, 0.0, std::nullopt},                // not transient
      {1, 412, std::nullopt, 0.0, std::nullopt},
      {1, 500, std::nullopt, 0.0, std::nullopt},                // list view threshold: retrying will not help
      {1, 401, std::nullopt, 0.0, std::nullopt},
  };
  for (const auto& c : cases) {
    EXPECT_EQ(retryDelay(p, c.attempt, c.status, c.retryAfter, c.unit), c.expected)
        << "attempt " << c.attempt << " status " << c.status;
  }
}

TEST(HttpRetry, BackoffNeverExceedsTheCapPlusJitter) {
  RetryPolicy p;
  p.maxAttempts = 100;
  for (int attempt = 1; attempt < 99; ++attempt) {
    const auto d = retryDelay(p, attempt, 0, std::nullopt, 0.999);
    ASSERT_TRUE(d.has_value());
    EXPECT_LE(d->count(), p.maxDelay.count() * 1.2 + 1);
  }
}

}  // namespace
}  // namespace deskpane::sync
