// TLS is verified, always: a self-signed loopback server is refused, and the
// documented CA option ([site] ca_file → TransportOptions::caFile) trusts it.
// The server is `openssl s_server`, a child process stopped by its PID.
#include "sync/http_transport.h"
#include "tests/support/child_process.h"
#include "tests/support/temp_dir.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <chrono>
#include <cstdlib>
#include <thread>

namespace deskpane::test {
namespace {

int freePort() {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t len = sizeof addr;
  ::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
  ::close(fd);
  return ntohs(addr.sin_port);
}

bool accepting(int port) {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = htons(static_cast<std::uint16_t>(port));
  const bool ok = ::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0;
  ::close(fd);
  return ok;
}

// A certificate for 127.0.0.1 signed by nobody anyone trusts.
class SelfSignedServer {
 public:
  SelfSignedServer() {
    cert_ = dir_.file("cert.pem");
    const auto key = dir_.file("key.pem");
    const std::string make = "openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj /CN=127.0.0.1 "
                             "-addext subjectAltName=IP:127.0.0.1 -keyout '" + key + "' -out '" + cert_ +
                             "' >/dev/null 2>&1";
    made_ = std::system(make.c_str()) == 0;
    if (!made_) return;
    port_ = freePort();
    server_ = std::make_unique<ChildProcess>(
        "/usr/bin/openssl", std::vector<std::string>{"s_server", "-accept", "127.0.0.1:" + std::to_string(port_),
                                                     "-cert", cert_, "-key", key, "-www", "-quiet"});
    for (int i = 0; i < 100 && !accepting(port_); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  bool made() const { return made_; }
  const std::string& caFile() const { return cert_; }
  std::string url() const { return "https://127.0.0.1:" + std::to_string(port_) + "/"; }

 private:
  TempDir dir_;
  std::string cert_;
  bool made_ = false;
  int port_ = 0;
  std::unique_ptr<ChildProcess> server_;  // stopped by PID in its destructor
};

TEST(Tls, ASelfSignedServerIsRefused) {
  SelfSignedServer server;
  ASSERT_TRUE(server.made()) << "openssl could not make a certificate";
  sync::HttpTransport transport(std::chrono::seconds(5));
  const auto r = transport.send(sync::HttpRequest{"GET", server.url(), {}, {}});
  EXPECT_EQ(r.status, 0);
  EXPECT_FALSE(r.error.empty());
}

TEST(Tls, TheConfiguredCaIsTrusted) {
  SelfSignedServer server;
  ASSERT_TRUE(server.made()) << "openssl could not make a certificate";
  sync::TransportOptions options;
  options.timeout = std::chrono::seconds(5);
  options.caFile = server.caFile();
  sync::HttpTransport transport(options);
  const auto r = transport.send(sync::HttpRequest{"GET", server.url(), {}, {}});
  EXPECT_EQ(r.status, 200) << r.error;
}

}  // namespace
}  // namespace deskpane::test
