// deskpane-bench emulator: request rates of deskpane-spemu over loopback.
#include "bench/bench.h"
#include "emulator/server.h"

#include <cpprest/http_client.h>

#include <chrono>
#include <cstdio>

namespace deskpane::bench {
namespace {

// Sequential single-connection GETs of /_api/web: the floor of one request's cost.
int benchEmulator(int, char**) {
  emu::Server server({});
  server.start();
  web::http::client::http_client client(server.siteUrl());
  const int n = 2000;
  const auto start = std::chrono::steady_clock::now();
  for (int i = 0; i < n; ++i) {
    auto r = client.request(web::http::methods::GET, "/_api/web").get();
    if (r.status_code() != 200) {
      std::fprintf(stderr, "emulator bench: unexpected status %d\n", r.status_code());
      return 1;
    }
    r.extract_string().get();
  }
  const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  report("emulator.web_sequential_rps", n / s, "req/s");
  report("emulator.web_sequential_mean_latency", s * 1000.0 / n, "ms");
  return 0;
}

}  // namespace
DESKPANE_BENCH("emulator", "deskpane-spemu request rates over loopback", benchEmulator);
}  // namespace deskpane::bench
