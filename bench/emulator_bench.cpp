// deskpane-bench emulator [SECONDS]: request rates of deskpane-spemu over
// loopback with 32 concurrent keep-alive connections, for single-item GETs
// and for pages of 100 items. The load generator is a minimal blocking
// HTTP/1.1 client (one thread per connection) so that it costs the 2 cores
// as little as possible and measures the server, not a client library.
#include "bench/bench.h"
#include "emulator/server.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <thread>
#include <vector>

namespace deskpane::bench {
namespace {

using Clock = std::chrono::steady_clock;

class Connection {
 public:
  explicit Connection(std::uint16_t port) {
    fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(port);
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (fd_ < 0 || ::connect(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
      if (fd_ >= 0) ::close(fd_);
      fd_ = -1;
      return;
    }
    int one = 1;
    ::setsockopt(fd_, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
  }
  ~Connection() {
    if (fd_ >= 0) ::close(fd_);
  }
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;
  bool ok() const { return fd_ >= 0; }

  // Sends one request and reads the whole response; returns the status or -1.
  int roundTrip(const std::string& request) {
    std::size_t sent = 0;
    while (sent < request.size()) {
      const auto n = ::send(fd_, request.data() + sent, request.size() - sent, MSG_NOSIGNAL);
      if (n <= 0) return -1;
      sent += static_cast<std::size_t>(n);
    }
    std::size_t headerEnd;
    while ((headerEnd = buffer_.find("\r\n\r\n")) == std::string::npos) {
      if (!fill()) return -1;
    }
    const int status = std::atoi(buffer_.c_str() + 9);
    std::size_t length = 0;
    std::string head = buffer_.substr(0, headerEnd);
    for (auto& c : head) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    const auto cl = head.find("content-length:");
    if (cl != std::string::npos) length = std::strtoul(head.c_str() + cl + 15, nullptr, 10);
    const std::size_t total = headerEnd + 4 + length;
    while (buffer_.size() < total) {
      if (!fill()) return -1;
    }
    buffer_.erase(0, total);
    return status;
  }

 private:
  bool fill() {
    char chunk[65536];
    const auto n = ::recv(fd_, chunk, sizeof chunk, 0);
    if (n <= 0) return false;
    buffer_.append(chunk, static_cast<std::size_t>(n));
    return true;
  }
  int fd_ = -1;
  std::string buffer_;
};

struct Result {
  double rps = 0;
  double p50 = 0;
  double p99 = 0;
  long errors = 0;
};

// `makePath(i)` gives the i-th request path of a connection.
template <typename PathFn>
Result load(std::uint16_t port, int connections, double seconds, PathFn makePath) {
  std::atomic<bool> stop{false};
  std::atomic<long> errors{0};
  std::vector<std::vector<double>> latencies(static_cast<std::size_t>(connections));
  std::vector<std::thread> threads;
  const auto start = Clock::now();
  for (int c = 0; c < connections; ++c) {
    threads.emplace_back([&, c] {
      Connection conn(port);
      if (!conn.ok()) {
        ++errors;
        return;
      }
      auto& mine = latencies[static_cast<std::size_t>(c)];
      for (long i = 0; !stop.load(std::memory_order_relaxed); ++i) {
        const std::string req = "GET " + makePath(c, i) +
                                " HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: application/json;odata=nometadata\r\n\r\n";
        const auto t0 = Clock::now();
        const int status = conn.roundTrip(req);
        const auto t1 = Clock::now();
        if (status != 200) {
          ++errors;
          return;
        }
        mine.push_back(std::chrono::duration<double, std::milli>(t1 - t0).count());
      }
    });
  }
  std::this_thread::sleep_for(std::chrono::duration<double>(seconds));
  stop = true;
  for (auto& t : threads) t.join();
  const double elapsed = std::chrono::duration<double>(Clock::now() - start).count();
  std::vector<double> all;
  for (auto& l : latencies) all.insert(all.end(), l.begin(), l.end());
  std::sort(all.begin(), all.end());
  Result r;
  r.errors = errors;
  r.rps = static_cast<double>(all.size()) / elapsed;
  if (!all.empty()) {
    r.p50 = all[all.size() / 2];
    r.p99 = all[std::min(all.size() - 1, all.size() * 99 / 100)];
  }
  return r;
}

int benchEmulator(int argc, char** argv) {
  const double seconds = argc > 1 ? std::atof(argv[1]) : 5.0;
  constexpr int kConnections = 32;
  constexpr int kItems = 2000;
  emu::ServerOptions options;
  options.seed = "bulk:" + std::to_string(kItems);
  emu::Server server(options);
  const auto port = server.start();
  const std::string list = "/sites/demo/_api/web/lists/getbytitle('Tasks')";

  const auto single = load(port, kConnections, seconds, [&](int c, long i) {
    return list + "/items(" + std::to_string(1 + (c * 7919 + i) % kItems) + ")";
  });
  report("emulator.item_get_rps", single.rps, "req/s");
  report("emulator.item_get_p50", single.p50, "ms");
  report("emulator.item_get_p99", single.p99, "ms");
  report("emulator.item_get_errors", static_cast<double>(single.errors), "count");

  const auto pages = load(port, kConnections, seconds, [&](int c, long i) {
    const long last = ((c * 13 + i) % (kItems / 100)) * 100;
    return list + "/items?%24top=100&%24skiptoken=Paged%3DTRUE%26p_ID%3D" + std::to_string(last);
  });
  report("emulator.page100_rps", pages.rps, "pages/s");
  report("emulator.page100_p50", pages.p50, "ms");
  report("emulator.page100_p99", pages.p99, "ms");
  report("emulator.page100_errors", static_cast<double>(pages.errors), "count");
  server.stop();
  return single.errors + pages.errors == 0 ? 0 : 1;
}

}  // namespace
DESKPANE_BENCH("emulator", "deskpane-spemu: single-item GET and 100-item pages, 32 connections [SECONDS]", benchEmulator);
}  // namespace deskpane::bench
