// The Entra-shaped OAuth2 endpoints /{tenant}/oauth2/v2.0/devicecode and
// /token (device-code and refresh-token grants), form-encoded in, JSON out.
#include "emulator/api_context.h"

namespace deskpane::emu {

namespace {

Response oauthJson(int status, std::string body) {
  Response r;
  r.status = status;
  r.body = std::move(body);
  r.setHeader("Content-Type", "application/json; charset=utf-8");
  r.setHeader("Cache-Control", "no-store, no-cache");
  return r;
}

Response oauthError(const std::string& error, int aadsts, const std::string& description) {
  JsonWriter w;
  w.beginObject().field("error", error);
  w.field("error_description", "AADSTS" + std::to_string(aadsts) + ": " + description);
  w.key("error_codes").beginArray().number(static_cast<std::int64_t>(aadsts)).endArray();
  w.endObject();
  return oauthJson(400, w.take());
}

Response tokenResponse(const TokenGrant& g) {
  JsonWriter w;
  w.beginObject().field("token_type", "Bearer").field("scope", g.scope);
  w.field("expires_in", g.expiresIn).field("ext_expires_in", g.expiresIn);
  w.field("access_token", g.accessToken).field("refresh_token", g.refreshToken).endObject();
  return oauthJson(200, w.take());
}

Response tokenError(TokenError e) {
  switch (e) {
    case TokenError::AuthorizationPending:
      return oauthError("authorization_pending", 70016,
                        "OAuth 2.0 device flow error. Authorization is pending. Continue polling.");
    case TokenError::ExpiredToken:
      return oauthError("expired_token", 70020, "The provided value for the input parameter 'device_code' is not valid. This device code has expired.");
    case TokenError::BadVerificationCode:
      return oauthError("bad_verification_code", 70019, "Verification code expired.");
    case TokenError::InvalidGrant:
      break;
  }
  return oauthError("invalid_grant", 700082, "The refresh token has expired or is invalid.");
}

}  // namespace

Response handleOAuth(const Request& req, Services& svc, const std::string& endpoint) {
  if (req.method != "POST") return oauthError("invalid_request", 900561, "The endpoint only accepts POST requests.");
  const auto form = parseQuery(req.body);
  auto value = [&](const char* key) {
    const auto* v = findParam(form, key);
    return v ? *v : std::string();
  };
  if (endpoint == "devicecode") {
    if (value("client_id").empty()) return oauthError("invalid_request", 900144, "The request body must contain the following parameter: 'client_id'.");
    const auto g = svc.tokens.startDeviceCode(value("scope"));
    const auto uri = req.origin + "/devicelogin";
    JsonWriter w;
    w.beginObject().field("user_code", g.userCode).field("device_code", g.deviceCode);
    w.field("verification_uri", uri).field("expires_in", g.expiresIn).field("interval", g.interval);
    w.field("message", "To sign in, use a web browser to open the page " + uri + " and enter the code " + g.userCode +
                           " to authenticate.");
    w.endObject();
    return oauthJson(200, w.take());
  }
  if (endpoint == "token") {
    const auto grant = value("grant_type");
    std::variant<TokenGrant, TokenError> result = TokenError::InvalidGrant;
    if (grant == "urn:ietf:params:oauth:grant-type:device_code") {
      result = svc.tokens.redeemDeviceCode(value("device_code"));
    } else if (grant == "refresh_token") {
      result = svc.tokens.redeemRefreshToken(value("refresh_token"));
    } else {
      return oauthError("unsupported_grant_type", 70003, "The app requested an unsupported grant type '" + grant + "'.");
    }
    if (const auto* g = std::get_if<TokenGrant>(&result)) return tokenResponse(*g);
    return tokenError(std::get<TokenError>(result));
  }
  Response r = oauthError("invalid_request", 900023, "Unknown endpoint '" + endpoint + "'.");
  r.status = 404;
  return r;
}

}  // namespace deskpane::emu
