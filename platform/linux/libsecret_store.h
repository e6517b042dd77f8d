#pragma once
#include "platform/secret_store.h"

namespace deskpane::platform {

// Secret Service through libsecret, schema "org.deskpane.Account" with the
// string attributes "site" and "account". The calls block on D-Bus: callers on
// the UI thread use them only on explicit user actions (sign-in, sign-out).
class LibsecretStore final : public SecretStore {
 public:
  std::string store(const std::string& site, const std::string& account,
                    const std::string& secret) override;
  SecretLookup lookup(const std::string& site, const std::string& account) override;
  std::string clear(const std::string& site, const std::string& account) override;
};

}  // namespace deskpane::platform
