#include "emulator/faults.h"

#include "emulator/url_codec.h"

#include <stdexcept>

namespace deskpane::emu {

std::vector<FaultRule> parseFaultSpec(const std::string& spec) {
  std::vector<FaultRule> rules;
  std::size_t start = 0;
  while (start < spec.size()) {
    auto end = spec.find(',', start);
    if (end == std::string::npos) end = spec.size();
    const std::string part = spec.substr(start, end - start);
    start = end + 1;
    if (part.empty()) continue;
    const auto colon = part.find(':');
    if (colon == std::string::npos) throw std::invalid_argument("fault '" + part + "' needs KIND:PROBABILITY");
    const std::string kind = toLower(part.substr(0, colon));
    std::string prob = part.substr(colon + 1);
    FaultRule rule{};
    const auto at = prob.find('@');
    if (at != std::string::npos) {
      std::string delay = prob.substr(at + 1);
      prob = prob.substr(0, at);
      if (delay.size() > 2 && delay.compare(delay.size() - 2, 2, "ms") == 0) delay.resize(delay.size() - 2);
      try {
        rule.delay = std::chrono::milliseconds(std::stol(delay));
      } catch (...) {
        throw std::invalid_argument("fault '" + part + "': bad delay");
      }
    }
    if (kind == "429") rule.kind = FaultKind::Status429;
    else if (kind == "503") rule.kind = FaultKind::Status503;
    else if (kind == "reset") rule.kind = FaultKind::Reset;
    else if (kind == "slow") rule.kind = FaultKind::Slow;
    else if (kind == "truncate") rule.kind = FaultKind::Truncate;
    else throw std::invalid_argument("unknown fault kind '" + kind + "'");
    if (rule.kind == FaultKind::Slow && rule.delay.count() == 0) rule.delay = std::chrono::milliseconds(500);
    try {
      std::size_t used = 0;
      rule.probability = std::stod(prob, &used);
      if (used != prob.size()) throw std::invalid_argument(prob);
    } catch (...) {
      throw std::invalid_argument("fault '" + part + "': bad probability");
    }
    if (rule.probability < 0 || rule.probability > 1)
      throw std::invalid_argument("fault '" + part + "': probability must be within 0..1");
    rules.push_back(rule);
  }
  return rules;
}

FaultInjector::FaultInjector(std::vector<FaultRule> rules, unsigned seed) : rules_(std::move(rules)), rng_(seed) {}

std::optional<FaultRule> FaultInjector::draw() {
  if (rules_.empty()) return std::nullopt;
  std::lock_guard<std::mutex> lock(mutex_);
  std::uniform_real_distribution<double> uniform(0.0, 1.0);
  const double r = uniform(rng_);
  double acc = 0;
  for (const auto& rule : rules_) {
    acc += rule.probability;
    if (r < acc) return rule;
  }
  return std::nullopt;
}

}  // namespace deskpane::emu
