#include "platform/linux/libsecret_store.h"

#include <libsecret/secret.h>

#include <memory>

namespace deskpane::platform {

namespace {

const SecretSchema* schema() {
  static const SecretSchema s = {"org.deskpane.Account",
                                 SECRET_SCHEMA_NONE,
                                 {{"site", SECRET_SCHEMA_ATTRIBUTE_STRING},
                                  {"account", SECRET_SCHEMA_ATTRIBUTE_STRING},
                                  {nullptr, SECRET_SCHEMA_ATTRIBUTE_STRING}},
                                 0, nullptr, nullptr, nullptr, nullptr, nullptr, nullptr, nullptr};
  return &s;
}

struct ErrorFree {
  void operator()(GError* e) const { g_error_free(e); }
};
using ErrorPtr = std::unique_ptr<GError, ErrorFree>;

struct PasswordFree {
  void operator()(gchar* p) const { secret_password_free(p); }  // wipes the memory
};
using PasswordPtr = std::unique_ptr<gchar, PasswordFree>;

std::string describe(const GError* e, const char* action) {
  return std::string("Secure storage is unavailable (") + action + "): " + (e ? e->message : "unknown error") +
         ". deskpane keeps secrets only in the system keyring (Secret Service, e.g. gnome-keyring or "
         "KWallet); start or unlock it and try again.";
}

}  // namespace

std::string LibsecretStore::store(const std::string& site, const std::string& account,
                                  const std::string& secret) {
  GError* raw = nullptr;
  const std::string label = "deskpane: " + account + " at " + site;
  const gboolean ok = secret_password_store_sync(schema(), SECRET_COLLECTION_DEFAULT, label.c_str(),
                                                 secret.c_str(), nullptr, &raw, "site", site.c_str(),
                                                 "account", account.c_str(), nullptr);
  ErrorPtr err(raw);
  if (!ok || err) return describe(err.get(), "store");
  return {};
}

SecretLookup LibsecretStore::lookup(const std::string& site, const std::string& account) {
  GError* raw = nullptr;
  PasswordPtr pw(secret_password_lookup_sync(schema(), nullptr, &raw, "site", site.c_str(), "account",
                                             account.c_str(), nullptr));
  ErrorPtr err(raw);
  SecretLookup result;
  if (err) {
    result.error = describe(err.get(), "lookup");
    return result;
  }
  if (pw) result.secret = std::string(pw.get());
  return result;
}

std::string LibsecretStore::clear(const std::string& site, const std::string& account) {
  GError* raw = nullptr;
  secret_password_clear_sync(schema(), nullptr, &raw, "site", site.c_str(), "account", account.c_str(),
                             nullptr);
  ErrorPtr err(raw);
  if (err) return describe(err.get(), "clear");
  return {};
}

std::unique_ptr<SecretStore> makeSecretStore() { return std::make_unique<LibsecretStore>(); }

}  // namespace deskpane::platform
