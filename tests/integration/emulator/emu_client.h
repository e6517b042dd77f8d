#pragma once
// A small synchronous HTTP client for the emulator integration tests:
// raw status, headers and body, nothing hidden (no redirects, no
// decompression), so every assertion sees what a real client would.
#include <cpprest/http_client.h>
#include <cpprest/json.h>

#include <map>
#include <string>

namespace deskpane::test {

struct HttpResult {
  int status = 0;
  std::map<std::string, std::string> headers;  // lower-case names
  std::string body;

  web::json::value json() const { return web::json::value::parse(body); }
  std::string header(const std::string& lower) const {
    const auto it = headers.find(lower);
    return it == headers.end() ? std::string() : it->second;
  }
};

inline std::string lower(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

class EmuClient {
 public:
  explicit EmuClient(const std::string& origin) : client_(origin) {}

  HttpResult send(const std::string& method, const std::string& pathAndQuery, const std::string& body = "",
                  std::map<std::string, std::string> headers = {}) {
    web::http::http_request req(method);
    req.set_request_uri(pathAndQuery);
    if (!headers.count("Accept")) headers["Accept"] = "application/json";
    for (const auto& [k, v] : headers) req.headers().add(k, v);
    if (!body.empty() || method != "GET") {
      req.set_body(std::vector<unsigned char>(body.begin(), body.end()));
      req.headers().set_content_type(headers.count("Content-Type") ? headers["Content-Type"]
                                                                   : "application/json;charset=utf-8");
    }
    auto res = client_.request(req).get();
    HttpResult out;
    out.status = res.status_code();
    for (const auto& [k, v] : res.headers()) out.headers[lower(k)] = v;
    const auto bytes = res.extract_vector().get();
    out.body.assign(bytes.begin(), bytes.end());
    return out;
  }

  HttpResult get(const std::string& path, const std::string& accept = "application/json") {
    return send("GET", path, "", {{"Accept", accept}});
  }

  std::string digest() {
    auto r = send("POST", "/sites/demo/_api/contextinfo");
    return r.json().at("FormDigestValue").as_string();
  }

  // A write with a fresh form digest.
  HttpResult write(const std::string& method, const std::string& path, const std::string& body,
                   std::map<std::string, std::string> headers = {}) {
    if (digest_.empty()) digest_ = digest();
    headers["X-RequestDigest"] = digest_;
    return send(method, path, body, headers);
  }

 private:
  web::http::client::http_client client_;
  std::string digest_;
};

}  // namespace deskpane::test
