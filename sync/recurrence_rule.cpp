#include "sync/recurrence_rule.h"

#include <boost/property_tree/ptree.hpp>
#include <boost/property_tree/xml_parser.hpp>

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>
#include <sstream>

namespace deskpane::sync {

namespace pt = boost::property_tree;

namespace {

constexpr std::array<const char*, 7> kDayKeys{"su", "mo", "tu", "we", "th", "fr", "sa"};
constexpr std::array<const char*, 5> kWeekOfMonthKeys{"first", "second", "third", "fourth", "last"};

struct PatternName {
  PatternKind kind;
  const char* element;
};
constexpr std::array<PatternName, 6> kPatternElements{{{PatternKind::Daily, "daily"},
                                                       {PatternKind::Weekly, "weekly"},
                                                       {PatternKind::Monthly, "monthly"},
                                                       {PatternKind::MonthlyByDay, "monthlyByDay"},
                                                       {PatternKind::Yearly, "yearly"},
                                                       {PatternKind::YearlyByDay, "yearlyByDay"}}};

using Failure = RecurrenceResult<RecurrenceRule>;
Failure fail(const std::string& what) { return Failure::failure("RecurrenceData: " + what); }

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

std::string trimmed(const std::string& s) {
  const auto b = s.find_first_not_of(" \t\r\n");
  if (b == std::string::npos) return {};
  return s.substr(b, s.find_last_not_of(" \t\r\n") - b + 1);
}

// Some REST paths hand the XML back HTML-encoded; decode once, &amp; last so
// "&amp;lt;" stays a literal "&lt;".
std::string decodeEntitiesIfEncoded(std::string_view in) {
  std::string s(in);
  if (s.find('<') != std::string::npos || s.find("&lt;") == std::string::npos) return s;
  const std::array<std::pair<const char*, const char*>, 5> kEntities{
      {{"&lt;", "<"}, {"&gt;", ">"}, {"&quot;", "\""}, {"&apos;", "'"}, {"&amp;", "&"}}};
  for (const auto& [from, to] : kEntities) {
    const std::string f(from);
    for (size_t pos = s.find(f); pos != std::string::npos; pos = s.find(f, pos + 1)) s.replace(pos, f.size(), to);
  }
  return s;
}

std::optional<int> parseInt(const std::string& text) {
  const std::string t = trimmed(text);
  int v = 0;
  const auto [end, ec] = std::from_chars(t.data(), t.data() + t.size(), v);
  if (t.empty() || ec != std::errc() || end != t.data() + t.size()) return std::nullopt;
  return v;
}

bool isTrue(const std::string& v) { return lower(trimmed(v)) == "true"; }

// Reads an integer attribute within [lo, hi]; `fallback` when absent.
std::optional<std::string> readIntAttr(const pt::ptree& attrs, const char* element, const char* name, int lo, int hi,
                                       std::optional<int> fallback, int& out) {
  const auto v = attrs.get_optional<std::string>(name);
  if (!v) {
    if (!fallback) return std::string("<") + element + "> needs attribute " + name;
    out = *fallback;
    return std::nullopt;
  }
  const auto n = parseInt(*v);
  if (!n || *n < lo || *n > hi)
    return std::string("<") + element + "> attribute " + name + "=\"" + *v + "\" is not a number in " +
           std::to_string(lo) + ".." + std::to_string(hi);
  out = *n;
  return std::nullopt;
}

WeekdayMask readDayFlags(const pt::ptree& attrs) {
  WeekdayMask mask = 0;
  for (size_t i = 0; i < kDayKeys.size(); ++i)
    if (isTrue(attrs.get<std::string>(kDayKeys[i], ""))) mask |= weekdayBit(static_cast<Weekday>(i));
  return mask;
}

// weekdayOfMonth plus the day selector of monthlyByDay / yearlyByDay.
std::optional<std::string> readByDay(const pt::ptree& attrs, const char* element, RecurrencePattern& p) {
  const auto which = attrs.get_optional<std::string>("weekdayOfMonth");
  if (!which) return std::string("<") + element + "> needs attribute weekdayOfMonth";
  const auto it = std::find(kWeekOfMonthKeys.begin(), kWeekOfMonthKeys.end(), lower(trimmed(*which)));
  if (it == kWeekOfMonthKeys.end())
    return std::string("<") + element + "> weekdayOfMonth=\"" + *which + "\" is not first|second|third|fourth|last";
  p.weekOfMonth = static_cast<WeekOfMonth>(it - kWeekOfMonthKeys.begin());
  const bool anyDay = isTrue(attrs.get<std::string>("day", ""));
  const bool weekday = isTrue(attrs.get<std::string>("weekday", ""));
  const bool weekendDay = isTrue(attrs.get<std::string>("weekend_day", ""));
  p.days = readDayFlags(attrs);
  const int selectors = int(anyDay) + int(weekday) + int(weekendDay) + int(p.days != 0);
  if (selectors != 1)
    return std::string("<") + element +
           "> needs exactly one of day, weekday, weekend_day or su..sa day flags set to TRUE";
  p.selector = anyDay ? DaySelector::AnyDay
               : weekday ? DaySelector::Weekday
               : weekendDay ? DaySelector::WeekendDay
                            : DaySelector::Days;
  return std::nullopt;
}

std::optional<std::string> readPattern(const std::string& element, const pt::ptree& node, RecurrencePattern& p) {
  static const pt::ptree kNoAttrs;
  const auto attrsOpt = node.get_child_optional("<xmlattr>");
  const pt::ptree& attrs = attrsOpt ? *attrsOpt : kNoAttrs;
  const char* el = element.c_str();
  std::optional<std::string> err;
  switch (p.kind) {
    case PatternKind::Daily:
    case PatternKind::EveryWeekday:
      if (isTrue(attrs.get<std::string>("weekday", ""))) {
        p.kind = PatternKind::EveryWeekday;
        return std::nullopt;
      }
      return readIntAttr(attrs, el, "dayFrequency", 1, 999, 1, p.frequency);
    case PatternKind::Weekly:
      if ((err = readIntAttr(attrs, el, "weekFrequency", 1, 999, 1, p.frequency))) return err;
      p.days = readDayFlags(attrs);
      if (p.days == 0) return std::string("<weekly> has no day flag (su..sa=\"TRUE\")");
      return std::nullopt;
    case PatternKind::Monthly:
      if ((err = readIntAttr(attrs, el, "monthFrequency", 1, 999, 1, p.frequency))) return err;
      return readIntAttr(attrs, el, "day", 1, 31, std::nullopt, p.dayOfMonth);
    case PatternKind::MonthlyByDay:
      if ((err = readIntAttr(attrs, el, "monthFrequency", 1, 999, 1, p.frequency))) return err;
      return readByDay(attrs, el, p);
    case PatternKind::Yearly:
      if ((err = readIntAttr(attrs, el, "yearFrequency", 1, 999, 1, p.frequency))) return err;
      if ((err = readIntAttr(attrs, el, "month", 1, 12, std::nullopt, p.month))) return err;
      if ((err = readIntAttr(attrs, el, "day", 1, 31, std::nullopt, p.dayOfMonth))) return err;
      if (p.dayOfMonth > daysInMonth(2000, p.month))  // 2000: a leap year, so Feb 29 is allowed
        return std::string("<yearly> day=\"") + std::to_string(p.dayOfMonth) + "\" does not exist in month " +
               std::to_string(p.month);
      return std::nullopt;
    case PatternKind::YearlyByDay:
      if ((err = readIntAttr(attrs, el, "yearFrequency", 1, 999, 1, p.frequency))) return err;
      if ((err = readIntAttr(attrs, el, "month", 1, 12, std::nullopt, p.month))) return err;
      return readByDay(attrs, el, p);
  }
  return std::string("unknown pattern");
}

bool isElement(const std::string& key) { return !key.empty() && key[0] != '<'; }

}  // namespace

RecurrenceResult<RecurrenceRule> parseRecurrenceData(std::string_view xmlText) {
  const std::string xml = decodeEntitiesIfEncoded(xmlText);
  if (trimmed(xml).empty()) return fail("empty");
  if (trimmed(xml)[0] != '<')
    return fail("not XML (legacy text rules such as \"Every 1 week(s) on: Wednesday\" are not supported)");
  pt::ptree tree;
  try {
    std::istringstream in(xml);
    pt::read_xml(in, tree, pt::xml_parser::trim_whitespace | pt::xml_parser::no_comments);
  } catch (const pt::xml_parser_error& e) {
    return fail("malformed XML: " + e.message() + " (line " + std::to_string(e.line()) + ")");
  }
  const auto rule = tree.get_child_optional("recurrence.rule");
  if (!rule) return fail("missing <recurrence><rule>");

  RecurrenceRule out;
  if (const auto fdow = rule->get_optional<std::string>("firstDayOfWeek")) {
    const auto it = std::find(kDayKeys.begin(), kDayKeys.end(), lower(trimmed(*fdow)));
    if (it == kDayKeys.end()) return fail("<firstDayOfWeek> \"" + *fdow + "\" is not su|mo|tu|we|th|fr|sa");
    out.firstDayOfWeek = static_cast<Weekday>(it - kDayKeys.begin());
  }

  const auto repeat = rule->get_child_optional("repeat");
  if (!repeat) return fail("missing <repeat>");
  int patterns = 0;
  for (const auto& [key, node] : *repeat) {
    if (!isElement(key)) continue;
    const auto it = std::find_if(kPatternElements.begin(), kPatternElements.end(),
                                 [&key = key](const PatternName& p) { return key == p.element; });
    if (it == kPatternElements.end()) return fail("unknown repeat pattern <" + key + ">");
    if (++patterns > 1) return fail("<repeat> holds more than one pattern");
    out.pattern.kind = it->kind;
    if (const auto err = readPattern(key, node, out.pattern)) return fail(*err);
  }
  if (patterns == 0) return fail("<repeat> holds no pattern");

  int ranges = 0;
  for (const auto& [key, node] : *rule) {
    if (key == "windowEnd") {
      const auto t = parseUtcTime(trimmed(node.data()));
      if (!t) return fail("<windowEnd> \"" + node.data() + "\" is not an ISO date-time");
      out.range = RangeKind::Until;
      out.windowEnd = *t;
    } else if (key == "repeatInstances") {
      const auto n = parseInt(node.data());
      if (!n || *n < 1 || *n > 999999) return fail("<repeatInstances> \"" + node.data() + "\" is not a count >= 1");
      out.range = RangeKind::Count;
      out.instances = *n;
    } else if (key == "repeatForever") {
      out.range = RangeKind::Forever;
    } else {
      continue;
    }
    if (++ranges > 1) return fail("more than one of <windowEnd>, <repeatInstances>, <repeatForever>");
  }
  return out;
}

std::string validateRecurrenceRule(const RecurrenceRule& r) {
  const RecurrencePattern& p = r.pattern;
  if (p.frequency < 1 || p.frequency > 999) return "frequency must be 1..999";
  if (p.days & 0x80) return "day mask has bits outside su..sa";
  const bool byDay = p.kind == PatternKind::MonthlyByDay || p.kind == PatternKind::YearlyByDay;
  if (p.kind == PatternKind::Weekly && p.days == 0) return "weekly pattern needs at least one day";
  if (byDay && p.selector == DaySelector::Days && p.days == 0) return "by-day pattern needs at least one day";
  if ((p.kind == PatternKind::Monthly || p.kind == PatternKind::Yearly) && (p.dayOfMonth < 1 || p.dayOfMonth > 31))
    return "day of month must be 1..31";
  if ((p.kind == PatternKind::Yearly || p.kind == PatternKind::YearlyByDay) && (p.month < 1 || p.month > 12))
    return "month must be 1..12";
  if (p.kind == PatternKind::Yearly && p.dayOfMonth > daysInMonth(2000, p.month))
    return "day of month does not exist in that month";
  if (r.range == RangeKind::Count && r.instances < 1) return "repeatInstances must be >= 1";
  return {};
}

std::string writeRecurrenceData(const RecurrenceRule& r) {
  const RecurrencePattern& p = r.pattern;
  std::string days;
  auto dayFlags = [&days](WeekdayMask mask) {
    for (size_t i = 0; i < kDayKeys.size(); ++i)
      if (mask & weekdayBit(static_cast<Weekday>(i))) days += std::string(" ") + kDayKeys[i] + "=\"TRUE\"";
  };
  auto attr = [](const char* name, int v) { return std::string(" ") + name + "=\"" + std::to_string(v) + "\""; };
  auto byDay = [&]() {
    std::string s;
    switch (p.selector) {
      case DaySelector::AnyDay: s = " day=\"TRUE\""; break;
      case DaySelector::Weekday: s = " weekday=\"TRUE\""; break;
      case DaySelector::WeekendDay: s = " weekend_day=\"TRUE\""; break;
      case DaySelector::Days: dayFlags(p.days); s = days; break;
    }
    return s + " weekdayOfMonth=\"" + kWeekOfMonthKeys[static_cast<size_t>(p.weekOfMonth)] + "\"";
  };

  std::string pattern;
  switch (p.kind) {
    case PatternKind::Daily: pattern = "<daily" + attr("dayFrequency", p.frequency) + "/>"; break;
    case PatternKind::EveryWeekday: pattern = "<daily weekday=\"TRUE\"/>"; break;
    case PatternKind::Weekly:
      dayFlags(p.days);
      pattern = "<weekly" + days + attr("weekFrequency", p.frequency) + "/>";
      break;
    case PatternKind::Monthly:
      pattern = "<monthly" + attr("monthFrequency", p.frequency) + attr("day", p.dayOfMonth) + "/>";
      break;
    case PatternKind::MonthlyByDay:
      pattern = "<monthlyByDay" + byDay() + attr("monthFrequency", p.frequency) + "/>";
      break;
    case PatternKind::Yearly:
      pattern = "<yearly" + attr("yearFrequency", p.frequency) + attr("month", p.month) + attr("day", p.dayOfMonth) +
                "/>";
      break;
    case PatternKind::YearlyByDay:
      pattern = "<yearlyByDay" + attr("yearFrequency", p.frequency) + attr("month", p.month) + byDay() + "/>";
      break;
  }
  std::string range;
  switch (r.range) {
    case RangeKind::Forever: range = "<repeatForever>FALSE</repeatForever>"; break;
    case RangeKind::Until: range = "<windowEnd>" + formatUtcTime(r.windowEnd) + "</windowEnd>"; break;
    case RangeKind::Count: range = "<repeatInstances>" + std::to_string(r.instances) + "</repeatInstances>"; break;
  }
  return std::string("<recurrence><rule><firstDayOfWeek>") + kDayKeys[static_cast<size_t>(r.firstDayOfWeek)] +
         "</firstDayOfWeek><repeat>" + pattern + "</repeat>" + range + "</rule></recurrence>";
}

}  // namespace deskpane::sync
