// sync::Recurrence: RecurrenceData parsing/writing, RRULE mapping, and the
// fixture-driven expansion cases in fixtures/recurrence/*.case (format in
// that folder's README.md).
#include "sync/recurrence.h"
#include "sync/recurrence_rrule.h"
#include "sync/recurrence_rule.h"
#include "sync/recurrence_time.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <random>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

namespace deskpane::sync {

void PrintTo(const Occurrence& o, std::ostream* os) {
  *os << formatUtcTime(o.start) << ".." << formatUtcTime(o.end) << (o.allDay ? " allday" : "") << " item "
      << o.itemId << " master " << o.masterId << " rid " << formatUtcTime(o.recurrenceId)
      << (o.isException ? " exception" : "");
}

namespace {

namespace fs = std::filesystem;

const fs::path kFixtureDir = fs::path(DESKPANE_SOURCE_DIR) / "tests/unit/sync/fixtures/recurrence";

UtcTime at(const std::string& iso) {
  const auto t = parseUtcTime(iso);
  if (!t) throw std::runtime_error("bad time in fixture: " + iso);
  return *t;
}

// ---- fixture reader -------------------------------------------------------

struct Fixture {
  std::string name;
  std::string zone = "UTC";
  SeriesMaster master;
  std::string xml;
  ExpansionWindow window;
  std::vector<SeriesException> exceptions;
  std::vector<Occurrence> expected;
  std::string expectedError;
  std::string libicalDisagrees;  // why libical 3.0's expansion is known wrong here
};

// Splits "key=value" words into a map, bare words into `flags`.
struct Words {
  std::vector<std::string> positional;
  std::map<std::string, std::string> named;
  bool has(const std::string& flag) const {
    return std::find(positional.begin(), positional.end(), flag) != positional.end();
  }
  const std::string& get(const std::string& key) const {
    const auto it = named.find(key);
    if (it == named.end()) throw std::runtime_error("missing " + key + "=");
    return it->second;
  }
};

Words splitWords(const std::string& rest) {
  Words w;
  std::istringstream in(rest);
  for (std::string word; in >> word;) {
    const auto eq = word.find('=');
    if (eq == std::string::npos)
      w.positional.push_back(word);
    else
      w.named[word.substr(0, eq)] = word.substr(eq + 1);
  }
  return w;
}

Fixture readFixture(const fs::path& path) {
  Fixture f;
  f.name = path.stem().string();
  std::ifstream in(path);
  if (!in) throw std::runtime_error("cannot open " + path.string());
  for (std::string line; std::getline(in, line);) {
    if (line.empty() || line[0] == '#') continue;
    const auto space = line.find(' ');
    const std::string key = line.substr(0, space);
    const std::string rest = space == std::string::npos ? "" : line.substr(space + 1);
    const Words w = splitWords(rest);
    if (key == "zone") {
      f.zone = rest;
    } else if (key == "master") {
      f.master.id = std::stoi(w.get("id"));
      f.master.eventDate = at(w.get("start"));
      f.master.endDate = at(w.get("end"));
      f.master.allDay = w.has("allday");
      if (w.named.count("duration")) f.master.duration = std::chrono::seconds(std::stoll(w.get("duration")));
    } else if (key == "xml") {
      f.xml = rest;
    } else if (key == "window") {
      f.window.start = at(w.positional.at(0));
      f.window.end = at(w.positional.at(1));
    } else if (key == "deleted" || key == "changed") {
      SeriesException e;
      e.id = std::stoi(w.get("id"));
      e.kind = key == "deleted" ? ExceptionKind::Deleted : ExceptionKind::Changed;
      e.recurrenceId = at(w.get("rid"));
      e.masterSeriesItemId = w.named.count("master") ? std::stoi(w.get("master")) : -1;
      if (key == "changed") {
        e.eventDate = at(w.get("start"));
        e.endDate = at(w.get("end"));
      }
      e.allDay = w.has("allday");
      f.exceptions.push_back(e);
    } else if (key == "occ") {
      Occurrence o;
      o.start = at(w.positional.at(0));
      o.end = at(w.positional.at(1));
      o.recurrenceId = o.start;
      f.expected.push_back(o);  // master/item ids and allDay filled in below
    } else if (key == "moved") {
      Occurrence o;
      o.itemId = std::stoi(w.get("id"));
      o.recurrenceId = at(w.get("rid"));
      o.start = at(w.positional.at(0));
      o.end = at(w.positional.at(1));
      o.allDay = w.has("allday");
      o.isException = true;
      f.expected.push_back(o);
    } else if (key == "libical-disagrees") {
      f.libicalDisagrees = rest;
    } else if (key == "error") {
      f.expectedError = rest;
    } else {
      throw std::runtime_error(path.string() + ": unknown line kind " + key);
    }
  }
  for (auto& e : f.exceptions)
    if (e.masterSeriesItemId == -1) e.masterSeriesItemId = f.master.id;
  for (auto& o : f.expected) {
    o.masterId = f.master.id;
    if (!o.isException) {
      o.itemId = f.master.id;
      o.allDay = f.master.allDay;
    }
  }
  f.window.timeZone = f.zone;
  return f;
}

std::vector<fs::path> fixtureFiles() {
  std::vector<fs::path> files;
  for (const auto& entry : fs::directory_iterator(kFixtureDir))
    if (entry.path().extension() == ".case") files.push_back(entry.path());
  std::sort(files.begin(), files.end());
  return files;
}

class RecurrenceFixture : public ::testing::TestWithParam<fs::path> {};

TEST_P(RecurrenceFixture, ExpandsToTheExpectedOccurrences) {
  const Fixture f = readFixture(GetParam());
  const auto rule = parseRecurrenceData(f.xml);
  ASSERT_TRUE(rule.ok()) << rule.error();
  SeriesMaster master = f.master;
  master.rule = rule.value();
  const auto result = expandSeries(master, f.exceptions, f.window);
  if (!f.expectedError.empty()) {
    ASSERT_FALSE(result.ok()) << "expansion should fail";
    EXPECT_NE(result.error().find(f.expectedError), std::string::npos) << result.error();
    return;
  }
  ASSERT_TRUE(result.ok()) << result.error();
  EXPECT_EQ(result.value(), f.expected);
}

// Daily/weekly fixtures normally take the closed-form path; libical must agree.
TEST_P(RecurrenceFixture, LibicalExpansionAgrees) {
  Fixture f = readFixture(GetParam());
  if (!f.expectedError.empty()) GTEST_SKIP() << "error case";
  if (!f.libicalDisagrees.empty()) GTEST_SKIP() << "libical is wrong here: " << f.libicalDisagrees;
  const auto rule = parseRecurrenceData(f.xml);
  ASSERT_TRUE(rule.ok()) << rule.error();
  f.master.rule = rule.value();
  f.window.forceLibical = true;
  const auto result = expandSeries(f.master, f.exceptions, f.window);
  ASSERT_TRUE(result.ok()) << result.error();
  EXPECT_EQ(result.value(), f.expected);
}

INSTANTIATE_TEST_SUITE_P(Cases, RecurrenceFixture, ::testing::ValuesIn(fixtureFiles()),
                         [](const ::testing::TestParamInfo<fs::path>& info) { return info.param.stem().string(); });

TEST(RecurrenceFixtures, CoverEveryPatternAndRange) {
  // Guards against the glob silently finding nothing (or a folder going missing).
  std::string all;
  for (const auto& path : fixtureFiles()) {
    std::ifstream in(path);
    all += std::string(std::istreambuf_iterator<char>(in), {});
  }
  for (const char* needle : {"<daily dayFrequency", "<daily weekday", "<weekly", "<monthly ", "<monthlyByDay",
                             "<yearly ", "<yearlyByDay", "<windowEnd>", "<repeatInstances>", "<repeatForever>",
                             "changed ", "deleted ", "allday", "Europe/Berlin", "America/New_York"})
    EXPECT_NE(all.find(needle), std::string::npos) << "no fixture uses " << needle;
}

// The closed-form daily/weekly expansion against libical on random series:
// frequencies, day masks, week starts, ranges, zones, all-day, windows far
// from the start and around DST switches.
TEST(RecurrenceCrossCheck, ArithmeticMatchesLibicalOnRandomSeries) {
  std::mt19937 rng(20261125);
  auto pick = [&rng](int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng); };
  const char* const kZones[] = {"UTC", "Europe/Berlin", "America/New_York", "Australia/Sydney", "Asia/Kolkata"};
  const UtcTime base = at("2020-01-01T00:00:00Z");
  int nonEmpty = 0;
  for (int i = 0; i < 400; ++i) {
    SeriesMaster m;
    m.id = i + 1;
    RecurrenceRule& r = m.rule;
    r.pattern.kind = std::array<PatternKind, 3>{PatternKind::Daily, PatternKind::EveryWeekday,
                                                PatternKind::Weekly}[static_cast<size_t>(pick(0, 2))];
    r.pattern.frequency = r.pattern.kind == PatternKind::EveryWeekday ? 1 : pick(1, 4);
    r.pattern.days = r.pattern.kind == PatternKind::Weekly ? static_cast<WeekdayMask>(pick(1, 127)) : 0;
    // libical 3.0.16 places weekly INTERVAL>1 series by Sunday-based weeks
    // whatever WKST says (see the fixtures marked libical-disagrees): only
    // compare where that cannot matter.
    r.firstDayOfWeek = r.pattern.frequency > 1 && r.pattern.kind == PatternKind::Weekly
                           ? Weekday::Sunday
                           : static_cast<Weekday>(pick(0, 6));
    m.allDay = pick(0, 9) == 0;
    m.eventDate = base + std::chrono::hours(24 * pick(0, 2500)) +
                  (m.allDay ? std::chrono::minutes(0) : std::chrono::minutes(15 * pick(0, 95)));
    m.endDate = m.eventDate + std::chrono::hours(24 * pick(0, 900)) + std::chrono::minutes(15 * pick(0, 95));
    switch (pick(0, 2)) {
      case 0: r.range = RangeKind::Forever; break;
      case 1: r.range = RangeKind::Count; r.instances = pick(1, 80); break;
      default: r.range = RangeKind::Until; r.windowEnd = m.eventDate + std::chrono::hours(pick(0, 24 * 300)); break;
    }
    ExpansionWindow w;
    w.timeZone = kZones[pick(0, 4)];
    w.start = m.eventDate + std::chrono::hours(pick(-24 * 30, 24 * 400));
    w.end = w.start + std::chrono::hours(pick(1, 24 * 60));
    const auto fast = expandSeries(m, {}, w);
    w.forceLibical = true;
    const auto slow = expandSeries(m, {}, w);
    ASSERT_TRUE(fast.ok() && slow.ok()) << fast.error() << slow.error();
    EXPECT_EQ(fast.value(), slow.value()) << "case " << i << ": " << writeRecurrenceData(r) << " start "
                                          << formatUtcTime(m.eventDate) << " window " << formatUtcTime(w.start)
                                          << " + " << (w.end - w.start).count() << "s in " << w.timeZone;
    nonEmpty += !fast.value().empty();
  }
  EXPECT_GT(nonEmpty, 150) << "the random windows should mostly hit occurrences";
}

// The closed-form monthly and yearly expansion against libical on random
// series: day N (clamped past the month's end), first..fourth/last of a day
// set or pseudo-day, every 1-4 months or 1-3 years, all three ranges, five
// zones, all-day, windows far from the start and around DST switches.
TEST(RecurrenceCrossCheck, MonthAndYearArithmeticMatchesLibicalOnRandomSeries) {
  std::mt19937 rng(20261205);
  auto pick = [&rng](int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng); };
  const char* const kZones[] = {"UTC", "Europe/Berlin", "America/New_York", "Australia/Sydney", "Asia/Kolkata"};
  const UtcTime base = at("2020-01-01T00:00:00Z");
  int nonEmpty = 0;
  for (int i = 0; i < 400; ++i) {
    SeriesMaster m;
    m.id = i + 1;
    RecurrenceRule& r = m.rule;
    r.pattern.kind = std::array<PatternKind, 4>{PatternKind::Monthly, PatternKind::MonthlyByDay, PatternKind::Yearly,
                                                PatternKind::YearlyByDay}[static_cast<size_t>(pick(0, 3))];
    const bool yearly = r.pattern.kind == PatternKind::Yearly || r.pattern.kind == PatternKind::YearlyByDay;
    r.pattern.frequency = yearly ? pick(1, 3) : pick(1, 4);
    r.pattern.month = yearly ? pick(1, 12) : 0;
    if (r.pattern.kind == PatternKind::Monthly || r.pattern.kind == PatternKind::Yearly) {
      r.pattern.dayOfMonth = pick(1, 31);
      if (r.pattern.kind == PatternKind::Yearly)
        r.pattern.dayOfMonth = std::min(r.pattern.dayOfMonth, daysInMonth(2024, r.pattern.month));
    } else {
      r.pattern.weekOfMonth = static_cast<WeekOfMonth>(pick(0, 4));
      r.pattern.selector = static_cast<DaySelector>(pick(0, 3));
      r.pattern.days = r.pattern.selector == DaySelector::Days ? weekdayBit(static_cast<Weekday>(pick(0, 6))) : 0;
    }
    r.firstDayOfWeek = static_cast<Weekday>(pick(0, 6));
    m.allDay = pick(0, 9) == 0;
    m.eventDate = base + std::chrono::hours(24 * pick(0, 2500)) +
                  (m.allDay ? std::chrono::minutes(0) : std::chrono::minutes(15 * pick(0, 95)));
    m.endDate = m.eventDate + std::chrono::hours(24 * pick(0, 900)) + std::chrono::minutes(15 * pick(0, 95));
    switch (pick(0, 2)) {
      case 0: r.range = RangeKind::Forever; break;
      case 1: r.range = RangeKind::Count; r.instances = pick(1, 40); break;
      default: r.range = RangeKind::Until; r.windowEnd = m.eventDate + std::chrono::hours(pick(0, 24 * 1500)); break;
    }
    ASSERT_EQ(validateRecurrenceRule(r), "") << writeRecurrenceData(r);
    ExpansionWindow w;
    w.timeZone = kZones[pick(0, 4)];
    w.start = m.eventDate + std::chrono::hours(pick(-24 * 60, 24 * 1500));
    w.end = w.start + std::chrono::hours(pick(24, 24 * 800));
    const auto fast = expandSeries(m, {}, w);
    w.forceLibical = true;
    const auto slow = expandSeries(m, {}, w);
    ASSERT_TRUE(fast.ok() && slow.ok()) << fast.error() << slow.error();
    EXPECT_EQ(fast.value(), slow.value()) << "case " << i << ": " << writeRecurrenceData(r) << " start "
                                          << formatUtcTime(m.eventDate) << " window " << formatUtcTime(w.start)
                                          << " + " << (w.end - w.start).count() << "s in " << w.timeZone;
    nonEmpty += !fast.value().empty();
  }
  EXPECT_GT(nonEmpty, 150) << "the random windows should mostly hit occurrences";
}

