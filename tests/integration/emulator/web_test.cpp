#include "tests/support/child_process.h"

#include <cpprest/http_client.h>
#include <gtest/gtest.h>

namespace deskpane::test {
namespace {

TEST(EmulatorProcess, AnswersWebWithTheSiteItServes) {
  EmulatorProcess emulator;
  web::http::client::http_client client(emulator.origin());
  auto response = client.request(web::http::methods::GET, "/sites/demo/_api/web").get();
  ASSERT_EQ(response.status_code(), 200);
  auto body = response.extract_json(true).get();
  EXPECT_EQ(body.at("ServerRelativeUrl").as_string(), "/sites/demo");
}

TEST(EmulatorProcess, StopsOnSigterm) {
  EmulatorProcess emulator;
  auto status = emulator.process().stop(SIGTERM, std::chrono::seconds(5));
  ASSERT_TRUE(status.has_value()) << "had to be killed";
  EXPECT_EQ(*status, 0);
}

}  // namespace
}  // namespace deskpane::test
