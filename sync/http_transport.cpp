#include "sync/http_transport.h"

#include <cpprest/http_client.h>

#include <algorithm>
#include <cctype>
#include <mutex>
#include <stdexcept>

namespace deskpane::sync {

namespace http = web::http;

std::string urlOrigin(const std::string& url) {
  const auto scheme = url.find("://");
  if (scheme == std::string::npos) return {};
  const auto path = url.find('/', scheme + 3);
  return url.substr(0, path);
}

std::string urlEncode(const std::string& value) {
  static const char* const kHex = "0123456789ABCDEF";
  std::string out;
  out.reserve(value.size() * 3);
  for (unsigned char c : value) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

struct HttpTransport::Impl {
  std::chrono::seconds timeout;
  std::mutex mutex;
  // One client (one connection pool) per origin: next links are absolute and
  // may in principle name another host.
  std::map<std::string, std::unique_ptr<http::client::http_client>> clients;
  // Every request carries this source's token; cancelInFlight() cancels it
  // and starts a fresh one for the requests after.
  pplx::cancellation_token_source inFlight;

  pplx::cancellation_token token() {
    std::lock_guard<std::mutex> lock(mutex);
    return inFlight.get_token();
  }

  http::client::http_client& clientFor(const std::string& origin) {
    std::lock_guard<std::mutex> lock(mutex);
    auto& slot = clients[origin];
    if (!slot) {
      http::client::http_client_config config;
      config.set_timeout(timeout);
      if (http::compression::builtin::supported()) config.set_request_compressed_response(true);
      slot = std::make_unique<http::client::http_client>(origin, config);
    }
    return *slot;
  }
};

HttpTransport::HttpTransport(std::chrono::seconds timeout) : impl_(std::make_unique<Impl>()) {
  impl_->timeout = timeout;
}

HttpTransport::~HttpTransport() = default;

void HttpTransport::cancelInFlight() {
  std::lock_guard<std::mutex> lock(impl_->mutex);
  impl_->inFlight.cancel();
  impl_->inFlight = pplx::cancellation_token_source();
}

void HttpTransport::closeConnections() {
  std::lock_guard<std::mutex> lock(impl_->mutex);
  impl_->clients.clear();
}

HttpResponse HttpTransport::send(const HttpRequest& request) {
  HttpResponse out;
  const std::string origin = urlOrigin(request.url);
  if (origin.empty()) {
    out.error = "not an absolute URL: " + request.url;
    return out;
  }
  try {
    auto& client = impl_->clientFor(origin);
    http::http_request req(request.method);
    req.set_request_uri(request.url.substr(origin.size()));
    for (const auto& [name, value] : request.headers) req.headers().add(name, value);
    if (!request.body.empty() || request.method != "GET") {
      std::string contentType = "application/json;charset=utf-8";
      for (const auto& [name, value] : request.headers) {
        std::string lower = name;
        std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return std::tolower(c); });
        if (lower == "content-type") contentType = value;
      }
      req.set_body(request.body, contentType);
    }
    const auto token = impl_->token();
    auto response = client.request(req, token).get();
    // extract_utf8string(true): the body as sent, whatever the content type says.
    out.body = response.extract_utf8string(true).get();
    if (token.is_canceled()) throw std::runtime_error("cancelled");
    for (const auto& [name, value] : response.headers()) {
      std::string lower = name;
      std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return std::tolower(c); });
      out.headers[lower] = value;
    }
    out.status = response.status_code();
  } catch (const std::exception& e) {
    out = HttpResponse{};
    out.error = e.what();
  }
  return out;
}

}  // namespace deskpane::sync
