#include "sync/http_retry.h"

#include <algorithm>
#include <cctype>
#include <ctime>
#include <string>

namespace deskpane::sync {

namespace {
std::optional<long long> parseDigits(std::string_view s) {
  if (s.empty() || s.size() > 12) return std::nullopt;
  long long v = 0;
  for (char c : s) {
    if (!std::isdigit(static_cast<unsigned char>(c))) return std::nullopt;
    v = v * 10 + (c - '0');
  }
  return v;
}

// RFC 7231 IMF-fixdate: "Sun, 06 Nov 1994 08:49:37 GMT".
std::optional<std::time_t> parseHttpDate(std::string_view s) {
  std::tm tm{};
  const std::string text(s);
  const char* end = strptime(text.c_str(), "%a, %d %b %Y %H:%M:%S GMT", &tm);
  if (end == nullptr || *end != '\0') return std::nullopt;
  return timegm(&tm);
}
}  // namespace

std::optional<std::chrono::milliseconds> parseRetryAfter(std::string_view value,
                                                         std::chrono::system_clock::time_point now) {
  while (!value.empty() && std::isspace(static_cast<unsigned char>(value.front()))) value.remove_prefix(1);
  while (!value.empty() && std::isspace(static_cast<unsigned char>(value.back()))) value.remove_suffix(1);
  if (auto secs = parseDigits(value)) return std::chrono::milliseconds(*secs * 1000);
  if (auto when = parseHttpDate(value)) {
    const auto delta = std::chrono::system_clock::from_time_t(*when) - now;
    return std::max(std::chrono::milliseconds(0), std::chrono::duration_cast<std::chrono::milliseconds>(delta));
  }
  return std::nullopt;
}

bool isRetryableStatus(int status) {
  return status == 0 || status == 429 || status == 502 || status == 503 || status == 504;
}

std::optional<std::chrono::milliseconds> retryDelay(const RetryPolicy& policy, int attempt, int status,
                                                    std::optional<std::chrono::milliseconds> retryAfter,
                                                    double unit) {
  if (attempt >= policy.maxAttempts || !isRetryableStatus(status)) return std::nullopt;
  std::chrono::milliseconds wait;
  if (retryAfter) {
    // Asked to wait longer than a sync may block: stop now (the list reports
    // Throttled, its outbox is kept, the next trigger tries again) rather
    // than come back early and prolong the throttling.
    if (*retryAfter > policy.maxDelay) return std::nullopt;
    wait = *retryAfter;
  } else {
    const int shift = std::min(attempt - 1, 20);
    wait = policy.baseDelay * (1LL << shift);
  }
  wait = std::min(wait, policy.maxDelay);
  // Jitter only lengthens a server-given wait: retrying before Retry-After
  // elapses would just be throttled again.
  const double factor = retryAfter ? 1.0 + policy.jitter * unit : 1.0 + policy.jitter * (2.0 * unit - 1.0);
  auto jittered = std::chrono::milliseconds(static_cast<long long>(static_cast<double>(wait.count()) * factor));
  return std::min(jittered, policy.maxDelay + std::chrono::milliseconds(static_cast<long long>(
                                                  static_cast<double>(policy.maxDelay.count()) * policy.jitter)));
}

}  // namespace deskpane::sync
