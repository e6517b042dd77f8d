#include "tray/secret_token_vault.h"

#include "platform/secret_store.h"

namespace deskpane::tray {

SecretTokenVault::SecretTokenVault(std::unique_ptr<platform::SecretStore> store, std::string site)
    : store_(std::move(store)), site_(std::move(site)) {}

SecretTokenVault::~SecretTokenVault() = default;

std::optional<std::string> SecretTokenVault::load(const std::string& account) {
  auto found = store_->lookup(site_, account);
  lastError_ = found.error;
  return found.secret;
}

bool SecretTokenVault::store(const std::string& account, const std::string& secret) {
  lastError_ = store_->store(site_, account, secret);
  return lastError_.empty();
}

bool SecretTokenVault::erase(const std::string& account) {
  lastError_ = store_->clear(site_, account);
  return lastError_.empty();
}

}  // namespace deskpane::tray