// ---- parsing ----------------------------------------------------------------

struct ParseCase {
  const char* xml;
  PatternKind kind;
  int frequency;
  WeekdayMask days;
  DaySelector selector;
  WeekOfMonth weekOfMonth;
  int dayOfMonth;
  int month;
  RangeKind range;
};

void PrintTo(const ParseCase& c, std::ostream* os) { *os << c.xml; }

class RecurrenceParse : public ::testing::TestWithParam<ParseCase> {};

TEST_P(RecurrenceParse, ReadsThePattern) {
  const ParseCase& c = GetParam();
  const auto r = parseRecurrenceData(c.xml);
  ASSERT_TRUE(r.ok()) << r.error();
  const RecurrencePattern& p = r.value().pattern;
  EXPECT_EQ(p.kind, c.kind);
  EXPECT_EQ(p.frequency, c.frequency);
  EXPECT_EQ(p.days, c.days);
  EXPECT_EQ(p.selector, c.selector);
  EXPECT_EQ(p.weekOfMonth, c.weekOfMonth);
  EXPECT_EQ(p.dayOfMonth, c.dayOfMonth);
  EXPECT_EQ(p.month, c.month);
  EXPECT_EQ(r.value().range, c.range);
}

constexpr WeekdayMask kMo = weekdayBit(Weekday::Monday), kTu = weekdayBit(Weekday::Tuesday),
                      kWe = weekdayBit(Weekday::Wednesday), kFr = weekdayBit(Weekday::Friday),
                      kSu = weekdayBit(Weekday::Sunday);
