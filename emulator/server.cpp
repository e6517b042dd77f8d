#include "emulator/server.h"

#include "emulator/delayed_replies.h"
#include "emulator/http_types.h"
#include "emulator/site_api.h"
#include "emulator/url_codec.h"

#include <cpprest/containerstream.h>
#include <cpprest/http_listener.h>

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

SiteConfig siteConfig(const ServerOptions& o) {
  SiteConfig c;
  c.sitePath = o.sitePath;
  c.dataPath = o.dataPath;
  c.seed = o.seed;
  c.faults = o.faults;
  c.latency = o.latency;
  c.auth = o.bearerAuth ? AuthMode::Bearer : AuthMode::None;
  c.tokenRetention = o.tokenRetention;
  c.tokenLifetime = o.tokenLifetime;
  return c;
}

std::string upper(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return s;
}

}  // namespace

struct Server::Impl {
  ServerOptions options;
  SiteApi api;
  std::unique_ptr<http::experimental::listener::http_listener> listener;
  // Declared last, destroyed first: no delayed reply runs on a closed listener.
  std::unique_ptr<DelayedReplies> delayed = std::make_unique<DelayedReplies>();

  explicit Impl(ServerOptions o) : options(std::move(o)), api(siteConfig(options)) {}

  Request toRequest(const http::http_request& r, std::vector<unsigned char>&& body) const {
    Request req;
    req.origin = "http://" + options.host + ":" + std::to_string(options.port);
    req.method = upper(r.method());
    for (const auto& [name, value] : r.headers()) req.headers[toLower(name)] = value;
    if (req.method == "POST" && req.hasHeader("x-http-method")) req.method = upper(req.header("x-http-method"));
    const auto uri = r.relative_uri();
    req.path = urlDecode(uri.path(), false);
    req.rawQuery = uri.query();
    req.query = parseQuery(req.rawQuery);
    req.body.assign(body.begin(), body.end());
    return req;
  }

  static void reply(const http::http_request& r, Outcome&& outcome) {
    auto& res = outcome.response;
    http::http_response response(static_cast<http::status_code>(res.status));
    std::string contentType = "application/octet-stream";
    for (const auto& [name, value] : res.headers) {
      if (iequals(name, "Content-Type")) contentType = value;
    }
    if (outcome.delivery != Delivery::Normal && !res.body.empty()) {
      // Promise the whole body, send part of it (or none): the listener then
      // drops the connection mid-response, which is what the client sees as
      // a truncated body or a reset.
      const auto full = res.body.size();
      const std::size_t keep = outcome.delivery == Delivery::Truncate ? full / 2 : 0;
      // A byte vector, like every other body: cpprest's char-string buffers
      // trip UBSan's vptr check across the library boundary.
      std::vector<unsigned char> part(res.body.begin(), res.body.begin() + static_cast<long>(keep));
      auto stream = concurrency::streams::bytestream::open_istream(std::move(part));
      response.set_body(stream, full, contentType);
    } else if (!res.body.empty()) {
      response.set_body(std::vector<unsigned char>(res.body.begin(), res.body.end()));
    }
    for (const auto& [name, value] : res.headers) response.headers()[name] = value;
    r.reply(response).then([](pplx::task<void> t) {
      try {
        t.get();
      } catch (...) {
        // The client went away or the fault broke the connection on purpose.
      }
    });
  }

  void handle(http::http_request r) {
    r.extract_vector().then([this, r](pplx::task<std::vector<unsigned char>> bodyTask) {
      std::vector<unsigned char> body;
      try {
        body = bodyTask.get();
      } catch (...) {
        return;  // connection gone before the body arrived
      }
      Outcome outcome;
      try {
        outcome = api.serve(toRequest(r, std::move(body)));
      } catch (const std::exception& e) {
        outcome.response.status = 500;
        outcome.response.body = e.what();
        outcome.response.setHeader("Content-Type", "text/plain; charset=utf-8");
      }
      if (outcome.delay.count() > 0) {
        const auto delay = outcome.delay;
        delayed->after(delay, [r, o = std::make_shared<Outcome>(std::move(outcome))]() mutable {
          reply(r, std::move(*o));
        });
        return;
      }
      reply(r, std::move(outcome));
    });
  }
};

Server::Server(ServerOptions options) : impl_(std::make_unique<Impl>(std::move(options))) {}
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
