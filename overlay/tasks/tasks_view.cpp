#include "overlay/tasks/tasks_view.h"

#include "overlay/dialog_focus_return.h"
#include "overlay/pane_draw.h"
#include "overlay/pane_presenter.h"
#include "overlay/tasks/tasks_editor.h"
#include "sync/event_series.h"

#include <wx/brush.h>
#include <wx/event.h>
#include <wx/graphics.h>
#include <wx/intl.h>
#include <wx/log.h>
#include <wx/menu.h>
#include <wx/pen.h>
#include <wx/msgdlg.h>
#include <wx/window.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>

namespace deskpane::overlay {

namespace {

constexpr int kCheck = 18;     // check box side
constexpr int kRight = 70;     // the % column at the right
constexpr int kBarWidth = 46;

// The filter and sort the user picked stay for the session, also across a
// pane being hidden and shown (its content is kept) or rebuilt.
tasks::TaskQuery& sessionQuery() {
  static tasks::TaskQuery query;
  return query;
}

tasks::Zone desktopZone() { return tasks::Zone::named(sync::systemTimeZone()).value_or(tasks::Zone::utc()); }

sync::UtcTime nowUtc() { return std::chrono::time_point_cast<std::chrono::seconds>(std::chrono::system_clock::now()); }

}  // namespace

TasksView::TasksView(PaneHost& host, PanePresenter& presenter)
    : host_(host),
      presenter_(presenter),
      zone_(desktopZone()),
      query_(sessionQuery()),
      list_(theme::kRowHeight),
      undo_(presenter, [this] { itemsChanged(); }) {
  itemsChanged();
}

void TasksView::itemsChanged() {
  rows_ = tasks::taskRows(presenter_.items(), query_, nowUtc(), zone_);
  std::vector<std::int64_t> ids;
  ids.reserve(rows_.size());
  for (const auto& r : rows_) ids.push_back(r.id);
  // Tests find a task's row (to click it) from this line.
  static const bool trace = std::getenv("DESKPANE_TRACE_ROWS") != nullptr;
  if (trace) {
    std::string line = "deskpane: tasks view ids=";
    for (std::size_t i = 0; i < ids.size(); ++i) line += (i ? "," : "") + std::to_string(ids[i]);
    std::printf("%s\n", line.c_str());
    std::fflush(stdout);
  }
  list_.setIds(std::move(ids));
  list_.scrollBy(0, listArea());
  host_.repaintContent();
}

void TasksView::layout() { list_.scrollBy(0, listArea()); }

wxRect TasksView::listArea() const { return undo_.listArea(host_.contentArea()); }

wxRect TasksView::checkRect(const wxRect& row) const {
  return wxRect(row.x + theme::kPad - 2, row.y + 9, kCheck + 4, kCheck + 4);
}

wxRect TasksView::badgeRect(const wxRect& row) const {
  return wxRect(row.GetRight() - kRight - 80, row.y + 26, 80, 20);
}

const tasks::TaskRow* TasksView::rowById(std::int64_t id) const {
  for (const auto& r : rows_)
    if (r.id == id) return &r;
  return nullptr;
}

void TasksView::paint(wxGraphicsContext& gc, const wxRect& contentArea) {
  const wxRect area = undo_.listArea(contentArea);
  const theme::Rgb accent = theme::accent(sync::ListKind::Tasks);
  if (rows_.empty()) {
    gc.SetFont(draw::font(-1, false, true), draw::colour(theme::palette().subtle));
    const wxString empty = !presenter_.status().lastSync    ? _("Waiting for the first sync…")
                           : query_.filter == tasks::Filter::Completed ? _("No completed tasks")
                           : query_.filter == tasks::Filter::Active    ? _("Nothing to do — press Ctrl+N for a new task")
                                                                       : _("No tasks");
    gc.DrawText(draw::fitted(gc, empty, area.width - 2 * theme::kPad),
                area.x + std::max(theme::kPad, static_cast<int>((area.width - draw::textWidth(gc, empty)) / 2)),
                area.y + 24);
  }
  const wxFont titleFont = draw::font(0), doneFont = draw::font(0), detailFont = draw::font(-2),
               markFont = draw::font(0, true);
  list_.paint(
      gc, area,
      [&](wxGraphicsContext& g, std::size_t i, const wxRect& box, bool selected, bool hovered) {
        const tasks::TaskRow& row = rows_[i];
        if (selected || hovered) draw::rowHighlight(g, box.x + 6, box.y + 1, box.width - 12, box.height - 2, selected);
        // The selection's wash is too light for kMuted text to stay readable (WCAG AA).
        const theme::Rgb quiet = selected ? theme::palette().subtle : theme::palette().muted;
        if (row.conflict || row.pending) draw::stateDot(g, box.x + 6, box.y + 17, row.conflict);
        const wxRect check = checkRect(box);
        draw::checkBox(g, check.x + 2, check.y + 2, kCheck, row.completed, accent);

        double x = check.GetRight() + 10;
        const double right = box.GetRight() - kRight;
        // Priority: a red "!" for high, a grey "↓" for low, nothing for normal.
        if (row.priority == 1 || row.priority == 3) {
          const wxString mark = row.priority == 1 ? wxString("!") : wxString::FromUTF8("\xE2\x86\x93");
          g.SetFont(markFont, draw::colour(row.priority == 1 ? theme::palette().danger : theme::palette().subtle));
          g.DrawText(mark, x, box.y + 7);
          x += draw::textWidth(g, mark) + 5;
        }
        g.SetFont(row.completed ? doneFont : titleFont, draw::colour(row.completed ? quiet : theme::palette().text));
        const wxString title = draw::fitted(g, draw::utf8(row.title), right - x - 8);
        g.DrawText(title, x, box.y + 7);
        if (row.completed) {  // struck through, as done items are on paper
          const double w = draw::textWidth(g, title), mid = box.y + 7 + draw::textHeight(g) / 2 + 1;
          g.SetPen(wxPen(draw::colour(quiet), 1));
          g.StrokeLine(x, mid, x + w, mid);
        }

        // Second line: the due date (red when overdue), then the status.
        double dx = check.GetRight() + 10;
        g.SetFont(detailFont, draw::colour(theme::palette().subtle));
        if (!row.due.empty()) {
          const wxString due = wxString::Format(row.overdue ? _("Overdue · %s") : _("Due %s"), draw::utf8(row.due));
          g.SetFont(detailFont, draw::colour(row.overdue ? theme::palette().danger : theme::palette().subtle));
          g.DrawText(draw::fitted(g, due, right - dx), dx, box.y + 29);
          dx += draw::textWidth(g, due) + 10;
        }
        double badgeLeft = right;
        if (row.conflict) {
          g.SetFont(draw::font(-2, true), draw::colour(theme::palette().card));
          const wxString label = _("Conflict");
          const double w = draw::textWidth(g, label) + 12;
          badgeLeft = right - w - 4;
          draw::pill(g, badgeLeft, box.y + 28, label, theme::palette().danger, theme::palette().card);
        }
        if (!row.status.empty() && row.status != "Not Started" && row.status != "Completed" && dx < badgeLeft - 30) {
          g.SetFont(detailFont, draw::colour(quiet));
          g.DrawText(draw::fitted(g, wxGetTranslation(draw::utf8(row.status)), badgeLeft - dx - 6), dx, box.y + 29);
        }

        // % complete: a thin bar with the figure under it.
        const double bx = box.GetRight() - kRight + 10, by = box.y + 15;
        g.SetPen(*wxTRANSPARENT_PEN);
        g.SetBrush(wxBrush(draw::colour(theme::palette().rule, 40)));
        g.DrawRoundedRectangle(bx, by, kBarWidth, 5, 2.5);
        if (row.percent > 0) {
          g.SetBrush(wxBrush(draw::colour(row.completed ? quiet : accent)));
          g.DrawRoundedRectangle(bx, by, std::max(5.0, kBarWidth * row.percent / 100.0), 5, 2.5);
        }
        g.SetFont(detailFont, draw::colour(row.completed ? quiet : theme::palette().subtle));
        const wxString pct = wxString::Format(_("%d %%"), row.percent);
        g.DrawText(pct, bx + kBarWidth - draw::textWidth(g, pct), box.y + 26);
      },
      draw::colour(accent, 150));
  undo_.paint(gc, contentArea);
}

void TasksView::mouse(wxMouseEvent& e) {
  const wxRect area = listArea();
  const wxPoint p = e.GetPosition();
  if (e.GetEventType() == wxEVT_MOUSEWHEEL) {
    const int steps = e.GetWheelRotation() / std::max(1, e.GetWheelDelta());
    if (list_.scrollBy(-steps * list_.rowHeight(), area)) host_.repaintContent();
    return;
  }
  if (e.LeftDown()) {
    if (undo_.click(p, host_.contentArea())) return;
    const auto index = list_.rowAt(p, area);
    if (!index) return;
    list_.selectIndex(*index);
    const std::int64_t id = list_.ids()[*index];
    const int y = area.y + static_cast<int>(*index) * list_.rowHeight() - list_.scrollOffset();
    const wxRect box(area.x, y, area.width, list_.rowHeight());
    const tasks::TaskRow* row = rowById(id);
    if (checkRect(box).Contains(p)) {
      toggle(id);
    } else if (row && row->conflict && badgeRect(box).Contains(p)) {
      conflictMenu(id, p);
    }
    host_.repaintContent();
  } else if (e.LeftDClick()) {
    const auto index = list_.rowAt(p, area);
    if (!index) return;
    const int y = area.y + static_cast<int>(*index) * list_.rowHeight() - list_.scrollOffset();
    if (checkRect(wxRect(area.x, y, area.width, list_.rowHeight())).Contains(p)) {
      toggle(list_.ids()[*index]);  // a quick second click on the box toggles back
      return;
    }
    edit(list_.ids()[*index]);
  } else if (e.RightUp()) {
    if (auto index = list_.rowAt(p, area)) {
      list_.selectIndex(*index);
      host_.repaintContent();
      rowMenu(list_.ids()[*index], p);
    }
  } else if (e.Moving() || e.Leaving()) {
    const auto index = e.Leaving() ? std::nullopt : list_.rowAt(p, area);
    list_.setHover(index);
    // The whole row in words: a narrow pane cuts long titles.
    host_.setHoverText(index && *index < rows_.size() ? tasks::accessibleLine(rows_[*index]) : std::string());
    host_.repaintContent();
  }
}

bool TasksView::key(wxKeyEvent& e) {
  const int code = e.GetKeyCode();
  if (e.GetModifiers() == wxMOD_CONTROL && (code == 'Z' || code == 'z')) return undo_.undo();
  if (e.HasAnyModifiers() && e.GetModifiers() != wxMOD_SHIFT) return false;
  const auto selected = list_.selectedId();
  switch (code) {
    case WXK_SPACE:
      if (selected) toggle(*selected);
      return selected.has_value();
    case WXK_RETURN:
    case WXK_NUMPAD_ENTER:
      if (selected) edit(*selected);
      return selected.has_value();
    case WXK_DELETE:
    case WXK_NUMPAD_DELETE:
      removeSelected();
      return selected.has_value();
    default:
      break;
  }
  if (list_.moveKey(code, listArea())) {
    host_.repaintContent();
    return true;
  }
  return false;
}

void TasksView::toggle(std::int64_t id) {
  const auto item = presenter_.item(id);
  if (!item) return;
  const bool done = !tasks::isCompleted(*item);
  const auto result = presenter_.update(id, tasks::completionChange(*item, done));
  if (!result) {
    reportError(result.error().message);
    return;
  }
  std::printf("deskpane: task %lld %s\n", static_cast<long long>(id), done ? "completed" : "reopened");
  std::fflush(stdout);
  itemsChanged();
}

void TasksView::edit(std::int64_t id) {
  auto item = presenter_.item(id);
  if (!item) return;
  TasksEditor editor(host_.window(), &*item, presenter_.conflictsOf(id));
  const int answer = editor.ShowModal();
  if (answer == ItemForm::ID_KEEP_MINE || answer == ItemForm::ID_KEEP_THEIRS) {
    resolve(id, answer == ItemForm::ID_KEEP_MINE);
    return;
  }
  if (answer != wxID_OK) return;
  const sync::Fields changes = editor.writes();
  if (changes.empty()) return;
  // The item may have been re-read by a sync while the editor was open; its
  // id still names it (a pushed create resolves through the presenter).
  const auto result = presenter_.update(id, changes);
  if (!result) reportError(result.error().message);
  std::printf("deskpane: task %lld saved\n", static_cast<long long>(id));
  std::fflush(stdout);
  itemsChanged();
}

void TasksView::newItem() {
  TasksEditor editor(host_.window(), nullptr, {});
  if (editor.ShowModal() != wxID_OK) return;
  const auto result = presenter_.create(editor.writes());
  if (!result) {
    reportError(result.error().message);
    return;
  }
  std::printf("deskpane: task %lld created\n", static_cast<long long>(*result));
  std::fflush(stdout);
  itemsChanged();
  list_.selectId(*result);
  if (auto index = list_.selectedIndex()) list_.ensureVisible(*index, listArea());
  host_.repaintContent();
}

bool TasksView::reveal(std::int64_t itemId, std::int64_t) {
  const auto& ids = list_.ids();
  if (std::find(ids.begin(), ids.end(), itemId) == ids.end()) return false;
  list_.selectId(itemId);
  if (auto index = list_.selectedIndex()) list_.ensureVisible(*index, listArea());
  host_.repaintContent();
  return true;
}

void TasksView::removeSelected() {
  const auto id = list_.selectedId();
  if (!id) return;
  const tasks::TaskRow* row = rowById(*id);
  const wxString title = row ? draw::utf8(row->title) : wxString();
  // The next row takes the selection, so Delete can be pressed again.
  const auto index = list_.selectedIndex();
  std::optional<std::int64_t> next;
  if (index && *index + 1 < list_.size()) next = list_.ids()[*index + 1];
  else if (index && *index > 0) next = list_.ids()[*index - 1];
  undo_.remove(*id, title);
  list_.selectId(next);
  std::printf("deskpane: task %lld deleted (undo for %lld s)\n", static_cast<long long>(*id),
              static_cast<long long>(PanePresenter::kUndoDelay.count()));
  std::fflush(stdout);
  host_.repaintContent();
}

void TasksView::rowMenu(std::int64_t id, const wxPoint& at) {
  const tasks::TaskRow* row = rowById(id);
  if (!row) return;
  wxMenu menu;
  const int editId = wxWindow::NewControlId(), toggleId = wxWindow::NewControlId(),
            deleteId = wxWindow::NewControlId(), mineId = wxWindow::NewControlId(),
            theirsId = wxWindow::NewControlId();
  menu.Append(editId, _("Edit…\tEnter"));
  menu.Append(toggleId, row->completed ? _("Mark as not completed\tSpace") : _("Mark as completed\tSpace"));
  menu.Append(deleteId, _("Delete\tDel"));
  if (row->conflict) {
    menu.AppendSeparator();
    menu.Append(mineId, _("Conflict: keep mine"));
    menu.Append(theirsId, _("Conflict: keep theirs"));
  }
  menu.Bind(wxEVT_MENU, [&](wxCommandEvent& ev) {
    const int which = ev.GetId();
    if (which == editId) host_.window()->CallAfter([this, id] { edit(id); });
    else if (which == toggleId) toggle(id);
    else if (which == deleteId) removeSelected();
    else if (which == mineId || which == theirsId) resolve(id, which == mineId);
  });
  host_.window()->PopupMenu(&menu, at);
}

void TasksView::conflictMenu(std::int64_t id, const wxPoint& at) {
  wxMenu menu;
  const int mineId = wxWindow::NewControlId(), theirsId = wxWindow::NewControlId();
  menu.Append(mineId, _("Keep mine"));
  menu.Append(theirsId, _("Keep theirs"));
  menu.Bind(wxEVT_MENU, [&](wxCommandEvent& ev) { resolve(id, ev.GetId() == mineId); });
  host_.window()->PopupMenu(&menu, at);
}

void TasksView::resolve(std::int64_t id, bool keepMine) {
  const auto result = presenter_.resolveConflict(id, keepMine);
  if (!result) reportError(result.error().message);
  itemsChanged();
}

void TasksView::reportError(const std::string& what) {
  wxMessageBox(draw::utf8(what), _("Tasks"), wxOK | wxICON_WARNING, host_.window());
  giveKeyboardBack(host_.window());
}

void TasksView::appendMenu(wxMenu& menu) {
  struct Entry {
    wxString label;
    std::function<bool()> checked;
    std::function<void()> pick;
  };
  const std::vector<Entry> entries = {
      {_("Show active tasks"), [this] { return query_.filter == tasks::Filter::Active; },
       [this] { query_.filter = tasks::Filter::Active; }},
      {_("Show all tasks"), [this] { return query_.filter == tasks::Filter::All; },
       [this] { query_.filter = tasks::Filter::All; }},
      {_("Show completed tasks"), [this] { return query_.filter == tasks::Filter::Completed; },
       [this] { query_.filter = tasks::Filter::Completed; }},
      {_("Sort by due date"), [this] { return query_.sort == tasks::SortBy::DueDate; },
       [this] { query_.sort = tasks::SortBy::DueDate; }},
      {_("Sort by priority"), [this] { return query_.sort == tasks::SortBy::Priority; },
       [this] { query_.sort = tasks::SortBy::Priority; }},
  };
  std::vector<int> ids;
  for (std::size_t i = 0; i < entries.size(); ++i) {
    if (i == 3) menu.AppendSeparator();
    ids.push_back(wxWindow::NewControlId());
    menu.AppendRadioItem(ids.back(), entries[i].label)->Check(entries[i].checked());
  }
  // The frame's own handler skips ids it does not know, so these arrive here.
  menu.Bind(wxEVT_MENU, [this, ids, entries](wxCommandEvent& ev) {
    for (std::size_t i = 0; i < ids.size(); ++i)
      if (ev.GetId() == ids[i]) {
        entries[i].pick();
        sessionQuery() = query_;
        std::printf("deskpane: tasks filter=%d sort=%d\n", static_cast<int>(query_.filter),
                    static_cast<int>(query_.sort));
        std::fflush(stdout);
        itemsChanged();
        return;
      }
    ev.Skip();
  });
}

std::string TasksView::accessibleText() const {
  std::string out;
  for (const auto& r : rows_) out += tasks::accessibleLine(r) + "\n";
  const std::string undo = undo_.accessibleText();
  if (!undo.empty()) out += undo + "\n";
  return out;
}

}  // namespace deskpane::overlay