constexpr auto D = DaySelector::Days;
constexpr auto F = WeekOfMonth::First;

// The real-world samples of shared/sharepoint-rest.md §5.2.
const ParseCase kSharePointSamples[] = {
        ParseCase{"<recurrence><rule><firstDayOfWeek>su</firstDayOfWeek><repeat><daily dayFrequency='1'/></repeat>"
                  "<windowEnd>2016-01-02T13:00:00Z</windowEnd></rule></recurrence>",
                  PatternKind::Daily, 1, 0, D, F, 0, 0, RangeKind::Until},
        ParseCase{"<recurrence><rule><firstDayOfWeek>su</firstDayOfWeek><repeat><daily weekday='TRUE' /></repeat>"
                  "<repeatForever>FALSE</repeatForever></rule></recurrence>",
                  PatternKind::EveryWeekday, 1, 0, D, F, 0, 0, RangeKind::Forever},
        ParseCase{"<recurrence><rule><firstDayOfWeek>su</firstDayOfWeek><repeat><daily dayFrequency='3' /></repeat>"
                  "<repeatInstances>10</repeatInstances></rule></recurrence>",
                  PatternKind::Daily, 3, 0, D, F, 0, 0, RangeKind::Count},
        ParseCase{"<recurrence><rule><firstDayOfWeek>su</firstDayOfWeek><repeat><weekly fr='TRUE' weekFrequency='2' />"
                  "</repeat><repeatForever>FALSE</repeatForever></rule></recurrence>",
                  PatternKind::Weekly, 2, kFr, D, F, 0, 0, RangeKind::Forever},
        ParseCase{"<recurrence><rule><firstDayOfWeek>su</firstDayOfWeek><repeat><weekly mo='TRUE' we='TRUE' fr='TRUE' "
                  "weekFrequency='1' /></repeat><repeatForever>FALSE</repeatForever></rule></recurrence>",
                  PatternKind::Weekly, 1, static_cast<WeekdayMask>(kMo | kWe | kFr), D, F, 0, 0, RangeKind::Forever},
        ParseCase{"<recurrence><rule><firstDayOfWeek>su</firstDayOfWeek><repeat><monthly monthFrequency=\"1\" "
                  "day=\"16\" /></repeat><repeatForever>FALSE</repeatForever></rule></recurrence>",
                  PatternKind::Monthly, 1, 0, D, F, 16, 0, RangeKind::Forever},
        ParseCase{"<recurrence><rule><firstDayOfWeek>su</firstDayOfWeek><repeat><monthlyByDay we=\"TRUE\" "
                  "weekdayOfMonth=\"first\" monthFrequency=\"1\" /></repeat><repeatForever>FALSE</repeatForever>"
                  "</rule></recurrence>",
                  PatternKind::MonthlyByDay, 1, kWe, D, F, 0, 0, RangeKind::Forever},
        ParseCase{"<recurrence><rule><firstDayOfWeek>su</firstDayOfWeek><repeat><monthlyByDay weekend_day='TRUE' "
                  "weekdayOfMonth='last' monthFrequency='2' /></repeat><repeatInstances>5</repeatInstances></rule>"
                  "</recurrence>",
                  PatternKind::MonthlyByDay, 2, 0, DaySelector::WeekendDay, WeekOfMonth::Last, 0, 0, RangeKind::Count},
        ParseCase{"<recurrence><rule><firstDayOfWeek>su</firstDayOfWeek><repeat><yearly yearFrequency='1' month='4' "
                  "day='26' /></repeat><repeatForever>FALSE</repeatForever></rule></recurrence>",
                  PatternKind::Yearly, 1, 0, D, F, 26, 4, RangeKind::Forever},
        ParseCase{"<recurrence><rule><firstDayOfWeek>su</firstDayOfWeek><repeat><yearlyByDay yearFrequency='1' "
                  "tu='TRUE' weekdayOfMonth='first' month='4' /></repeat><repeatInstances>10</repeatInstances>"
                  "</rule></recurrence>",
                  PatternKind::YearlyByDay, 1, kTu, D, F, 0, 4, RangeKind::Count},
        // HTML-entity-encoded, as some REST paths return it.
        ParseCase{"&lt;recurrence&gt;&lt;rule&gt;&lt;firstDayOfWeek&gt;su&lt;/firstDayOfWeek&gt;&lt;repeat&gt;"
                  "&lt;monthlyByDay day=&quot;TRUE&quot; weekdayOfMonth=&quot;third&quot; monthFrequency=&quot;3"
                  "&quot;/&gt;&lt;/repeat&gt;&lt;repeatForever&gt;FALSE&lt;/repeatForever&gt;&lt;/rule&gt;"
                  "&lt;/recurrence&gt;",
                  PatternKind::MonthlyByDay, 3, 0, DaySelector::AnyDay, WeekOfMonth::Third, 0, 0, RangeKind::Forever},
        // Lower-case true, whitespace between elements, no range element (read as forever).
        ParseCase{"<recurrence>\n  <rule>\n    <firstDayOfWeek>mo</firstDayOfWeek>\n    <repeat><yearlyByDay "
                  "yearFrequency=\"1\" month=\"3\" weekdayOfMonth=\"last\" su=\"true\"/></repeat>\n  </rule>\n"
                  "</recurrence>",
                  PatternKind::YearlyByDay, 1, kSu, D, WeekOfMonth::Last, 0, 3, RangeKind::Forever}};

