// Settings that would put a sign-in token on the wire in clear text are
// refused when loaded; a CA file to trust is read and kept.
#include "sync/settings.h"

#include <gtest/gtest.h>

#include <fstream>

#include "tests/support/temp_dir.h"

namespace deskpane::sync {
namespace {

struct UrlCase {
  const char* url;
  bool accepted;
};

class DeviceCodeUrl : public ::testing::TestWithParam<UrlCase> {};

TEST_P(DeviceCodeUrl, NeedsHttpsOffThisComputer) {
  test::TempDir dir;
  const auto path = dir.file("settings.ini");
  std::ofstream(path) << "[site]\nurl=" << GetParam().url << "\nauth=device-code\nclient_id=abc\n";
  const auto loaded = Settings::load(path);
  EXPECT_EQ(loaded.ok(), GetParam().accepted) << GetParam().url;
  if (!loaded) {
    EXPECT_NE(loaded.error().message.find("https://"), std::string::npos) << loaded.error().message;
    EXPECT_NE(loaded.error().message.find("line 3"), std::string::npos) << loaded.error().message;
  }
}

INSTANTIATE_TEST_SUITE_P(Cases, DeviceCodeUrl,
                         ::testing::Values(UrlCase{"https://contoso.sharepoint.com/sites/team", true},
                                           UrlCase{"http://contoso.sharepoint.com/sites/team", false},
                                           UrlCase{"http://10.1.2.3:8080/sites/team", false},
                                           UrlCase{"http://localhost.evil.example/sites/team", false},
                                           UrlCase{"http://127.0.0.1:8080/sites/demo", true},
                                           UrlCase{"http://localhost:8080/sites/demo", true}));

TEST(DeviceCodeUrl, PlainHttpWithoutSignInStaysAllowed) {
  test::TempDir dir;
  const auto path = dir.file("settings.ini");
  std::ofstream(path) << "[site]\nurl=http://intranet.example/sites/team\nauth=none\n";
  EXPECT_TRUE(Settings::load(path).ok());
}

TEST(CaFile, IsReadAndWrittenBack) {
  test::TempDir dir;
  const auto path = dir.file("settings.ini");
  std::ofstream(path) << "[site]\nurl=https://intranet.example/sites/team\nca_file=/etc/ssl/company-ca.pem\n";
  auto loaded = Settings::load(path);
  ASSERT_TRUE(loaded.ok());
  EXPECT_EQ(loaded->site().caFile, "/etc/ssl/company-ca.pem");
  auto site = loaded->site();
  site.caFile = "/tmp/other-ca.pem";
  loaded->setSite(site);
  ASSERT_TRUE(loaded->save(path).ok());
  EXPECT_EQ(Settings::load(path)->site().caFile, "/tmp/other-ca.pem");
}

}  // namespace
}  // namespace deskpane::sync
