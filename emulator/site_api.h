#pragma once
// Everything behind the HTTP listener: SharePoint's /_api for one site, the
// OAuth authority, the /_emulator control endpoints, and the cross-cutting
// pieces (auth, digest, faults, latency, stats, gzip). Transport-neutral:
// takes a Request, returns a Response, so $batch parts reuse it.
#include "emulator/http_types.h"

#include <chrono>
#include <memory>
#include <optional>
#include <string>

namespace deskpane::emu {

enum class AuthMode { None, Bearer };

struct SiteConfig {
  std::string sitePath = "/sites/demo";
  std::string dataPath = ":memory:";
  std::string seed = "demo";  // demo | empty | bulk:N
  std::string faults;         // --faults SPEC
  std::chrono::milliseconds latency{0};
  AuthMode auth = AuthMode::None;
  std::chrono::seconds tokenRetention{60LL * 24 * 3600};
  std::chrono::seconds tokenLifetime{3600};
};

// What the transport must do beyond sending the response.
enum class Delivery { Normal, Reset, Truncate };

struct Outcome {
  Response response;
  Delivery delivery = Delivery::Normal;
  // How long the transport waits before it sends the answer (--latency, a
  // "slow" fault). The transport waits without holding a worker thread.
  std::chrono::milliseconds delay{0};
};

class SiteApi {
 public:
  // Opens the store and seeds it when empty. Throws std::exception on a bad
  // config (unknown seed, bad fault spec, unreadable data file).
  explicit SiteApi(SiteConfig config);
  ~SiteApi();
  SiteApi(const SiteApi&) = delete;
  SiteApi& operator=(const SiteApi&) = delete;

  // The whole pipeline for one HTTP request.
  Outcome serve(const Request& request);

  struct Impl;

 private:
  std::unique_ptr<Impl> impl_;
};

}  // namespace deskpane::emu
