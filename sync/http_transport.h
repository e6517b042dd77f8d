#pragma once
// One HTTP exchange over cpprestsdk, without policy: the SharePoint client
// layers retries, auth and digests on top. Keeps cpprest out of the header.
// Accepts gzip (`Accept-Encoding`) and inflates it itself (zlib), because
// cpprest's own decompression has no bound; the whole body is read before
// returning so a connection dropped mid-body is reported as a failure
// (status 0), never as a short success. Every answer is bounded, on the wire
// and inflated (TransportOptions::maxBodyBytes): a hostile or broken server
// cannot make the client hold more than that for one request. TLS
// certificates are always verified; `caFile` adds a CA to trust.
#include "sync/url_origin.h"

#include <chrono>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace deskpane::sync {

struct HttpRequest {
  std::string method = "GET";
  std::string url;  // absolute
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
  // Leave a gzip/deflate answer as it came (its `content-encoding` header
  // kept) for a caller that inflates it while reading, bounded by the same
  // limit: a page waiting to be stored then takes an eighth of the memory.
  bool keepEncoded = false;
};

struct HttpResponse {
  int status = 0;                              // 0 = no (complete) response
  std::map<std::string, std::string> headers;  // names lower-cased
  std::string body;
  std::string error;  // transport error text when status == 0
  // The answer was refused by the client itself (too large, bad encoding):
  // retrying would fetch the same thing again.
  bool refused = false;
  std::string header(const std::string& lowerName) const {
    const auto it = headers.find(lowerName);
    return it == headers.end() ? std::string{} : it->second;
  }
};

// 128 MiB: a 5,000-item page of a wide list is ~10-25 MB of JSON, so five
// times the fattest realistic page still fits; a machine running a desktop
// has gigabytes. See docs/decisions.md "answer size bounds".
inline constexpr std::size_t kDefaultMaxBodyBytes = std::size_t{128} << 20;

struct TransportOptions {
  std::chrono::seconds timeout{30};
  std::size_t maxBodyBytes = kDefaultMaxBodyBytes;  // per answer, on the wire and inflated
  std::string caFile;  // PEM file of an extra CA to trust ("" = the system's CAs only)
};

class HttpTransport {
 public:
  explicit HttpTransport(std::chrono::seconds timeout);
  explicit HttpTransport(TransportOptions options);
  ~HttpTransport();
  HttpTransport(const HttpTransport&) = delete;
  HttpTransport& operator=(const HttpTransport&) = delete;

  HttpResponse send(const HttpRequest& request);
  // Closes the kept-alive connections. cpprestsdk's connection pool re-arms a
  // 30 s timer while it holds one, which would wake an idle app; syncs are
  // event-driven and minutes apart, so the engine closes them when its queue
  // runs dry. Not while a request of this transport is in flight.
  void closeConnections();
  // Aborts the requests in flight (from any thread): they return at once
  // with status 0. Quit must not wait out a slow server's timeout.
  void cancelInFlight();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// Inflates a gzip or zlib stream, failing past `maxBytes` of output (a
// bomb stops at the bound instead of filling memory). nullopt = corrupt or
// too large; `tooLarge` tells which.
std::optional<std::string> inflateBounded(const std::string& compressed, std::size_t maxBytes, bool& tooLarge);
// Percent-encodes a query value (RFC 3986 unreserved kept).
std::string urlEncode(const std::string& value);

}  // namespace deskpane::sync
