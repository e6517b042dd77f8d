// deskpane-bench calendar_paint: the Calendar pane's month view painted
// through wxGraphicsContext (Cairo, as on screen) with ~2,000 occurrences in
// the grid's six weeks. Needs an X display: run it under Xvfb
// (xvfb-run -a deskpane-bench calendar_paint); without DISPLAY it says so and
// reports nothing.
//
// What is timed (thread CPU time): CalendarView::paint() into one 32-bit
// image surface made once and kept, through a context made on it per paint,
// until the context is gone. That is what the paint handler does: on GTK3 a
// wxPaintDC's context draws into a buffer GTK holds, so the view's drawing
// never pays for memory it did not ask for. (This bench used to select a
// wxBitmap into a wxMemoryDC per paint; `perf stat -e page-faults` shows
// that bitmap faulted in once per run, 1,300 faults, not per paint, so the
// medians did not carry it. The buffer is now touched before any timing.)
#include "bench/bench.h"
#include "overlay/calendar/calendar_model.h"
#include "overlay/calendar/calendar_view.h"
#include "overlay/pane_content.h"
#include "overlay/pane_presenter.h"
#include "sync/store.h"

#include <cairo.h>
#include <valgrind/callgrind.h>  // no-ops unless run under callgrind
#include <wx/app.h>
#include <wx/frame.h>
#include <wx/graphics.h>

#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <memory>
#include <string>
#include <vector>

namespace deskpane::bench {
namespace {

using namespace deskpane::overlay::calendar;

// The pane frame stand-in: a hidden window as the parent, a fixed area.
class BenchHost : public overlay::PaneHost {
 public:
  BenchHost(wxWindow* window, wxRect area) : window_(window), area_(area) {}
  wxWindow* window() override { return window_; }
  wxRect contentArea() const override { return area_; }
  void repaintContent() override {}
  bool locked() const override { return false; }
  int opacity() const override { return 85; }

