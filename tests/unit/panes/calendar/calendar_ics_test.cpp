// `deskpane --export-ics` and `--agenda`: each expansion fixture's items are
// exported, the text is read back with libical (as another calendar program
// would) and expanded there - RRULE, EXDATE, RECURRENCE-ID overrides,
// VTIMEZONE - and must give the occurrences the model shows. Agenda lines are
// checked against a table.
#include "overlay/calendar/calendar_ics.h"
#include "tests/unit/panes/calendar/fixture_loader.h"

#include <gtest/gtest.h>
#include <libical/ical.h>

#include <memory>
#include <set>

namespace deskpane::overlay::calendar {
namespace {

using namespace deskpane::overlay::calendar::fixtures;

struct ComponentDeleter {
  void operator()(icalcomponent* c) const { icalcomponent_free(c); }
};

// "start end" of an occurrence: instants for timed events, dates for all-day.
using Span = std::string;

std::string instant(time_t t) { return sync::formatUtcTime(UtcTime(std::chrono::seconds(t))); }

Span modelSpan(const CalendarOccurrence& o) {
  if (o.allDay) return formatDate(o.firstDay()) + " " + formatDate(o.localEnd.date);
  return sync::formatUtcTime(o.start) + " " + sync::formatUtcTime(o.end);
}

struct Collected {
  std::vector<std::pair<time_t, Span>>* spans;
  bool allDay;
};

void collect(icalcomponent*, struct icaltime_span* span, void* data) {
  auto* c = static_cast<Collected*>(data);
  // libical gives all-day (DATE) spans as UTC midnights, end exclusive.
  const Span s = c->allDay ? instant(span->start).substr(0, 10) + " " + instant(span->end).substr(0, 10)
                           : instant(span->start) + " " + instant(span->end);
  c->spans->push_back({span->start, s});
}

// A DATE-TIME property's instant, its TZID resolved against the calendar's VTIMEZONEs.
time_t instantOf(icalproperty* p, icalcomponent* owner) {
  const icaltimetype t = icalproperty_get_datetime_with_component(p, owner);
  return icaltime_as_timet_with_zone(t, t.zone ? t.zone : icaltimezone_get_utc_timezone());
}

// Every occurrence libical finds in the exported calendar within [from, to).
std::multiset<Span> libicalOccurrences(const std::string& ics, const Date& from, const Date& to) {
  std::unique_ptr<icalcomponent, ComponentDeleter> cal(icalparser_parse_string(ics.c_str()));
  EXPECT_TRUE(cal);
  std::multiset<Span> spans;
  if (!cal) return spans;
  auto utcOf = [](const Date& d) {
    return icaltime_from_timet_with_zone(
        static_cast<time_t>(sync::fromCivil({d.year, d.month, d.day, 0, 0, 0}).time_since_epoch().count()), 0,
        icaltimezone_get_utc_timezone());
  };
  const icaltimetype lo = utcOf(from), hi = utcOf(to);
  const time_t loT = icaltime_as_timet(lo), hiT = icaltime_as_timet(hi);
  // Overrides replace the slot their RECURRENCE-ID names.
  std::set<std::pair<std::string, time_t>> replaced;
  for (icalcomponent* e = icalcomponent_get_first_component(cal.get(), ICAL_VEVENT_COMPONENT); e;
       e = icalcomponent_get_next_component(cal.get(), ICAL_VEVENT_COMPONENT)) {
    icalproperty* rid = icalcomponent_get_first_property(e, ICAL_RECURRENCEID_PROPERTY);
    if (!rid) continue;
    replaced.insert({icalcomponent_get_uid(e), instantOf(rid, e)});
    const time_t a = instantOf(icalcomponent_get_first_property(e, ICAL_DTSTART_PROPERTY), e);
    const time_t b = instantOf(icalcomponent_get_first_property(e, ICAL_DTEND_PROPERTY), e);
    if (b > loT && a < hiT) spans.insert(instant(a) + " " + instant(b));
  }
  for (icalcomponent* e = icalcomponent_get_first_component(cal.get(), ICAL_VEVENT_COMPONENT); e;
       e = icalcomponent_get_next_component(cal.get(), ICAL_VEVENT_COMPONENT)) {
    if (icalcomponent_get_first_property(e, ICAL_RECURRENCEID_PROPERTY)) continue;
    std::vector<std::pair<time_t, Span>> mine;
    Collected c{&mine, icalcomponent_get_dtstart(e).is_date == 1};
    icalcomponent_foreach_recurrence(e, lo, hi, collect, &c);
    const std::string uid = icalcomponent_get_uid(e);
    for (const auto& [start, span] : mine)
      if (!replaced.count({uid, start})) spans.insert(span);
  }
  return spans;
}

class IcsRoundTrip : public ::testing::TestWithParam<std::string> {};

TEST_P(IcsRoundTrip, LibicalFindsTheModelsOccurrences) {
  const auto f = load(kFixtures / (GetParam() + ".case"));
  const CalendarModel model(f.items, CalendarZones{"UTC", f.site});
  const std::string ics = exportIcs(model, UtcTime(std::chrono::seconds(1800000000)));
  std::multiset<Span> want;
  for (const auto& o : model.occurrences(f.from, f.to)) want.insert(modelSpan(o));
  ASSERT_FALSE(want.empty());
  EXPECT_EQ(libicalOccurrences(ics, f.from, f.to), want) << ics;
  // One VTIMEZONE per zone a timed series recurs in, named as its TZIDs are.
  for (const auto& s : model.series()) {
    if (!s.zone.empty() && s.zone != "Etc/UTC" && s.zone != "UTC") {
      EXPECT_NE(ics.find("TZID:" + s.zone), std::string::npos) << s.zone;
    }
  }
}

std::vector<std::string> roundTripCases() {
  std::vector<std::string> out;
  for (const auto& name : fixtureNames())
    // libical 3.0 counts Sunday-based weeks for INTERVAL>1 whatever WKST says
    // (sync/recurrence_arith.h); the exported RRULE carries WKST=MO, which
    // RFC 5545 readers honour, but libical itself would mis-expand it here.
    //
    // A time that a spring-forward gap skips: the model reads it as RFC 5545
    // does (the offset before the change, sync/zone_offsets.h), and so does
    // libical's VEVENT expansion on the switch day itself; but libical
    // 3.0.16's expansion then keeps the shifted time on the following
    // occurrences (03:30 instead of 02:30: 10:30Z instead of 09:30Z on 21
    // March in Los Angeles), which RFC 5545 does not.
    if (name != "weekly_every_2_weeks_monday_start" && name != "berlin_daily_0230_dst_gap_and_repeated_hour" &&
        name != "pacific_weekly_0230_spring_gap")
      out.push_back(name);
  return out;
}

INSTANTIATE_TEST_SUITE_P(Fixtures, IcsRoundTrip, ::testing::ValuesIn(roundTripCases()),
                         [](const auto& info) { return info.param; });

TEST(IcsExport, WritesRulesExceptionsAndDates) {
  const auto f = load(kFixtures / "exceptions_changed_and_deleted.case");
  const std::string ics = exportIcs(CalendarModel(f.items, CalendarZones{"Europe/Berlin", 0}),
                                    UtcTime(std::chrono::seconds(1800000000)));
  for (const char* part : {"BEGIN:VTIMEZONE", "TZID:America/Los_Angeles", "RRULE:FREQ=WEEKLY", "BYDAY=MO",
                           "EXDATE;TZID=America/Los_Angeles:20270322T090000",
                           "RECURRENCE-ID;TZID=America/Los_Angeles:20270315T090000",
                           "DTSTART;TZID=America/Los_Angeles:20270201T090000", "SUMMARY:Planning (moved)"})
    EXPECT_NE(ics.find(part), std::string::npos) << part << "\n" << ics;
  const auto allDay = load(kFixtures / "all_day_floating.case");
  const std::string days = exportIcs(CalendarModel(allDay.items, CalendarZones{"Asia/Kolkata", 13}),
                                     UtcTime(std::chrono::seconds(1800000000)));
  for (const char* part : {"DTSTART;VALUE=DATE:20270326", "DTEND;VALUE=DATE:20270327", "UNTIL=20270409",
                           "EXDATE;VALUE=DATE:20270402", "DTSTART;VALUE=DATE:20270329", "DTEND;VALUE=DATE:20270401"})
    EXPECT_NE(days.find(part), std::string::npos) << part << "\n" << days;
}

// ---------------------------------------------------------------- agenda

TEST(AgendaLines, TimedLocalAllDayExclusiveSortedByStart) {
  std::vector<sync::Item> items;
  auto add = [&](std::int64_t id, const char* title, const char* start, const char* end, bool allDay) {
    sync::Item item;
    item.id = id;
    sync::Event e(item);
    e.setTitle(title);
    e.setEventDate(start);
    e.setEndDate(end);
    e.setAllDay(allDay);
    items.push_back(item);
  };
  add(1, "Deploy\twindow", "2027-03-12T23:30:00Z", "2027-03-13T00:30:00Z", false);
  add(2, "Holiday", "2027-03-12T00:00:00Z", "2027-03-12T23:59:00Z", true);
  add(3, "Trip", "2027-03-10T00:00:00Z", "2027-03-12T23:59:00Z", true);
  add(4, "Later", "2027-03-20T09:00:00Z", "2027-03-20T10:00:00Z", false);
  struct Case {
    const char* zone;
    const char* from;
    int days;
    std::vector<std::string> lines;
  };
  const std::vector<Case> cases = {
      {"Europe/Berlin", "2027-03-12", 1,
       {"2027-03-10\t2027-03-13\tTrip", "2027-03-12\t2027-03-13\tHoliday"}},
      {"Europe/Berlin", "2027-03-13", 1, {"2027-03-13T00:30\t2027-03-13T01:30\tDeploy window"}},
      {"America/New_York", "2027-03-12", 1,
       {"2027-03-10\t2027-03-13\tTrip", "2027-03-12\t2027-03-13\tHoliday",
        "2027-03-12T18:30\t2027-03-12T19:30\tDeploy window"}},
      {"Asia/Kolkata", "2027-03-11", 10,
       {"2027-03-10\t2027-03-13\tTrip", "2027-03-12\t2027-03-13\tHoliday",
        "2027-03-13T05:00\t2027-03-13T06:00\tDeploy window", "2027-03-20T14:30\t2027-03-20T15:30\tLater"}},
  };
  for (const auto& c : cases) {
    const CalendarModel model(items, CalendarZones{c.zone, 0});
    EXPECT_EQ(agendaLines(model, *parseDate(c.from), c.days), c.lines) << c.zone << " " << c.from;
  }
}

TEST(AgendaCommand, NoCacheIsAClearErrorAndExitOne) {
  std::ostringstream out, err;
  EXPECT_EQ(runAgendaCommand("/nonexistent/deskpane/cache.sqlite3", std::nullopt, 7, out, err), 1);
  EXPECT_NE(err.str().find("no cache"), std::string::npos) << err.str();
  EXPECT_EQ(out.str(), "");
  std::ostringstream out2, err2;
  EXPECT_EQ(runAgendaCommand("/nonexistent/x", std::string("2027-13-01"), 7, out2, err2), 1);
  EXPECT_NE(err2.str().find("--from"), std::string::npos) << err2.str();
  std::ostringstream out3, err3;
  EXPECT_EQ(runExportIcsCommand("/nonexistent/deskpane/cache.sqlite3", "/tmp/x.ics", out3, err3), 1);
  EXPECT_NE(err3.str().find("no cache"), std::string::npos);
}

}  // namespace
}  // namespace deskpane::overlay::calendar
