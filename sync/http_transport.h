#pragma once
// One HTTP exchange over cpprestsdk, without policy: the SharePoint client
// layers retries, auth and digests on top. Keeps cpprest out of the header.
// Accepts gzip (`Accept-Encoding`) and decompresses transparently; the whole
// body is read before returning so a connection dropped mid-body is reported
// as a failure (status 0), never as a short success.
#include <chrono>
#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace deskpane::sync {

struct HttpRequest {
  std::string method = "GET";
  std::string url;  // absolute
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
};

struct HttpResponse {
  int status = 0;                              // 0 = no (complete) response
  std::map<std::string, std::string> headers;  // names lower-cased
  std::string body;
  std::string error;  // transport error text when status == 0
  std::string header(const std::string& lowerName) const {
    const auto it = headers.find(lowerName);
    return it == headers.end() ? std::string{} : it->second;
  }
};

class HttpTransport {
 public:
  explicit HttpTransport(std::chrono::seconds timeout);
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

// "https://host:port" of an absolute URL ("" when not absolute).
std::string urlOrigin(const std::string& url);
// Percent-encodes a query value (RFC 3986 unreserved kept).
std::string urlEncode(const std::string& value);

}  // namespace deskpane::sync
