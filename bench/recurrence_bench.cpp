// deskpane-bench recurrence: expanding 500 daily/weekly series over a 6-week
// month view (what the calendar pane does on every repaint of a month).
#include "bench/bench.h"
#include "sync/recurrence.h"

#include <chrono>
#include <cstdio>
#include <string>
#include <vector>

namespace deskpane::bench {
namespace {

using sync::UtcTime;

// A realistic mix: series created over the last two years, half daily (every
// 1-3 days or weekdays), half weekly (1-3 days a week, every 1-2 weeks); every
// fifth one has an end (count or date), every seventh carries a moved and a
// deleted occurrence.
struct Series {
  std::string xml;
  sync::SeriesMaster master;
  std::vector<sync::SeriesException> exceptions;
};

std::vector<Series> makeSeries(int n) {
  const UtcTime base = *sync::parseUtcTime("2024-11-04T08:00:00Z");
  const char* const kDays[] = {"mo", "tu", "we", "th", "fr"};
  std::vector<Series> out;
  for (int i = 0; i < n; ++i) {
    Series s;
    std::string repeat;
    if (i % 2 == 0) {
      repeat = i % 8 == 0 ? "<daily weekday=\"TRUE\"/>" : "<daily dayFrequency=\"" + std::to_string(1 + i % 3) + "\"/>";
    } else {
      std::string days = std::string(kDays[i % 5]) + "=\"TRUE\"";
      if (i % 3 == 0) days += std::string(" ") + kDays[(i + 2) % 5] + "=\"TRUE\"";
      repeat = "<weekly " + days + " weekFrequency=\"" + std::to_string(1 + i % 2) + "\"/>";
    }
    const std::string range = i % 5 == 1   ? "<repeatInstances>400</repeatInstances>"
                              : i % 5 == 3 ? "<windowEnd>2027-06-30T08:00:00Z</windowEnd>"
                                           : "<repeatForever>FALSE</repeatForever>";
    s.xml = "<recurrence><rule><firstDayOfWeek>su</firstDayOfWeek><repeat>" + repeat + "</repeat>" + range +
            "</rule></recurrence>";
    s.master.id = i + 1;
    s.master.eventDate = base + std::chrono::hours(24 * (i % 700) + i % 9);
    s.master.endDate = s.master.eventDate + std::chrono::hours(24 * 900 + 1);
    s.master.allDay = i % 11 == 0;
    if (i % 7 == 0) {
      const UtcTime slot = *sync::parseUtcTime("2026-11-10T08:00:00Z");
      s.exceptions.push_back({10000 + i, sync::ExceptionKind::Deleted, s.master.id, slot, {}, {}, false});
      s.exceptions.push_back({20000 + i, sync::ExceptionKind::Changed, s.master.id, slot + std::chrono::hours(24),
                              slot + std::chrono::hours(30), slot + std::chrono::hours(31), false});
    }
    out.push_back(std::move(s));
  }
  return out;
}

int benchRecurrence(int, char**) {
  const int kSeries = 500;
  const int kRounds = 20;
  std::vector<Series> series = makeSeries(kSeries);
  sync::ExpansionWindow window;  // a month view of November 2026: Oct 26 - Dec 7
  window.start = *sync::parseUtcTime("2026-10-25T23:00:00Z");
  window.end = *sync::parseUtcTime("2026-12-06T23:00:00Z");
  window.timeZone = "Europe/Berlin";

  auto clock = std::chrono::steady_clock::now;
  auto t0 = clock();
  for (int r = 0; r < kRounds; ++r)
    for (auto& s : series) {
      auto rule = sync::parseRecurrenceData(s.xml);
      if (!rule) {
        std::fprintf(stderr, "recurrence bench: %s\n", rule.error().c_str());
        return 1;
      }
      s.master.rule = rule.value();
    }
  const double parseUs = std::chrono::duration<double, std::micro>(clock() - t0).count() / (kRounds * kSeries);

  // Expands every series kRounds times; returns microseconds per series.
  size_t occurrences = 0;
  auto expandAll = [&](bool forceLibical) -> double {
    sync::ExpansionWindow w = window;
    w.forceLibical = forceLibical;
    occurrences = 0;
    const auto start = clock();
    for (int r = 0; r < kRounds; ++r)
      for (const auto& s : series) {
        const auto result = sync::expandSeries(s.master, s.exceptions, w);
        if (!result) {
          std::fprintf(stderr, "recurrence bench: %s\n", result.error().c_str());
          return -1;
        }
        occurrences += result.value().size();
      }
    return std::chrono::duration<double, std::micro>(clock() - start).count() / (kRounds * kSeries);
  };
  const double libicalUs = expandAll(true);
  const double expandUs = expandAll(false);
  if (libicalUs < 0 || expandUs < 0) return 1;

  report("recurrence.parse_per_series", parseUs, "us");
  report("recurrence.expand_per_series", expandUs, "us");
  report("recurrence.parse_and_expand_per_series", parseUs + expandUs, "us");
  report("recurrence.occurrences_per_series", static_cast<double>(occurrences) / (kRounds * kSeries), "occurrences");
  report("recurrence.expand_per_series_libical_only", libicalUs, "us");
  report("recurrence.month_view_500_series", (parseUs + expandUs) * kSeries / 1000.0, "ms");
  return 0;
}

}  // namespace
DESKPANE_BENCH("recurrence", "expand 500 daily/weekly SharePoint series over a 6-week month view",
               benchRecurrence);
}  // namespace deskpane::bench
