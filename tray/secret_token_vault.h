#pragma once
// The engine's refresh-token vault, kept in the platform secret store (the
// Secret Service keyring on Linux), never in a file.
#include "sync/auth.h"

#include <memory>
#include <string>

namespace deskpane::platform {
class SecretStore;
}

namespace deskpane::tray {

class SecretTokenVault final : public sync::TokenVault {
 public:
  // Secrets are filed under `site` (the site URL) and the account name.
  SecretTokenVault(std::unique_ptr<platform::SecretStore> store, std::string site);
  ~SecretTokenVault() override;
  std::optional<std::string> load(const std::string& account) override;
  bool store(const std::string& account, const std::string& secret) override;
  bool erase(const std::string& account) override;
  // The last failure's message for the user ("" after a success).
  const std::string& lastError() const { return lastError_; }

 private:
  std::unique_ptr<platform::SecretStore> store_;
  std::string site_;
  std::string lastError_;
};

}  // namespace deskpane::tray
