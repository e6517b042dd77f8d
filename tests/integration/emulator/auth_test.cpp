// --auth bearer: 401 with WWW-Authenticate, the device-code and
// refresh-token grants, token expiry.
#include "tests/integration/emulator/emu_client.h"
#include "tests/support/child_process.h"

#include <gtest/gtest.h>

#include <thread>

namespace deskpane::test {
namespace {

const std::map<std::string, std::string> kForm{{"Content-Type", "application/x-www-form-urlencoded"}};

std::string deviceCodeToken(EmuClient& c, web::json::value* tokenJson = nullptr) {
  const auto dc = c.send("POST", "/contoso.onmicrosoft.com/oauth2/v2.0/devicecode",
                         "client_id=deskpane&scope=https%3A%2F%2Fcontoso.sharepoint.com%2F.default+offline_access", kForm);
  EXPECT_EQ(dc.status, 200) << dc.body;
  const auto code = dc.json().at("device_code").as_string();
  EXPECT_EQ(dc.json().at("interval").as_integer(), 1);
  EXPECT_NE(dc.json().at("message").as_string().find(dc.json().at("user_code").as_string()), std::string::npos);
  const std::string form = "grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Adevice_code&client_id=deskpane&device_code=" + code;
  const auto pending = c.send("POST", "/contoso.onmicrosoft.com/oauth2/v2.0/token", form, kForm);
  EXPECT_EQ(pending.status, 400);
  EXPECT_EQ(pending.json().at("error").as_string(), "authorization_pending");
  const auto granted = c.send("POST", "/contoso.onmicrosoft.com/oauth2/v2.0/token", form, kForm);
  EXPECT_EQ(granted.status, 200) << granted.body;
  if (tokenJson) *tokenJson = granted.json();
  // A device code is good for one sign-in only.
  EXPECT_EQ(c.send("POST", "/contoso.onmicrosoft.com/oauth2/v2.0/token", form, kForm).json().at("error").as_string(),
            "bad_verification_code");
  return granted.json().at("access_token").as_string();
}

TEST(Auth, BearerModeRefusesAnonymousRequests) {
  EmulatorProcess emu({"--seed", "demo", "--auth", "bearer"});
  EmuClient c(emu.origin());
  const auto r = c.get("/sites/demo/_api/web");
  EXPECT_EQ(r.status, 401);
  EXPECT_EQ(r.header("www-authenticate").rfind("Bearer realm=\"", 0), 0u);
  EXPECT_EQ(c.send("GET", "/sites/demo/_api/web", "", {{"Authorization", "Bearer forged"}}).status, 401);
}

TEST(Auth, DeviceCodeThenRefreshThenExpiry) {
  EmulatorProcess emu({"--seed", "demo", "--auth", "bearer", "--token-lifetime-s", "2"});
  EmuClient c(emu.origin());
  web::json::value grant;
  const auto token = deviceCodeToken(c, &grant);
  EXPECT_EQ(grant.at("token_type").as_string(), "Bearer");
  EXPECT_EQ(grant.at("expires_in").as_integer(), 2);
  const std::map<std::string, std::string> auth{{"Authorization", "Bearer " + token}, {"Accept", "application/json"}};
  EXPECT_EQ(c.send("GET", "/sites/demo/_api/web", "", auth).status, 200);
  // With a bearer token no form digest is needed for writes.
  EXPECT_EQ(c.send("POST", "/sites/demo/_api/web/lists/getByTitle('Notes')/items", "{\"Title\":\"by token\"}", auth).status, 201);

  const auto refreshed = c.send("POST", "/contoso.onmicrosoft.com/oauth2/v2.0/token",
                                "grant_type=refresh_token&client_id=deskpane&refresh_token=" +
                                    web::uri::encode_data_string(grant.at("refresh_token").as_string()),
                                kForm);
  ASSERT_EQ(refreshed.status, 200) << refreshed.body;
  EXPECT_NE(refreshed.json().at("access_token").as_string(), token);
  // Refresh tokens rotate: the old one is spent.
  EXPECT_EQ(c.send("POST", "/contoso.onmicrosoft.com/oauth2/v2.0/token",
                   "grant_type=refresh_token&refresh_token=" + web::uri::encode_data_string(grant.at("refresh_token").as_string()),
                   kForm).json().at("error").as_string(), "invalid_grant");

  std::this_thread::sleep_for(std::chrono::milliseconds(2200));
  const auto expired = c.send("GET", "/sites/demo/_api/web", "", auth);
  EXPECT_EQ(expired.status, 401);
  EXPECT_NE(expired.header("www-authenticate").find("invalid_token"), std::string::npos);
}

TEST(Auth, TokenEndpointRejectsUnknownGrants) {
  EmulatorProcess emu({"--seed", "empty", "--auth", "bearer"});
  EmuClient c(emu.origin());
  EXPECT_EQ(c.send("POST", "/common/oauth2/v2.0/token", "grant_type=password", kForm).json().at("error").as_string(),
            "unsupported_grant_type");
  EXPECT_EQ(c.send("POST", "/common/oauth2/v2.0/devicecode", "scope=x", kForm).status, 400);
}

}  // namespace
}  // namespace deskpane::test
