#pragma once
// --faults SPEC: injected failures, e.g. "429:0.2,503:0.05,reset:0.05,
// slow:0.1@800ms,truncate:0.02". Each request draws once; the kinds are
// tried in the order given, each with its own probability.
#include <chrono>
#include <mutex>
#include <optional>
#include <random>
#include <string>
#include <vector>

namespace deskpane::emu {

enum class FaultKind { Status429, Status503, Reset, Slow, Truncate };

struct FaultRule {
  FaultKind kind;
  double probability = 0;
  std::chrono::milliseconds delay{0};  // slow only
};

// Throws std::invalid_argument naming the bad part.
std::vector<FaultRule> parseFaultSpec(const std::string& spec);

class FaultInjector {
 public:
  explicit FaultInjector(std::vector<FaultRule> rules, unsigned seed = 20240105);
  std::optional<FaultRule> draw();
  bool empty() const { return rules_.empty(); }

 private:
  std::vector<FaultRule> rules_;
  std::mutex mutex_;
  std::mt19937 rng_;
};

}  // namespace deskpane::emu