INSTANTIATE_TEST_SUITE_P(SharePointSamples, RecurrenceParse, ::testing::ValuesIn(kSharePointSamples));

TEST(RecurrenceParse, ReadsRangeValuesAndFirstDayOfWeek) {
  const auto until = parseRecurrenceData(
      "<recurrence><rule><firstDayOfWeek>th</firstDayOfWeek><repeat><daily dayFrequency='1'/></repeat>"
      "<windowEnd>2026-12-31T00:00:00Z</windowEnd></rule></recurrence>");
  ASSERT_TRUE(until.ok()) << until.error();
  EXPECT_EQ(until.value().firstDayOfWeek, Weekday::Thursday);
  EXPECT_EQ(formatUtcTime(until.value().windowEnd), "2026-12-31T00:00:00Z");
  const auto count = parseRecurrenceData(
      "<recurrence><rule><firstDayOfWeek>su</firstDayOfWeek><repeat><daily dayFrequency='1'/></repeat>"
      "<repeatInstances> 12 </repeatInstances></rule></recurrence>");
  ASSERT_TRUE(count.ok()) << count.error();
  EXPECT_EQ(count.value().instances, 12);
}

struct BadCase {
  const char* xml;
  const char* message;  // substring of the error
};

void PrintTo(const BadCase& c, std::ostream* os) { *os << c.xml; }

