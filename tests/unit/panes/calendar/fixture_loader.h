#pragma once
// Reads the calendar fixtures (fixtures/README.md) for the expansion and the
// iCalendar round-trip tests.
#include "overlay/calendar/calendar_model.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

namespace deskpane::overlay::calendar::fixtures {

namespace fs = std::filesystem;

inline const fs::path kFixtures = fs::path(DESKPANE_SOURCE_DIR) / "tests/unit/panes/calendar/fixtures";

struct Expected {
  std::string desktop;
  std::vector<std::string> lines;  // "occ START END ID"
};

struct Fixture {
  std::vector<sync::Item> items;
  int site = 0;
  Date from, to;
  std::vector<Expected> expected;
};

inline std::map<std::string, std::string> keyValues(std::istringstream& in, std::vector<std::string>& flags) {
  std::map<std::string, std::string> out;
  std::string word;
  while (in >> word) {
    const auto eq = word.find('=');
    if (eq == std::string::npos) flags.push_back(word);
    else out[word.substr(0, eq)] = word.substr(eq + 1);
  }
  return out;
}

inline Fixture load(const fs::path& path) {
  Fixture f;
  std::ifstream in(path);
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    std::istringstream words(line);
    std::string tag;
    words >> tag;
    if (tag == "site") {
      words >> f.site;
    } else if (tag == "item") {
      std::vector<std::string> flags;
      auto kv = keyValues(words, flags);
      sync::Item item;
      item.id = std::stoll(kv.at("id"));
      sync::Event e(item);
      std::string title = kv["title"];
      std::replace(title.begin(), title.end(), '_', ' ');
      e.setTitle(title);
      e.setEventType(std::stoi(kv.at("type")));
      e.setEventDate(kv.at("start"));
      e.setEndDate(kv.at("end"));
      e.setAllDay(std::count(flags.begin(), flags.end(), "allday") > 0);
      e.setRecurrence(kv.at("type") != "0");
      if (kv.count("duration")) item.set("Duration", std::int64_t{std::stoll(kv["duration"])});
      if (kv.count("tz")) item.set("TimeZone", std::int64_t{std::stoll(kv["tz"])});
      if (kv.count("master")) e.setMasterSeriesItemId(std::stoll(kv["master"]));
      if (kv.count("rid")) e.setRecurrenceId(kv["rid"]);
      if (std::count(flags.begin(), flags.end(), "deleted")) item.state = sync::LocalState::Deleted;
      f.items.push_back(std::move(item));
    } else if (tag == "xml") {
      std::string xml;
      std::getline(words >> std::ws, xml);
      sync::Event(f.items.back()).setRecurrenceData(xml);
    } else if (tag == "window") {
      std::string a, b;
      words >> a >> b;
      f.from = *parseDate(a);
      f.to = *parseDate(b);
    } else if (tag == "desktop") {
      Expected e;
      words >> e.desktop;
      f.expected.push_back(e);
    } else if (tag == "occ") {
      f.expected.back().lines.push_back(line);
    } else {
      ADD_FAILURE() << path << ": unknown line " << line;
    }
  }
  return f;
}


inline std::vector<std::string> fixtureNames() {
  std::vector<std::string> names;
  for (const auto& entry : fs::directory_iterator(kFixtures))
    if (entry.path().extension() == ".case") names.push_back(entry.path().stem().string());
  std::sort(names.begin(), names.end());
  return names;
}

}  // namespace deskpane::overlay::calendar::fixtures
