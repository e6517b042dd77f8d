// deskpane-bench task_rows [N]: the Tasks pane's rows for N (default 10,000)
// tasks, filtered and sorted as the pane does on every list change (All by
// due date, Active by priority), in the Berlin zone. Budget: 100 ms, one
// frame's worth of work several times over, for the largest list a pane binds.
#include "bench/bench.h"
#include "overlay/tasks/tasks_model.h"

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <string>
#include <vector>

namespace deskpane::bench {
namespace {

using Clock = std::chrono::steady_clock;

std::vector<sync::Item> makeTasks(int n) {
  std::vector<sync::Item> items(static_cast<std::size_t>(n));
  for (int i = 0; i < n; ++i) {
    auto& it = items[static_cast<std::size_t>(i)];
    it.id = i + 1;
    it.fields["Title"] = "Task " + std::to_string(i);
    it.fields["Status"] = std::string(i % 4 ? "In Progress" : "Completed");
    it.fields["Priority"] = std::string(i % 3 ? "(2) Normal" : "(1) High");
    it.fields["PercentComplete"] = (i % 10) / 10.0;
    it.fields["DueDate"] = "2024-" + std::string(i % 12 < 9 ? "0" : "") + std::to_string(i % 12 + 1) + "-1" +
                           std::to_string(i % 10) + "T17:00:00Z";
  }
  return items;
}

double medianMs(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v[v.size() / 2];
}

int run(int argc, char** argv) {
  int n = argc > 1 ? std::atoi(argv[1]) : 10000;
  if (n <= 0) n = 10000;
  const auto items = makeTasks(n);
  const auto zone = overlay::calendar::Zone::named("Europe/Berlin").value_or(overlay::calendar::Zone::utc());
  const auto now = *sync::parseUtcTime("2024-06-01T12:00:00Z");
  std::vector<double> all, active;
  std::size_t shown = 0;
  for (int r = 0; r < 7; ++r) {
    auto t0 = Clock::now();
    shown += overlay::tasks::taskRows(items, {overlay::tasks::Filter::All, overlay::tasks::SortBy::DueDate}, now, zone)
                 .size();
    all.push_back(std::chrono::duration<double, std::milli>(Clock::now() - t0).count());
    t0 = Clock::now();
    shown += overlay::tasks::taskRows(items, {overlay::tasks::Filter::Active, overlay::tasks::SortBy::Priority}, now,
                                      zone)
                 .size();
    active.push_back(std::chrono::duration<double, std::milli>(Clock::now() - t0).count());
  }
  report("task_rows.tasks", n, "items");
  report("task_rows.all_by_due_median_ms", medianMs(all), "ms");
  report("task_rows.active_by_priority_median_ms", medianMs(active), "ms");
  return shown > 0 ? 0 : 1;
}

}  // namespace

DESKPANE_BENCH("task_rows", "Tasks pane: rows of 10,000 tasks, filtered and sorted [N]", run);

}  // namespace deskpane::bench