class RecurrenceParseError : public ::testing::TestWithParam<BadCase> {};

TEST_P(RecurrenceParseError, IsRejectedWithAClearMessage) {
  const auto r = parseRecurrenceData(GetParam().xml);
  ASSERT_FALSE(r.ok()) << "accepted: " << GetParam().xml;
  EXPECT_NE(r.error().find(GetParam().message), std::string::npos) << r.error();
  EXPECT_EQ(r.error().rfind("RecurrenceData: ", 0), 0u) << r.error();
}

#define RULE(body) "<recurrence><rule><firstDayOfWeek>su</firstDayOfWeek>" body "</rule></recurrence>"
INSTANTIATE_TEST_SUITE_P(
    Malformed, RecurrenceParseError,
    ::testing::Values(
        BadCase{"", "empty"}, BadCase{"Every 1 week(s) on: Wednesday", "not XML"},
        BadCase{"<recurrence><rule><repeat><daily dayFrequency='1'/></repeat></rule>", "malformed XML"},
        BadCase{"<recurrence><rule><repeat><daily dayFrequency='1'></repeat></rule></recurrence>", "malformed XML"},
        BadCase{"<rule><repeat><daily/></repeat></rule>", "missing <recurrence><rule>"},
        BadCase{RULE("<repeatForever>FALSE</repeatForever>"), "missing <repeat>"},
        BadCase{RULE("<repeat></repeat>"), "holds no pattern"},
        BadCase{RULE("<repeat><hourly/></repeat>"), "unknown repeat pattern <hourly>"},
        BadCase{RULE("<repeat><daily/><weekly mo='TRUE'/></repeat>"), "more than one pattern"},
        BadCase{RULE("<repeat><daily dayFrequency='0'/></repeat>"), "dayFrequency=\"0\""},
        BadCase{RULE("<repeat><daily dayFrequency='x'/></repeat>"), "dayFrequency=\"x\""},
        BadCase{RULE("<repeat><weekly weekFrequency='1'/></repeat>"), "<weekly> has no day flag"},
        BadCase{RULE("<repeat><monthly monthFrequency='1'/></repeat>"), "<monthly> needs attribute day"},
        BadCase{RULE("<repeat><monthly day='32'/></repeat>"), "day=\"32\""},
        BadCase{RULE("<repeat><monthlyByDay mo='TRUE'/></repeat>"), "needs attribute weekdayOfMonth"},
        BadCase{RULE("<repeat><monthlyByDay weekdayOfMonth='fifth' mo='TRUE'/></repeat>"), "weekdayOfMonth=\"fifth\""},
        BadCase{RULE("<repeat><monthlyByDay weekdayOfMonth='first'/></repeat>"), "exactly one of"},
        BadCase{RULE("<repeat><monthlyByDay weekdayOfMonth='first' weekday='TRUE' mo='TRUE'/></repeat>"),
                "exactly one of"},
        BadCase{RULE("<repeat><yearly month='13' day='1'/></repeat>"), "month=\"13\""},
        BadCase{RULE("<repeat><yearly month='4' day='31'/></repeat>"), "does not exist in month 4"},
        BadCase{RULE("<repeat><yearlyByDay weekdayOfMonth='last' su='TRUE'/></repeat>"), "needs attribute month"},
        BadCase{RULE("<repeat><daily/></repeat><windowEnd>next tuesday</windowEnd>"), "<windowEnd>"},
        BadCase{RULE("<repeat><daily/></repeat><repeatInstances>0</repeatInstances>"), "<repeatInstances>"},
        BadCase{RULE("<repeat><daily/></repeat><repeatInstances>5</repeatInstances><repeatForever>FALSE"
                     "</repeatForever>"),
                "more than one of"},
        BadCase{"<recurrence><rule><firstDayOfWeek>xx</firstDayOfWeek><repeat><daily/></repeat></rule></recurrence>",
                "<firstDayOfWeek> \"xx\""}));

