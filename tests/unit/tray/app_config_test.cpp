#include "tray/app_config.h"
#include "tests/support/temp_dir.h"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <fstream>
#include <sstream>

namespace deskpane::tray {
namespace {

using sync::ListKind;

std::string write(const test::TempDir& dir, const std::string& text) {
  const std::string path = dir.file("settings.ini");
  std::ofstream(path) << text;
  return path;
}

std::string read(const std::string& path) {
  std::ifstream in(path);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

TEST(AppConfig, ReadsDesignExampleWithTrailingComments) {
  test::TempDir dir;
  const auto path = write(dir,
                          "[site]\nurl=http://127.0.0.1:8080/sites/demo\nauth=none                 ; none | device-code\n"
                          "[app]\nautostart=true\nlocked=false\n"
                          "[calendar]                ; likewise\nlist=Calendar\nvisible=true\nx=40\ny=40\n"
                          "width=520\nheight=420\nopacity=85                ; percent, 20..100\nview=month\n");
  const auto load = loadConfig(path);
  ASSERT_TRUE(load.config) << load.error;
  const AppConfig& c = *load.config;
  EXPECT_EQ(c.siteUrl, "http://127.0.0.1:8080/sites/demo");
  EXPECT_EQ(c.auth, "none");
  EXPECT_TRUE(c.autostart);
  EXPECT_EQ(c.pane(ListKind::Calendar).opacity, 85);
  EXPECT_EQ(c.pane(ListKind::Calendar).view, "month");
  EXPECT_EQ(c.pane(ListKind::Calendar).width, 520);
  // A pane without a section takes sync::Settings' defaults: bound, hidden.
  EXPECT_EQ(c.pane(ListKind::Contacts).list, "Contacts");
  EXPECT_FALSE(c.pane(ListKind::Contacts).visible);
}

struct BadCase {
  const char* text;
  const char* error;  // expected substring: names the line and the key
};

TEST(AppConfig, InvalidValuesNameTheLineAndKey) {
  const BadCase cases[] = {
      {"[calendar]\nlist=Calendar\nopacity=150\n", "line 3: [calendar] opacity"},
      {"[tasks]\nx=left\n", "line 2: [tasks] x"},
      {"[app]\n\nlocked=maybe\n", "line 3: [app] locked"},
      {"[site]\nauth=kerberos\n", "line 2: [site] auth"},
      {"[site\nurl=x\n", "line 1"},
      {"[notes]\nwidth=12\n", "line 2: [notes] width"},
  };
  for (const auto& c : cases) {
    test::TempDir dir;
    const auto load = loadConfig(write(dir, c.text));
    EXPECT_FALSE(load.config) << c.text;
    EXPECT_FALSE(load.missing);
    EXPECT_NE(load.error.find(c.error), std::string::npos) << c.text << " -> " << load.error;
  }
}

TEST(AppConfig, MissingFileIsFirstRun) {
  test::TempDir dir;
  const auto load = loadConfig(dir.file("nope.ini"));
  EXPECT_TRUE(load.missing);
  EXPECT_FALSE(load.config);
}

TEST(AppConfig, SaveRoundTripsKeepsUnknownKeysAndIsPrivate) {
  test::TempDir dir;
  const auto path = write(dir, "[site]\nurl=http://a/sites/x\nproxy=http://proxy:3128\n[experimental]\nfoo=bar\n");
  auto load = loadConfig(path);
  ASSERT_TRUE(load.config) << load.error;
  AppConfig c = *load.config;
  c.locked = true;
  c.pane(ListKind::Tasks) = {"My Tasks", true, -300, 20, 333, 444, 42, "", {{"1280x800+0+0", {5, 6, 300, 200}}}};
  ASSERT_EQ(saveConfig(path, c), "");
  const std::string text = read(path);
  EXPECT_NE(text.find("proxy=http://proxy:3128"), std::string::npos) << text;
  EXPECT_NE(text.find("foo=bar"), std::string::npos) << text;
  struct stat st {};
  ASSERT_EQ(stat(path.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
  auto again = loadConfig(path);
  ASSERT_TRUE(again.config) << again.error;
  EXPECT_TRUE(again.config->locked);
  const PaneConfig& t = again.config->pane(ListKind::Tasks);
  EXPECT_EQ(t.list, "My Tasks");
  EXPECT_EQ(t.x, -300);
  EXPECT_EQ(t.width, 333);
  EXPECT_EQ(t.opacity, 42);
  ASSERT_EQ(t.places.count("1280x800+0+0"), 1u) << text;
  EXPECT_EQ(t.places.at("1280x800+0+0"), (std::array<int, 4>{5, 6, 300, 200}));
}

TEST(AppConfig, SaveRefusesToOverwriteAMalformedFile) {
  test::TempDir dir;
  const auto path = write(dir, "[site\nbroken");
  EXPECT_NE(saveConfig(path, AppConfig{}), "");
  EXPECT_EQ(read(path), "[site\nbroken");
}

struct ValidateCase {
  const char* name;
  void (*edit)(AppConfig&);
  const char* error;  // "" = valid
};

TEST(AppConfig, ValidateNamesTheField) {
  const ValidateCase cases[] = {
      {"defaults", [](AppConfig&) {}, ""},
      {"https site", [](AppConfig& c) { c.siteUrl = "https://contoso.sharepoint.com/sites/dev"; }, ""},
      {"ftp site", [](AppConfig& c) { c.siteUrl = "ftp://x"; }, "Site URL must start with http"},
      {"device code over http",
       [](AppConfig& c) {
         c.siteUrl = "http://x/sites/y";
         c.auth = "device-code";
       },
       "needs an https://"},
      {"shown without list", [](AppConfig& c) { c.pane(ListKind::Notes).visible = true; }, "Notes: choose a list"},
      {"opacity low", [](AppConfig& c) { c.pane(ListKind::Inbox).opacity = 5; }, "Inbox: opacity"},
      {"slash in title", [](AppConfig& c) { c.pane(ListKind::Tasks).list = "a/b"; }, "Tasks: a list title"},
  };
  for (const auto& c : cases) {
    AppConfig config;
    c.edit(config);
    const std::string err = validateConfig(config);
    if (*c.error == '\0')
      EXPECT_EQ(err, "") << c.name;
    else
      EXPECT_NE(err.find(c.error), std::string::npos) << c.name << " -> " << err;
  }
}

}  // namespace
}  // namespace deskpane::tray
