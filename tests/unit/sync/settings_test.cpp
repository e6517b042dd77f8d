#include "sync/settings.h"

#include <sys/resource.h>
#include <sys/stat.h>

#include <gtest/gtest.h>

#include <csignal>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "tests/support/temp_dir.h"
#include "tests/support/files.h"

namespace deskpane::sync {
namespace {

void writeFile(const std::string& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary);
  out << text;
}

using deskpane::test::readFile;

int fileMode(const std::string& path) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) return -1;
  return static_cast<int>(st.st_mode & 0777);
}

// DESIGN §4's own example, inline comments included.
const char* kDesignExample = R"(
[site]
url=http://127.0.0.1:8080/sites/demo
auth=none                 ; none | device-code
tenant=                   ; for device-code: authority tenant and client id
client_id=
[app]
autostart=true
locked=false
[calendar]                ; likewise [contacts] [tasks] [notes] [inbox]
list=Calendar
visible=true
x=40
y=40
width=520
height=420
opacity=85                ; percent, 20..100
view=month                ; calendar: month | week | day | agenda
)";

class SettingsTest : public ::testing::Test {
 protected:
  test::TempDir dir;
  std::string path = dir.file("settings.ini");
};

TEST_F(SettingsTest, MissingFileIsNotFound) {
  auto r = Settings::load(path);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, ErrorCode::NotFound);
}

TEST_F(SettingsTest, DefaultsAreValid) {
  Settings s;
  EXPECT_TRUE(s.validate());
  EXPECT_EQ(s.pane(ListKind::Calendar).view, "month");
  EXPECT_EQ(s.pane(ListKind::Tasks).view, "active");
  EXPECT_EQ(s.pane(ListKind::Inbox).list, "Inbox");
  EXPECT_EQ(s.pane(ListKind::Notes).opacity, 85);
  EXPECT_TRUE(s.pane(ListKind::Calendar).visible);
  EXPECT_EQ(s.site().auth, AuthMethod::None);
}

TEST_F(SettingsTest, LoadsDesignExample) {
  writeFile(path, kDesignExample);
  auto r = Settings::load(path);
  ASSERT_TRUE(r) << r.error().message;
  EXPECT_EQ(r->site().url, "http://127.0.0.1:8080/sites/demo");
  EXPECT_EQ(r->site().auth, AuthMethod::None);
  EXPECT_EQ(r->site().tenant, "");
  EXPECT_TRUE(r->app().autostart);
  const auto& cal = r->pane(ListKind::Calendar);
  EXPECT_EQ(cal.list, "Calendar");
  EXPECT_EQ(cal.opacity, 85);
  EXPECT_EQ(cal.view, "month");
  EXPECT_EQ(cal.width, 520);
  EXPECT_EQ(r->pane(ListKind::Contacts), Settings::defaultPane(ListKind::Contacts)) << "missing section = defaults";
}

TEST_F(SettingsTest, PaneLockFallsBackToApp) {
  writeFile(path, "[app]\nlocked=true\n[notes]\nlocked=false\n");
  auto r = Settings::load(path);
  ASSERT_TRUE(r) << r.error().message;
  EXPECT_TRUE(r->paneLocked(ListKind::Calendar));
  EXPECT_FALSE(r->paneLocked(ListKind::Notes));
}

struct BadCase {
  const char* name;
  const char* text;
  ErrorCode code;
  int line;
  const char* mustContain;
};

void PrintTo(const BadCase& c, std::ostream* os) { *os << c.name; }

class BadSettingsTest : public ::testing::TestWithParam<BadCase> {};

TEST_P(BadSettingsTest, NamesLineAndKeyAndKeepsFile) {
  const auto& c = GetParam();
  test::TempDir dir;
  auto path = dir.file("settings.ini");
  writeFile(path, c.text);
  auto r = Settings::load(path);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, c.code) << r.error().message;
  EXPECT_EQ(r.error().line, c.line) << r.error().message;
  EXPECT_NE(r.error().message.find("line " + std::to_string(c.line)), std::string::npos) << r.error().message;
  EXPECT_NE(r.error().message.find(c.mustContain), std::string::npos) << r.error().message;
  EXPECT_EQ(readFile(path), c.text) << "load never rewrites the user's file";
}

