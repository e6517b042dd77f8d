#pragma once
// Drives SiteApi in-process the way a client would over HTTP: requests by
// path and query, writes authorised with a bearer token (any token passes
// with --auth none), next links followed as returned. No sockets, so the
// unit tests can exercise whole request paths cheaply.
#include "emulator/site_api.h"
#include "emulator/url_codec.h"

#include <cpprest/json.h>

#include <map>
#include <string>

namespace deskpane::emu::test {

inline constexpr const char* kOrigin = "http://127.0.0.1:1";

struct Reply {
  int status = 0;
  std::string body;
  std::map<std::string, std::string> headers;

  web::json::value json() const { return web::json::value::parse(body); }
  std::string header(const std::string& name) const {
    const auto it = headers.find(name);
    return it == headers.end() ? std::string() : it->second;
  }
};

class SiteDriver {
 public:
  explicit SiteDriver(const std::string& seed = "demo") : api_(configFor(seed)) {}

  // `target` is "/path?query" (query still encoded) or an absolute next link.
  Reply send(const std::string& method, std::string target, const std::string& body = "",
             std::map<std::string, std::string> headers = {}) {
    if (target.rfind(kOrigin, 0) == 0) target.erase(0, std::string(kOrigin).size());
    const auto q = target.find('?');
    Request r;
    r.method = method;
    r.path = urlDecode(target.substr(0, q), false);
    r.rawQuery = q == std::string::npos ? "" : target.substr(q + 1);
    r.query = parseQuery(r.rawQuery);
    r.body = body;
    r.origin = kOrigin;
    r.headers["accept"] = "application/json";
    r.headers["authorization"] = "Bearer unit-test";
    if (!body.empty()) r.headers["content-type"] = "application/json;charset=utf-8";
    for (auto& [k, v] : headers) r.headers[toLower(k)] = v;
    const auto out = api_.serve(r);
    Reply reply{out.response.status, out.response.body, {}};
    for (const char* name : {"ETag", "Location"}) {
      if (const auto* v = out.response.header(name)) reply.headers[name] = *v;
    }
    return reply;
  }

  Reply get(const std::string& target) { return send("GET", target); }
  Reply post(const std::string& target, const std::string& body) { return send("POST", target, body); }

 private:
  static SiteConfig configFor(const std::string& seed) {
    SiteConfig c;
    c.seed = seed;
    return c;
  }

  SiteApi api_;
};

}  // namespace deskpane::emu::test
