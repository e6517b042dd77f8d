#pragma once
// The emulator's HTTP front: owns the cpprestsdk listener and the SiteApi
// behind it. Kept free of cpprest types so tests and main() include it cheaply.
#include <chrono>
#include <cstdint>
#include <memory>
#include <string>

namespace deskpane::emu {

struct ServerOptions {
  std::string host = "127.0.0.1";
  std::uint16_t port = 0;  // 0 = pick a free port
  std::string sitePath = "/sites/demo";
  std::string dataPath = ":memory:";  // --data FILE|:memory:
  std::string seed = "demo";          // --seed demo|empty|bulk:N
  std::string faults;                 // --faults SPEC
  std::chrono::milliseconds latency{0};
  bool bearerAuth = false;            // --auth bearer
  std::chrono::seconds tokenRetention{60LL * 24 * 3600};
  std::chrono::seconds tokenLifetime{3600};
};

class Server {
 public:
  // Opens the data file and seeds it; throws std::exception on a bad option.
  explicit Server(ServerOptions options);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Binds and starts serving; returns the bound port.
  std::uint16_t start();
  void stop();
  std::string siteUrl() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace deskpane::emu