 private:
  wxWindow* window_;
  wxRect area_;
};

// 47 daily timed series in four zones plus 4 weekly all-day ones: in the
// six weeks from Mon 1 March 2027, 47 × 42 + 4 × 6 = 1,998 occurrences.
std::vector<sync::Item> makeItems() {
  const int kZones[] = {4, 13, 10, 23};
  std::vector<sync::Item> items;
  for (int i = 0; i < 51; ++i) {
    sync::Item item;
    item.id = i + 1;
    sync::Event e(item);
    const bool allDay = i >= 47;
    const auto start = *sync::parseUtcTime(allDay ? "2027-01-04T00:00:00Z" : "2027-01-04T06:00:00Z") +
                       std::chrono::minutes(allDay ? 24 * 60 * (i - 47) : 15 * i);
    e.setTitle("Series " + std::to_string(i) + (i % 3 ? " planning meeting" : ""));
    e.setEventType(1);
    e.setRecurrence(true);
    e.setAllDay(allDay);
    e.setEventDate(sync::formatUtcTime(start));
    e.setEndDate(sync::formatUtcTime(start + std::chrono::hours(24 * 700)));
    e.setLocation(i % 2 ? "Room " + std::to_string(i) : "");
    e.setRecurrenceData(allDay ? "<recurrence><rule><firstDayOfWeek>mo</firstDayOfWeek><repeat><weekly mo=\"TRUE\" "
                                 "weekFrequency=\"1\"/></repeat><repeatForever>FALSE</repeatForever></rule></recurrence>"
                               : "<recurrence><rule><firstDayOfWeek>mo</firstDayOfWeek><repeat><daily "
                                 "dayFrequency=\"1\"/></repeat><repeatForever>FALSE</repeatForever></rule></recurrence>");
    item.set("Duration", std::int64_t{allDay ? 86340 : 1800});
    if (!allDay) item.set("TimeZone", std::int64_t{kZones[i % 4]});
    items.push_back(item);
  }
  return items;
}

double threadCpuMs() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v[v.size() / 2];
}

int benchCalendarPaint(int, char**) {
  if (!std::getenv("DISPLAY") || !*std::getenv("DISPLAY")) {
    std::fprintf(stderr, "calendar_paint: needs an X display (DISPLAY is unset); run under xvfb-run\n");
    return 0;
  }
  // As the app does (D-app-1): no GL probe.
  if (const char* gl = std::getenv("GDK_GL"); !gl || !*gl) setenv("GDK_GL", "disable", 1);
  char name[] = "deskpane-bench";
  char* argv[] = {name, nullptr};
  int argc = 1;
  wxApp::SetInstance(new wxApp());  // owned and deleted by wxEntryCleanup
  if (!wxEntryStart(argc, argv)) {
    std::fprintf(stderr, "calendar_paint: cannot open the display %s\n", std::getenv("DISPLAY"));
    return 1;
  }
  char dir[] = "/tmp/deskpane-paint-XXXXXX";
  if (!mkdtemp(dir)) return 1;
  const std::string cachePath = std::string(dir) + "/cache.sqlite3";
  int rc = 0;
  {
    auto store = sync::Store::open(cachePath);  // empty: the view's model is set directly
    if (!store) {
      std::fprintf(stderr, "calendar_paint: cannot open a cache in %s\n", dir);
      rc = 1;
    } else {
      overlay::PanePresenter presenter(sync::ListKind::Calendar, &store.value(), nullptr, "Calendar", "");
      auto* frame = new wxFrame(nullptr, wxID_ANY, "bench");  // top-level: freed by Destroy()
      const wxRect area(0, 0, 1400, 1000);
      BenchHost host(frame, area);
      const auto items = makeItems();
      const CalendarZones zones{"Europe/Berlin", 13};
      const Date month{2027, 3, 1};
      const auto visible =
          monthGrid(CalendarModel(items, zones), month, sync::Weekday::Monday, 40, {2027, 3, 10}).occurrences.size();
      std::vector<double> first, again;
      // One buffer for every paint, touched once before the timing, as a
      // window's buffer is by the time its content paints.
      cairo_surface_t* surface = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, area.width, area.height);
      {
        cairo_t* cr = cairo_create(surface);
        cairo_set_source_rgba(cr, 0.12, 0.13, 0.16, 0.85);
        cairo_paint(cr);
        cairo_destroy(cr);
      }
      wxGraphicsRenderer* cairoRenderer = wxGraphicsRenderer::GetCairoRenderer();
      // CALENDAR_PAINT_VIEW=week|day|agenda paints that view of the same
      // events instead of the month (figures named for it).
      const char* viewEnv = std::getenv("CALENDAR_PAINT_VIEW");
      const ViewKind shownView = viewFromName(viewEnv ? viewEnv : "month").value_or(ViewKind::Month);
      const std::string prefix = "calendar." + std::string(viewName(shownView));
      // CALENDAR_PAINT_ROUNDS=1 for callgrind: one first paint, one repaint.
      const char* roundsEnv = std::getenv("CALENDAR_PAINT_ROUNDS");
      const int rounds = roundsEnv && std::atoi(roundsEnv) > 0 ? std::atoi(roundsEnv) : 11;
      for (int round = 0; round < rounds; ++round) {
        CalendarView view(host, presenter);
        view.setModelForTesting(CalendarModel(items, zones), {{2027, 3, 10}, 9 * 60});
        view.showForTesting(shownView, month);
        // First paint: the month's layout (expansion, lanes) and drawing; then a repaint.
        for (int pass = 0; pass < 2; ++pass) {
          // Under valgrind --tool=callgrind --collect-atstart=no: one dump
          // per paint, named for it, counting exactly what is timed.
          CALLGRIND_TOGGLE_COLLECT;
          const double c0 = threadCpuMs();
          cairo_t* cr = cairo_create(surface);
          {
            std::unique_ptr<wxGraphicsContext> gc(cairoRenderer->CreateContextFromNativeContext(cr));
            view.paint(*gc, area);
          }
          cairo_destroy(cr);
          cairo_surface_flush(surface);
          (pass == 0 ? first : again).push_back(threadCpuMs() - c0);
          CALLGRIND_TOGGLE_COLLECT;
          CALLGRIND_DUMP_STATS_AT(pass == 0 ? "first paint" : "repaint");
        }
      }
      if (shownView == ViewKind::Month)
        report("calendar.month_paint_visible_occurrences", static_cast<double>(visible), "occurrences");
      report(prefix + "_paint_first", median(first), "ms");
      report(prefix + "_paint_repaint", median(again), "ms");
      cairo_surface_destroy(surface);
      frame->Destroy();
    }
  }
  for (const char* suffix : {"", "-wal", "-shm", "-journal"}) unlink((cachePath + suffix).c_str());
  rmdir(dir);
  wxEntryCleanup();
  return rc;
}

}  // namespace
DESKPANE_BENCH("calendar_paint",
               "calendar month view painted off-screen, ~2,000 occurrences (needs an X display: xvfb-run)",
               benchCalendarPaint);
}  // namespace deskpane::bench