INSTANTIATE_TEST_SUITE_P(
    Table, BadSettingsTest,
    ::testing::Values(
        BadCase{"opacity_low", "[calendar]\nlist=Calendar\nopacity=10\n", ErrorCode::InvalidValue, 3, "opacity"},
        BadCase{"opacity_high", "[tasks]\n\nopacity=101\n", ErrorCode::InvalidValue, 3, "20..100"},
        BadCase{"opacity_text", "[notes]\nopacity=eighty\n", ErrorCode::InvalidValue, 2, "integer"},
        BadCase{"bad_bool", "[app]\nautostart=maybe\n", ErrorCode::InvalidValue, 2, "autostart"},
        BadCase{"bad_visible", "[inbox]\nvisible=yes please\n", ErrorCode::InvalidValue, 2, "visible"},
        BadCase{"unknown_view", "[calendar]\nview=year\n", ErrorCode::InvalidValue, 2, "unknown view"},
        BadCase{"view_on_viewless_pane", "[contacts]\nview=month\n", ErrorCode::InvalidValue, 2, "view"},
        BadCase{"x_not_integer", "[calendar]\nx=4.5\n", ErrorCode::InvalidValue, 2, "[calendar] x"},
        BadCase{"y_not_integer", "; comment\n[tasks]\ny=\n", ErrorCode::InvalidValue, 3, "[tasks] y"},
        BadCase{"bad_url", "[site]\nurl=ftp://example.com/sites/x\n", ErrorCode::InvalidValue, 2, "url"},
        BadCase{"url_without_host", "[site]\nurl=https://\n", ErrorCode::InvalidValue, 2, "url"},
        BadCase{"unknown_auth", "[site]\nauth=kerberos\n", ErrorCode::InvalidValue, 2, "unknown auth method"},
        BadCase{"password_rejected", "[site]\nurl=http://h/sites/demo\npassword=hunter2\n", ErrorCode::InvalidValue,
                3, "secrets are not stored"},
        BadCase{"token_rejected", "[site]\nrefresh_token=abc\n", ErrorCode::InvalidValue, 2, "refresh_token"},
        BadCase{"client_secret_rejected", "[other]\nClient_Secret=abc\n", ErrorCode::InvalidValue, 2, "secret"},
        BadCase{"size_too_small", "[notes]\nwidth=3\n", ErrorCode::InvalidValue, 2, "width"},
        BadCase{"place_three_numbers", "[notes]\nplace@1280x800+0+0=1,2,300\n", ErrorCode::InvalidValue, 2,
                "place@1280x800+0+0"},
        BadCase{"place_not_numbers", "[tasks]\nx=4\nplace@800x600+0+0=a,b,c,d\n", ErrorCode::InvalidValue, 3,
                "x,y,width,height"},
        BadCase{"place_tiny", "[inbox]\nplace@800x600+0+0=0,0,3,3\n", ErrorCode::InvalidValue, 2, "wide and high"},
        BadCase{"reminder_minutes_negative", "[app]\nreminder_minutes=-5\n", ErrorCode::InvalidValue, 2,
                "reminder_minutes"},
        BadCase{"reminder_minutes_beyond_a_day", "[site]\n[app]\nreminder_minutes=1441\n", ErrorCode::InvalidValue, 3,
                "between 0 and 1440"},
        BadCase{"reminder_minutes_text", "[app]\nreminder_minutes=soon\n", ErrorCode::InvalidValue, 2, "integer"},
        BadCase{"reminders_not_bool", "[app]\nreminders=sometimes\n", ErrorCode::InvalidValue, 2, "reminders"},
        BadCase{"theme_unknown", "[site]\n[app]\nlocked=false\ntheme=sepia\n", ErrorCode::InvalidValue, 4,
                "line 4: [app] theme: unknown theme \"sepia\" (auto | dark | light)"},
        BadCase{"theme_empty", "[app]\ntheme=\n", ErrorCode::InvalidValue, 2, "[app] theme"},
        BadCase{"duplicate_key", "[app]\nlocked=true\nlocked=false\n", ErrorCode::Malformed, 3, "duplicate"},
        BadCase{"no_equals", "[app]\nlocked\n", ErrorCode::Malformed, 2, "line 2"},
        BadCase{"unclosed_section", "[site\nurl=x\n", ErrorCode::Malformed, 1, "line 1"},
        // Boost alone reads this one (the first copy is empty), but a save
        // filled the first copy and the file no longer loaded (found by
        // the settings fuzzer).
        BadCase{"section_twice_first_empty", "[site]\n[site]\nurl=https://x.example\n", ErrorCode::Malformed, 2,
                "section [site] appears twice"},
        BadCase{"section_twice_spaced", "[app]\nlocked=true\n  [ app ]\n", ErrorCode::Malformed, 3,
                "section [app] appears twice"},
        // Boost ends a header's name at its first ']' and ignores the rest.
        BadCase{"section_twice_trailing_text", "[tasks]\nlist=Tasks\n[tasks]:8\n", ErrorCode::Malformed, 3,
                "section [tasks] appears twice"}),
    [](const auto& info) { return std::string(info.param.name); });

