#include "overlay/calendar/calendar_view.h"

#include "overlay/accessible_buttons.h"
#include "overlay/calendar/calendar_editor.h"
#include "overlay/fill_batch.h"
#include "overlay/pane_draw.h"
#include "overlay/pane_presenter.h"
#include "overlay/text_fit_cache.h"
#include "sync/event_series.h"

#include <wx/brush.h>
#include <wx/cursor.h>
#include <wx/event.h>
#include <wx/graphics.h>
#include <wx/intl.h>
#include <wx/menu.h>
#include <wx/pen.h>
#include <wx/window.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>

namespace deskpane::overlay::calendar {

namespace {

constexpr double kToolbarHeight = 32;
constexpr double kTodayWidth = 56;
constexpr double kSwitchWidth = 26;
constexpr double kUndoBarHeight = 32;
constexpr double kAgendaHeader = 28;
constexpr double kAgendaRow = 38;
constexpr int kWorkingHoursStart = 8 * 60;

wxString u8(const std::string& s) { return wxString::FromUTF8(s); }

Box toBox(const wxRect& r) { return {double(r.x), double(r.y), double(r.width), double(r.height)}; }

void roundedRect(wxGraphicsContext& gc, const Box& b, double radius, const wxColour& fill) {
  gc.SetPen(*wxTRANSPARENT_PEN);
  gc.SetBrush(wxBrush(fill));
  gc.DrawRoundedRectangle(b.x, b.y, b.w, b.h, std::min(radius, std::min(b.w, b.h) / 2));
}

void line(wxGraphicsContext& gc, double x0, double y0, double x1, double y1, const wxColour& c, double width = 1) {
  wxGraphicsPen pen = gc.CreatePen(wxGraphicsPenInfo(c).Width(width));
  gc.SetPen(pen);
  gc.StrokeLine(x0, y0, x1, y1);
}

// Text clipped to a box; an ellipsis when it does not fit.
void boxedText(wxGraphicsContext& gc, const wxString& text, double x, double y, double maxWidth) {
  if (maxWidth <= 4) return;
  gc.DrawText(draw::fitted(gc, text, maxWidth), x, y);
}

// The same, measured, shortened and drawn through `cache` (in its font). A
// box too narrow for a letter and the ellipsis stays empty: a column of "…"
// in a week's overlapping events says nothing.
void boxedText(wxGraphicsContext& gc, draw::TextFitCache& cache, const std::string& utf8, double x, double y,
               double maxWidth, const wxColour& colour) {
  if (maxWidth <= 4) return;
  const std::string& shown = cache.fitted(gc, utf8, maxWidth);
  if (shown == "\u2026" && utf8 != shown) return;
  cache.draw(gc, shown, x, y, colour);
}

// DESKPANE_TRACE_ROWS=1: what the calendar shows, as "deskpane: calendar ..."
// lines the GUI tests read instead of OCR.
bool tracing() {
  static const bool on = std::getenv("DESKPANE_TRACE_ROWS") != nullptr;
  return on;
}

void traceLine(const std::string& text) {
  std::printf("deskpane: calendar %s\n", text.c_str());
  std::fflush(stdout);
}

UtcTime utcNow() { return std::chrono::time_point_cast<std::chrono::seconds>(std::chrono::system_clock::now()); }

}  // namespace

// A block being moved or resized in Week/Day.
struct CalendarView::Drag {
  CalendarOccurrence occurrence;
  TimedBlock block;
  bool resize = false;
  double startX = 0, startY = 0;
  bool moved = false;
  int deltaMinutes = 0;
  int deltaDays = 0;
};

CalendarView::CalendarView(PaneHost& host, PanePresenter& presenter)
    : host_(host), presenter_(presenter), firstDay_(localeFirstDayOfWeek()), use24Hour_(locale24Hour()) {
  undoTimer_.Bind(wxEVT_TIMER, [this](wxTimerEvent&) { onUndoTimer(); });
  minuteTimer_.Bind(wxEVT_TIMER, [this](wxTimerEvent&) { onMinuteTimer(); });
  itemsChanged();
  shown_ = today_;
  minuteTimer_.Start(60 * 1000);
  // The toolbar's painted buttons, for screen readers.
  auto text = [](const wxString& t) { return std::string(t.utf8_str()); };
  toolbarA11y_ = std::make_unique<AccessibleButtons>(
      *host_.window(), text(_("Calendar toolbar")),
      std::vector<AccessibleButton>{
          {text(_("Previous period")), "Left", [this] { setShown(stepPeriod(view_, shown_, -1)); }},
          {text(_("Today")), "t", [this] { goToday(); }},
          {text(_("Next period")), "Right", [this] { setShown(stepPeriod(view_, shown_, 1)); }},
          {text(_("Month view")), "m", [this] { setView(ViewKind::Month); }},
          {text(_("Week view")), "w", [this] { setView(ViewKind::Week); }},
          {text(_("Day view")), "d", [this] { setView(ViewKind::Day); }},
          {text(_("Agenda view")), "a", [this] { setView(ViewKind::Agenda); }},
      });
}

CalendarView::~CalendarView() {
  undoTimer_.Stop();
  minuteTimer_.Stop();
}

void CalendarView::connect(CalendarHooks hooks) {
  hooks_ = std::move(hooks);
  if (auto v = viewFromName(hooks_.savedView)) setView(*v, false);
  itemsChanged();  // the site's zone may differ from the one read without it
}

// ---------------------------------------------------------------- data

void CalendarView::itemsChanged() {
  if (testing_) return;
  CalendarZones zones;
  zones.desktop = sync::systemTimeZone();
  zones.siteZoneId = hooks_.siteZoneId ? hooks_.siteZoneId() : 0;
  model_.emplace(presenter_.items(), zones);
  // The app calls this at the day change too: "today" moves, and a view
  // that showed today follows it.
  const Date oldToday = today_;
  readNow();
  if (shown_ == oldToday) shown_ = today_;
  // Deletes that were made (or undone elsewhere) leave the Undo bar.
  const auto pending = presenter_.pendingRemovals();
  undoIds_.erase(std::remove_if(undoIds_.begin(), undoIds_.end(),
                                [&](std::int64_t id) {
                                  return std::find(pending.begin(), pending.end(), id) == pending.end();
                                }),
                 undoIds_.end());
  invalidate();
}

void CalendarView::statusChanged() { host_.repaintContent(); }

void CalendarView::readNow() {
  if (testing_ || !model_) return;
  now_ = model_->desktopZone().toWall(utcNow());
  today_ = now_.date;
}

void CalendarView::setModelForTesting(CalendarModel model, const WallTime& now) {
  testing_ = true;
  model_.emplace(std::move(model));
  now_ = now;
  today_ = now.date;
  shown_ = today_;
  invalidate();
}

void CalendarView::showForTesting(ViewKind view, const Date& shown) {
  view_ = view;
  shown_ = shown;
  invalidate();
}

void CalendarView::invalidate() {
  dirty_ = true;
  host_.repaintContent();
  if (!tracing() || testing_ || !model_) return;
  const DayRange range = visibleDays(view_, shown_, firstDay_);
  const auto shown = model_->occurrences(range.first, range.end);
  const std::string state = std::string("view=") + std::string(viewName(view_)) + " shown=" + formatDate(shown_) +
                            " today=" + formatDate(today_) + " visible=" + std::to_string(shown.size());
  std::vector<std::string> lines{state};
  for (const auto& o : shown) lines.push_back("occurrence " + std::to_string(o.itemId) + " " + occurrenceLabel(o, use24Hour_));
  std::string all;
  for (const auto& l : lines) all += l + "\n";
  if (all == lastTrace_) return;  // a sync that changed nothing on screen
  lastTrace_ = all;
  for (const auto& l : lines) traceLine(l);
}

// Each day cell of the month as laid out (tests check that a short cell
// still shows what fits): "month DAY lanes=L chips=C bars=B more=M".
void CalendarView::traceMonth() {
  std::vector<std::string> lines;
  for (std::size_t i = 0; i < month_.days.size(); ++i) {
    const MonthDay& d = month_.days[i];
    const int week = static_cast<int>(i / 7), column = static_cast<int>(i % 7);
    const auto bars = std::count_if(month_.bars.begin(), month_.bars.end(), [&](const MonthBar& b) {
      return b.week == week && b.firstColumn <= column && column <= b.lastColumn;
    });
    lines.push_back("month " + formatDate(d.date) + " lanes=" + std::to_string(month_.maxLanes) +
                    " chips=" + std::to_string(d.chips.size()) + " bars=" + std::to_string(bars) +
                    " more=" + std::to_string(d.moreCount));
  }
  std::string all;
  for (const auto& l : lines) all += l + "\n";
  if (all == lastMonthTrace_) return;  // a repaint that changed no cell
  lastMonthTrace_ = all;
  for (const auto& l : lines) traceLine(l);
}

void CalendarView::select(const CalendarOccurrence& o) {
  selection_ = Selection{o.itemId, o.start};
  if (tracing()) traceLine("selected " + std::to_string(o.itemId) + " " + occurrenceLabel(o, use24Hour_));
}

bool CalendarView::reveal(std::int64_t itemId, std::int64_t startUnixSeconds) {
  if (!model_) return false;
  const Date day = model_->desktopZone().toWall(UtcTime(std::chrono::seconds(startUnixSeconds))).date;
  for (const auto& o : model_->occurrences(day, addDays(day, 1))) {
    if (o.itemId != itemId) continue;
    // The agenda lists the day from its top: a month cell may fold the event
    // into "+N more" and an hour grid may have it scrolled away. Not saved as
    // the pane's view; the user's own choice comes back at the next start.
    setView(ViewKind::Agenda, false);
    setShown(o.firstDay());
    select(o);
    host_.repaintContent();
    return true;
  }
  return false;
}

void CalendarView::onMinuteTimer() {
  const Date oldToday = today_;
  readNow();
  if (today_ != oldToday) {
    // A day change the app did not announce (a suspend over midnight).
    if (shown_ == oldToday) shown_ = today_;
    invalidate();
  } else if (view_ == ViewKind::Week || view_ == ViewKind::Day) {
    host_.repaintContent();  // the current-time line
  }
}

std::string CalendarView::categoryOf(const CalendarOccurrence& o) const {
  if (!model_) return {};
  const sync::Item* item = model_->item(o.itemId);
  if ((!item || !item->has(sync::field::Category)) && o.masterId) item = model_->item(o.masterId);
  return item ? item->text(sync::field::Category) : std::string();
}

// ---------------------------------------------------------------- navigation

void CalendarView::setView(ViewKind view, bool save) {
  if (view == view_) return;
  view_ = view;
  drag_.reset();
  if (view == ViewKind::Week || view == ViewKind::Day) scrolledToWorkingHours_ = false;
  agendaScroll_ = 0;
  invalidate();
  if (save && hooks_.viewChosen) hooks_.viewChosen(std::string(viewName(view)));
}

void CalendarView::setShown(const Date& date) {
  shown_ = date;
  agendaScroll_ = 0;
  invalidate();
}

void CalendarView::goToday() {
  readNow();
  setShown(today_);
  if (view_ == ViewKind::Week || view_ == ViewKind::Day) scrolledToWorkingHours_ = false;
}

// ---------------------------------------------------------------- layout

Box CalendarView::contentBox(const wxRect& area) const {
  Box b = toBox(area);
  b.y += kToolbarHeight;
  b.h -= kToolbarHeight + 2;
  if (!undoIds_.empty()) b.h -= kUndoBarHeight + 4;
  b.h = std::max(0.0, b.h);
  return b;
}

void CalendarView::ensureLayout(const wxRect& area) {
  if (!dirty_ && area == layoutArea_) return;
  dirty_ = false;
  // New sizes ask for new widths; the old entries would only pile up.
  if (area.GetSize() != layoutArea_.GetSize())
    for (auto& cache : texts_) cache.forget();
  layoutArea_ = area;
  toolbar_ = toolbarLayout(toBox(area), kToolbarHeight, kTodayWidth, kSwitchWidth);
  const Box body = contentBox(area);
  month_ = {};
  monthColours_.clear();
  monthTimes_.clear();
  week_ = {};
  agenda_.clear();
  agendaRows_.clear();
  if (!model_) return;
  switch (view_) {
    case ViewKind::Month: {
      monthMetrics_.area = {body.x + 6, body.y, body.w - 12, body.h};
      const double fontHeight = draw::font(-2).GetPixelSize().y;
      monthMetrics_.laneHeight = std::max(16.0, fontHeight + 5);
      monthMetrics_.dayNumberHeight = std::max(18.0, fontHeight + 6);
      month_ = monthGrid(*model_, shown_, firstDay_, monthMetrics_.maxLanes(), today_);
      // What each paint would otherwise look up again per chip: the
      // event's colour (its category read from the item) and start time.
      monthColours_.assign(month_.occurrences.size(), theme::Rgb{});
      monthTimes_.assign(month_.occurrences.size(), std::string());
      auto colourFor = [&](std::size_t i) {
        const CalendarOccurrence& o = month_.occurrences[i];
        monthColours_[i] = eventColour(categoryOf(o), o.masterId ? o.masterId : o.itemId, o.title);
      };
      for (const MonthBar& b : month_.bars) colourFor(b.occurrence);
      for (const MonthDay& d : month_.days)
        for (const MonthChip& chip : d.chips) {
          colourFor(chip.occurrence);
          const CalendarOccurrence& o = month_.occurrences[chip.occurrence];
          monthTimes_[chip.occurrence] = formatClock(o.localStart.minutes, use24Hour_);
        }
      if (tracing()) traceMonth();
      break;
    }
    case ViewKind::Week:
    case ViewKind::Day: {
      const int days = view_ == ViewKind::Week ? 7 : 1;
      const DayRange range = visibleDays(view_, shown_, firstDay_);
      week_ = weekLayout(*model_, range.first, days);
      const double oldScroll = hourMetrics_.scroll;
      hourMetrics_ = {};
      hourMetrics_.area = {body.x + 4, body.y, body.w - 10, body.h};
      hourMetrics_.dayCount = days;
      hourMetrics_.allDayLanes = std::min(week_.allDayLanes, 4);
      hourMetrics_.hourHeight = days == 1 ? 44 : 40;
      const int visibleMinutes = static_cast<int>(hourMetrics_.hoursArea().h * 60 / hourMetrics_.hourHeight);
      hourMetrics_.scroll =
          scrolledToWorkingHours_
              ? std::clamp(oldScroll, 0.0, hourMetrics_.maxScroll())
              : std::max(0.0, hourMetrics_.scrollFor(openingMinute(week_, kWorkingHoursStart, visibleMinutes)) - 10);
      scrolledToWorkingHours_ = true;
      break;
    }
    case ViewKind::Agenda:
      agenda_ = agenda(*model_, shown_, kAgendaDays);
      agendaRows_ = agendaRows(agenda_, kAgendaHeader, kAgendaRow);
      break;
  }
}

void CalendarView::layout() { invalidate(); }

// ---------------------------------------------------------------- painting

draw::TextFitCache& CalendarView::texts(wxGraphicsContext& gc, TextFont font) {
  static constexpr struct {
    int delta;
    bool bold;
  } kFonts[] = {{-3, false}, {-2, false}, {-2, true}, {-1, false}, {-1, true}};
  const auto i = static_cast<std::size_t>(font);
  draw::TextFitCache& cache = texts_[i];
  cache.useFont(gc, draw::font(kFonts[i].delta, kFonts[i].bold));
  return cache;
}

void CalendarView::paint(wxGraphicsContext& gc, const wxRect& area) {
  ensureLayout(area);
  gc.Clip(area.x, area.y, area.width, area.height);
  paintToolbar(gc);
  switch (view_) {
    case ViewKind::Month: paintMonth(gc); break;
    case ViewKind::Week:
    case ViewKind::Day: paintHourGrid(gc); break;
    case ViewKind::Agenda: paintAgenda(gc); break;
  }
  if (!undoIds_.empty()) paintUndoBar(gc, area);
  gc.ResetClip();
}

void CalendarView::paintToolbar(wxGraphicsContext& gc) {
  const theme::Rgb accent = theme::accent(sync::ListKind::Calendar);
  auto button = [&](const Box& b, ToolbarHit which, bool active) {
    if (active)
      roundedRect(gc, b, 6, draw::colour(accent, 220));
    else if (hoverButton_ == which)
      roundedRect(gc, b, 6, draw::colour(theme::palette().hover, 36));
    else
      roundedRect(gc, b, 6, draw::colour(theme::palette().hover, 14));
  };
  button(toolbar_.prev, ToolbarHit::Prev, false);
  button(toolbar_.today, ToolbarHit::Today, false);
  button(toolbar_.next, ToolbarHit::Next, false);
  // Chevrons drawn, not typed: the same at every font and scale.
  auto chevron = [&](const Box& b, double dir) {
    const double cx = b.x + b.w / 2, cy = b.y + b.h / 2, s = 4;
    wxGraphicsPath p = gc.CreatePath();
    p.MoveToPoint(cx + s * dir * -0.5 + s * dir, cy - s);
    p.AddLineToPoint(cx + s * dir * -0.5, cy);
    p.AddLineToPoint(cx + s * dir * -0.5 + s * dir, cy + s);
    gc.SetPen(gc.CreatePen(wxGraphicsPenInfo(draw::colour(theme::palette().text)).Width(1.6)));
    gc.StrokePath(p);
  };
  chevron(toolbar_.prev, 1);
  chevron(toolbar_.next, -1);
  gc.SetFont(draw::font(-1), draw::colour(theme::palette().text));
  const wxString today = _("Today");
  const double th = draw::textHeight(gc);
  gc.DrawText(draw::fitted(gc, today, toolbar_.today.w - 6),
              toolbar_.today.x + (toolbar_.today.w - std::min(draw::textWidth(gc, today), toolbar_.today.w - 6)) / 2,
              toolbar_.today.y + (toolbar_.today.h - th) / 2);

  static const char* const kLetters[] = {N_("M"), N_("W"), N_("D"), N_("A")};
  static constexpr ToolbarHit kHits[] = {ToolbarHit::Month, ToolbarHit::Week, ToolbarHit::Day, ToolbarHit::Agenda};
  for (std::size_t i = 0; i < toolbar_.views.size(); ++i) {
    const Box& b = toolbar_.views[i];
    const bool active = kAllViews[i] == view_;
    button(b, kHits[i], active);
    gc.SetFont(draw::font(-1, active), draw::colour(active ? theme::palette().card : theme::palette().text));
    const wxString letter = wxGetTranslation(kLetters[i]);
    gc.DrawText(letter, b.x + (b.w - draw::textWidth(gc, letter)) / 2, b.y + (b.h - th) / 2);
  }

  if (!error_.empty()) {
    gc.SetFont(draw::font(-2), draw::colour(theme::palette().danger));
    boxedText(gc, u8(error_), toolbar_.label.x, toolbar_.label.y + (toolbar_.label.h - draw::textHeight(gc)) / 2,
              toolbar_.label.w);
    return;
  }
  gc.SetFont(draw::font(0, true), draw::colour(theme::palette().text));
  // The longest form that fits; the shortest, cut, when none does.
  const auto labels = periodLabels(view_, shown_, firstDay_);
  wxString label;
  for (const auto& candidate : labels) {
    label = u8(candidate);
    double w = 0, h = 0;
    gc.GetTextExtent(label, &w, &h);
    if (w <= toolbar_.label.w) break;
  }
  boxedText(gc, label, toolbar_.label.x,
            toolbar_.label.y + (toolbar_.label.h - draw::textHeight(gc)) / 2, toolbar_.label.w);
}

void CalendarView::paintEmpty(wxGraphicsContext& gc, const Box& box) {
  gc.SetFont(draw::font(-1, false, true), draw::colour(theme::palette().subtle));
  const wxString text = !model_                          ? _("Waiting for the first sync…")
                        : presenter_.status().lastSync || testing_ ? _("No events in the next 30 days")
                                                                   : _("Waiting for the first sync…");
  gc.DrawText(text, box.x + (box.w - draw::textWidth(gc, text)) / 2, box.y + 24);
}

void CalendarView::paintMonth(wxGraphicsContext& gc) {
  const MonthMetrics& m = monthMetrics_;
  const theme::Rgb accent = theme::accent(sync::ListKind::Calendar);
  const wxColour rule = draw::colour(theme::palette().rule, 26);
  const double cw = m.cellWidth();
  // Everything but today's number is in this font: measured once (texts_).
  draw::TextFitCache& text = texts(gc, TextFont::Small);
  const wxColour ink = draw::colour(theme::palette().text), subtle = draw::colour(theme::palette().subtle),
                 muted = draw::colour(theme::palette().muted);

  const double smallH = text.height(gc);
  for (int c = 0; c < 7; ++c) {
    const Box h = m.header(c);
    const auto wd = static_cast<Weekday>((static_cast<int>(firstDay_) + c) % 7);
    const std::string& name = text.fitted(gc, weekdayName(wd), h.w - 4);
    text.draw(gc, name, h.x + (h.w - text.width(gc, name)) / 2, h.y + (h.h - smallH) / 2, subtle);
  }
  // Grid: horizontal rules per week, vertical between days; one pen. Each
  // rule is its own stroke, so crossings stay as dark as they were.
  gc.SetPen(gc.CreatePen(wxGraphicsPenInfo(rule).Width(1)));
  for (int r = 0; r <= 6; ++r) {
    const double y = m.area.y + m.headerHeight + r * m.cellHeight();
    gc.StrokeLine(m.area.x, y, m.area.right(), y);
  }
  for (int c = 1; c < 7; ++c) {
    const double x = m.area.x + c * cw;
    gc.StrokeLine(x, m.area.y + m.headerHeight, x, m.area.bottom());
  }

  const Selection* sel = selection_ ? &*selection_ : nullptr;
  // Fills are gathered per colour (draw::FillBatch): the cell shading, then
  // the bars and chip tints, then the chips' stripes over their tints; the
  // texts go over them all. Shapes of one batch neither overlap nor touch
  // (lanes are 2 px apart, cells 4 px), so the pixels are those of filling
  // each shape in turn.
  draw::FillBatch fills;
  for (std::size_t i = 0; i < month_.days.size(); ++i) {
    if (month_.days[i].inMonth) continue;
    const Box cell = m.cell(static_cast<int>(i));
    fills.add(cell.x + 1, cell.y + 1, cell.w - 2, cell.h - 2, 0,
              draw::colour(theme::palette().shade, theme::palette().shadeAlpha));
  }
  fills.fill(gc);
  for (std::size_t i = 0; i < month_.days.size(); ++i) {
    const MonthDay& d = month_.days[i];
    const Box cell = m.cell(static_cast<int>(i));
    if (d.date == shown_ && !d.today)
      roundedRect(gc, {cell.x + 1, cell.y + 1, cell.w - 2, cell.h - 2}, 4, draw::colour(theme::palette().hover, 16));
    const std::string num = std::to_string(d.date.day);
    if (d.today) gc.SetFont(draw::font(-2, true), draw::colour(theme::palette().card));  // once a month: not worth a cache of its own
    const double nw = d.today ? draw::textWidth(gc, u8(num)) : text.width(gc, num);
    const double nx = cell.x + 5, ny = cell.y + (m.dayNumberHeight - smallH) / 2;
    if (d.today) {
      const double r = std::max(nw, smallH) / 2 + 3;
      gc.SetPen(*wxTRANSPARENT_PEN);
      gc.SetBrush(wxBrush(draw::colour(accent)));
      gc.DrawEllipse(nx + nw / 2 - r, ny + smallH / 2 - r, 2 * r, 2 * r);
    }
    if (d.today)
      gc.DrawText(u8(num), nx, ny);
    else
      text.draw(gc, num, nx, ny, d.inMonth ? ink : muted);
  }

  const double textH = smallH;
  auto colourOf = [&](std::size_t occurrence) { return monthColours_[occurrence]; };
  auto isSelected = [&](const CalendarOccurrence& o) {
    return sel && sel->itemId == o.itemId && sel->start == o.start;
  };
  draw::FillBatch stripes;
  for (const MonthBar& b : month_.bars) {
    const Box box = m.bar(b);
    fills.add(box.x, box.y, box.w, box.h, 4, draw::colour(colourOf(b.occurrence), theme::palette().eventBarAlpha));
  }
  const bool showTimes = cw >= 84;
  for (std::size_t i = 0; i < month_.days.size(); ++i) {
    for (const MonthChip& chip : month_.days[i].chips) {
      const Box box = m.lane(static_cast<int>(i), chip.lane);
      const theme::Rgb c = colourOf(chip.occurrence);
      const bool selected = isSelected(month_.occurrences[chip.occurrence]);
      fills.add(box.x, box.y, box.w, box.h, 3,
                draw::colour(c, selected ? theme::palette().eventChipSelectedAlpha : theme::palette().eventChipAlpha));
      stripes.add(box.x, box.y, 3, box.h, 1.5, draw::colour(c));
    }
  }
  fills.fill(gc);
  stripes.fill(gc);

  for (const MonthBar& b : month_.bars) {
    const CalendarOccurrence& o = month_.occurrences[b.occurrence];
    const Box box = m.bar(b);
    if (isSelected(o)) {
      gc.SetPen(gc.CreatePen(wxGraphicsPenInfo(draw::colour(theme::palette().text)).Width(1.5)));
      gc.SetBrush(*wxTRANSPARENT_BRUSH);
      gc.DrawRoundedRectangle(box.x, box.y, box.w, box.h, 4);
    }
    const std::string label =
        !o.allDay && !b.continuesBefore ? formatClock(o.localStart.minutes, use24Hour_) + " " + o.title : o.title;
    boxedText(gc, text, label, box.x + 5, box.y + (box.h - textH) / 2, box.w - 8, ink);
  }
  for (std::size_t i = 0; i < month_.days.size(); ++i) {
    const MonthDay& d = month_.days[i];
    for (const MonthChip& chip : d.chips) {
      const CalendarOccurrence& o = month_.occurrences[chip.occurrence];
      const Box box = m.lane(static_cast<int>(i), chip.lane);
      double x = box.x + 6;
      if (o.state == sync::LocalState::Dirty || o.state == sync::LocalState::Conflict) {
        draw::stateDot(gc, x + 3, box.y + box.h / 2, o.state == sync::LocalState::Conflict);
        x += 9;
      }
      if (showTimes) {
        const std::string& t = monthTimes_[chip.occurrence];
        text.draw(gc, t, x, box.y + (box.h - textH) / 2, isSelected(o) ? ink : subtle);
        x += text.width(gc, t) + 4;
      }
      boxedText(gc, text, o.title, x, box.y + (box.h - textH) / 2, box.right() - 2 - x, ink);
    }
    if (d.moreCount > 0) {
      const Box box = m.more(month_, static_cast<int>(i));
      const std::string more = wxString::Format(_("+%d more"), d.moreCount).utf8_string();
      if (d.moreInHeader) {
        // Right-aligned beside the day number; "+2" where "+2 more" does not fit.
        // TRANSLATORS: the short form of "+%d more" in a narrow calendar day cell.
        const std::string shown =
            text.width(gc, more) <= box.w - 2 ? more : wxString::Format(_("+%d"), d.moreCount).utf8_string();
        const double w = std::min(text.width(gc, shown), box.w - 2);
        boxedText(gc, text, shown, box.right() - 2 - w, box.y + (box.h - textH) / 2, w + 1, subtle);
      } else {
        boxedText(gc, text, more, box.x + 6, box.y + (box.h - textH) / 2, box.w - 8, subtle);
      }
    }
  }
}

void CalendarView::paintHourGrid(wxGraphicsContext& gc) {
  const HourGridMetrics& m = hourMetrics_;
  const theme::Rgb accent = theme::accent(sync::ListKind::Calendar);
  const wxColour rule = draw::colour(theme::palette().rule, 28), faint = draw::colour(theme::palette().rule, 12);
  const Box hours = m.hoursArea();
  const Selection* sel = selection_ ? &*selection_ : nullptr;

  // Texts are measured, shortened and laid out once per font (texts()).
  draw::TextFitCache& small = texts(gc, TextFont::Small);
  draw::TextFitCache& smallBold = texts(gc, TextFont::SmallBold);
  draw::TextFitCache& tiny = texts(gc, TextFont::Tiny);

  // Day headers: "Mon 30"; today in the accent colour.
  for (int d = 0; d < m.dayCount; ++d) {
    const Date date = addDays(week_.first, d);
    const bool isToday = date == today_;
    draw::TextFitCache& font = isToday ? smallBold : small;
    const std::string label =
        weekdayName(weekdayOf(date), m.dayCount != 1) + " " + std::to_string(date.day);
    const double w = m.columnWidth();
    const std::string& fit = font.fitted(gc, label, w - 4);
    font.draw(gc, fit, m.columnX(d) + (w - font.width(gc, fit)) / 2,
              m.area.y + (m.headerHeight - font.height(gc)) / 2, draw::colour(isToday ? accent : theme::palette().subtle));
    if (date == shown_ && m.dayCount > 1)
      roundedRect(gc, {m.columnX(d) + 6, m.area.y + m.headerHeight - 3, w - 12, 2}, 1, draw::colour(accent, 200));
  }

  // The all-day strip.
  const double stripTop = m.area.y + m.headerHeight;
  boxedText(gc, tiny, _("all day").utf8_string(), m.area.x + 2,
            stripTop + (m.allDayLaneHeight - tiny.height(gc)) / 2 + 1, m.gutter - 4, draw::colour(theme::palette().muted));
  line(gc, m.area.x, hours.y - 0.5, m.area.right(), hours.y - 0.5, rule);
  const wxColour ink = draw::colour(theme::palette().text);
  const double textH = small.height(gc);
  for (const AllDayStripBar& b : week_.allDay) {
    if (b.lane >= m.allDayLanes) continue;
    const CalendarOccurrence& o = week_.occurrences[b.occurrence];
    const Box box = m.allDayBar(b);
    const theme::Rgb c = eventColour(categoryOf(o), o.masterId ? o.masterId : o.itemId, o.title);
    roundedRect(gc, box, 4,
                draw::colour(c, sel && sel->itemId == o.itemId && sel->start == o.start
                                    ? theme::palette().eventBarSelectedAlpha
                                    : theme::palette().eventBarAlpha));
    boxedText(gc, small, o.title, box.x + 5, box.y + (box.h - textH) / 2, box.w - 8, ink);
  }

  // The hours, clipped to their scrolling area.
  gc.Clip(hours.x, hours.y, hours.w, hours.h);
  for (int d = 0; d < m.dayCount; ++d)
    if (addDays(week_.first, d) == today_ && m.dayCount > 1)
      roundedRect(gc, {m.columnX(d), hours.y, m.columnWidth(), hours.h}, 0, draw::colour(accent, 18));
  const wxColour subtle = draw::colour(theme::palette().subtle);
  const double labelH = tiny.height(gc);
  for (int h = 0; h < 24; ++h) {
    const double y = m.yForMinute(h * 60);
    if (y > hours.bottom() || y + m.hourHeight < hours.y) continue;
    line(gc, m.area.x + m.gutter - 4, y, m.area.right(), y, rule);
    line(gc, m.area.x + m.gutter, y + m.hourHeight / 2, m.area.right(), y + m.hourHeight / 2, faint);
    if (h > 0) {
      const std::string label = formatClock(h * 60, use24Hour_);
      tiny.draw(gc, label, m.area.x + m.gutter - 7 - tiny.width(gc, label), y - labelH / 2, subtle);
    }
  }
  for (int d = 0; d <= m.dayCount; ++d) line(gc, m.columnX(d), hours.y, m.columnX(d), hours.bottom(), rule);

  auto drawBlock = [&](const TimedBlock& b, const CalendarOccurrence& o, bool ghost) {
    const Box box = m.block(b);
    if (box.bottom() < hours.y || box.y > hours.bottom()) return;
    const theme::Rgb c = eventColour(categoryOf(o), o.masterId ? o.masterId : o.itemId, o.title);
    const bool selected = sel && sel->itemId == o.itemId && sel->start == o.start;
    roundedRect(gc, box, 4, draw::colour(c, ghost ? theme::palette().eventGhostAlpha : selected ? theme::palette().eventBlockSelectedAlpha : theme::palette().eventBlockAlpha));
    roundedRect(gc, {box.x, box.y, 3, box.h}, 1.5, draw::colour(theme::palette().text, 150));
    if (selected || ghost) {
      gc.SetPen(gc.CreatePen(wxGraphicsPenInfo(draw::colour(theme::palette().text, 220)).Width(1.2)));
      gc.SetBrush(*wxTRANSPARENT_BRUSH);
      gc.DrawRoundedRectangle(box.x + 0.5, box.y + 0.5, box.w - 1, box.h - 1, 4);
    }
    double x = box.x + 7, y = box.y + 2;
    const double w = box.right() - 4 - x;
    if (o.state == sync::LocalState::Dirty || o.state == sync::LocalState::Conflict) {
      draw::stateDot(gc, box.right() - 7, box.y + 7, o.state == sync::LocalState::Conflict);
    }
    gc.Clip(box.x, box.y, box.w, box.h);
    const std::string time = formatClock(o.localStart.minutes, use24Hour_);
    if (box.h < 2 * textH + 4) {
      boxedText(gc, smallBold, o.title + "  " + time, x, y, w, ink);
    } else {
      boxedText(gc, smallBold, o.title, x, y, w, ink);
      y += textH;
      const std::string detail =
          ghost ? formatClock(b.startMinute, use24Hour_) + "–" + formatClock(b.endMinute, use24Hour_)
                : time + "–" + formatClock(o.localEnd.minutes, use24Hour_);
      const wxColour detailInk = draw::colour(theme::palette().text, 210);
      boxedText(gc, small, detail, x, y, w, detailInk);
      y += textH;
      if (!o.location.empty() && y + textH <= box.bottom()) boxedText(gc, small, o.location, x, y, w, detailInk);
    }
    gc.ResetClip();
    gc.Clip(hours.x, hours.y, hours.w, hours.h);
  };
  for (const TimedBlock& b : week_.blocks) {
    const CalendarOccurrence& o = week_.occurrences[b.occurrence];
    if (drag_ && drag_->moved && drag_->occurrence.itemId == o.itemId && drag_->occurrence.start == o.start) continue;
    drawBlock(b, o, false);
  }
  if (drag_ && drag_->moved) {
    TimedBlock ghost = drag_->block;
    ghost.column = 0;
    ghost.columnCount = 1;
    if (drag_->resize) {
      ghost.endMinute = std::clamp(ghost.endMinute + drag_->deltaMinutes, ghost.startMinute + 15, 1440);
    } else {
      const int len = ghost.endMinute - ghost.startMinute;
      ghost.startMinute = std::clamp(ghost.startMinute + drag_->deltaMinutes, 0, 1440 - len);
      ghost.endMinute = ghost.startMinute + len;
      ghost.day = std::clamp(ghost.day + drag_->deltaDays, 0, m.dayCount - 1);
    }
    drawBlock(ghost, drag_->occurrence, true);
  }

  // The current time.
  const long long todayColumn = daysBetween(week_.first, today_);
  if (todayColumn >= 0 && todayColumn < m.dayCount) {
    const double y = m.yForMinute(now_.minutes);
    const double x0 = m.columnX(static_cast<int>(todayColumn)), x1 = x0 + m.columnWidth();
    line(gc, x0, y, x1, y, draw::colour(theme::palette().nowLine), 1.6);
    gc.SetPen(*wxTRANSPARENT_PEN);
    gc.SetBrush(wxBrush(draw::colour(theme::palette().nowLine)));
    gc.DrawEllipse(x0 - 4, y - 4, 8, 8);
  }
  gc.ResetClip();
  gc.Clip(layoutArea_.x, layoutArea_.y, layoutArea_.width, layoutArea_.height);
}

void CalendarView::paintAgenda(wxGraphicsContext& gc) {
  const Box body = contentBox(layoutArea_);
  if (agendaRows_.empty()) {
    paintEmpty(gc, body);
    return;
  }
  const theme::Rgb accent = theme::accent(sync::ListKind::Calendar);
  const Selection* sel = selection_ ? &*selection_ : nullptr;
  gc.Clip(body.x, body.y, body.w, body.h);
  const double timeColumn = use24Hour_ ? 92 : 124;
  // Texts are measured, shortened and laid out once per font (texts()).
  draw::TextFitCache& headerFont = texts(gc, TextFont::BodyBold);
  draw::TextFitCache& titleFont = texts(gc, TextFont::Body);
  draw::TextFitCache& whenFont = texts(gc, TextFont::Small);
  draw::TextFitCache& placeFont = texts(gc, TextFont::Tiny);
  const wxColour ink = draw::colour(theme::palette().text), subtle = draw::colour(theme::palette().subtle);
  for (const AgendaRow& r : agendaRows_) {
    const double y = body.y + r.y - agendaScroll_;
    if (y + r.h < body.y || y > body.bottom()) continue;
    const AgendaDay& day = agenda_[r.day];
    const double x = body.x + theme::kPad;
    if (r.header) {
      const bool isToday = day.date == today_;
      std::string label = weekdayName(weekdayOf(day.date), false) + ", " + std::to_string(day.date.day) + " " +
                          monthName(day.date.month, false);
      if (isToday) label = _("Today").utf8_string() + " · " + label;
      else if (day.date == addDays(today_, 1)) label = _("Tomorrow").utf8_string() + " · " + label;
      boxedText(gc, headerFont, label, x, y + r.h - headerFont.height(gc) - 4, body.w - 2 * theme::kPad,
                draw::colour(isToday ? accent : theme::palette().text));
      line(gc, x, y + r.h - 0.5, body.right() - theme::kPad, y + r.h - 0.5, draw::colour(theme::palette().rule, 30));
      continue;
    }
    const CalendarOccurrence& o = day.occurrences[r.occurrence];
    if (sel && sel->itemId == o.itemId && sel->start == o.start)
      draw::rowHighlight(gc, body.x + 6, y + 1, body.w - 12, r.h - 2, true);
    const theme::Rgb c = eventColour(categoryOf(o), o.masterId ? o.masterId : o.itemId, o.title);
    roundedRect(gc, {x, y + 7, 4, r.h - 14}, 2, draw::colour(c));
    std::string when;
    if (o.allDay) {
      when = _("all day").utf8_string();
    } else {
      const bool startsToday = o.localStart.date == day.date;
      const bool endsToday = o.localEnd.date == day.date;
      when = startsToday ? formatClock(o.localStart.minutes, use24Hour_) : std::string("…");
      when += "–" + (endsToday ? formatClock(o.localEnd.minutes, use24Hour_) : std::string("…"));
    }
    const double th = whenFont.height(gc);
    boxedText(gc, whenFont, when, x + 12, y + (r.h - th) / 2, timeColumn - 16, subtle);
    const double tx = x + timeColumn;
    const double tw = body.right() - theme::kPad - tx;
    double titleX = tx;
    if (o.state == sync::LocalState::Dirty || o.state == sync::LocalState::Conflict) {
      draw::stateDot(gc, tx + 3, y + r.h / 2 - (o.location.empty() ? 0 : 7), o.state == sync::LocalState::Conflict);
      titleX += 12;
    }
    const double titleH = titleFont.height(gc);
    if (o.location.empty()) {
      boxedText(gc, titleFont, o.title, titleX, y + (r.h - titleH) / 2, tw - (titleX - tx), ink);
    } else {
      boxedText(gc, titleFont, o.title, titleX, y + 3, tw - (titleX - tx), ink);
      boxedText(gc, placeFont, o.location, tx, y + 3 + titleH, tw, subtle);
    }
  }
  gc.ResetClip();
  gc.Clip(layoutArea_.x, layoutArea_.y, layoutArea_.width, layoutArea_.height);
}

void CalendarView::paintUndoBar(wxGraphicsContext& gc, const wxRect& area) {
  const Box bar{area.x + 8.0, area.GetBottom() - kUndoBarHeight - 2.0, area.width - 16.0, kUndoBarHeight};
  roundedRect(gc, bar, 8, draw::colour(theme::palette().raised, 240));
  gc.SetFont(draw::font(-1, true), draw::colour(theme::palette().text));
  const wxString undo = _("Undo");
  const double uw = draw::textWidth(gc, undo), th = draw::textHeight(gc);
  undoButton_ = {bar.right() - uw - 24, bar.y + 3, uw + 16, bar.h - 6};
  roundedRect(gc, undoButton_, 6, draw::colour(theme::palette().hover, 20));
  gc.DrawText(undo, undoButton_.x + 8, bar.y + (bar.h - th) / 2);
  gc.SetFont(draw::font(-1), draw::colour(theme::palette().text));
  boxedText(gc, wxString::Format(_("Deleted “%s”"), u8(undoTitle_)), bar.x + 12, bar.y + (bar.h - th) / 2,
            undoButton_.x - bar.x - 20);
}

// ---------------------------------------------------------------- selection

const std::vector<CalendarOccurrence>* CalendarView::visibleOccurrences() const {
  switch (view_) {
    case ViewKind::Month: return &month_.occurrences;
    case ViewKind::Week:
    case ViewKind::Day: return &week_.occurrences;
    case ViewKind::Agenda: return nullptr;
  }
  return nullptr;
}

const CalendarOccurrence* CalendarView::selectedOccurrence() const {
  if (!selection_) return nullptr;
  auto same = [&](const CalendarOccurrence& o) {
    return o.itemId == selection_->itemId && o.start == selection_->start;
  };
  if (const auto* list = visibleOccurrences()) {
    for (const auto& o : *list)
      if (same(o)) return &o;
    return nullptr;
  }
  for (const auto& d : agenda_)
    for (const auto& o : d.occurrences)
      if (same(o)) return &o;
  return nullptr;
}

// ---------------------------------------------------------------- input

void CalendarView::hover(const std::string& text) {
  if (text == hoverText_) return;
  hoverText_ = text;
  host_.setHoverText(text);
  if (tracing() && !text.empty()) traceLine("hover " + text.substr(0, text.find('\n')));
}

const CalendarOccurrence* CalendarView::occurrenceAt(double x, double y) const {
  if (toolbar_.bar.contains(x, y)) return nullptr;
  switch (view_) {
    case ViewKind::Week:
    case ViewKind::Day: {
      const HourGridHit hit = hourGridHitTest(week_, hourMetrics_, x, y);
      if (hit.kind == HourGridHit::Kind::Block || hit.kind == HourGridHit::Kind::BlockBottom ||
          hit.kind == HourGridHit::Kind::AllDayBar)
        return &week_.occurrences[hit.occurrence];
      return nullptr;
    }
    case ViewKind::Month: {
      const MonthHit hit = monthHitTest(month_, monthMetrics_, x, y);
      if (hit.kind == MonthHit::Kind::Occurrence) return &month_.occurrences[hit.occurrence];
      return nullptr;
    }
    case ViewKind::Agenda: {
      const Box body = contentBox(layoutArea_);
      if (const auto row = agendaRowAt(agendaRows_, y - body.y, agendaScroll_); row && !agendaRows_[*row].header)
        return &agenda_[agendaRows_[*row].day].occurrences[agendaRows_[*row].occurrence];
      return nullptr;
    }
  }
  return nullptr;
}

void CalendarView::mouse(wxMouseEvent& e) {
  const wxRect area = host_.contentArea();
  ensureLayout(area);
  const double x = e.GetX(), y = e.GetY();
  const wxEventType type = e.GetEventType();

  if (type == wxEVT_MOUSEWHEEL) {
    const double steps = double(e.GetWheelRotation()) / std::max(1, e.GetWheelDelta());
    if (view_ == ViewKind::Week || view_ == ViewKind::Day) {
      hourMetrics_.scroll = std::clamp(hourMetrics_.scroll - steps * hourMetrics_.hourHeight, 0.0,
                                       hourMetrics_.maxScroll());
    } else if (view_ == ViewKind::Agenda) {
      const double total = agendaRows_.empty() ? 0 : agendaRows_.back().y + agendaRows_.back().h;
      agendaScroll_ = std::clamp(agendaScroll_ - steps * kAgendaRow * 2, 0.0,
                                 std::max(0.0, total - contentBox(area).h));
    } else {
      setShown(stepPeriod(view_, shown_, steps > 0 ? -1 : 1));
      return;
    }
    host_.repaintContent();
    return;
  }

  if (e.Leaving()) {
    hover({});
    if (hoverButton_ != ToolbarHit::None) {
      hoverButton_ = ToolbarHit::None;
      host_.repaintContent();
    }
    return;
  }

  if (type == wxEVT_MOTION) {
    if (drag_ && e.LeftIsDown()) {
      const double dx = x - drag_->startX, dy = y - drag_->startY;
      if (!drag_->moved && std::abs(dx) < 4 && std::abs(dy) < 4) return;
      drag_->moved = true;
      drag_->deltaMinutes = snappedMinutes(dy, hourMetrics_.hourHeight);
      drag_->deltaDays = drag_->resize ? 0 : static_cast<int>(std::lround(dx / hourMetrics_.columnWidth()));
      host_.repaintContent();
      return;
    }
    if (drag_ && !e.LeftIsDown()) drag_.reset();
    if (const CalendarOccurrence* o = occurrenceAt(x, y)) {
      std::string text = occurrenceLabel(*o, use24Hour_);
      if (!o->location.empty()) text += "\n" + o->location;
      hover(text);
    } else {
      hover({});
    }
    const ToolbarHit hover = toolbar_.hit(x, y);
    if (hover != hoverButton_) {
      hoverButton_ = hover;
      host_.repaintContent();
    }
    if ((view_ == ViewKind::Week || view_ == ViewKind::Day) && !host_.locked()) {
      const HourGridHit hit = hourGridHitTest(week_, hourMetrics_, x, y);
      if (hit.kind == HourGridHit::Kind::BlockBottom) host_.window()->SetCursor(wxCursor(wxCURSOR_SIZENS));
    }
    return;
  }

  if (e.LeftDown()) {
    if (!undoIds_.empty() && undoButton_.contains(x, y)) {
      for (auto id : undoIds_) presenter_.undoRemove(id);
      undoIds_.clear();
      undoTimer_.Stop();
      itemsChanged();
      return;
    }
    switch (toolbar_.hit(x, y)) {
      case ToolbarHit::Prev: setShown(stepPeriod(view_, shown_, -1)); return;
      case ToolbarHit::Next: setShown(stepPeriod(view_, shown_, 1)); return;
      case ToolbarHit::Today: goToday(); return;
      case ToolbarHit::Month:
      case ToolbarHit::Week:
      case ToolbarHit::Day:
      case ToolbarHit::Agenda: setView(viewOfSwitch(toolbar_.hit(x, y))); return;
      case ToolbarHit::None: break;
    }
    if (toolbar_.bar.contains(x, y)) return;
    if (view_ == ViewKind::Week || view_ == ViewKind::Day) {
      const HourGridHit hit = hourGridHitTest(week_, hourMetrics_, x, y);
      if (hit.day >= 0 && hit.kind != HourGridHit::Kind::None) shown_ = addDays(week_.first, hit.day);
      if (hit.kind == HourGridHit::Kind::Block || hit.kind == HourGridHit::Kind::BlockBottom ||
          hit.kind == HourGridHit::Kind::AllDayBar) {
        const CalendarOccurrence& o = week_.occurrences[hit.occurrence];
        select(o);
        if (hit.kind != HourGridHit::Kind::AllDayBar && !host_.locked()) {
          for (const auto& b : week_.blocks)
            if (b.occurrence == hit.occurrence && b.day == hit.day) {
              drag_ = std::make_unique<Drag>();
              drag_->occurrence = o;
              drag_->block = b;
              drag_->resize = hit.kind == HourGridHit::Kind::BlockBottom;
              drag_->startX = x;
              drag_->startY = y;
              break;
            }
        }
      } else if (hit.kind != HourGridHit::Kind::None) {
        selection_.reset();
      }
      host_.repaintContent();
    } else if (view_ == ViewKind::Month) {
      const MonthHit hit = monthHitTest(month_, monthMetrics_, x, y);
      if (hit.kind == MonthHit::Kind::Occurrence) {
        const CalendarOccurrence& o = month_.occurrences[hit.occurrence];
        select(o);
        shown_ = month_.days[static_cast<std::size_t>(hit.cell)].date;
        host_.repaintContent();
      }
    } else if (view_ == ViewKind::Agenda) {
      const Box body = contentBox(area);
      if (auto row = agendaRowAt(agendaRows_, y - body.y, agendaScroll_)) {
        const AgendaRow& r = agendaRows_[*row];
        if (!r.header) {
          const CalendarOccurrence& o = agenda_[r.day].occurrences[r.occurrence];
          select(o);
        }
        host_.repaintContent();
      }
    }
    return;
  }

  if (e.LeftUp()) {
    if (drag_) {
      if (drag_->moved) applyDrag();
      drag_.reset();
      host_.repaintContent();
      return;
    }
    if (view_ == ViewKind::Month && !toolbar_.bar.contains(x, y)) {
      // A click on a day (not on an event) opens that day.
      const MonthHit hit = monthHitTest(month_, monthMetrics_, x, y);
      if (hit.kind == MonthHit::Kind::Day || hit.kind == MonthHit::Kind::More) {
        shown_ = month_.days[static_cast<std::size_t>(hit.cell)].date;
        setView(ViewKind::Day);
      }
    }
    return;
  }

  if (e.LeftDClick()) {
    drag_.reset();
    if (toolbar_.bar.contains(x, y)) return;
    std::optional<CalendarOccurrence> open;
    bool create = false, allDay = false;
    Date createDay;
    int createMinute = 0;
    if (view_ == ViewKind::Week || view_ == ViewKind::Day) {
      const HourGridHit hit = hourGridHitTest(week_, hourMetrics_, x, y);
      switch (hit.kind) {
        case HourGridHit::Kind::Block:
        case HourGridHit::Kind::BlockBottom:
        case HourGridHit::Kind::AllDayBar: open = week_.occurrences[hit.occurrence]; break;
        case HourGridHit::Kind::Slot:
          create = true;
          createDay = addDays(week_.first, hit.day);
          createMinute = hit.minute / 30 * 30;
          break;
        case HourGridHit::Kind::AllDay:
        case HourGridHit::Kind::Header:
          create = allDay = true;
          createDay = addDays(week_.first, hit.day);
          break;
        case HourGridHit::Kind::None: break;
      }
    } else if (view_ == ViewKind::Month) {
      const MonthHit hit = monthHitTest(month_, monthMetrics_, x, y);
      if (hit.kind == MonthHit::Kind::Occurrence) open = month_.occurrences[hit.occurrence];
    } else if (view_ == ViewKind::Agenda) {
      const Box body = contentBox(area);
      if (auto row = agendaRowAt(agendaRows_, y - body.y, agendaScroll_); row && !agendaRows_[*row].header)
        open = agenda_[agendaRows_[*row].day].occurrences[agendaRows_[*row].occurrence];
    }
    // After the click is handled: the dialog runs its own event loop.
    if (open) {
      host_.window()->CallAfter([this, o = *open] { openOccurrence(o); });
    } else if (create) {
      if (allDay) {
        host_.window()->CallAfter([this, day = createDay] {
          EventDraft d = newEventDraft(day, now_);
          if (model_) d.descriptionAsHtml = descriptionsAreHtml(*model_);
          d.allDay = true;
          d.start = {day, 0};
          d.end = {day, 0};
          const EditorResult r = editEvent(host_.window(), d, EditorScope::New, firstDay_);
          if (r.action == EditorResult::Action::Save && model_) write(createEvent(r.draft, model_->zones()));
        });
      } else {
        host_.window()->CallAfter([this, createDay, createMinute] { createAt(createDay, createMinute); });
      }
    }
  }
}

bool CalendarView::key(wxKeyEvent& e) {
  const int code = e.GetKeyCode();
  if (e.HasAnyModifiers()) return false;
  switch (code) {
    case WXK_LEFT: setShown(stepPeriod(view_, shown_, -1)); return true;
    case WXK_RIGHT: setShown(stepPeriod(view_, shown_, 1)); return true;
    case 'T': goToday(); return true;
    case 'M': setView(ViewKind::Month); return true;
    case 'W': setView(ViewKind::Week); return true;
    case 'D': setView(ViewKind::Day); return true;
    case 'A': setView(ViewKind::Agenda); return true;
    case WXK_PAGEUP:
    case WXK_PAGEDOWN:
      if (view_ == ViewKind::Week || view_ == ViewKind::Day) {
        const double page = hourMetrics_.hoursArea().h * 0.8 * (code == WXK_PAGEUP ? -1 : 1);
        hourMetrics_.scroll = std::clamp(hourMetrics_.scroll + page, 0.0, hourMetrics_.maxScroll());
        host_.repaintContent();
        return true;
      }
      return false;
    case WXK_UP:
    case WXK_DOWN: {
      // Up/Down walk the visible events in time order.
      std::vector<const CalendarOccurrence*> list;
      if (const auto* v = visibleOccurrences()) {
        for (const auto& o : *v) list.push_back(&o);
      } else {
        for (const auto& d : agenda_)
          for (const auto& o : d.occurrences) list.push_back(&o);
      }
      if (list.empty()) return true;
      const CalendarOccurrence* current = selectedOccurrence();
      std::size_t i = 0;
      if (current) {
        for (std::size_t k = 0; k < list.size(); ++k)
          if (list[k] == current) i = k;
        if (code == WXK_DOWN && i + 1 < list.size()) ++i;
        if (code == WXK_UP && i > 0) --i;
      }
      select(*list[i]);
      if (view_ == ViewKind::Week || view_ == ViewKind::Day) {
        // Keep the selected event in sight.
        const int minute = list[i]->localStart.date == list[i]->localEnd.date ? list[i]->localStart.minutes : 0;
        const double top = minute * hourMetrics_.hourHeight / 60.0;
        if (top < hourMetrics_.scroll || top > hourMetrics_.scroll + hourMetrics_.hoursArea().h - 30)
          hourMetrics_.scroll = hourMetrics_.scrollFor(std::max(0, minute - 60));
      }
      host_.repaintContent();
      return true;
    }
    case WXK_RETURN:
    case WXK_NUMPAD_ENTER:
      if (const auto* o = selectedOccurrence()) {
        host_.window()->CallAfter([this, copy = *o] { openOccurrence(copy); });
        return true;
      }
      return false;
    case WXK_DELETE:
    case WXK_NUMPAD_DELETE:
      if (const auto* o = selectedOccurrence()) {
        host_.window()->CallAfter([this, copy = *o] { deleteOccurrence(copy); });
        return true;
      }
      return false;
    case WXK_ESCAPE:
      if (selection_) {
        selection_.reset();
        host_.repaintContent();
        return true;
      }
      return false;
    default: return false;
  }
}

void CalendarView::appendMenu(wxMenu& menu) {
  static const char* const kNames[] = {N_("Month\tM"), N_("Week\tW"), N_("Day\tD"), N_("Agenda\tA")};
  std::vector<int> ids;
  for (std::size_t i = 0; i < kAllViews.size(); ++i) {
    const int id = wxWindow::NewControlId();
    ids.push_back(id);
    menu.AppendRadioItem(id, wxGetTranslation(kNames[i]))->Check(kAllViews[i] == view_);
  }
  const int todayId = wxWindow::NewControlId(), newId = wxWindow::NewControlId(),
            mineId = wxWindow::NewControlId(), theirsId = wxWindow::NewControlId();
  menu.Append(todayId, _("Go to today\tT"));
  menu.Append(newId, _("New event…\tCtrl+N"));
  std::int64_t conflictId = 0;
  if (const CalendarOccurrence* o = selectedOccurrence(); o && o->state == sync::LocalState::Conflict) {
    conflictId = o->itemId;
    menu.AppendSeparator();
    menu.Append(mineId, _("Conflict: keep mine"));
    menu.Append(theirsId, _("Conflict: keep theirs"));
  }
  menu.Bind(wxEVT_MENU, [this, ids, todayId, newId, mineId, theirsId, conflictId](wxCommandEvent& ev) {
    for (std::size_t i = 0; i < ids.size(); ++i)
      if (ev.GetId() == ids[i]) {
        setView(kAllViews[i]);
        return;
      }
    if (ev.GetId() == todayId) {
      goToday();
    } else if (ev.GetId() == newId) {
      host_.window()->CallAfter([this] { newItem(); });
    } else if (conflictId != 0 && (ev.GetId() == mineId || ev.GetId() == theirsId)) {
      resolve(conflictId, ev.GetId() == mineId);
    } else {
      ev.Skip();
    }
  });
}

std::string CalendarView::accessibleText() const {
  std::string out;
  auto add = [&](const CalendarOccurrence& o) { out += occurrenceLabel(o, use24Hour_) + "\n"; };
  if (!model_) return out;
  // What is on screen; the layouts are built at the first paint, so read
  // the model directly for a view not yet painted.
  const DayRange range = visibleDays(view_, shown_, firstDay_);
  for (const auto& o : model_->occurrences(range.first, range.end)) add(o);
  return out;
}

std::optional<std::size_t> CalendarView::accessibleSelection() const {
  if (!model_ || !selection_) return std::nullopt;
  // The occurrences accessibleText() lists, in its order.
  const DayRange range = visibleDays(view_, shown_, firstDay_);
  const auto shown = model_->occurrences(range.first, range.end);
  for (std::size_t i = 0; i < shown.size(); ++i)
    if (shown[i].itemId == selection_->itemId && shown[i].start == selection_->start) return i;
  return std::nullopt;
}

// ---------------------------------------------------------------- editing

void CalendarView::newItem() { createAt(shown_, std::nullopt); }

void CalendarView::createAt(const Date& day, std::optional<int> minute) {
  if (!model_) return;
  EventDraft d = newEventDraft(day, now_);
  d.descriptionAsHtml = descriptionsAreHtml(*model_);
  if (minute) {
    d.start = {day, *minute};
    d.end = addMinutesTo(d.start, 60);
  }
  if (tracing()) {
    char at[16];
    std::snprintf(at, sizeof at, "%02d:%02d", d.start.minutes / 60 % 100, d.start.minutes % 60);
    traceLine("new " + formatDate(d.start.date) + "T" + at);
  }
  const EditorResult r = editEvent(host_.window(), d, EditorScope::New, firstDay_);
  if (r.action == EditorResult::Action::Save) write(createEvent(r.draft, model_->zones()));
}

void CalendarView::openOccurrence(const CalendarOccurrence& o) {
  if (!model_) return;
  select(o);
  // A conflict is settled before the event can be edited again: an edit on
  // top of it would be one more change the server's version knows nothing of.
  if (o.state == sync::LocalState::Conflict) {
    std::string fields;
    for (const auto& c : presenter_.conflictsOf(o.itemId))
      if (!c.field.empty()) fields += (fields.empty() ? "" : ", ") + c.field;
    if (const auto keepMine = askKeepMine(host_.window(), o.title, fields)) resolve(o.itemId, *keepMine);
    return;
  }
  if (!o.recurring) {
    const EditorResult r = editEvent(host_.window(), draftForOccurrence(*model_, o), EditorScope::Single, firstDay_);
    if (r.action == EditorResult::Action::Save)
      write(updateEvent(o.itemId, r.draft, model_->zones()));
    else if (r.action == EditorResult::Action::Delete)
      removeWithUndo(deleteEvent(*model_, o.itemId), o.title);
    return;
  }
  const auto series = askSeriesOrOccurrence(host_.window(), o.title, false);
  if (!series) return;
  if (*series) {
    const auto draft = draftForSeries(*model_, o.masterId);
    if (!draft) {
      error_ = _("This series cannot be edited here (its recurrence is not readable).").utf8_str();
      host_.repaintContent();
      return;
    }
    const EditorResult r = editEvent(host_.window(), *draft, EditorScope::Series, firstDay_);
    if (r.action == EditorResult::Action::Save)
      write(updateEvent(o.masterId, r.draft, model_->zones()));
    else if (r.action == EditorResult::Action::Delete)
      removeWithUndo(deleteEvent(*model_, o.masterId), o.title);
    return;
  }
  const EditorResult r =
      editEvent(host_.window(), draftForOccurrence(*model_, o), EditorScope::Occurrence, firstDay_);
  if (r.action == EditorResult::Action::Save)
    write(changeOccurrence(o, r.draft, model_->zones()));
  else if (r.action == EditorResult::Action::Delete)
    write(calendar::deleteOccurrence(o));
}

void CalendarView::resolve(std::int64_t id, bool keepMine) {
  if (const auto result = presenter_.resolveConflict(id, keepMine); !result) {
    error_ = result.error().message;
    host_.repaintContent();
  }
  itemsChanged();
}

void CalendarView::deleteOccurrence(const CalendarOccurrence& o) {
  if (!model_) return;
  if (!o.recurring) {
    removeWithUndo(deleteEvent(*model_, o.itemId), o.title);
    return;
  }
  const auto series = askSeriesOrOccurrence(host_.window(), o.title, true);
  if (!series) return;
  if (*series)
    removeWithUndo(deleteEvent(*model_, o.masterId), o.title);
  else
    write(calendar::deleteOccurrence(o));
}

void CalendarView::applyDrag() {
  if (!drag_ || !model_ || host_.locked()) return;
  const Drag& d = *drag_;
  EventDraft draft = draftForOccurrence(*model_, d.occurrence);
  const long long length = minutesBetween(draft.start, draft.end);
  if (d.resize) {
    draft.end = addMinutesTo(draft.end, d.deltaMinutes);
    if (minutesBetween(draft.start, draft.end) < 15) draft.end = addMinutesTo(draft.start, 15);
  } else {
    draft.start = addMinutesTo(draft.start, d.deltaMinutes + d.deltaDays * 1440);
    draft.end = addMinutesTo(draft.start, static_cast<int>(length));
  }
  if (draft.start == d.occurrence.localStart && draft.end == d.occurrence.localEnd) return;
  // Dragging one occurrence of a series moves that occurrence only (an
  // exception item), as calendars do; the series itself is edited in the editor.
  if (d.occurrence.recurring)
    write(changeOccurrence(d.occurrence, draft, model_->zones()));
  else
    write(updateEvent(d.occurrence.itemId, draft, model_->zones()));
  selection_ = Selection{d.occurrence.itemId, model_->desktopZone().toUtc(draft.start)};
}

bool CalendarView::write(const CalendarWrite& w) {
  sync::Result<void> result;
  switch (w.kind) {
    case CalendarWrite::Kind::Create: {
      auto created = presenter_.create(w.fields);
      if (!created) result = created.error();
      break;
    }
    case CalendarWrite::Kind::Update: result = presenter_.update(w.itemId, w.fields); break;
    case CalendarWrite::Kind::Remove: presenter_.removeLater(w.itemId); break;
  }
  error_ = result ? std::string() : result.error().message;
  itemsChanged();
  return result.ok();
}

void CalendarView::removeWithUndo(const std::vector<CalendarWrite>& writes, const std::string& title) {
  undoIds_.clear();
  for (const auto& w : writes) {
    if (w.kind == CalendarWrite::Kind::Remove) {
      presenter_.removeLater(w.itemId);
      undoIds_.push_back(w.itemId);
    } else {
      write(w);
    }
  }
  undoTitle_ = title;
  selection_.reset();
  // A little after the delay, so the presenter finds the deletes due.
  undoTimer_.StartOnce(static_cast<int>(std::chrono::milliseconds(PanePresenter::kUndoDelay).count()) + 150);
  itemsChanged();
}

void CalendarView::onUndoTimer() {
  presenter_.commitDueRemovals();
  if (const auto next = presenter_.nextRemovalDue()) {
    const auto wait = std::chrono::duration_cast<std::chrono::milliseconds>(*next - PanePresenter::Clock::now());
    undoTimer_.StartOnce(static_cast<int>(std::max<long long>(50, wait.count() + 50)));
  }
  itemsChanged();
}

}  // namespace deskpane::overlay::calendar
