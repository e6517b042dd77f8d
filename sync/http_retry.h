#pragma once
// When to retry a SharePoint request and how long to wait first. Pure so the
// rules are unit-tested without a clock or a network.
//
// SharePoint Online throttles with 429 or 503 plus `Retry-After` (seconds);
// hammering a throttled tenant gets the app blocked, so the header is always
// honoured: a wait up to the cap is slept (plus a little jitter so several
// clients do not retry in lockstep); a longer one ends the attempt, so the
// worker is not parked for minutes and the server is not asked early.
#include <chrono>
#include <optional>
#include <string_view>

namespace deskpane::sync {

struct RetryPolicy {
  int maxAttempts = 5;                                   // including the first
  std::chrono::milliseconds baseDelay{200};              // without Retry-After: 200, 400, 800 ms...
  std::chrono::milliseconds maxDelay{30'000};            // cap for any single wait
  double jitter = 0.2;                                   // ± fraction applied to every wait
};

// Seconds of a `Retry-After` header: delta-seconds ("31") or an HTTP-date
// relative to `now`. nullopt when absent or unparsable.
std::optional<std::chrono::milliseconds> parseRetryAfter(std::string_view value,
                                                         std::chrono::system_clock::time_point now);

// Status codes worth another attempt: throttling and transient gateway errors.
// 0 stands for "no response" (reset, timeout, truncated body).
bool isRetryableStatus(int status);

// The wait before attempt `attempt + 1` (attempt counts from 1), or nullopt
// to give up. `unit` in [0,1) drives the jitter (a random draw in production).
std::optional<std::chrono::milliseconds> retryDelay(const RetryPolicy& policy, int attempt, int status,
                                                    std::optional<std::chrono::milliseconds> retryAfter,
                                                    double unit);

}  // namespace deskpane::sync
