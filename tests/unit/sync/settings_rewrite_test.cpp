// settings.ini saves keep the user's file: one case per fixture in
// fixtures/settings_rewrite/*.case (format in its README.md).
#include "sync/settings.h"
#include "sync/settings_file.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "tests/support/temp_dir.h"

namespace deskpane::sync {
namespace {

namespace fs = std::filesystem;

const fs::path kFixtureDir = fs::path(DESKPANE_SOURCE_DIR) / "tests/unit/sync/fixtures/settings_rewrite";

struct RewriteCase {
  std::string name;
  std::string input;
  std::vector<std::string> edits;
  std::string expected;
};

// `{BOM}` and a trailing `{CR}` stand for bytes a text fixture cannot show.
std::string bytes(std::string text) {
  for (std::size_t at; (at = text.find("{BOM}")) != std::string::npos;) text.replace(at, 5, std::string(settings_file::kUtf8Bom));
  for (std::size_t at; (at = text.find("{CR}\n")) != std::string::npos;) text.replace(at, 5, "\r\n");
  return text;
}

RewriteCase readCase(const fs::path& file) {
  std::ifstream in(file);
  RewriteCase c;
  c.name = file.stem().string();
  std::string line, part;
  while (std::getline(in, line)) {
    if (line.rfind("--- ", 0) == 0) {
      part = line.substr(4);
      continue;
    }
    if (part == "input") c.input += line + "\n";
    else if (part == "edits" && !line.empty()) c.edits.push_back(line);
    else if (part == "expected") c.expected += line + "\n";
  }
  c.input = bytes(c.input);
  c.expected = bytes(c.expected);
  // The fixture's own last newline belongs to the file only when the file had one.
  if (c.name == "no_final_newline") c.input.pop_back();
  return c;
}

std::vector<RewriteCase> allCases() {
  std::vector<RewriteCase> out;
  for (const auto& entry : fs::directory_iterator(kFixtureDir))
    if (entry.path().extension() == ".case") out.push_back(readCase(entry.path()));
  std::sort(out.begin(), out.end(), [](const RewriteCase& a, const RewriteCase& b) { return a.name < b.name; });
  return out;
}

// "calendar.x=1250" through the Settings setters, as the app changes values.
void applyEdit(Settings& s, const std::string& edit) {
  const auto dot = edit.find('.'), eq = edit.find('=');
  ASSERT_NE(dot, std::string::npos);
  ASSERT_NE(eq, std::string::npos);
  const std::string section = edit.substr(0, dot), key = edit.substr(dot + 1, eq - dot - 1), value = edit.substr(eq + 1);
  if (section == "site") {
    SiteSettings site = s.site();
    if (key == "url") site.url = value;
    else if (key == "auth") site.auth = *authMethodFromKey(value);
    else if (key == "tenant") site.tenant = value;
    else FAIL() << edit;
    s.setSite(site);
    return;
  }
  if (section == "app") {
    AppSettings app = s.app();
    if (key == "locked") app.locked = value == "true";
    else if (key == "autostart") app.autostart = value == "true";
    else FAIL() << edit;
    s.setApp(app);
    return;
  }
  const auto kind = listKindFromKey(section);
  ASSERT_TRUE(kind) << edit;
  PaneSettings p = s.pane(*kind);
  if (key == "list") p.list = value;
  else if (key == "visible") p.visible = value == "true";
  else if (key == "x") p.x = std::stoi(value);
  else if (key == "y") p.y = std::stoi(value);
  else if (key == "width") p.width = std::stoi(value);
  else if (key == "height") p.height = std::stoi(value);
  else if (key == "opacity") p.opacity = std::stoi(value);
  else if (key == "view") p.view = value;
  else if (key == "locked") p.locked = value == "unset" ? std::nullopt : std::optional<bool>(value == "true");
  else FAIL() << edit;
  s.setPane(*kind, p);
}

class SettingsRewrite : public ::testing::TestWithParam<RewriteCase> {};

TEST_P(SettingsRewrite, ChangesOnlyTheValuesThatChanged) {
  const auto& c = GetParam();
  test::TempDir dir;
  const auto path = dir.file("settings.ini");
  ASSERT_TRUE(settings_file::writeAtomically(path, c.input));
  auto loaded = Settings::load(path);
  ASSERT_TRUE(loaded) << loaded.error().message;
  for (const auto& edit : c.edits) applyEdit(*loaded, edit);
  ASSERT_TRUE(loaded->save(path));
  const auto written = settings_file::readText(path);
  ASSERT_TRUE(written);
  EXPECT_EQ(*written, c.expected);
  // What was written reads back as what was saved.
  auto again = Settings::load(path);
  ASSERT_TRUE(again) << again.error().message;
  for (ListKind k : kAllListKinds) EXPECT_TRUE(again->pane(k) == loaded->pane(k)) << listKindKey(k);
  EXPECT_EQ(again->site().url, loaded->site().url);
  EXPECT_EQ(again->site().auth, loaded->site().auth);
  // A second save with nothing changed changes nothing.
  ASSERT_TRUE(again->save(path));
  EXPECT_EQ(*settings_file::readText(path), c.expected);
}

INSTANTIATE_TEST_SUITE_P(Fixtures, SettingsRewrite, ::testing::ValuesIn(allCases()),
                         [](const ::testing::TestParamInfo<RewriteCase>& info) { return info.param.name; });

TEST(SettingsBom, AFileStartingWithAByteOrderMarkIsRead) {
  test::TempDir dir;
  const auto path = dir.file("settings.ini");
  ASSERT_TRUE(settings_file::writeAtomically(path, std::string(settings_file::kUtf8Bom) +
                                                       "[site]\nurl=https://contoso.sharepoint.com/sites/team\n"));
  auto loaded = Settings::load(path);
  ASSERT_TRUE(loaded) << loaded.error().message;
  EXPECT_EQ(loaded->site().url, "https://contoso.sharepoint.com/sites/team");
}

}  // namespace
}  // namespace deskpane::sync

