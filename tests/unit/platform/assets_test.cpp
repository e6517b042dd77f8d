// The files a distribution installs (desktop entry, AppStream metadata, icon)
// pass the freedesktop validators.
#include <gtest/gtest.h>

#include <cstdlib>
#include <string>

namespace {

bool have(const char* tool) {
  return std::system((std::string("command -v ") + tool + " >/dev/null 2>&1").c_str()) == 0;
}

std::string asset(const char* name) { return std::string(DESKPANE_SOURCE_DIR) + "/assets/" + name; }

TEST(Assets, DesktopEntryIsValid) {
  if (!have("desktop-file-validate")) GTEST_SKIP() << "desktop-file-utils not installed";
  EXPECT_EQ(std::system(("desktop-file-validate '" + asset("deskpane.desktop") + "'").c_str()), 0);
}

TEST(Assets, AppStreamMetadataIsValid) {
  if (!have("appstreamcli")) GTEST_SKIP() << "appstream not installed";
  EXPECT_EQ(std::system(("appstreamcli validate --no-net '" + asset("org.deskpane.deskpane.metainfo.xml") +
                         "' >/dev/null")
                            .c_str()),
            0);
}

TEST(Assets, IconIsWellFormedSvg) {
  if (!have("xmllint")) GTEST_SKIP() << "libxml2-utils not installed";
  EXPECT_EQ(std::system(("xmllint --noout '" + asset("deskpane.svg") + "'").c_str()), 0);
}

}  // namespace
