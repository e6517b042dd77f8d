#include "tray/single_instance.h"

#include <glib-unix.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include <cerrno>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>

namespace deskpane::tray {

namespace {

struct Fd {
  int fd;
  explicit Fd(int f) : fd(f) {}
  ~Fd() {
    if (fd >= 0) close(fd);
  }
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  int release() {
    const int f = fd;
    fd = -1;
    return f;
  }
};

bool makeAddress(const std::string& path, sockaddr_un& addr) {
  std::memset(&addr, 0, sizeof addr);
  addr.sun_family = AF_UNIX;
  if (path.size() >= sizeof addr.sun_path) return false;
  std::memcpy(addr.sun_path, path.c_str(), path.size() + 1);
  return true;
}

gboolean onClient(gint, GIOCondition, gpointer self) {
  static_cast<InstanceServer*>(self)->acceptOne();
  return G_SOURCE_CONTINUE;
}

}  // namespace

std::string canonicalConfigPath(const std::string& configPath) {
  std::error_code ec;
  const auto absolute = std::filesystem::absolute(configPath, ec);
  if (ec) return configPath;
  const auto canonical = std::filesystem::weakly_canonical(absolute, ec);
  return ec ? absolute.lexically_normal().string() : canonical.string();
}

std::string instanceSocketPath(const std::string& configPath) {
  // FNV-1a, 64 bits: stable across builds and versions (std::hash is not),
  // so an upgraded deskpane still finds the instance an older one started.
  std::uint64_t h = 14695981039346656037ull;
  for (unsigned char c : canonicalConfigPath(configPath)) {
    h ^= c;
    h *= 1099511628211ull;
  }
  char name[40];
  std::snprintf(name, sizeof name, "%016llx.sock", static_cast<unsigned long long>(h));
  if (const char* run = std::getenv("XDG_RUNTIME_DIR"); run && *run) return std::string(run) + "/deskpane-" + name;
  return "/tmp/deskpane-" + std::to_string(getuid()) + "-" + name;
}

bool sendToRunningInstance(const std::string& socketPath, const std::string& request) {
  return askRunningInstance(socketPath, request).has_value();
}

std::optional<std::string> askRunningInstance(const std::string& socketPath, const std::string& request) {
  sockaddr_un addr{};
  if (!makeAddress(socketPath, addr)) return std::nullopt;
  Fd s(socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0));
  if (s.fd < 0) return std::nullopt;
  if (connect(s.fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) return std::nullopt;
  const std::string line = request + "\n";
  for (std::size_t sent = 0; sent < line.size();) {
    const ssize_t n = send(s.fd, line.data() + sent, line.size() - sent, MSG_NOSIGNAL);
    if (n <= 0) return std::nullopt;
    sent += static_cast<std::size_t>(n);
  }
  shutdown(s.fd, SHUT_WR);
  // Wait for the acknowledgement, so "exit 0" means it was handled. An edit
  // is one SQLite transaction on the instance's UI thread, which may wait
  // out the cache's busy timeout (5 s) behind its sync worker.
  timeval tv{10, 0};
  setsockopt(s.fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  char ack = 0;
  if (recv(s.fd, &ack, 1, 0) != 1 || ack != '+') return std::nullopt;
  std::string answer;
  char buf[256];
  for (ssize_t n; answer.size() < 65536 && (n = recv(s.fd, buf, sizeof buf, 0)) > 0;) answer.append(buf, n);
  while (!answer.empty() && (answer.back() == '\n' || answer.back() == '\r')) answer.pop_back();
  return answer;
}

std::unique_ptr<InstanceServer> InstanceServer::listen(const std::string& socketPath, std::string& error) {
  sockaddr_un addr{};
  if (!makeAddress(socketPath, addr)) {
    error = "socket path too long: " + socketPath;
    return nullptr;
  }
  Fd s(socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0));
  if (s.fd < 0) {
    error = std::string("socket: ") + std::strerror(errno);
    return nullptr;
  }
  const mode_t old = umask(077);  // only this user may connect
  int rc = bind(s.fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
  if (rc != 0 && errno == EADDRINUSE) {
    // Someone listens (another instance) or a crash left the file behind.
    Fd probe(socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0));
    if (connect(probe.fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0) {
      umask(old);
      error = "another deskpane is running";
      return nullptr;
    }
    unlink(socketPath.c_str());
    rc = bind(s.fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
  }
  umask(old);
  if (rc != 0 || ::listen(s.fd, 4) != 0) {
    error = "bind " + socketPath + ": " + std::strerror(errno);
    return nullptr;
  }
  return std::unique_ptr<InstanceServer>(new InstanceServer(s.release(), socketPath));
}

InstanceServer::~InstanceServer() {
  if (source_) g_source_remove(source_);
  close(fd_);
  unlink(path_.c_str());
}

void InstanceServer::watch(std::function<std::string(const std::string&)> onRequest) {
  onRequest_ = std::move(onRequest);
  if (!source_) source_ = g_unix_fd_add(fd_, G_IO_IN, &onClient, this);
}

void InstanceServer::acceptOne() {
  Fd c(accept4(fd_, nullptr, nullptr, SOCK_CLOEXEC));
  if (c.fd < 0) return;
  // The client writes one short line and half-closes; a bounded wait keeps a
  // misbehaving client from freezing the UI.
  timeval tv{0, 500000};
  setsockopt(c.fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  std::string request;
  char buf[4096];
  for (ssize_t n; request.size() < kMaxInstanceRequest && (n = recv(c.fd, buf, sizeof buf, 0)) > 0;)
    request.append(buf, n);
  while (!request.empty() && (request.back() == '\n' || request.back() == '\r')) request.pop_back();
  const std::string answer = "+" + (onRequest_ ? onRequest_(request) : std::string());
  send(c.fd, answer.data(), answer.size(), MSG_NOSIGNAL);
}

}  // namespace deskpane::tray
