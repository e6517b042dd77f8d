// The Notes model against fixture files (tests/unit/panes/notes/fixtures/*.txt):
// items → the list's columns and the cards in order with their tints; the
// card grid's geometry and hit test; which stored texts are HTML; and what
// saving the inline editor writes.
// The format is described in fixtures/README.
#include "overlay/notes/notes_model.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace deskpane::overlay::notes {
namespace {

namespace fs = std::filesystem;

std::string trim(const std::string& s) {
  const auto b = s.find_first_not_of(" \t");
  if (b == std::string::npos) return "";
  return s.substr(b, s.find_last_not_of(" \t") - b + 1);
}

std::vector<std::string> split(const std::string& s, char sep) {
  std::vector<std::string> out;
  std::stringstream in(s);
  std::string part;
  while (std::getline(in, part, sep)) out.push_back(trim(part));
  return out;
}

// "\n" in a fixture is a line break.
std::string unescape(const std::string& s) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '\\' && i + 1 < s.size() && s[i + 1] == 'n') {
      out += '\n';
      ++i;
    } else {
      out += s[i];
    }
  }
  return out;
}

std::string escape(const std::string& s) {
  std::string out;
  for (char c : s) out += c == '\n' ? std::string("\\n") : std::string(1, c);
  return out;
}

std::string render(const sync::Fields& f) {
  std::string out;
  for (const auto& [k, v] : f) {
    out += (out.empty() ? "" : " | ") + k + "=";
    out += std::holds_alternative<std::monostate>(v) ? "null" : escape(sync::displayValue(v));
  }
  return out.empty() ? "(nothing)" : out;
}

std::string render(const NoteCard& c) {
  std::string flags;
  if (c.pending) flags += " pending";
  if (c.conflict) flags += " conflict";
  return std::to_string(c.id) + " | " + c.title + " | " + escape(c.text) + " | " + (c.colour.empty() ? "-" : c.colour) +
         " | " + std::to_string(c.tint.r) + "," + std::to_string(c.tint.g) + "," + std::to_string(c.tint.b) + flags;
}

