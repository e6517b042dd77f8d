#pragma once
// A small HTTP server inside the test process, on a free loopback port, for
// answers no SharePoint (or emulator) gives: endless or foreign next links,
// gzip bombs, malformed shapes. `Proxy` puts one in front of the emulator and
// lets a test rewrite chosen answers on their way through.
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace deskpane::test {

struct LoopbackRequest {
  std::string method;
  std::string pathAndQuery;  // as sent, percent-encoded
  std::map<std::string, std::string> headers;  // names lower-cased
  std::string body;
};

struct LoopbackAnswer {
  int status = 200;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
};

class LoopbackServer {
 public:
  using Handler = std::function<LoopbackAnswer(const LoopbackRequest&)>;
  explicit LoopbackServer(Handler handler);
  ~LoopbackServer();
  LoopbackServer(const LoopbackServer&) = delete;
  LoopbackServer& operator=(const LoopbackServer&) = delete;

  // "http://127.0.0.1:N"
  const std::string& origin() const { return origin_; }
  // Every request received so far, in order.
  std::vector<LoopbackRequest> requests() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
  std::string origin_;
};

// Forwards everything to `upstreamOrigin` (the emulator), rewriting the
// upstream origin to its own in answers and back in requests (absolute next
// links, $batch parts). `rewrite` may change an answer before it is sent.
class Proxy {
 public:
  using Rewrite = std::function<void(const LoopbackRequest&, LoopbackAnswer&)>;
  explicit Proxy(std::string upstreamOrigin);
  const std::string& origin() const { return server_->origin(); }
  void setRewrite(Rewrite rewrite);
  std::vector<LoopbackRequest> requests() const { return server_->requests(); }

 private:
  LoopbackAnswer forward(const LoopbackRequest& request);
  std::string upstream_;
  mutable std::mutex mutex_;
  Rewrite rewrite_;
  std::unique_ptr<LoopbackServer> server_;
};

// A gzip stream of `inflatedBytes` zero bytes (a "bomb": ~1/1000 the size).
std::string gzipOfZeros(std::size_t inflatedBytes);
// Every occurrence of `from` in `text` replaced by `to`.
std::string replaceAll(std::string text, const std::string& from, const std::string& to);

}  // namespace deskpane::test
