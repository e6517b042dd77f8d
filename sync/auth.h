#pragma once
// Credentials for SharePoint requests: none (the demo emulator; on-prem with
// form digests), or OAuth2 device code against a Microsoft Entra-shaped
// authority (`/{tenant}/oauth2/v2.0/devicecode` and `/token`). The access
// token lives in memory only; the refresh token goes only to a TokenVault —
// the app adapts platform::SecretStore to it, so sync/ does not depend on
// platform/.
#include <atomic>
#include <chrono>
#include <memory>
#include <optional>
#include <string>

namespace deskpane::sync {

class TokenVault {
 public:
  virtual ~TokenVault() = default;
  virtual std::optional<std::string> load(const std::string& account) = 0;
  virtual bool store(const std::string& account, const std::string& secret) = 0;
  virtual bool erase(const std::string& account) = 0;
};

struct DeviceCodePrompt {
  std::string userCode;         // what the user types
  std::string verificationUri;  // where they type it
  std::string message;          // the authority's own sentence, if any
  std::string deviceCode;       // opaque, for polling
  std::chrono::seconds interval{5};
  std::chrono::seconds expiresIn{900};
};

struct DeviceCodeConfig {
  // "https://login.microsoftonline.com" for Entra; the emulator's origin in tests.
  std::string authority = "https://login.microsoftonline.com";
  std::string tenant = "organizations";
  std::string clientId;
  // Defaults to "https://<site host>/.default offline_access".
  std::string scope;
  // Vault key: "<tenant>/<clientId>" when empty.
  std::string account;
};

// Device-code settings for a site: Entra's authority for real tenants; for a
// loopback site (the emulator) its own origin, which serves the same
// endpoints. Scope: "<site origin>/.default offline_access".
DeviceCodeConfig deviceCodeConfigFor(const std::string& siteUrl, const std::string& tenant,
                                     const std::string& clientId);

enum class AuthMode { None, DeviceCode };

class Auth {
 public:
  static std::shared_ptr<Auth> none();
  static std::shared_ptr<Auth> deviceCode(DeviceCodeConfig config, std::shared_ptr<TokenVault> vault);
  ~Auth();
  Auth(const Auth&) = delete;
  Auth& operator=(const Auth&) = delete;

  AuthMode mode() const;
  // A bearer token for the next request: the cached one, else one obtained
  // with the stored refresh token. nullopt in mode None or when sign-in is needed.
  std::optional<std::string> accessToken();
  // After a 401: forget the access token and redeem the refresh token once.
  bool refresh();
  // True in mode DeviceCode when there is neither a token nor a refresh token.
  bool signInNeeded();
  // Whether the last failed accessToken()/refresh() failed because the token
  // endpoint could not be reached or answered 5xx (offline: the refresh token
  // is kept and tried again) rather than refused the refresh token.
  bool lastRefreshUnreachable() const;

  // Device-code flow, step 1: ask the authority for a code to show.
  std::optional<DeviceCodePrompt> startDeviceCode();
  // Step 2: poll /token at the authority's interval until the user approved,
  // the code expired, or `cancel` became true. Stores the refresh token.
  bool completeDeviceCode(const DeviceCodePrompt& prompt, const std::atomic<bool>& cancel);
  // Drops all tokens (sign out), including the vault's.
  void signOut();
  // Closes the token endpoint's idle keep-alive connection.
  void closeConnections();
  // Aborts a token request in flight (any thread).
  void cancelInFlight();

 private:
  struct Impl;
  explicit Auth(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace deskpane::sync
