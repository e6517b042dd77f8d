// The secret store against a real gnome-keyring. Each scenario runs this same
// executable again inside its own environment (a private D-Bus session with an
// unlocked keyring, or no reachable bus at all), so the user's keyring is never
// touched and libsecret's per-process service cache cannot leak between cases.
#include "platform/secret_store.h"
#include "tests/support/temp_dir.h"

#include <gtest/gtest.h>

#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace deskpane::platform {
namespace {

constexpr const char* kScenarioVar = "DESKPANE_SECRET_SCENARIO";
constexpr const char* kSecret = "refresh-token-Zq81-not-on-disk";
constexpr const char* kSite = "http://127.0.0.1:8080/sites/demo";

std::string selfPath() { return std::filesystem::read_symlink("/proc/self/exe").string(); }

bool inScenario(const char* name) {
  const char* s = std::getenv(kScenarioVar);
  return s && std::string(s) == name;
}

bool toolAvailable(const char* tool) {
  return std::system((std::string("command -v ") + tool + " >/dev/null 2>&1").c_str()) == 0;
}

// Runs `command` through sh with a fresh HOME/XDG tree under `home`; returns the exit code.
int runIn(const std::string& home, const std::string& command) {
  const std::string full = "env HOME='" + home + "' XDG_DATA_HOME='" + home + "/data' XDG_CONFIG_HOME='" + home +
                           "/config' XDG_RUNTIME_DIR='" + home + "/run' NO_AT_BRIDGE=1 sh -c '" + command + "'";
  std::filesystem::create_directories(home + "/run");
  std::filesystem::permissions(home + "/run", std::filesystem::perms::owner_all);
  const int status = std::system(full.c_str());
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128;
}

// True if any file under `dir` contains `needle` as plain bytes.
bool foundInFiles(const std::string& dir, const std::string& needle) {
  for (const auto& entry : std::filesystem::recursive_directory_iterator(dir)) {
    if (!entry.is_regular_file()) continue;
    std::ifstream in(entry.path(), std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    if (ss.str().find(needle) != std::string::npos) return true;
  }
  return false;
}

// ---- scenarios, run only inside the environment their driver prepares ----

TEST(SecretStoreScenario, RoundTripInKeyring) {
  if (!inScenario("keyring")) GTEST_SKIP() << "runs inside SecretStoreKeyring.RoundTrip";
  auto store = makeSecretStore();
  auto missing = store->lookup(kSite, "alice@example.com");
  ASSERT_TRUE(missing.ok()) << missing.error;
  EXPECT_FALSE(missing.secret);

  ASSERT_EQ(store->store(kSite, "alice@example.com", "first-value"), "");
  ASSERT_EQ(store->store(kSite, "alice@example.com", kSecret), "");  // replaces, not duplicates
  ASSERT_EQ(store->store(kSite, "bob@example.com", "bobs-token"), "");
  auto found = store->lookup(kSite, "alice@example.com");
  ASSERT_TRUE(found.ok()) << found.error;
  ASSERT_TRUE(found.secret);
  EXPECT_EQ(*found.secret, kSecret);
  // A different site is a different account.
  EXPECT_FALSE(store->lookup("http://other/sites/x", "alice@example.com").secret);

  ASSERT_EQ(store->clear(kSite, "bob@example.com"), "");
  EXPECT_FALSE(store->lookup(kSite, "bob@example.com").secret);
  EXPECT_TRUE(store->lookup(kSite, "alice@example.com").secret);
}

TEST(SecretStoreScenario, NoServiceFailsClearly) {
  if (!inScenario("no-service")) GTEST_SKIP() << "runs inside SecretStoreKeyring.NoSecretService";
  auto store = makeSecretStore();
  const std::string err = store->store(kSite, "alice@example.com", kSecret);
  EXPECT_NE(err.find("Secure storage is unavailable"), std::string::npos) << err;
  auto found = store->lookup(kSite, "alice@example.com");
  EXPECT_FALSE(found.ok());
  EXPECT_FALSE(found.secret);
}

// ---- drivers ----

TEST(SecretStoreKeyring, RoundTripInPrivateSessionAndNeverOnDisk) {
  if (!toolAvailable("dbus-run-session") || !toolAvailable("gnome-keyring-daemon"))
    GTEST_SKIP() << "dbus-run-session and gnome-keyring-daemon are needed (scripts/install-deps)";
  test::TempDir home;
  const std::string cmd =
      "printf %s ci-throwaway-pass | gnome-keyring-daemon --unlock --components=secrets >/dev/null 2>&1; "
      "exec \"" + selfPath() + "\" --gtest_filter=SecretStoreScenario.RoundTripInKeyring";
  const int rc = runIn(home.path(), std::string(kScenarioVar) + "=keyring dbus-run-session -- sh -c '\\''" + cmd + "'\\''");
  EXPECT_EQ(rc, 0);
  // The keyring file exists (so the secret went somewhere) and holds no plain text.
  EXPECT_TRUE(std::filesystem::exists(home.path() + "/data/keyrings"));
  EXPECT_FALSE(foundInFiles(home.path(), kSecret));
}

TEST(SecretStoreKeyring, NoSecretServiceIsAnErrorNotAPlainTextFile) {
  test::TempDir home;
  const std::string cmd = std::string(kScenarioVar) + "=no-service DBUS_SESSION_BUS_ADDRESS=unix:path=" + home.path() +
                          "/no-bus exec \"" + selfPath() + "\" --gtest_filter=SecretStoreScenario.NoServiceFailsClearly";
  EXPECT_EQ(runIn(home.path(), cmd), 0);
  EXPECT_FALSE(foundInFiles(home.path(), kSecret));
}

}  // namespace
}  // namespace deskpane::platform
