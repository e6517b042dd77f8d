// deskpane-bench [NAME...]: runs the named benchmarks (all when none given).
#include "bench/bench.h"

#include <cstdio>
#include <cstring>
#include <map>
#include <string>
#include <utility>

namespace deskpane::bench {

namespace {
struct Entry {
  std::string help;
  BenchFn fn;
};
std::map<std::string, Entry>& registry() {
  static std::map<std::string, Entry> benches;
  return benches;
}
}  // namespace

Registration::Registration(const char* name, const char* help, BenchFn fn) { registry()[name] = {help, fn}; }

void report(const std::string& name, double value, const std::string& unit) {
  std::printf("%s %.6g %s\n", name.c_str(), value, unit.c_str());
  std::fflush(stdout);
}

}  // namespace deskpane::bench

int main(int argc, char** argv) {
  auto& benches = deskpane::bench::registry();
  if (argc > 1 && (!std::strcmp(argv[1], "--help") || !std::strcmp(argv[1], "-h"))) {
    std::printf("usage: deskpane-bench [NAME [ARGS...]]\nbenchmarks:\n");
    for (const auto& [name, entry] : benches) std::printf("  %-12s %s\n", name.c_str(), entry.help.c_str());
    return 0;
  }
  if (argc > 1) {
    auto it = benches.find(argv[1]);
    if (it == benches.end()) {
      std::fprintf(stderr, "deskpane-bench: no benchmark named %s (see --help)\n", argv[1]);
      return 2;
    }
    return it->second.fn(argc - 1, argv + 1);
  }
  int rc = 0;
  for (const auto& [name, entry] : benches) rc |= entry.fn(0, nullptr);
  return rc;
}
