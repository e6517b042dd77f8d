#pragma once
// SharePoint's RecurrenceData XML (the Events list's recurrence rule) as a
// structured value: parse what the server sends, write what the calendar
// editor creates. Vocabulary: MS-OUTSPS RecurrenceRule, shared/sharepoint-rest.md §5.2.
#include "sync/recurrence_time.h"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

namespace deskpane::sync {

// A value or a message for the user/log; keeps parse errors out of exceptions.
template <class T>
class RecurrenceResult {
 public:
  RecurrenceResult(T value) : value_(std::move(value)) {}  // NOLINT: implicit like std::expected
  static RecurrenceResult failure(std::string message) { return RecurrenceResult(std::move(message), 0); }

  bool ok() const { return value_.has_value(); }
  explicit operator bool() const { return ok(); }
  const T& value() const { return *value_; }
  T& value() { return *value_; }
  const std::string& error() const { return error_; }

 private:
  RecurrenceResult(std::string message, int) : error_(std::move(message)) {}
  std::optional<T> value_;
  std::string error_;
};

enum class Weekday : std::uint8_t { Sunday, Monday, Tuesday, Wednesday, Thursday, Friday, Saturday };

// Bit (1 << Weekday) per day; the XML's su/mo/tu/we/th/fr/sa="TRUE" flags.
using WeekdayMask = std::uint8_t;
constexpr WeekdayMask weekdayBit(Weekday d) { return static_cast<WeekdayMask>(1u << static_cast<unsigned>(d)); }
inline constexpr WeekdayMask kMondayToFriday = 0x3E;
inline constexpr WeekdayMask kWeekend = 0x41;

enum class PatternKind {
  Daily,         // <daily dayFrequency="N"/>
  EveryWeekday,  // <daily weekday="TRUE"/>
  Weekly,        // <weekly mo="TRUE" weekFrequency="N"/>
  Monthly,       // <monthly monthFrequency="N" day="D"/>
  MonthlyByDay,  // <monthlyByDay weekdayOfMonth="first" we="TRUE" monthFrequency="N"/>
  Yearly,        // <yearly yearFrequency="N" month="M" day="D"/>
  YearlyByDay,   // <yearlyByDay yearFrequency="N" month="M" weekdayOfMonth="last" su="TRUE"/>
};

enum class WeekOfMonth { First, Second, Third, Fourth, Last };

// What a *ByDay pattern's weekdayOfMonth counts: explicit days (the mask),
// or SharePoint's pseudo-days day / weekday / weekend_day.
enum class DaySelector { Days, AnyDay, Weekday, WeekendDay };

struct RecurrencePattern {
  PatternKind kind = PatternKind::Daily;
  int frequency = 1;           // dayFrequency / weekFrequency / monthFrequency / yearFrequency
  WeekdayMask days = 0;        // Weekly; *ByDay with DaySelector::Days
  DaySelector selector = DaySelector::Days;
  WeekOfMonth weekOfMonth = WeekOfMonth::First;  // *ByDay
  int dayOfMonth = 0;          // Monthly, Yearly (1..31)
  int month = 0;               // Yearly, YearlyByDay (1..12)

  friend bool operator==(const RecurrencePattern& a, const RecurrencePattern& b) {
    return a.kind == b.kind && a.frequency == b.frequency && a.days == b.days && a.selector == b.selector &&
           a.weekOfMonth == b.weekOfMonth && a.dayOfMonth == b.dayOfMonth && a.month == b.month;
  }
};

enum class RangeKind { Forever, Until, Count };

struct RecurrenceRule {
  Weekday firstDayOfWeek = Weekday::Sunday;
  RecurrencePattern pattern;
  RangeKind range = RangeKind::Forever;
  UtcTime windowEnd{};  // RangeKind::Until: inclusive, an instant (see recurrence.h)
  int instances = 0;    // RangeKind::Count

  friend bool operator==(const RecurrenceRule& a, const RecurrenceRule& b) {
    return a.firstDayOfWeek == b.firstDayOfWeek && a.pattern == b.pattern && a.range == b.range &&
           (a.range != RangeKind::Until || a.windowEnd == b.windowEnd) &&
           (a.range != RangeKind::Count || a.instances == b.instances);
  }
  friend bool operator!=(const RecurrenceRule& a, const RecurrenceRule& b) { return !(a == b); }
};

// Parses RecurrenceData. Accepts ' or " quotes, TRUE/true flags, and the
// HTML-entity-encoded form some REST paths return ("&lt;recurrence&gt;...").
// A rule without a range element is read as repeatForever (lenient: the
// schema requires one, but a series with no end is the safe rendering).
// Errors name the offending element/attribute, e.g.
// "RecurrenceData: <weekly> has no day flag (su..sa=\"TRUE\")".
RecurrenceResult<RecurrenceRule> parseRecurrenceData(std::string_view xml);

// Writes RecurrenceData the way SharePoint's own forms do (double quotes, no
// XML declaration). The rule must be valid (validateRecurrenceRule).
std::string writeRecurrenceData(const RecurrenceRule& rule);

// Empty when the rule is expressible; else the reason (frequency < 1, day 0,
// month 13, weekly without days, ...). parseRecurrenceData only returns valid rules.
std::string validateRecurrenceRule(const RecurrenceRule& rule);

}  // namespace deskpane::sync
