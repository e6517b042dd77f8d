#pragma once
// The Calendar pane's content: a drawn toolbar (‹ Today › period, M W D A)
// over a Month, Week, Day or Agenda view of the cached Events list, with
// editing through calendar_editor.h and every write through the presenter.
// Layout and hit testing come from calendar_view_model.h (toolkit-free).
#include "overlay/calendar/calendar_model.h"
#include "overlay/calendar/calendar_view_model.h"
#include "overlay/pane_content.h"
#include "overlay/text_fit_cache.h"

#include <wx/timer.h>

#include <array>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace deskpane::overlay {
class PanePresenter;
class AccessibleButtons;
}

namespace deskpane::overlay::calendar {

// What the app shell hands the calendar beyond the presenter: the view saved
// in settings, where to save a new one, and the site's regional zone (read
// from the cache, which learns it on the first sync).
struct CalendarHooks {
  std::string savedView;
  std::function<void(const std::string& view)> viewChosen;
  std::function<int()> siteZoneId;
};

class CalendarView : public PaneContent {
 public:
  CalendarView(PaneHost& host, PanePresenter& presenter);
  ~CalendarView() override;

  void connect(CalendarHooks hooks);

  void itemsChanged() override;
  void statusChanged() override;
  void paint(wxGraphicsContext& gc, const wxRect& area) override;
  void mouse(wxMouseEvent& event) override;
  bool key(wxKeyEvent& event) override;
  void newItem() override;
  void appendMenu(wxMenu& menu) override;
  void layout() override;
  std::string accessibleText() const override;
  std::optional<std::size_t> accessibleSelection() const override;
  bool reveal(std::int64_t itemId, std::int64_t startUnixSeconds) override;

  // ---- for the paint benchmark and tests: no presenter reads.
  // Replaces the model (items already read) and the clock.
  void setModelForTesting(CalendarModel model, const WallTime& now);
  void showForTesting(ViewKind view, const Date& shown);

  ViewKind view() const { return view_; }
  const Date& shown() const { return shown_; }

 private:
  struct Drag;

  // navigation
  void setView(ViewKind view, bool save = true);
  void setShown(const Date& date);
  void goToday();
  void readNow();
  void invalidate();
  void traceMonth();
  void select(const CalendarOccurrence& occurrence);
  // layout caches for the current size
  void ensureLayout(const wxRect& area);
  Box contentBox(const wxRect& area) const;
  // painting
  void paintToolbar(wxGraphicsContext& gc);
  void paintMonth(wxGraphicsContext& gc);
  void paintHourGrid(wxGraphicsContext& gc);
  void paintAgenda(wxGraphicsContext& gc);
  void paintUndoBar(wxGraphicsContext& gc, const wxRect& area);
  void paintEmpty(wxGraphicsContext& gc, const Box& box);
  // The fonts the views draw their texts in: draw::font(-3), (-2), (-2,
  // bold), (-1), (-1, bold).
  enum class TextFont { Tiny, Small, SmallBold, Body, BodyBold, Count };
  // The text cache of `font`, set to draw in it.
  draw::TextFitCache& texts(wxGraphicsContext& gc, TextFont font);
  // editing
  void openOccurrence(const CalendarOccurrence& occurrence);
  void createAt(const Date& day, std::optional<int> minute);
  void deleteOccurrence(const CalendarOccurrence& occurrence);
  void applyDrag();
  bool write(const CalendarWrite& w);
  void removeWithUndo(const std::vector<CalendarWrite>& removes, const std::string& title);
  void onUndoTimer();
  void onMinuteTimer();
  const CalendarOccurrence* selectedOccurrence() const;
  // Keep this desktop's version of an event in conflict, or the server's.
  void resolve(std::int64_t id, bool keepMine);
  const std::vector<CalendarOccurrence>* visibleOccurrences() const;
  std::string categoryOf(const CalendarOccurrence& o) const;

  PaneHost& host_;
  PanePresenter& presenter_;
  CalendarHooks hooks_;
  std::optional<CalendarModel> model_;
  bool testing_ = false;

  ViewKind view_ = ViewKind::Month;
  Date shown_;
  Date today_;
  WallTime now_;
  Weekday firstDay_;
  bool use24Hour_;

  // Cached layouts, rebuilt when the items, the period or the size change.
  bool dirty_ = true;
  wxRect layoutArea_;
  ToolbarLayout toolbar_;
  MonthMetrics monthMetrics_;
  MonthGrid month_;
  // Per occurrence of month_ shown as a bar or chip: its colour, and for
  // chips its start time as drawn.
  std::vector<theme::Rgb> monthColours_;
  std::vector<std::string> monthTimes_;
  HourGridMetrics hourMetrics_;
  WeekLayout week_;
  std::vector<AgendaDay> agenda_;
  std::vector<AgendaRow> agendaRows_;
  // Texts (titles, times, day names, "+N more") measured, shortened and laid
  // out once per font: kept across paints, periods and views, forgotten on a
  // resize or when the desktop's font changes. One cache per font the views
  // draw in: a cache given another font starts afresh.
  std::array<draw::TextFitCache, static_cast<std::size_t>(TextFont::Count)> texts_;
  double agendaScroll_ = 0;
  bool scrolledToWorkingHours_ = false;

  // The selected occurrence, by its identity (survives a re-read).
  struct Selection {
    std::int64_t itemId = 0;
    UtcTime start{};
  };
  std::optional<Selection> selection_;
  ToolbarHit hoverButton_ = ToolbarHit::None;
  // The event under the pointer, at (x, y) of the content, if any: the
  // tooltip's subject.
  const CalendarOccurrence* occurrenceAt(double x, double y) const;
  void hover(const std::string& text);
  std::string hoverText_;
  std::unique_ptr<Drag> drag_;
  std::unique_ptr<AccessibleButtons> toolbarA11y_;  // the toolbar for screen readers

  // "Deleted … Undo" for whole items (the presenter waits 5 s before deleting).
  std::vector<std::int64_t> undoIds_;
  std::string undoTitle_;
  Box undoButton_;
  wxTimer undoTimer_;
  wxTimer minuteTimer_;  // the current-time line, and "today" after a suspend
  std::string error_;    // the last failed write, shown in the toolbar
  std::string lastTrace_;
  std::string lastMonthTrace_;
};

}  // namespace deskpane::overlay::calendar