TEST_F(SettingsTest, ReminderKeysAreReadAndWrittenOnlyWhenNeeded) {
  test::TempDir dir;
  auto path = dir.file("settings.ini");
  writeFile(path, "[app]\nlocked=false\n");
  auto s = Settings::load(path);
  ASSERT_TRUE(s) << s.error().message;
  EXPECT_TRUE(s->app().reminders);
  EXPECT_EQ(s->app().reminderMinutes, 15);
  ASSERT_TRUE(s->save(path));
  // A file from before reminders does not grow keys that say the default.
  EXPECT_EQ(readFile(path).find("reminder"), std::string::npos) << readFile(path);

  AppSettings app = s->app();
  app.reminders = false;
  app.reminderMinutes = 5;
  s->setApp(app);
  ASSERT_TRUE(s->save(path));
  auto back = Settings::load(path);
  ASSERT_TRUE(back) << back.error().message;
  EXPECT_FALSE(back->app().reminders);
  EXPECT_EQ(back->app().reminderMinutes, 5);

  // Back to the defaults: the keys the file has are kept, with the new values.
  back->setApp(AppSettings{});
  ASSERT_TRUE(back->save(path));
  const std::string text = readFile(path);
  EXPECT_NE(text.find("reminders=true"), std::string::npos) << text;
  EXPECT_NE(text.find("reminder_minutes=15"), std::string::npos) << text;

  app.reminderMinutes = AppSettings::kReminderMinutesMax + 1;
  back->setApp(app);
  EXPECT_FALSE(back->save(path)) << "validated before it is written";
}

// [app] theme: the value read, and the text a save writes from the file before it.
struct ThemeCase {
  const char* name;
  std::string file;           // settings.ini before
  std::optional<Theme> set;   // what the dialog chose; nullopt = leave it
  Theme read;                 // what load() gives for `file`
  std::string saved;          // the whole file after save()
};

class ThemeSettingTest : public SettingsTest, public testing::WithParamInterface<ThemeCase> {};

TEST_P(ThemeSettingTest, ReadsAndWritesOnlyWhatChanged) {
  const ThemeCase& c = GetParam();
  test::TempDir dir;
  auto path = dir.file("settings.ini");
  writeFile(path, c.file);
  auto s = Settings::load(path);
  ASSERT_TRUE(s) << s.error().message;
  EXPECT_EQ(s->app().theme, c.read);
  if (c.set) {
    AppSettings app = s->app();
    app.theme = *c.set;
    s->setApp(app);
  }
  ASSERT_TRUE(s->save(path));
  // Only the [app] section is compared: save() also writes the panes' keys.
  const std::string text = readFile(path);
  const std::string app = text.substr(0, text.find("[calendar]"));
  EXPECT_EQ(app, c.saved);
  auto back = Settings::load(path);
  ASSERT_TRUE(back) << back.error().message;
  EXPECT_EQ(back->app().theme, c.set.value_or(c.read));
}