namespace deskpane::sync {
namespace {

// Files a save with nothing changed must keep byte for byte, however often
// it is repeated, each found by the settings fuzzer. Each row: the file,
// which must load, save, and appear in what was saved as it was written.
//
// Boost reads a value trimmed of every C-locale blank (space, \t, \n, \v,
// \f, \r), so the writer must see the same blanks: a line of a section this
// version does not know, ending in a blank other than space or tab, came
// back from each save with its inline comment once more.
//
// A key before any section with an empty value ("name =") is, in Boost's
// tree, a node with no data and no children, as an empty "[name]" is. Saved
// as a section, "site]x =" came back as the header "[site]x]", which reads as
// a second [site] and made the next start refuse the file.
struct KeptCase {
  const char* name;
  std::string text;
};

class SettingsKeptAsWritten : public ::testing::TestWithParam<KeptCase> {};

TEST_P(SettingsKeptAsWritten, ASaveWithNothingChangedKeepsTheFile) {
  const auto& c = GetParam();
  test::TempDir dir;
  const auto path = dir.file("settings.ini");
  ASSERT_TRUE(settings_file::writeAtomically(path, c.text));
  std::string before;
  for (int round = 0; round < 3; ++round) {
    auto loaded = Settings::load(path);
    ASSERT_TRUE(loaded) << "round " << round << ": " << loaded.error().message;
    ASSERT_TRUE(loaded->save(path));
    const auto written = settings_file::readText(path);
    ASSERT_TRUE(written);
    // The user's own lines are not ours to change.
    EXPECT_NE(written->find(c.text), std::string::npos) << "round " << round << ":\n" << *written;
    if (round > 0) {
      EXPECT_EQ(*written, before) << "round " << round;
    }
    before = *written;
  }
}

INSTANTIATE_TEST_SUITE_P(
    Rows, SettingsKeptAsWritten,
    ::testing::Values(KeptCase{"VerticalTabAtTheEnd", "[x]\nk=a  # c\v"},
                      KeptCase{"FormFeedAtTheEnd", "[x]\nk=a  ; c\f"},
                      KeptCase{"VerticalTabBeforeTheNewline", "[x]\nk=a  # c\v\n"},
                      KeptCase{"FormFeedAroundTheValue", "[x]\nk=\fa\f  # c\n"},
                      KeptCase{"CarriageReturnOnly", "[x]\nk=a  # c\r"},
                      KeptCase{"TopLevelKeyNamedLikeASectionHeader", "site]a\v/ ="},
                      KeptCase{"TopLevelKeyWithAnEmptyValue", "note =\n"},
                      KeptCase{"TopLevelKeyAfterAByteOrderMark", "\xEF\xBB\xBFnote=\n"},
                      KeptCase{"TopLevelKeyBesideAValuedOne", "a=1\nb=\n"}),
    [](const ::testing::TestParamInfo<KeptCase>& info) { return std::string(info.param.name); });

}  // namespace
}  // namespace deskpane::sync
