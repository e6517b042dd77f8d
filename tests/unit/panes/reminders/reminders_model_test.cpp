// The reminder schedule against fixture files
// (tests/unit/panes/reminders/fixtures/*.txt): cached events and tasks, a
// desktop zone, the user's dismiss/snooze marks, then instants with the
// reminders that must be due at each and when the next one falls due. The
// format is described in fixtures/README.
#include "overlay/reminders/reminders_model.h"

#include "sync/recurrence_time.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace deskpane::overlay::reminders {
namespace {

namespace fs = std::filesystem;

const fs::path kFixtures = fs::path(DESKPANE_SOURCE_DIR) / "tests/unit/panes/reminders/fixtures";

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

// "ID | Field=value | ..." with values typed as the lists' schemas have them.
sync::Item parseItem(const std::string& text, const std::string& where) {
  const auto parts = split(text, '|');
  sync::Item item;
  item.id = std::stoll(parts.at(0));
  for (std::size_t i = 1; i < parts.size(); ++i) {
    const auto eq = parts[i].find('=');
    EXPECT_NE(eq, std::string::npos) << where << ": " << parts[i];
    if (eq == std::string::npos) continue;
    const std::string key = parts[i].substr(0, eq), value = parts[i].substr(eq + 1);
    if (key == "@state") {
      item.state = value == "Deleted" ? sync::LocalState::Deleted : sync::LocalState::Dirty;
    } else if (value == "true" || value == "false") {
      item.set(key, value == "true");
    } else if (key == "EventType" || key == "TimeZone" || key == "Duration" || key == "MasterSeriesItemID") {
      item.set(key, std::int64_t{std::stoll(value)});
    } else if (key == "PercentComplete") {
      item.set(key, std::stod(value));
    } else {
      item.set(key, value);
    }
  }
  return item;
}

std::string render(const Reminder& r) { return r.key + " | " + r.summary + " | " + r.body; }

UtcTime at(const std::string& iso, const std::string& where) {
  const auto t = sync::parseUtcTime(iso);
  EXPECT_TRUE(t) << where << ": not an instant: " << iso;
  return t.value_or(UtcTime{});
}

int runFixture(const fs::path& path) {
  std::ifstream in(path);
  EXPECT_TRUE(in) << path;
  std::vector<sync::Item> events, tasks;
  calendar::CalendarZones zones;
  ReminderSettings settings;
  ReminderMarks marks;
  std::optional<UtcTime> now;
  std::optional<std::string> expectedNext;
  std::vector<std::string> expected;
  int checks = 0, lineNo = 0;
  std::string nowLine;
  const auto flush = [&] {
    if (!now) return;
    const calendar::CalendarModel model(events, zones);
    const Schedule s = schedule(model, tasks, *now, settings, marks);
    std::vector<std::string> actual;
    for (const auto& r : s.due) actual.push_back(render(r));
    EXPECT_EQ(expected, actual) << path.filename().string() << ": due at " << nowLine;
    EXPECT_EQ(expectedNext.value_or("none"), s.next ? sync::formatUtcTime(*s.next) : "none")
        << path.filename().string() << ": next after " << nowLine;
    ++checks;
    now.reset();
    expectedNext.reset();
    expected.clear();
  };
  std::string line;
  while (std::getline(in, line)) {
    ++lineNo;
    line = trim(line);
    if (line.empty() || line[0] == '#') continue;
    const auto sp = line.find(' ');
    const std::string word = line.substr(0, sp);
    const std::string rest = sp == std::string::npos ? "" : trim(line.substr(sp + 1));
    const std::string where = path.filename().string() + ":" + std::to_string(lineNo);
    if (word == "at" || word == "zone" || word == "site" || word == "lead" || word == "clock" || word == "event" ||
        word == "task" || word == "mark" || word == "unmark")
      flush();
    if (word == "zone") {
      zones.desktop = rest;
    } else if (word == "site") {
      zones.siteZoneId = std::stoi(rest);
    } else if (word == "lead") {
      settings.eventLeadMinutes = std::stoi(rest);
    } else if (word == "clock") {
      settings.use24Hour = rest == "24";
    } else if (word == "event") {
      events.push_back(parseItem(rest, where));
    } else if (word == "task") {
      tasks.push_back(parseItem(rest, where));
    } else if (word == "mark") {
      for (auto& [key, mark] : parseMarks(rest)) marks[key] = mark;
      EXPECT_FALSE(parseMarks(rest).empty()) << where << ": unreadable mark";
    } else if (word == "unmark") {
      marks.erase(rest);
    } else if (word == "at") {
      now = at(rest, where);
      nowLine = where;
    } else if (word == "due") {
      EXPECT_TRUE(now) << where << ": 'due' before 'at'";
      expected.push_back(rest);
    } else if (word == "nodue") {
      EXPECT_TRUE(now) << where << ": 'nodue' before 'at'";
    } else if (word == "next") {
      expectedNext = rest;
    } else {
      ADD_FAILURE() << where << ": unknown line " << line;
    }
  }
  flush();
  return checks;
}

std::vector<std::string> fixtureNames() {
  std::vector<std::string> names;
  for (const auto& entry : fs::directory_iterator(kFixtures))
    if (entry.path().extension() == ".txt") names.push_back(entry.path().stem().string());
  std::sort(names.begin(), names.end());
  return names;
}

class RemindersFixture : public ::testing::TestWithParam<std::string> {};

TEST_P(RemindersFixture, ScheduleMatches) {
  const int checks = runFixture(kFixtures / (GetParam() + ".txt"));
  // A fixture that checks nothing would pass whatever the model does.
  EXPECT_GT(checks, 0) << GetParam() << " has no 'at' block";
}

INSTANTIATE_TEST_SUITE_P(Fixtures, RemindersFixture, ::testing::ValuesIn(fixtureNames()),
                         [](const auto& info) { return info.param; });

TEST(ReminderMarks, RoundTripAndPruning) {
  const UtcTime now = *sync::parseUtcTime("2026-12-05T12:00:00Z");
  ReminderMarks marks;
  marks["calendar/3/2026-12-05T13:00:00Z"] = {true, {}, *sync::parseUtcTime("2026-12-05T14:00:00Z")};
  marks["tasks/7/2026-12-05"] = {false, *sync::parseUtcTime("2026-12-05T12:10:00Z"),
                                 *sync::parseUtcTime("2026-12-06T00:00:00Z")};
  // Expired more than a day ago: dropped when written.
  marks["calendar/1/2026-12-01T09:00:00Z"] = {true, {}, *sync::parseUtcTime("2026-12-01T10:00:00Z")};
  const std::string text = formatMarks(marks, now);
  EXPECT_EQ(text,
            "dismissed calendar/3/2026-12-05T13:00:00Z 2026-12-05T14:00:00Z\n"
            "snoozed tasks/7/2026-12-05 2026-12-05T12:10:00Z 2026-12-06T00:00:00Z\n");
  const ReminderMarks back = parseMarks(text + "garbage line\nsnoozed broken\n");
  ASSERT_EQ(back.size(), 2u);
  EXPECT_TRUE(back.at("calendar/3/2026-12-05T13:00:00Z").dismissed);
  EXPECT_FALSE(back.at("tasks/7/2026-12-05").dismissed);
  EXPECT_EQ(back.at("tasks/7/2026-12-05").snoozedUntil, *sync::parseUtcTime("2026-12-05T12:10:00Z"));
}

}  // namespace
}  // namespace deskpane::overlay::reminders
