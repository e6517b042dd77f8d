// deskpane-bench calendar: the calendar model over the cached items of a busy
// Events list - 500 series of every RecurrenceData form, in five zones (their
// own TimeZone or the site's), with moved and deleted occurrences - expanded
// over a whole year and over a month grid, shown on a Berlin desktop.
#include "bench/bench.h"
#include "overlay/calendar/calendar_model.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <string>
#include <vector>

namespace deskpane::bench {
namespace {

using namespace deskpane::overlay::calendar;

std::string rule(const std::string& repeat, const std::string& range) {
  return "<recurrence><rule><firstDayOfWeek>su</firstDayOfWeek><repeat>" + repeat + "</repeat>" + range +
         "</rule></recurrence>";
}

// Every form of the issue, round-robin; every fifth series has an end (count
// or date), every seventh a moved and a deleted occurrence, every eleventh is all-day.
std::vector<sync::Item> makeItems(int series) {
  const char* const kRepeats[] = {
      "<daily dayFrequency=\"1\"/>",
      "<daily dayFrequency=\"3\"/>",
      "<daily weekday=\"TRUE\"/>",
      "<weekly mo=\"TRUE\" we=\"TRUE\" weekFrequency=\"1\"/>",
      "<weekly fr=\"TRUE\" weekFrequency=\"2\"/>",
      "<monthly monthFrequency=\"1\" day=\"15\"/>",
      "<monthlyByDay weekday=\"TRUE\" weekdayOfMonth=\"first\" monthFrequency=\"1\"/>",
      "<monthlyByDay th=\"TRUE\" weekdayOfMonth=\"last\" monthFrequency=\"1\"/>",
      "<yearly yearFrequency=\"1\" month=\"3\" day=\"28\"/>",
      "<yearlyByDay yearFrequency=\"1\" su=\"TRUE\" weekdayOfMonth=\"first\" month=\"11\"/>",
  };
  const int kZones[] = {4, 13, 10, 23, 0};  // Berlin, Pacific, Eastern, Kolkata, the site's (Pacific)
  const sync::UtcTime base = *sync::parseUtcTime("2025-01-06T08:00:00Z");
  std::vector<sync::Item> items;
  std::int64_t nextId = 100000;
  for (int i = 0; i < series; ++i) {
    sync::Item item;
    item.id = i + 1;
    sync::Event e(item);
    const bool allDay = i % 11 == 0;
    sync::UtcTime start = base + std::chrono::hours(24 * (i % 600) + (allDay ? 0 : i % 9));
    if (allDay) start = base - std::chrono::hours(8) + std::chrono::hours(24 * (i % 600));
    e.setTitle("Series " + std::to_string(i));
    e.setEventType(1);
    e.setRecurrence(true);
    e.setAllDay(allDay);
    e.setEventDate(sync::formatUtcTime(start));
    e.setEndDate(sync::formatUtcTime(start + std::chrono::hours(24 * 1500 + 1)));
    e.setUid("uid-" + std::to_string(i));
    const std::string range = i % 5 == 1   ? "<repeatInstances>300</repeatInstances>"
                              : i % 5 == 3 ? "<windowEnd>2027-09-30T08:00:00Z</windowEnd>"
                                           : "<repeatForever>FALSE</repeatForever>";
    e.setRecurrenceData(rule(kRepeats[i % 10], range));
    item.set("Duration", std::int64_t{allDay ? 86340 : 3600});
    if (kZones[i % 5] != 0 && !allDay) item.set("TimeZone", std::int64_t{kZones[i % 5]});
    items.push_back(item);
    if (i % 7 == 0) {
      // Exceptions on a Monday in June that daily series hit; others ignore them.
      const auto slot = *sync::parseUtcTime("2027-06-07T08:00:00Z");
      for (int kind : {3, 4}) {
        sync::Item x;
        x.id = nextId++;
        sync::Event xe(x);
        xe.setTitle(kind == 3 ? "Deleted" : "Moved");
        xe.setEventType(kind);
        xe.setMasterSeriesItemId(item.id);
        xe.setRecurrenceId(sync::formatUtcTime(slot));
        xe.setEventDate(sync::formatUtcTime(slot + std::chrono::hours(2)));
        xe.setEndDate(sync::formatUtcTime(slot + std::chrono::hours(3)));
        items.push_back(x);
      }
    }
  }
  return items;
}

double threadCpuMs() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

// Median over `rounds` of the thread's CPU time: the work is single-threaded,
// and on a build machine shared with compilers the wall clock mostly measures
// the other processes (wall medians are reported beside, as *_wall).
struct Timing {
  double cpuMs;
  double wallMs;
};
template <class Fn>
Timing median(int rounds, Fn&& fn) {
  std::vector<double> cpu, wall;
  for (int r = 0; r < rounds; ++r) {
    const double c0 = threadCpuMs();
    const auto t0 = std::chrono::steady_clock::now();
    fn();
    wall.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count());
    cpu.push_back(threadCpuMs() - c0);
  }
  std::sort(cpu.begin(), cpu.end());
  std::sort(wall.begin(), wall.end());
  return {cpu[cpu.size() / 2], wall[wall.size() / 2]};
}

int benchCalendar(int, char**) {
  const auto items = makeItems(500);
  const CalendarZones zones{"Europe/Berlin", 13};
  CalendarModel model(items, zones);
  if (!model.problems().empty()) {
    std::fprintf(stderr, "calendar bench: %s\n", model.problems().begin()->second.c_str());
    return 1;
  }
  std::size_t count = 0, monthCount = 0;
  const auto build = median(9, [&] { CalendarModel m(items, zones); });
  const auto year = median(9, [&] { count = model.occurrences({2027, 1, 1}, {2028, 1, 1}).size(); });
  const auto month = median(15, [&] {
    monthCount = monthGrid(model, {2027, 3, 1}, Weekday::Monday, 4, {2027, 3, 10}).occurrences.size();
  });
  const auto week = median(15, [&] { weekLayout(model, {2027, 3, 22}, 7); });
  report("calendar.model_build_500_series", build.cpuMs, "ms");
  report("calendar.expand_500_series_year", year.cpuMs, "ms");
  report("calendar.expand_500_series_year_wall", year.wallMs, "ms");
  report("calendar.occurrences_500_series_year", static_cast<double>(count), "occurrences");
  report("calendar.month_grid_500_series", month.cpuMs, "ms");
  report("calendar.month_grid_500_series_wall", month.wallMs, "ms");
  report("calendar.month_grid_occurrences", static_cast<double>(monthCount), "occurrences");
  report("calendar.week_layout_500_series", week.cpuMs, "ms");
  return 0;
}

}  // namespace
DESKPANE_BENCH("calendar",
               "calendar model: 500 series of every form in five zones over a year, a month grid and a week",
               benchCalendar);
}  // namespace deskpane::bench
