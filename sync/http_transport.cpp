#include "sync/http_transport.h"

#include <cpprest/containerstream.h>
#include <cpprest/http_client.h>
#include <zlib.h>

#include <algorithm>
#include <cctype>
#include <mutex>
#include <stdexcept>

namespace deskpane::sync {

namespace http = web::http;

std::optional<std::string> inflateBounded(const std::string& compressed, std::size_t maxBytes, bool& tooLarge) {
  tooLarge = false;
  z_stream zs{};
  // 15 + 32: zlib or gzip header, detected.
  if (inflateInit2(&zs, 15 + 32) != Z_OK) return std::nullopt;
  struct End {
    z_stream* z;
    ~End() { inflateEnd(z); }
  } end{&zs};
  std::string out;
  char buf[64 * 1024];
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(compressed.data()));
  std::size_t left = compressed.size();
  int rc = Z_OK;
  while (rc != Z_STREAM_END) {
    if (zs.avail_in == 0) {
      if (left == 0) return std::nullopt;  // ends before the stream does: truncated
      const auto step = static_cast<uInt>(std::min<std::size_t>(left, 1u << 30));
      zs.avail_in = step;
      left -= step;
    }
    zs.next_out = reinterpret_cast<Bytef*>(buf);
    zs.avail_out = sizeof buf;
    rc = inflate(&zs, Z_NO_FLUSH);
    if (rc != Z_OK && rc != Z_STREAM_END) return std::nullopt;
    const std::size_t produced = sizeof buf - zs.avail_out;
    if (out.size() + produced > maxBytes) {
      tooLarge = true;
      return std::nullopt;
    }
    out.append(buf, produced);
  }
  return out;
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

namespace {

std::string mib(std::size_t bytes) { return std::to_string(bytes >> 20) + " MiB"; }

// Reads the body in slices so a bound can stop it: cpprest would otherwise
// buffer whatever the server sends. Throws on a broken connection.
std::string readBounded(http::http_response& response, std::size_t maxBytes, bool& tooLarge) {
  tooLarge = false;
  concurrency::streams::container_buffer<std::string> sink;
  // An announced length (already checked against the bound) is reserved at
  // once: grown by doubling, the buffer of a page held up to twice its size.
  if (response.headers().has(http::header_names::content_length))
    sink.collection().reserve(static_cast<std::size_t>(response.headers().content_length()) + 1);
  auto body = response.body();
  std::size_t total = 0;
  for (;;) {
    const std::size_t n = body.read(sink, 256 * 1024).get();
    if (n == 0) break;
    total += n;
    if (total > maxBytes) {
      tooLarge = true;
      return {};
    }
  }
  // Reaching the end of the stream is not proof of a whole body: a dropped
  // connection ends it too, and content_ready() reports that as an exception.
  response.content_ready().get();
  // The buffer grows by whole slices as it is written; what was read is the front.
  std::string out = std::move(sink.collection());
  out.resize(total);
  // The buffer grew a slice at a time; an answer kept for a while (a page
  // queued to be stored) should hold its size, not up to three times it.
  if (out.capacity() > total + total / 8) out.shrink_to_fit();
  return out;
}

}  // namespace

struct HttpTransport::Impl {
  std::chrono::seconds timeout;
  std::size_t maxBodyBytes = kDefaultMaxBodyBytes;
  std::string caFile;
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
      // Certificates are verified (cpprest's default, stated here so it
      // stays so); a configured CA is trusted beside the system's.
      config.set_validate_certificates(true);
      if (!caFile.empty()) {
        const std::string ca = caFile;
        config.set_ssl_context_callback([ca](boost::asio::ssl::context& ctx) { ctx.load_verify_file(ca); });
      }
      slot = std::make_unique<http::client::http_client>(origin, config);
    }
    return *slot;
  }
};

HttpTransport::HttpTransport(std::chrono::seconds timeout) : HttpTransport([timeout] {
  TransportOptions o;
  o.timeout = timeout;
  return o;
}()) {}

HttpTransport::HttpTransport(TransportOptions options) : impl_(std::make_unique<Impl>()) {
  impl_->timeout = options.timeout;
  impl_->maxBodyBytes = options.maxBodyBytes;
  impl_->caFile = std::move(options.caFile);
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
    // Compression is asked for here and undone below, bounded; cpprest's
    // transfer-encoding decompressors are switched off for the same reason.
    req.headers().add("Accept-Encoding", "gzip");
    req.set_decompress_factories({});
    if (!request.body.empty() || request.method != "GET") {
      std::string contentType = "application/json;charset=utf-8";
      for (const auto& [name, value] : request.headers) {
        std::string lower = name;
        std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return std::tolower(c); });
        if (lower == "content-type") contentType = value;
      }
      req.set_body(request.body, contentType);
    }
    auto token = impl_->token();
    // Its own source, so an answer past the bound can be dropped (the
    // connection closed) without cancelling other requests.
    auto mine = pplx::cancellation_token_source::create_linked_source(token);
    auto response = client.request(req, mine.get_token()).get();
    const std::size_t max = impl_->maxBodyBytes;
    const auto refuse = [&](const std::string& why) {
      mine.cancel();
      out = HttpResponse{};
      out.error = why;
      out.refused = true;
      return out;
    };
    if (response.headers().has(http::header_names::content_length) && response.headers().content_length() > max)
      return refuse("the answer is too large (" + std::to_string(response.headers().content_length()) +
                    " bytes announced; the limit is " + mib(max) + ")");
    bool tooLarge = false;
    std::string raw = readBounded(response, max, tooLarge);
    if (tooLarge) return refuse("the answer is too large (more than " + mib(max) + ")");
    if (token.is_canceled()) throw std::runtime_error("cancelled");
    for (const auto& [name, value] : response.headers()) {
      std::string lower = name;
      std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return std::tolower(c); });
      out.headers[lower] = value;
    }
    std::string encoding = out.header("content-encoding");
    std::transform(encoding.begin(), encoding.end(), encoding.begin(), [](unsigned char c) { return std::tolower(c); });
    const bool compressed = encoding == "gzip" || encoding == "x-gzip" || encoding == "deflate";
    if (compressed && request.keepEncoded) {
      out.body = std::move(raw);
    } else if (compressed) {
      auto inflated = inflateBounded(raw, max, tooLarge);
      if (!inflated) {
        return refuse(tooLarge ? "the compressed answer inflates past the limit of " + mib(max)
                               : "the compressed answer is corrupt (" + encoding + ")");
      }
      out.body = std::move(*inflated);
      out.headers.erase("content-encoding");
    } else if (!encoding.empty() && encoding != "identity") {
      return refuse("the answer uses an unsupported content encoding: " + encoding);
    } else {
      out.body = std::move(raw);
    }
    out.status = response.status_code();
  } catch (const std::exception& e) {
    out = HttpResponse{};
    out.error = e.what();
  }
  return out;
}

}  // namespace deskpane::sync
