#include "tray/secret_token_vault.h"

#include "platform/secret_store.h"

#include <gtest/gtest.h>

#include <map>

namespace deskpane::tray {
namespace {

// An in-memory SecretStore: the vault's job is the mapping, not the keyring
// (tests/integration/platform covers the keyring itself).
class MemoryStore final : public platform::SecretStore {
 public:
  explicit MemoryStore(std::map<std::string, std::string>& data, bool broken = false) : data_(data), broken_(broken) {}
  std::string store(const std::string& site, const std::string& account, const std::string& secret) override {
    if (broken_) return "Secure storage is unavailable";
    data_[site + "|" + account] = secret;
    return {};
  }
  platform::SecretLookup lookup(const std::string& site, const std::string& account) override {
    if (broken_) return {std::nullopt, "Secure storage is unavailable"};
    auto it = data_.find(site + "|" + account);
    return {it == data_.end() ? std::nullopt : std::optional<std::string>(it->second), ""};
  }
  std::string clear(const std::string& site, const std::string& account) override {
    if (broken_) return "Secure storage is unavailable";
    data_.erase(site + "|" + account);
    return {};
  }

 private:
  std::map<std::string, std::string>& data_;
  bool broken_;
};

TEST(SecretTokenVault, FilesTokensUnderTheSiteAndAccount) {
  std::map<std::string, std::string> data;
  SecretTokenVault vault(std::make_unique<MemoryStore>(data), "https://contoso/sites/a");
  EXPECT_FALSE(vault.load("alice"));
  ASSERT_TRUE(vault.store("alice", "rt-1"));
  EXPECT_EQ(data.at("https://contoso/sites/a|alice"), "rt-1");
  EXPECT_EQ(vault.load("alice").value_or(""), "rt-1");
  SecretTokenVault other(std::make_unique<MemoryStore>(data), "https://contoso/sites/b");
  EXPECT_FALSE(other.load("alice"));  // another site's token is not shared
  ASSERT_TRUE(vault.erase("alice"));
  EXPECT_FALSE(vault.load("alice"));
}

TEST(SecretTokenVault, FailuresAreReportedNotHidden) {
  std::map<std::string, std::string> data;
  SecretTokenVault vault(std::make_unique<MemoryStore>(data, true), "https://contoso/sites/a");
  EXPECT_FALSE(vault.store("alice", "rt-1"));
  EXPECT_NE(vault.lastError(), "");
  EXPECT_FALSE(vault.load("alice"));
  EXPECT_TRUE(data.empty());
}

}  // namespace
}  // namespace deskpane::tray
