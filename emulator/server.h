#pragma once
// The emulator's HTTP front: owns the cpprestsdk listener. Kept free of
// cpprest types so tests and main() include it cheaply.
#include <cstdint>
#include <memory>
#include <string>

namespace deskpane::emu {

struct ServerOptions {
  std::string host = "127.0.0.1";
  std::uint16_t port = 0;  // 0 = pick a free port
  std::string sitePath = "/sites/demo";
};

class Server {
 public:
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
