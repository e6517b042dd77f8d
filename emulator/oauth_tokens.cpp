#include "emulator/oauth_tokens.h"

#include "emulator/guid.h"
#include "emulator/json_writer.h"
#include "emulator/time_util.h"

#include <cctype>

namespace deskpane::emu {

namespace {
std::string base64Url(const std::string& in) {
  static const char* table = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  std::string out;
  std::size_t i = 0;
  while (i + 2 < in.size()) {
    const unsigned v = (static_cast<unsigned char>(in[i]) << 16) | (static_cast<unsigned char>(in[i + 1]) << 8) |
                       static_cast<unsigned char>(in[i + 2]);
    out += table[(v >> 18) & 63];
    out += table[(v >> 12) & 63];
    out += table[(v >> 6) & 63];
    out += table[v & 63];
    i += 3;
  }
  if (i + 1 == in.size()) {
    const unsigned v = static_cast<unsigned char>(in[i]) << 16;
    out += table[(v >> 18) & 63];
    out += table[(v >> 12) & 63];
  } else if (i + 2 == in.size()) {
    const unsigned v = (static_cast<unsigned char>(in[i]) << 16) | (static_cast<unsigned char>(in[i + 1]) << 8);
    out += table[(v >> 18) & 63];
    out += table[(v >> 12) & 63];
    out += table[(v >> 6) & 63];
  }
  return out;
}

std::string userCodeFrom(const std::string& guid) {
  std::string code;
  for (const char c : guid) {
    if (std::isalnum(static_cast<unsigned char>(c))) code.push_back(static_cast<char>(std::toupper(static_cast<unsigned char>(c))));
    if (code.size() == 8) break;
  }
  return code.substr(0, 4) + "-" + code.substr(4);
}
}  // namespace

DeviceCodeGrant OAuthTokens::startDeviceCode(const std::string& scope) {
  DeviceCodeGrant g;
  g.deviceCode = "DAQABAAEAAAD" + randomGuid();
  g.userCode = userCodeFrom(randomGuid());
  std::lock_guard<std::mutex> lock(mutex_);
  deviceCodes_[g.deviceCode] = {scope, 0, std::chrono::steady_clock::now() + std::chrono::seconds(g.expiresIn)};
  return g;
}

TokenGrant OAuthTokens::issue(const std::string& scope) {
  const auto now = Clock::now();
  const auto exp = Clock::to_time_t(now + lifetime_);
  JsonWriter header;
  header.beginObject().field("typ", "JWT").field("alg", "none").endObject();
  JsonWriter payload;
  payload.beginObject()
      .field("aud", "00000003-0000-0ff1-ce00-000000000000")
      .field("iss", "https://sts.windows.net/deskpane-emulator/")
      .field("iat", static_cast<std::int64_t>(Clock::to_time_t(now)))
      .field("exp", static_cast<std::int64_t>(exp))
      .field("scp", "AllSites.Write")
      .field("upn", "alice@contoso.com")
      .field("jti", randomGuid())
      .endObject();
  TokenGrant g;
  g.accessToken = base64Url(header.str()) + "." + base64Url(payload.str()) + ".";
  g.refreshToken = "0.AR8A" + randomGuid() + randomGuid();
  g.expiresIn = static_cast<int>(lifetime_.count());
  g.scope = scope;
  accessTokens_[g.accessToken] = std::chrono::steady_clock::now() + lifetime_;
  refreshTokens_[g.refreshToken] = scope;
  return g;
}

std::variant<TokenGrant, TokenError> OAuthTokens::redeemDeviceCode(const std::string& deviceCode) {
  std::lock_guard<std::mutex> lock(mutex_);
  const auto it = deviceCodes_.find(deviceCode);
  if (it == deviceCodes_.end()) return TokenError::BadVerificationCode;
  if (std::chrono::steady_clock::now() > it->second.expires) {
    deviceCodes_.erase(it);
    return TokenError::ExpiredToken;
  }
  if (it->second.polls++ == 0) return TokenError::AuthorizationPending;
  const std::string scope = it->second.scope;
  deviceCodes_.erase(it);
  return issue(scope);
}

std::variant<TokenGrant, TokenError> OAuthTokens::redeemRefreshToken(const std::string& refreshToken) {
  std::lock_guard<std::mutex> lock(mutex_);
  const auto it = refreshTokens_.find(refreshToken);
  if (it == refreshTokens_.end()) return TokenError::InvalidGrant;
  const std::string scope = it->second;
  refreshTokens_.erase(it);  // rotation, as Entra does for public clients
  return issue(scope);
}

bool OAuthTokens::validAccessToken(const std::string& token) const {
  std::lock_guard<std::mutex> lock(mutex_);
  const auto it = accessTokens_.find(token);
  return it != accessTokens_.end() && std::chrono::steady_clock::now() < it->second;
}

void OAuthTokens::expireAll() {
  std::lock_guard<std::mutex> lock(mutex_);
  for (auto& [token, expires] : accessTokens_) expires = std::chrono::steady_clock::now();
}

}  // namespace deskpane::emu