void runFixture(const fs::path& path) {
  std::ifstream in(path);
  ASSERT_TRUE(in) << path;
  std::vector<sync::Item> items;
  std::vector<std::string> expected, actual;
  bool inCards = false;
  GridLayout grid;
  std::size_t gridCount = 0;
  std::string line;
  int lineNo = 0, checks = 0;
  const auto flushCards = [&] {
    if (!inCards) return;
    EXPECT_EQ(expected, actual) << path.filename() << ": cards before line " << lineNo;
    ++checks;
    inCards = false;
    expected.clear();
  };
  const auto findItem = [&](std::int64_t id) -> const sync::Item* {
    for (const auto& i : items)
      if (i.id == id) return &i;
    return nullptr;
  };
  while (std::getline(in, line)) {
    ++lineNo;
    line = trim(line);
    if (line.empty() || line[0] == '#') continue;
    const auto sp = line.find(' ');
    const std::string word = line.substr(0, sp);
    const std::string rest = sp == std::string::npos ? "" : trim(line.substr(sp + 1));
    if (word != "card" && word != "nocards") flushCards();
    const std::string where = path.filename().string() + ":" + std::to_string(lineNo);
    if (word == "item") {
      const auto parts = split(rest, '|');
      sync::Item item;
      item.id = std::stoll(parts.at(0));
      for (std::size_t i = 1; i < parts.size(); ++i) {
        const auto eq = parts[i].find('=');
        ASSERT_NE(eq, std::string::npos) << where;
        const std::string k = parts[i].substr(0, eq), v = unescape(parts[i].substr(eq + 1));
        if (k == "@state")
          item.state = v == "Dirty" ? sync::LocalState::Dirty : v == "Conflict" ? sync::LocalState::Conflict
                                                                              : v == "Deleted" ? sync::LocalState::Deleted
                                                                                               : sync::LocalState::Clean;
        else
          item.fields[k] = v == "null" ? sync::FieldValue{} : sync::FieldValue{v};
      }
      items.push_back(std::move(item));
    } else if (word == "clear") {
      items.clear();
    } else if (word == "columns") {
      const NoteColumns c = detectColumns(items);
      EXPECT_EQ("text=" + c.textField + " colour=" + (c.hasColour ? "yes" : "no") + " html=" + (c.richText ? "yes" : "no"),
                rest)
          << where;
      ++checks;
    } else if (word == "cards") {
      actual.clear();
      for (const auto& c : noteCards(items, detectColumns(items))) actual.push_back(render(c));
      inCards = true;
    } else if (word == "card") {
      ASSERT_TRUE(inCards) << where;
      expected.push_back(rest);
    } else if (word == "nocards") {
      ASSERT_TRUE(inCards) << where;
    } else if (word == "tint") {
      // "tint COLOUR -> r,g,b|default"
      const auto arrow = rest.find("->");
      const std::string colour = trim(rest.substr(0, arrow)), expect = trim(rest.substr(arrow + 2));
      const auto t = tintOf(colour == "\"\"" ? "" : colour);
      EXPECT_EQ(t ? std::to_string(t->r) + "," + std::to_string(t->g) + "," + std::to_string(t->b) : "default", expect)
          << where;
      ++checks;
    } else if (word == "grid") {
      // "grid WIDTH MINWIDTH HEIGHT GAP COUNT -> columns N width W height H"
      int w, mw, h, gap;
      std::size_t count;
      char out[128];
      ASSERT_EQ(std::sscanf(rest.c_str(), "%d %d %d %d %zu", &w, &mw, &h, &gap, &count), 5) << where;
      grid = gridLayout(w, mw, h, gap);
      gridCount = count;
      std::snprintf(out, sizeof out, "columns %d width %d height %d", grid.columns, grid.cardWidth,
                    grid.contentHeight(count));
      EXPECT_EQ(out, trim(rest.substr(rest.find("->") + 2))) << where;
      ++checks;
    } else if (word == "at") {
      // "at X Y -> INDEX|none" in the last grid.
      int x, y;
      ASSERT_EQ(std::sscanf(rest.c_str(), "%d %d", &x, &y), 2) << where;
      const auto hit = cardAt(grid, gridCount, x, y);
      EXPECT_EQ(hit ? std::to_string(*hit) : "none", trim(rest.substr(rest.find("->") + 2))) << where;
      ++checks;
    } else if (word == "save") {
      // "save new|ID | title | text | colour"; the next line is "write ..." or "write none".
      const auto parts = split(rest, '|');
      ASSERT_EQ(parts.size(), 4u) << where;
      const sync::Item* original = parts[0] == "new" ? nullptr : findItem(std::stoll(parts[0]));
      ASSERT_TRUE(parts[0] == "new" || original) << where;
      const std::string colour = parts[3] == "-" ? "" : parts[3];
      const auto w = noteWrite(unescape(parts[1]), unescape(parts[2]), colour, original, detectColumns(items));
      std::string expect;
      ASSERT_TRUE(std::getline(in, expect)) << where;
      ++lineNo;
      expect = trim(expect);
      ASSERT_EQ(expect.rfind("write ", 0), 0u) << where;
      EXPECT_EQ(w ? render(*w) : "none", trim(expect.substr(6))) << where;
      ++checks;
    } else if (word == "html") {
      // "html TEXT -> yes|no": whether a stored text is taken for HTML.
      const auto arrow = rest.rfind("->");
      ASSERT_NE(arrow, std::string::npos) << where;
      const std::string stored = unescape(trim(rest.substr(0, arrow)));
      EXPECT_EQ(storedAsHtml(stored) ? "yes" : "no", trim(rest.substr(arrow + 2))) << where << ": " << stored;
      ++checks;
    } else if (word == "accessible") {
      // "accessible ID -> text"
      const auto arrow = rest.find("->");
      const std::int64_t id = std::stoll(rest.substr(0, arrow));
      bool found = false;
      for (const auto& c : noteCards(items, detectColumns(items)))
        if (c.id == id) {
          EXPECT_EQ(accessibleLine(c), trim(rest.substr(arrow + 2))) << where;
          found = true;
        }
      EXPECT_TRUE(found) << where;
      ++checks;
    } else {
      FAIL() << where << ": unknown line " << line;
    }
  }
  flushCards();
  EXPECT_GT(checks, 0) << path.filename() << " checks nothing";
}

std::vector<fs::path> fixtures() {
  std::vector<fs::path> out;
  for (const auto& e : fs::directory_iterator(fs::path(DESKPANE_SOURCE_DIR) / "tests/unit/panes/notes/fixtures"))
    if (e.path().extension() == ".txt") out.push_back(e.path());
  std::sort(out.begin(), out.end());
  return out;
}

class NotesFixture : public ::testing::TestWithParam<fs::path> {};

TEST_P(NotesFixture, MatchesExpectations) { runFixture(GetParam()); }

INSTANTIATE_TEST_SUITE_P(Files, NotesFixture, ::testing::ValuesIn(fixtures()),
                         [](const ::testing::TestParamInfo<fs::path>& info) {
                           std::string name = info.param.stem().string();
                           for (auto& c : name)
                             if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
                           return name;
                         });

}  // namespace
}  // namespace deskpane::overlay::notes
