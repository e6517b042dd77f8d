#pragma once
// Passwords and tokens go only to the system's secret store (Secret Service on
// Linux; Credential Manager / Keychain elsewhere), never to a file. When no
// store is available every call fails with a message for the user; there is
// deliberately no plain-text fallback.
#include <memory>
#include <optional>
#include <string>

namespace deskpane::platform {

// What a lookup found: a secret, nothing (not stored), or an error.
struct SecretLookup {
  std::optional<std::string> secret;
  std::string error;  // non-empty: the store could not be asked
  bool ok() const { return error.empty(); }
};

class SecretStore {
 public:
  virtual ~SecretStore() = default;
  // `site` and `account` identify the secret (e.g. the site URL and the user).
  // Each returns an empty string on success, else a message for the user.
  virtual std::string store(const std::string& site, const std::string& account,
                            const std::string& secret) = 0;
  virtual SecretLookup lookup(const std::string& site, const std::string& account) = 0;
  virtual std::string clear(const std::string& site, const std::string& account) = 0;
};

// The implementation for this system (libsecret on Linux, schema org.deskpane.Account).
std::unique_ptr<SecretStore> makeSecretStore();

}  // namespace deskpane::platform