const std::string kSite = "[site]\nurl=\nauth=none\ntenant=\nclient_id=\n";

INSTANTIATE_TEST_SUITE_P(
    Theme, ThemeSettingTest,
    testing::Values(
        ThemeCase{"absent_stays_absent", kSite + "[app]\nautostart=true\nlocked=false\n", std::nullopt, Theme::Auto,
                  kSite + "[app]\nautostart=true\nlocked=false\n"},
        ThemeCase{"chosen_is_added", kSite + "[app]\nautostart=true\nlocked=false\n", Theme::Light, Theme::Auto,
                  kSite + "[app]\nautostart=true\nlocked=false\ntheme=light\n"},
        ThemeCase{"users_spelling_and_comment_kept",
                  kSite + "[app]\n; the desk lamp is dim\nautostart=true\nlocked=false\ntheme=Dark\n", Theme::Dark,
                  Theme::Dark, kSite + "[app]\n; the desk lamp is dim\nautostart=true\nlocked=false\ntheme=Dark\n"},
        ThemeCase{"changed_in_place", kSite + "[app]\ntheme=dark\n; after\nautostart=true\nlocked=false\n",
                  Theme::Auto, Theme::Dark, kSite + "[app]\ntheme=auto\n; after\nautostart=true\nlocked=false\n"},
        ThemeCase{"auto_written_by_hand_stays", kSite + "[app]\nautostart=true\nlocked=false\ntheme=auto\n",
                  std::nullopt, Theme::Auto, kSite + "[app]\nautostart=true\nlocked=false\ntheme=auto\n"}),
    [](const auto& info) { return std::string(info.param.name); });

TEST(ThemeKeys, RoundTrip) {
  for (Theme t : {Theme::Auto, Theme::Dark, Theme::Light}) EXPECT_EQ(themeFromKey(themeKey(t)), t);
  EXPECT_EQ(themeFromKey("LIGHT"), Theme::Light);
  EXPECT_FALSE(themeFromKey("system"));
}

TEST_F(SettingsTest, PlacesPerMonitorLayoutRoundTrip) {
  test::TempDir dir;
  auto path = dir.file("settings.ini");
  writeFile(path,
            "[calendar]\nx=10\nplace@1280x800+0+0=10,20,500,400 ; laptop\n"
            "place@1920x1080+0+0_1280x1024+1920+0=2000,30,600,450\n");
  auto s = Settings::load(path);
  ASSERT_TRUE(s) << s.error().message;
  auto p = s->pane(ListKind::Calendar);
  ASSERT_EQ(p.places.size(), 2u);
  EXPECT_EQ(p.places.at("1280x800+0+0"), (PanePlace{10, 20, 500, 400}));
  EXPECT_EQ(p.places.at("1920x1080+0+0_1280x1024+1920+0"), (PanePlace{2000, 30, 600, 450}));
  p.places["1280x800+0+0"] = {40, 50, 520, 420};
  p.places["3840x2160+0+0"] = {100, 100, 800, 600};
  s->setPane(ListKind::Calendar, p);
  ASSERT_TRUE(s->save(path));
  auto again = Settings::load(path);
  ASSERT_TRUE(again) << again.error().message;
  EXPECT_EQ(again->pane(ListKind::Calendar).places, p.places) << readFile(path);
  EXPECT_TRUE(again->pane(ListKind::Tasks).places.empty());
}

TEST_F(SettingsTest, DeviceCodeWithoutClientIdHasNoLineWhenKeyAbsent) {
  // The key is missing, so there is no line to name; the message still names the key.
  writeFile(path, "[site]\nurl=https://contoso.sharepoint.com/sites/x\nauth=device-code\n");
  auto r = Settings::load(path);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().line, 0);
  EXPECT_NE(r.error().message.find("[site] client_id"), std::string::npos) << r.error().message;
}

