#include "emulator/server.h"

#include <cpprest/http_listener.h>
#include <cpprest/json.h>

#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <stdexcept>

namespace deskpane::emu {

namespace http = web::http;

namespace {
// cpprestsdk's listener cannot report the port it bound to, so a free one is
// found by binding port 0 first. The tiny race is acceptable on loopback.
std::uint16_t findFreePort(const std::string& host) {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) throw std::runtime_error("socket() failed");
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(host == "127.0.0.1" ? INADDR_LOOPBACK : INADDR_ANY);
  addr.sin_port = 0;
  socklen_t len = sizeof addr;
  if (::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 ||
      ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len) != 0) {
    ::close(fd);
    throw std::runtime_error("cannot find a free port");
  }
  ::close(fd);
  return ntohs(addr.sin_port);
}
}  // namespace

struct Server::Impl {
  ServerOptions options;
  std::unique_ptr<http::experimental::listener::http_listener> listener;

  void handle(const http::http_request& request) const {
    const auto path = web::uri::decode(request.relative_uri().path());
    if (path == options.sitePath + "/_api/web") {
      web::json::value web;
      web["Title"] = web::json::value::string("Demo");
      web["Url"] = web::json::value::string(
          "http://" + options.host + ":" + std::to_string(options.port) + options.sitePath);
      web["ServerRelativeUrl"] = web::json::value::string(options.sitePath);
      request.reply(http::status_codes::OK, web);
      return;
    }
    request.reply(http::status_codes::NotFound);
  }
};

Server::Server(ServerOptions options) : impl_(std::make_unique<Impl>()) { impl_->options = std::move(options); }
Server::~Server() { stop(); }

std::uint16_t Server::start() {
  if (impl_->options.port == 0) impl_->options.port = findFreePort(impl_->options.host);
  const auto url = "http://" + impl_->options.host + ":" + std::to_string(impl_->options.port) + "/";
  impl_->listener = std::make_unique<http::experimental::listener::http_listener>(url);
  impl_->listener->support([this](const http::http_request& r) { impl_->handle(r); });
  impl_->listener->open().wait();
  return impl_->options.port;
}

void Server::stop() {
  if (impl_ && impl_->listener) {
    impl_->listener->close().wait();
    impl_->listener.reset();
  }
}

std::string Server::siteUrl() const {
  return "http://" + impl_->options.host + ":" + std::to_string(impl_->options.port) + impl_->options.sitePath;
}

}  // namespace deskpane::emu
