#include "sync/auth.h"

#include "sync/http_transport.h"

#include <cpprest/json.h>

#include <sys/resource.h>

#include <mutex>
#include <thread>

namespace deskpane::sync {

namespace json = web::json;

namespace {

std::optional<json::value> parseJson(const std::string& body) {
  std::error_code ec;
  auto v = json::value::parse(body, ec);
  if (ec || !v.is_object()) return std::nullopt;
  return v;
}

std::string str(const json::value& obj, const char* name) {
  return obj.has_string_field(name) ? obj.at(name).as_string() : std::string{};
}

long long num(const json::value& obj, const char* name, long long fallback) {
  if (obj.has_number_field(name)) return obj.at(name).as_number().to_int64();
  if (obj.has_string_field(name)) {
    try {
      return std::stoll(obj.at(name).as_string());
    } catch (...) {
    }
  }
  return fallback;
}

std::string form(std::initializer_list<std::pair<const char*, std::string>> fields) {
  std::string out;
  for (const auto& [k, v] : fields) {
    if (!out.empty()) out += '&';
    out += k;
    out += '=';
    out += urlEncode(v);
  }
  return out;
}

}  // namespace

DeviceCodeConfig deviceCodeConfigFor(const std::string& siteUrl, const std::string& tenant,
                                     const std::string& clientId) {
  DeviceCodeConfig c;
  const auto origin = urlOrigin(siteUrl);
  if (origin.find("://127.0.0.1") != std::string::npos || origin.find("://localhost") != std::string::npos ||
      origin.find("://[::1]") != std::string::npos)
    c.authority = origin;
  if (!tenant.empty()) c.tenant = tenant;
  c.clientId = clientId;
  c.scope = origin + "/.default offline_access";
  return c;
}

struct Auth::Impl {
  AuthMode mode = AuthMode::None;
  DeviceCodeConfig config;
  std::shared_ptr<TokenVault> vault;
  HttpTransport transport{std::chrono::seconds(30)};
  std::mutex mutex;
  std::optional<std::string> access;
  std::chrono::steady_clock::time_point accessExpiry{};
  std::optional<std::string> refreshToken;  // mirror of the vault's entry
  std::atomic<bool> unreachable{false};      // see Auth::lastRefreshUnreachable

  std::string endpoint(const char* leaf) const {
    return config.authority + "/" + config.tenant + "/oauth2/v2.0/" + leaf;
  }

  HttpResponse post(const std::string& url, const std::string& body) {
    HttpRequest req;
    req.method = "POST";
    req.url = url;
    req.headers = {{"Accept", "application/json"}, {"Content-Type", "application/x-www-form-urlencoded"}};
    req.body = body;
    return transport.send(req);
  }

  // Takes a successful /token answer; keeps the access token in memory and
  // the (possibly rotated) refresh token in the vault only.
  bool acceptTokens(const json::value& v) {
    const auto token = str(v, "access_token");
    if (token.empty()) return false;
    access = token;
    // Renew a minute early so a request never leaves with a token that dies in flight.
    const auto lifetime = std::chrono::seconds(num(v, "expires_in", 3600));
    accessExpiry = std::chrono::steady_clock::now() + lifetime - std::min(lifetime / 2, std::chrono::seconds(60));
    const auto newRefresh = str(v, "refresh_token");
    if (!newRefresh.empty()) {
      refreshToken = newRefresh;
      if (vault) vault->store(config.account, newRefresh);
    }
    return true;
  }

