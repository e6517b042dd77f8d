#include "tests/integration/sync/sync_harness.h"

#include <cpprest/http_client.h>
#include <cpprest/json.h>
#include <gtest/gtest.h>

namespace deskpane::test {

namespace http = web::http;

namespace {
http::http_response send(const std::string& origin, const std::string& method, const std::string& path,
                         const std::string& body = {}) {
  http::client::http_client client(origin);
  http::http_request req(method);
  req.set_request_uri(path);
  req.headers().add("Accept", "application/json;odata=nometadata");
  if (!body.empty()) req.set_body(body, "application/json");
  return client.request(req).get();
}
}  // namespace

Stats EmulatorControl::stats() const {
  auto r = send(origin_, "GET", "/_emulator/stats");
  const auto v = r.extract_json(true).get();
  Stats s;
  s.requests = v.at("requests").as_number().to_int64();
  if (v.has_field("by_route")) {
    for (const auto& [k, n] : v.at("by_route").as_object()) s.byRoute[k] = n.as_number().to_int64();
  }
  return s;
}

void EmulatorControl::resetStats() const { send(origin_, "POST", "/_emulator/stats/reset"); }

void EmulatorControl::editAsOther(const std::string& title, std::int64_t id, const std::string& jsonFields) const {
  auto r = send(origin_, "POST", "/_emulator/lists/" + title + "/items/" + std::to_string(id), jsonFields);
  ASSERT_LT(r.status_code(), 300) << r.extract_string().get();
}

std::int64_t EmulatorControl::createAsOther(const std::string& title, const std::string& jsonFields) const {
  auto r = send(origin_, "POST", "/_emulator/lists/" + title + "/items", jsonFields);
  EXPECT_EQ(r.status_code(), 201);
  const auto v = r.extract_json(true).get();
  return v.at("Id").as_number().to_int64();
}

std::string EmulatorControl::deleteAsOther(const std::string& title, std::int64_t id) const {
  auto r = send(origin_, "DELETE", "/_emulator/lists/" + title + "/items/" + std::to_string(id));
  EXPECT_LT(r.status_code(), 300);
  const auto body = r.extract_json(true).get();
  return body.has_field("RecycleBinId") ? body.at("RecycleBinId").as_string() : std::string();
}

void EmulatorControl::restoreAsOther(const std::string& recycleBinId) const {
  auto r = send(origin_, "POST", "/_emulator/recyclebin/" + recycleBinId + "/restore");
  ASSERT_LT(r.status_code(), 300);
}

std::string EmulatorControl::get(const std::string& sitePathAndQuery, const std::string& siteUrl) const {
  const auto path = siteUrl.substr(origin_.size()) + sitePathAndQuery;
  return send(origin_, "GET", path).extract_utf8string(true).get();
}

std::map<sync::ListKind, std::string> demoTitles() {
  std::map<sync::ListKind, std::string> titles;
  for (auto kind : sync::kAllListKinds) titles[kind] = std::string(sync::listKindTitle(kind));
  return titles;
}

SyncHarness::SyncHarness(std::vector<std::string> emulatorArgs, AuthFactory auth)
    : emu_(std::move(emulatorArgs)), control_(emu_.origin()), cachePath_(dir_.file("cache.sqlite3")),
      auth_(auth ? auth(emu_.siteUrl()) : nullptr) {
  auto opened = sync::Store::open(cachePath_);
  if (!opened) throw std::runtime_error(opened.error().message);
  store_.emplace(std::move(*opened));
  resetClient(clientOptions());
}

sync::ClientOptions SyncHarness::clientOptions() const {
  sync::ClientOptions o;
  o.siteUrl = emu_.siteUrl();
  o.auth = auth_;
  o.timeout = std::chrono::seconds(10);
  o.retry.baseDelay = std::chrono::milliseconds(20);
  o.retry.maxDelay = std::chrono::milliseconds(2000);
  return o;
}

void SyncHarness::resetClient(sync::ClientOptions options) {
  client_ = std::make_unique<sync::SharePointClient>(std::move(options));
}

std::vector<sync::ListSyncReport> SyncHarness::sync(std::set<sync::ListKind> kinds) {
  if (kinds.empty()) kinds = std::set<sync::ListKind>(sync::kAllListKinds.begin(), sync::kAllListKinds.end());
  sync::SyncJob job(*store_, *client_, demoTitles(), select_);
  return job.run(kinds);
}

long long serverItemCount(SyncHarness& h, const std::string& title) {
  const auto body = h.control().get("/_api/web/lists/getByTitle('" + title + "')?$select=ItemCount", h.emulator().siteUrl());
  const auto v = web::json::value::parse(body);
  return v.at("ItemCount").as_number().to_int64();
}

}  // namespace deskpane::test