// ---- writing ----------------------------------------------------------------

class RecurrenceRoundTrip : public ::testing::TestWithParam<ParseCase> {};

TEST_P(RecurrenceRoundTrip, WriteThenParseGivesTheSameRule) {
  const auto parsed = parseRecurrenceData(GetParam().xml);
  ASSERT_TRUE(parsed.ok()) << parsed.error();
  const std::string written = writeRecurrenceData(parsed.value());
  const auto reparsed = parseRecurrenceData(written);
  ASSERT_TRUE(reparsed.ok()) << reparsed.error() << "\n" << written;
  EXPECT_TRUE(reparsed.value() == parsed.value()) << written;
  EXPECT_EQ(writeRecurrenceData(reparsed.value()), written) << "writing is not a fixpoint";
}

INSTANTIATE_TEST_SUITE_P(SharePointSamples, RecurrenceRoundTrip, ::testing::ValuesIn(kSharePointSamples));

TEST(RecurrenceWrite, MatchesSharePointsOwnForm) {
  RecurrenceRule rule;
  rule.pattern.kind = PatternKind::Weekly;
  rule.pattern.days = static_cast<WeekdayMask>(kMo | kWe);
  rule.pattern.frequency = 2;
  rule.range = RangeKind::Until;
  rule.windowEnd = at("2026-12-31T00:00:00Z");
  EXPECT_EQ(writeRecurrenceData(rule),
            "<recurrence><rule><firstDayOfWeek>su</firstDayOfWeek><repeat><weekly mo=\"TRUE\" we=\"TRUE\" "
            "weekFrequency=\"2\"/></repeat><windowEnd>2026-12-31T00:00:00Z</windowEnd></rule></recurrence>");

  RecurrenceRule byDay;
  byDay.firstDayOfWeek = Weekday::Monday;
  byDay.pattern.kind = PatternKind::YearlyByDay;
  byDay.pattern.month = 3;
  byDay.pattern.selector = DaySelector::Weekday;
  byDay.pattern.weekOfMonth = WeekOfMonth::Last;
  byDay.range = RangeKind::Count;
  byDay.instances = 4;
  EXPECT_EQ(writeRecurrenceData(byDay),
            "<recurrence><rule><firstDayOfWeek>mo</firstDayOfWeek><repeat><yearlyByDay yearFrequency=\"1\" "
            "month=\"3\" weekday=\"TRUE\" weekdayOfMonth=\"last\"/></repeat><repeatInstances>4</repeatInstances>"
            "</rule></recurrence>");
}

