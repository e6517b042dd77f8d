#pragma once
// Benchmarks register themselves by name; main() runs one or all.
// Each prints "name value unit" lines and returns 0 on success.
#include <string>

namespace deskpane::bench {

using BenchFn = int (*)(int argc, char** argv);

struct Registration {
  Registration(const char* name, const char* help, BenchFn fn);
};

// Prints one figure in the format scripts read.
void report(const std::string& name, double value, const std::string& unit);

}  // namespace deskpane::bench

#define DESKPANE_BENCH(name, help, fn) \
  static const ::deskpane::bench::Registration bench_registration_##fn{name, help, fn}
