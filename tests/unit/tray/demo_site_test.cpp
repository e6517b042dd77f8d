// "Try the demo": the bundled emulator starts, says where it listens, answers
// there, and is gone (by its PID) when the DemoSite goes away.
#include "tray/demo_site.h"
#include "tests/support/temp_dir.h"

#include <gtest/gtest.h>

#include <signal.h>

#include <cstdio>
#include <string>

namespace deskpane::tray {
namespace {

std::string fetch(const std::string& url) {
  std::string out;
  if (FILE* p = ::popen(("curl -s -m 5 '" + url + "/_api/web/lists?$select=Title'").c_str(), "r")) {
    char buf[4096];
    std::size_t n;
    while ((n = std::fread(buf, 1, sizeof buf, p)) > 0) out.append(buf, n);
    ::pclose(p);
  }
  return out;
}

TEST(DemoSite, StartsServesAndStops) {
  test::TempDir dir;
  pid_t pid = -1;
  {
    DemoSite site(dir.file("demo"), DESKPANE_SPEMU_PATH);
    ASSERT_TRUE(site.error().empty()) << site.error();
    ASSERT_EQ(site.siteUrl().rfind("http://127.0.0.1:", 0), 0u) << site.siteUrl();
    pid = site.pid();
    EXPECT_NE(fetch(site.siteUrl()).find("Calendar"), std::string::npos) << "the demo lists are served";
  }
  EXPECT_NE(::kill(pid, 0), 0) << "the emulator is stopped with its owner";
}

TEST(DemoSite, MissingProgramIsAPlainError) {
  test::TempDir dir;
  DemoSite site(dir.file("demo"), dir.file("no-such-emulator"));
  EXPECT_TRUE(site.siteUrl().empty());
  EXPECT_NE(site.error().find("not installed"), std::string::npos) << site.error();
}

}  // namespace
}  // namespace deskpane::tray