TEST(RecurrenceWrite, EditorBuiltRulesRoundTrip) {
  // Every pattern kind x selector x range the editor can produce.
  std::vector<RecurrenceRule> rules;
  for (PatternKind kind : {PatternKind::Daily, PatternKind::EveryWeekday, PatternKind::Weekly, PatternKind::Monthly,
                           PatternKind::MonthlyByDay, PatternKind::Yearly, PatternKind::YearlyByDay})
    for (DaySelector sel : {DaySelector::Days, DaySelector::AnyDay, DaySelector::Weekday, DaySelector::WeekendDay})
      for (RangeKind range : {RangeKind::Forever, RangeKind::Until, RangeKind::Count}) {
        RecurrenceRule r;
        r.firstDayOfWeek = Weekday::Saturday;
        r.pattern.kind = kind;
        r.pattern.frequency = kind == PatternKind::EveryWeekday ? 1 : 3;
        const bool byDay = kind == PatternKind::MonthlyByDay || kind == PatternKind::YearlyByDay;
        if (!byDay && sel != DaySelector::Days) continue;
        r.pattern.selector = sel;
        if (kind == PatternKind::Weekly || (byDay && sel == DaySelector::Days))
          r.pattern.days = static_cast<WeekdayMask>(kSu | kTu | weekdayBit(Weekday::Saturday));
        if (byDay) r.pattern.weekOfMonth = WeekOfMonth::Fourth;
        if (kind == PatternKind::Monthly || kind == PatternKind::Yearly) r.pattern.dayOfMonth = 29;
        if (kind == PatternKind::Yearly || kind == PatternKind::YearlyByDay) r.pattern.month = 2;
        r.range = range;
        r.windowEnd = at("2027-06-30T08:00:00Z");
        r.instances = 7;
        rules.push_back(r);
      }
  ASSERT_EQ(rules.size(), 3u * (5 + 2 * 4));
  for (const auto& r : rules) {
    ASSERT_EQ(validateRecurrenceRule(r), "");
    const std::string xml = writeRecurrenceData(r);
    const auto back = parseRecurrenceData(xml);
    ASSERT_TRUE(back.ok()) << back.error() << "\n" << xml;
    EXPECT_TRUE(back.value() == r) << xml;
  }
}

TEST(RecurrenceWrite, ValidationRejectsImpossibleRules) {
  RecurrenceRule r;
  r.pattern.kind = PatternKind::Weekly;
  EXPECT_NE(validateRecurrenceRule(r), "") << "weekly without days";
  r.pattern.days = kMo;
  EXPECT_EQ(validateRecurrenceRule(r), "");
  r.pattern.frequency = 0;
  EXPECT_NE(validateRecurrenceRule(r), "");
  RecurrenceRule y;
  y.pattern.kind = PatternKind::Yearly;
  y.pattern.month = 2;
  y.pattern.dayOfMonth = 30;
  EXPECT_NE(validateRecurrenceRule(y), "");
  SeriesMaster m;
  m.rule = r;
  const auto result = expandSeries(m, {}, ExpansionWindow{});
  ASSERT_FALSE(result.ok());
  EXPECT_NE(result.error().find("invalid recurrence rule"), std::string::npos) << result.error();
}

// ---- RRULE mapping ------------------------------------------------------------

struct RRuleCase {
  const char* repeatAndRange;  // inside <rule> after firstDayOfWeek
  const char* firstDayOfWeek;
  const char* rrule;
};

void PrintTo(const RRuleCase& c, std::ostream* os) { *os << c.repeatAndRange; }

class RecurrenceRRule : public ::testing::TestWithParam<RRuleCase> {};

TEST_P(RecurrenceRRule, MapsToICalendar) {
  const RRuleCase& c = GetParam();
  const auto r = parseRecurrenceData(std::string("<recurrence><rule><firstDayOfWeek>") + c.firstDayOfWeek +
                                     "</firstDayOfWeek>" + c.repeatAndRange + "</rule></recurrence>");
  ASSERT_TRUE(r.ok()) << r.error();
  EXPECT_EQ(toICalRRule(r.value()), c.rrule);
}