  bool redeemRefreshToken() {
    if (!refreshToken && vault) refreshToken = vault->load(config.account);
    if (!refreshToken) return false;
    const auto r = post(endpoint("token"), form({{"grant_type", "refresh_token"},
                                                 {"client_id", config.clientId},
                                                 {"refresh_token", *refreshToken},
                                                 {"scope", config.scope}}));
    const auto v = parseJson(r.body);
    unreachable = r.status == 0 || r.status >= 500 || r.status == 429;
    if (r.status == 200 && v && acceptTokens(*v)) return true;
    // invalid_grant: the refresh token was revoked or expired; sign in again.
    if (v && str(*v, "error") == "invalid_grant") {
      refreshToken.reset();
      if (vault) vault->erase(config.account);
    }
    return false;
  }
};

Auth::Auth(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Auth::~Auth() = default;

std::shared_ptr<Auth> Auth::none() { return std::shared_ptr<Auth>(new Auth(std::make_unique<Impl>())); }

std::shared_ptr<Auth> Auth::deviceCode(DeviceCodeConfig config, std::shared_ptr<TokenVault> vault) {
  // A process that will hold tokens writes no core dump: a dump would carry
  // them to disk and to whatever collects crashes. Lowering the limit is
  // always allowed; debuggers and heap profilers can still attach.
  const rlimit none{0, 0};
  setrlimit(RLIMIT_CORE, &none);
  auto impl = std::make_unique<Impl>();
  impl->mode = AuthMode::DeviceCode;
  if (config.account.empty()) config.account = config.tenant + "/" + config.clientId;
  while (!config.authority.empty() && config.authority.back() == '/') config.authority.pop_back();
  impl->config = std::move(config);
  impl->vault = std::move(vault);
  return std::shared_ptr<Auth>(new Auth(std::move(impl)));
}

AuthMode Auth::mode() const { return impl_->mode; }

std::optional<std::string> Auth::accessToken() {
  if (impl_->mode == AuthMode::None) return std::nullopt;
  std::lock_guard<std::mutex> lock(impl_->mutex);
  if (impl_->access && std::chrono::steady_clock::now() < impl_->accessExpiry) return impl_->access;
  impl_->access.reset();
  if (impl_->redeemRefreshToken()) return impl_->access;
  return std::nullopt;
}

bool Auth::refresh() {
  if (impl_->mode == AuthMode::None) return false;
  std::lock_guard<std::mutex> lock(impl_->mutex);
  impl_->access.reset();
  return impl_->redeemRefreshToken();
}

bool Auth::lastRefreshUnreachable() const { return impl_->unreachable; }

bool Auth::signInNeeded() {
  if (impl_->mode == AuthMode::None) return false;
  std::lock_guard<std::mutex> lock(impl_->mutex);
  if (impl_->access || impl_->refreshToken) return false;
  if (impl_->vault) impl_->refreshToken = impl_->vault->load(impl_->config.account);
  return !impl_->refreshToken;
}

std::optional<DeviceCodePrompt> Auth::startDeviceCode() {
  if (impl_->mode != AuthMode::DeviceCode) return std::nullopt;
  const auto r = impl_->post(impl_->endpoint("devicecode"),
                             form({{"client_id", impl_->config.clientId}, {"scope", impl_->config.scope}}));
  const auto v = parseJson(r.body);
  if (r.status != 200 || !v) return std::nullopt;
  DeviceCodePrompt p;
  p.userCode = str(*v, "user_code");
  p.deviceCode = str(*v, "device_code");
  p.verificationUri = str(*v, "verification_uri");
  if (p.verificationUri.empty()) p.verificationUri = str(*v, "verification_url");  // older v1 spelling
  p.message = str(*v, "message");
  p.interval = std::chrono::seconds(std::max<long long>(1, num(*v, "interval", 5)));
  p.expiresIn = std::chrono::seconds(num(*v, "expires_in", 900));
  if (p.userCode.empty() || p.deviceCode.empty()) return std::nullopt;
  return p;
}

bool Auth::completeDeviceCode(const DeviceCodePrompt& prompt, const std::atomic<bool>& cancel) {
  if (impl_->mode != AuthMode::DeviceCode) return false;
  const auto deadline = std::chrono::steady_clock::now() + prompt.expiresIn;
  auto interval = prompt.interval;
  while (std::chrono::steady_clock::now() < deadline) {
    const auto r = impl_->post(impl_->endpoint("token"),
                               form({{"grant_type", "urn:ietf:params:oauth:grant-type:device_code"},
                                     {"client_id", impl_->config.clientId},
                                     {"device_code", prompt.deviceCode}}));
    const auto v = parseJson(r.body);
    if (r.status == 200 && v) {
      std::lock_guard<std::mutex> lock(impl_->mutex);
      return impl_->acceptTokens(*v);
    }
    const std::string error = v ? str(*v, "error") : std::string{};
    if (error == "slow_down") interval += std::chrono::seconds(5);  // RFC 8628 §3.5
    else if (error != "authorization_pending" && r.status != 0) return false;  // declined/expired
    const auto wakeAt = std::chrono::steady_clock::now() + interval;
    while (std::chrono::steady_clock::now() < wakeAt) {
      if (cancel.load()) return false;
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
  }
  return false;
}

void Auth::signOut() {
  std::lock_guard<std::mutex> lock(impl_->mutex);
  impl_->access.reset();
  impl_->refreshToken.reset();
  if (impl_->vault) impl_->vault->erase(impl_->config.account);
}

void Auth::closeConnections() { impl_->transport.closeConnections(); }
void Auth::cancelInFlight() { impl_->transport.cancelInFlight(); }

}  // namespace deskpane::sync
