// `deskpane --add/--edit/--delete`: the arguments as typed, read against the
// list's schema. Data-driven: fixtures/cli_edits/cases.txt (format there).
#include "sync/cli_edit.h"
#include "sync/item_json.h"
#include "sync/store.h"
#include "tests/support/temp_dir.h"
#include "tests/support/test_store.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <optional>
#include <string>
#include <vector>

namespace deskpane::sync {
namespace {

namespace fs = std::filesystem;
const fs::path kCases = fs::path(DESKPANE_SOURCE_DIR) / "tests/unit/sync/fixtures/cli_edits/cases.txt";

std::string trim(std::string s) {
  while (!s.empty() && s.back() == ' ') s.pop_back();
  while (!s.empty() && s.front() == ' ') s.erase(0, 1);
  return s;
}

std::vector<std::string> split(const std::string& s, const std::string& sep) {
  std::vector<std::string> out;
  std::size_t start = 0;
  for (std::size_t at; (at = s.find(sep, start)) != std::string::npos; start = at + sep.size())
    out.push_back(trim(s.substr(start, at - start)));
  out.push_back(trim(s.substr(start)));
  return out;
}

// What the parse gave, in the fixture's words.
std::string outcome(const EditParse& p) {
  if (p.request) return "ok " + std::to_string(p.request->id) + " " + fieldsToJson(p.request->fields);
  if (p.usage) return "usage";
  return "error " + p.field;
}

class CliEditInBerlin : public ::testing::Test {
 protected:
  void SetUp() override {
    const char* tz = std::getenv("TZ");
    oldTz_ = tz ? std::optional<std::string>(tz) : std::nullopt;
    setenv("TZ", "Europe/Berlin", 1);
    tzset();
  }
  void TearDown() override {
    if (oldTz_) setenv("TZ", oldTz_->c_str(), 1);
    else unsetenv("TZ");
    tzset();
  }

 private:
  std::optional<std::string> oldTz_;
};

TEST_F(CliEditInBerlin, FixtureCasesGiveTheirRequestOrError) {
  std::ifstream in(kCases);
  ASSERT_TRUE(in) << kCases;
  int cases = 0;
  std::string line;
  for (int number = 1; std::getline(in, line); ++number) {
    if (trim(line).empty() || line[0] == '#') continue;
    const auto arrow = line.find(" => ");
    ASSERT_NE(arrow, std::string::npos) << "line " << number << ": no ' => '";
    const auto cells = split(line.substr(0, arrow), " | ");
    const std::string expected = trim(line.substr(arrow + 4));
    const auto verb = editVerbFromKey(cells[0]);
    ASSERT_TRUE(verb) << "line " << number << ": unknown option " << cells[0];
    const std::vector<std::string> args(cells.begin() + 1, cells.end());
    const auto parsed = parseEditArguments(*verb, args);
    EXPECT_EQ(outcome(parsed), expected) << "line " << number << ": " << line << "\n  message: " << parsed.message;
    // A bad field's message names it, so the user knows which one.
    if (!parsed.request && !parsed.usage) {
      EXPECT_NE(parsed.message.find(parsed.field), std::string::npos) << "line " << number << ": " << parsed.message;
    }
    if (!parsed.request) {
      EXPECT_FALSE(parsed.message.empty()) << "line " << number;
    }
    ++cases;
  }
  EXPECT_GT(cases, 50);
}

TEST(CliEdit, SingleLineTextRefusesNewlinesAndMoreThan255Characters) {
  const FieldSpec* title = findField(ListKind::Tasks, "Title");
  ASSERT_NE(title, nullptr);
  EXPECT_FALSE(parseFieldValue(*title, "two\nlines"));
  EXPECT_TRUE(parseFieldValue(*title, std::string(255, 'x')));
  EXPECT_FALSE(parseFieldValue(*title, std::string(256, 'x')));
  // Characters, not bytes: 255 umlauts are 510 bytes and fit.
  std::string umlauts;
  for (int i = 0; i < 255; ++i) umlauts += "ä";
  EXPECT_TRUE(parseFieldValue(*title, umlauts));
  // Multi-line text keeps its lines.
  const FieldSpec* comments = findField(ListKind::Contacts, "Comments");
  ASSERT_NE(comments, nullptr);
  const auto v = parseFieldValue(*comments, "two\nlines");
  ASSERT_TRUE(v);
  EXPECT_EQ(std::get<std::string>(*v), "two\nlines");
}

// The line a running app is sent reads back as the same request, fields with
// newlines and quotes included (the request is one line on the socket).
TEST(CliEdit, RequestLineRoundTrips) {
  EditRequest r{EditVerb::Edit, ListKind::Notes, -7, {{"Body", std::string("a \"b\"\nc")}, {"Title", std::string("t")}}};
  const std::string line = encodeEditRequest(r);
  EXPECT_EQ(line.find('\n'), std::string::npos) << line;
  const auto back = decodeEditRequest(line);
  ASSERT_TRUE(back);
  EXPECT_EQ(back->verb, r.verb);
  EXPECT_EQ(back->kind, r.kind);
  EXPECT_EQ(back->id, r.id);
  EXPECT_EQ(fieldsToJson(back->fields), fieldsToJson(r.fields));
  EXPECT_FALSE(decodeEditRequest("toggle"));
  EXPECT_FALSE(decodeEditRequest("rename tasks 1 {}"));
  EXPECT_FALSE(decodeEditRequest("add tasks x {}"));
  EXPECT_FALSE(decodeEditRequest("add tasks 0 [1]"));
  const auto full = instanceEditLine(r, 1024);
  ASSERT_TRUE(full);
  EXPECT_EQ(*full, "edit " + line);
  EXPECT_FALSE(instanceEditLine(r, 10));
}

}  // namespace
}  // namespace deskpane::sync

namespace deskpane::sync {
namespace {

// Body typed for a note lands in the list's own text column: NoteBody when
// the cached notes have only that one (the emulator's list, many hand-made
// ones), Body otherwise — the Notes pane's rule.
TEST(CliEdit, NoteTextGoesToTheColumnTheListHas) {
  test::TempDir dir;
  Store store = test::openStore(dir.file("cache.sqlite3"));
  EditRequest request{EditVerb::Add, ListKind::Notes, 0, {{"Body", std::string("milk")}, {"Title", std::string("t")}}};

  EditRequest unknown = request;  // no notes cached yet: the schema's name
  adaptToListColumns(unknown, store);
  EXPECT_EQ(fieldsToJson(unknown.fields), R"({"Body":"milk","Title":"t"})");

  Item server;
  server.id = 1;
  server.fields = {{"NoteBody", std::string("old")}, {"Title", std::string("o")}};
  store.applyServerItems(ListKind::Notes, {server});
  EditRequest noteBody = request;
  adaptToListColumns(noteBody, store);
  EXPECT_EQ(fieldsToJson(noteBody.fields), R"({"NoteBody":"milk","Title":"t"})");

  EditRequest task{EditVerb::Add, ListKind::Tasks, 0, {{"Body", std::string("x")}}};
  adaptToListColumns(task, store);  // other lists keep Body
  EXPECT_EQ(fieldsToJson(task.fields), R"({"Body":"x"})");
}

}  // namespace
}  // namespace deskpane::sync