INSTANTIATE_TEST_SUITE_P(
    Patterns, RecurrenceRRule,
    ::testing::Values(
        RRuleCase{"<repeat><daily dayFrequency='2'/></repeat>", "su", "FREQ=DAILY;INTERVAL=2"},
        RRuleCase{"<repeat><daily weekday='TRUE'/></repeat>", "su", "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR"},
        RRuleCase{"<repeat><weekly su='TRUE' sa='TRUE' weekFrequency='3'/></repeat>", "mo",
                  "FREQ=WEEKLY;INTERVAL=3;BYDAY=SA,SU;WKST=MO"},
        RRuleCase{"<repeat><monthly day='28'/></repeat><repeatInstances>3</repeatInstances>", "su",
                  "FREQ=MONTHLY;INTERVAL=1;BYMONTHDAY=28;COUNT=3"},
        RRuleCase{"<repeat><monthly day='30' monthFrequency='2'/></repeat>", "su",
                  "FREQ=MONTHLY;INTERVAL=2;BYMONTHDAY=28,29,30;BYSETPOS=-1"},
        RRuleCase{"<repeat><monthlyByDay weekdayOfMonth='second' fr='TRUE'/></repeat>", "su",
                  "FREQ=MONTHLY;INTERVAL=1;BYDAY=FR;BYSETPOS=2"},
        RRuleCase{"<repeat><monthlyByDay weekdayOfMonth='last' day='TRUE'/></repeat>", "su",
                  "FREQ=MONTHLY;INTERVAL=1;BYMONTHDAY=-1"},
        RRuleCase{"<repeat><monthlyByDay weekdayOfMonth='third' weekday='TRUE'/></repeat>", "su",
                  "FREQ=MONTHLY;INTERVAL=1;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=3"},
        RRuleCase{"<repeat><yearly month='4' day='30'/></repeat>", "su",
                  "FREQ=YEARLY;INTERVAL=1;BYMONTH=4;BYMONTHDAY=30"},
        RRuleCase{"<repeat><yearlyByDay month='11' weekdayOfMonth='fourth' th='TRUE'/></repeat>", "su",
                  "FREQ=YEARLY;INTERVAL=1;BYMONTH=11;BYDAY=TH;BYSETPOS=4"}));

// ---- durations and times -------------------------------------------------------

TEST(RecurrenceDuration, ComesFromLocalTimesOfDay) {
  SeriesMaster m;
  m.eventDate = at("2026-01-05T08:00:00Z");  // 09:00 CET
  m.endDate = at("2026-07-27T07:30:00Z");    // 09:30 CEST: 30 min locally, -30 min in UTC
  auto d = occurrenceDuration(m, "Europe/Berlin");
  ASSERT_TRUE(d.ok()) << d.error();
  EXPECT_EQ(d.value().count(), 1800);
  d = occurrenceDuration(m, "UTC");
  ASSERT_TRUE(d.ok());
  EXPECT_EQ(d.value().count(), 86400 - 1800) << "in UTC the end time of day is before the start: next day";
  m.duration = std::chrono::seconds(600);
  EXPECT_EQ(occurrenceDuration(m, "Europe/Berlin").value().count(), 600);
  EXPECT_FALSE(occurrenceDuration(SeriesMaster{}, "Nowhere/Special").ok());
}

TEST(RecurrenceExpand, RejectsABackwardsWindow) {
  SeriesMaster m;
  m.rule.pattern.kind = PatternKind::Daily;
  ExpansionWindow w;
  w.start = at("2026-02-01T00:00:00Z");
  w.end = at("2026-01-01T00:00:00Z");
  EXPECT_FALSE(expandSeries(m, {}, w).ok());
}

struct TimeCase {
  const char* text;
  const char* utc;  // nullptr = rejected
};

void PrintTo(const TimeCase& c, std::ostream* os) { *os << c.text; }

class RecurrenceTime : public ::testing::TestWithParam<TimeCase> {};

TEST_P(RecurrenceTime, ParsesWireFormats) {
  const auto t = parseUtcTime(GetParam().text);
  if (!GetParam().utc) {
    EXPECT_FALSE(t.has_value()) << GetParam().text;
    return;
  }
  ASSERT_TRUE(t.has_value()) << GetParam().text;
  EXPECT_EQ(formatUtcTime(*t), GetParam().utc);
}

INSTANTIATE_TEST_SUITE_P(
    Formats, RecurrenceTime,
    ::testing::Values(TimeCase{"2013-09-03T17:49:26Z", "2013-09-03T17:49:26Z"},
                      TimeCase{"2024-01-05T09:00:00.000Z", "2024-01-05T09:00:00Z"},
                      TimeCase{"2024-01-05T09:00:00", "2024-01-05T09:00:00Z"},
                      TimeCase{"2024-01-05T09:00:00+01:00", "2024-01-05T08:00:00Z"},
                      TimeCase{"2024-01-01T01:00:00+02:30", "2023-12-31T22:30:00Z"},
                      TimeCase{"2024-02-29T00:00:00Z", "2024-02-29T00:00:00Z"},
                      TimeCase{"1969-12-31T23:59:59Z", "1969-12-31T23:59:59Z"},
                      TimeCase{"2023-02-29T00:00:00Z", nullptr}, TimeCase{"2024-13-01T00:00:00Z", nullptr},
                      TimeCase{"2024-01-01T24:00:00Z", nullptr}, TimeCase{"2024-01-01", nullptr},
                      TimeCase{"2024-01-01T00:00:00Zjunk", nullptr}, TimeCase{"2024-01-01T00:00:00.Z", nullptr}));

}  // namespace
}  // namespace deskpane::sync