TEST_F(SettingsTest, RoundTripKeepsUnknownKeysAndSections) {
  writeFile(path, std::string(kDesignExample) + "future_key=42\n[experimental]\nfoo=bar\n");
  auto r = Settings::load(path);
  ASSERT_TRUE(r) << r.error().message;
  Settings s = std::move(r).value();
  auto cal = s.pane(ListKind::Calendar);
  cal.opacity = 60;
  cal.view = "agenda";
  cal.locked = true;
  s.setPane(ListKind::Calendar, cal);
  auto tasks = s.pane(ListKind::Tasks);
  tasks.x = -1200;  // left monitor
  s.setPane(ListKind::Tasks, tasks);
  s.setSite({"https://contoso.sharepoint.com/sites/team", AuthMethod::DeviceCode, "contoso.onmicrosoft.com", "abc"});
  ASSERT_TRUE(s.save(path));
  EXPECT_EQ(fileMode(path), 0600);

  auto again = Settings::load(path);
  ASSERT_TRUE(again) << again.error().message << "\n" << readFile(path);
  EXPECT_EQ(again->pane(ListKind::Calendar), cal);
  EXPECT_EQ(again->pane(ListKind::Tasks).x, -1200);
  EXPECT_EQ(again->site().auth, AuthMethod::DeviceCode);
  EXPECT_EQ(again->site().clientId, "abc");
  EXPECT_EQ(again->unknownValue("calendar", "future_key"), "42");
  EXPECT_EQ(again->unknownValue("experimental", "foo"), "bar");
  EXPECT_FALSE(again->unknownValue("experimental", "nope"));
}

TEST_F(SettingsTest, SaveReplacesModeOfLooseFile) {
  writeFile(path, "[app]\nlocked=true\n");
  ::chmod(path.c_str(), 0644);
  auto r = Settings::load(path);
  ASSERT_TRUE(r);
  ASSERT_TRUE(r->save(path));
  EXPECT_EQ(fileMode(path), 0600);
  EXPECT_TRUE(Settings::load(path)->app().locked);
}

TEST_F(SettingsTest, InvalidValuesAreNotSaved) {
  writeFile(path, kDesignExample);
  Settings s = *Settings::load(path);
  auto p = s.pane(ListKind::Notes);
  p.opacity = 5;
  s.setPane(ListKind::Notes, p);
  auto r = s.save(path);
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().message.find("[notes] opacity"), std::string::npos) << r.error().message;
  EXPECT_EQ(readFile(path), kDesignExample);
}

TEST_F(SettingsTest, FailedSaveLeavesOldFileIntact) {
  writeFile(path, kDesignExample);
  Settings s = *Settings::load(path);
  auto p = s.pane(ListKind::Calendar);
  p.opacity = 50;
  s.setPane(ListKind::Calendar, p);
  // A file size limit makes the write fail half way, even for root (unlike permissions).
  struct rlimit old {};
  ASSERT_EQ(::getrlimit(RLIMIT_FSIZE, &old), 0);
  auto oldHandler = std::signal(SIGXFSZ, SIG_IGN);
  struct rlimit small = old;
  small.rlim_cur = 64;
  ASSERT_EQ(::setrlimit(RLIMIT_FSIZE, &small), 0);
  auto r = s.save(path);
  ::setrlimit(RLIMIT_FSIZE, &old);
  std::signal(SIGXFSZ, oldHandler);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, ErrorCode::Io);
  EXPECT_EQ(readFile(path), kDesignExample);
  int entries = 0;
  for (const auto& e : std::filesystem::directory_iterator(dir.path())) {
    (void)e;
    ++entries;
  }
  EXPECT_EQ(entries, 1) << "the temp file was removed";
}

TEST_F(SettingsTest, FailedSaveIntoMissingFolder) {
  Settings s;
  auto r = s.save(dir.file("no/such/dir/settings.ini"));
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, ErrorCode::Io);
}

}  // namespace
}  // namespace deskpane::sync
