#include "tests/integration/sync/loopback_server.h"

#include <arpa/inet.h>
#include <cpprest/http_client.h>
#include <cpprest/http_listener.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>
#include <zlib.h>

#include <algorithm>
#include <cctype>
#include <stdexcept>

namespace deskpane::test {

namespace http = web::http;

namespace {

// cpprest's listener cannot report the port it bound, so one is found first
// (the same small race as the emulator's, on loopback).
int freeLoopbackPort() {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) throw std::runtime_error("socket() failed");
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t len = sizeof addr;
  if (::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 ||
      ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len) != 0) {
    ::close(fd);
    throw std::runtime_error("no free port");
  }
  ::close(fd);
  return ntohs(addr.sin_port);
}

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
  return s;
}

}  // namespace

std::string replaceAll(std::string text, const std::string& from, const std::string& to) {
  if (from.empty()) return text;
  for (std::size_t at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size()))
    text.replace(at, from.size(), to);
  return text;
}

std::string gzipOfZeros(std::size_t inflatedBytes) {
  z_stream zs{};
  if (deflateInit2(&zs, Z_BEST_COMPRESSION, Z_DEFLATED, 15 + 16, 9, Z_DEFAULT_STRATEGY) != Z_OK)
    throw std::runtime_error("deflateInit2");
  const std::vector<unsigned char> zeros(1 << 20, 0);
  std::string out;
  std::vector<unsigned char> buf(1 << 16);
  std::size_t left = inflatedBytes;
  int flush = Z_NO_FLUSH;
  do {
    const std::size_t step = std::min(left, zeros.size());
    zs.next_in = const_cast<unsigned char*>(zeros.data());
    zs.avail_in = static_cast<uInt>(step);
    left -= step;
    flush = left == 0 ? Z_FINISH : Z_NO_FLUSH;
    do {
      zs.next_out = buf.data();
      zs.avail_out = static_cast<uInt>(buf.size());
      deflate(&zs, flush);
      out.append(reinterpret_cast<const char*>(buf.data()), buf.size() - zs.avail_out);
    } while (zs.avail_out == 0);
  } while (flush != Z_FINISH);
  deflateEnd(&zs);
  return out;
}

struct LoopbackServer::Impl {
  Handler handler;
  std::unique_ptr<http::experimental::listener::http_listener> listener;
  mutable std::mutex mutex;
  std::vector<LoopbackRequest> seen;
};

LoopbackServer::LoopbackServer(Handler handler) : impl_(std::make_unique<Impl>()) {
  impl_->handler = std::move(handler);
  origin_ = "http://127.0.0.1:" + std::to_string(freeLoopbackPort());
  impl_->listener = std::make_unique<http::experimental::listener::http_listener>(origin_ + "/");
  Impl* impl = impl_.get();
  impl_->listener->support([impl](http::http_request r) {
    LoopbackRequest req;
    req.method = r.method();
    req.pathAndQuery = r.relative_uri().to_string();
    for (const auto& [name, value] : r.headers()) req.headers[lower(name)] = value;
    req.body = r.extract_utf8string(true).get();
    {
      std::lock_guard<std::mutex> lock(impl->mutex);
      impl->seen.push_back(req);
    }
    LoopbackAnswer answer;
    try {
      answer = impl->handler(req);
    } catch (const std::exception& e) {
      answer = LoopbackAnswer{599, {}, e.what()};
    }
    http::http_response out(static_cast<http::status_code>(answer.status));
    std::string contentType = "application/json;odata=nometadata;charset=utf-8";
    for (const auto& [name, value] : answer.headers) {
      if (lower(name) == "content-type") contentType = value;
      else out.headers().add(name, value);
    }
    out.set_body(std::vector<unsigned char>(answer.body.begin(), answer.body.end()));
    out.headers().set_content_type(contentType);
    r.reply(out).wait();
  });
  impl_->listener->open().wait();
}

LoopbackServer::~LoopbackServer() { impl_->listener->close().wait(); }

std::vector<LoopbackRequest> LoopbackServer::requests() const {
  std::lock_guard<std::mutex> lock(impl_->mutex);
  return impl_->seen;
}

Proxy::Proxy(std::string upstreamOrigin)
    : upstream_(std::move(upstreamOrigin)),
      server_(std::make_unique<LoopbackServer>([this](const LoopbackRequest& r) { return forward(r); })) {}

void Proxy::setRewrite(Rewrite rewrite) {
  std::lock_guard<std::mutex> lock(mutex_);
  rewrite_ = std::move(rewrite);
}

LoopbackAnswer Proxy::forward(const LoopbackRequest& request) {
  http::client::http_client client(upstream_);
  http::http_request req(request.method);
  req.set_request_uri(request.pathAndQuery);
  std::string contentType;
  for (const auto& [name, value] : request.headers) {
    if (name == "host" || name == "content-length" || name == "accept-encoding") continue;
    if (name == "content-type") contentType = value;
    else req.headers().add(name, value);
  }
  if (!request.body.empty() || request.method != "GET")
    req.set_body(replaceAll(request.body, server_->origin(), upstream_), contentType.empty() ? "application/json" : contentType);
  auto response = client.request(req).get();
  LoopbackAnswer answer;
  answer.status = response.status_code();
  for (const auto& [name, value] : response.headers()) {
    const auto l = lower(name);
    if (l == "content-length" || l == "content-encoding" || l == "transfer-encoding" || l == "connection") continue;
    answer.headers.emplace_back(name, value);
  }
  answer.body = replaceAll(response.extract_utf8string(true).get(), upstream_, server_->origin());
  Rewrite rewrite;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    rewrite = rewrite_;
  }
  if (rewrite) rewrite(request, answer);
  return answer;
}

}  // namespace deskpane::test
