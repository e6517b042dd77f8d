#pragma once
// The emulator's Entra-shaped OAuth2 authority: device codes, access tokens
// (JWT-shaped, unsigned) and refresh tokens, all in memory. Access tokens
// expire after --token-lifetime-s.
#include <chrono>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <variant>

namespace deskpane::emu {

struct DeviceCodeGrant {
  std::string deviceCode;
  std::string userCode;
  int expiresIn = 900;
  int interval = 1;
};

struct TokenGrant {
  std::string accessToken;
  std::string refreshToken;
  int expiresIn = 0;
  std::string scope;
};

enum class TokenError { AuthorizationPending, ExpiredToken, BadVerificationCode, InvalidGrant };

class OAuthTokens {
 public:
  explicit OAuthTokens(std::chrono::seconds lifetime) : lifetime_(lifetime) {}

  DeviceCodeGrant startDeviceCode(const std::string& scope);
  // The first poll of a device code answers authorization_pending (the user
  // has not "signed in" yet); later polls succeed, so clients exercise the
  // polling loop without a browser.
  std::variant<TokenGrant, TokenError> redeemDeviceCode(const std::string& deviceCode);
  std::variant<TokenGrant, TokenError> redeemRefreshToken(const std::string& refreshToken);
  bool validAccessToken(const std::string& token) const;
  // Tests: make every issued access token expire now.
  void expireAll();

 private:
  TokenGrant issue(const std::string& scope);
  struct Pending {
    std::string scope;
    int polls = 0;
    std::chrono::steady_clock::time_point expires;
  };
  std::chrono::seconds lifetime_;
  mutable std::mutex mutex_;
  std::map<std::string, Pending> deviceCodes_;
  std::map<std::string, std::chrono::steady_clock::time_point> accessTokens_;
  std::map<std::string, std::string> refreshTokens_;  // token -> scope
};

}  // namespace deskpane::emu
