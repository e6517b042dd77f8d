#include "overlay/undo_bar.h"

#include "overlay/pane_draw.h"
#include "overlay/pane_presenter.h"

#include <wx/brush.h>
#include <wx/graphics.h>
#include <wx/intl.h>

#include <algorithm>

namespace deskpane::overlay {

UndoBar::UndoBar(PanePresenter& presenter, std::function<void()> changed)
    : presenter_(presenter), changed_(std::move(changed)) {
  timer_.Bind(wxEVT_TIMER, [this](wxTimerEvent&) { onTimer(); });
}

UndoBar::~UndoBar() { timer_.Stop(); }

void UndoBar::remove(std::int64_t id, const wxString& what) {
  presenter_.removeLater(id);
  waiting_.push_back({id, what});
  arm();
  if (changed_) changed_();
}

bool UndoBar::undo() {
  while (!waiting_.empty()) {
    const Waiting last = waiting_.back();
    waiting_.pop_back();
    if (presenter_.undoRemove(last.id)) {
      arm();
      if (changed_) changed_();
      return true;
    }
  }
  return false;
}

void UndoBar::arm() {
  timer_.Stop();
  const auto next = presenter_.nextRemovalDue();
  if (!next) return;
  const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(*next - PanePresenter::Clock::now()).count();
  timer_.StartOnce(static_cast<int>(std::clamp<long long>(ms + 20, 1, 60000)));
}

void UndoBar::onTimer() {
  presenter_.commitDueRemovals();
  const auto pending = presenter_.pendingRemovals();
  waiting_.erase(std::remove_if(waiting_.begin(), waiting_.end(),
                                [&](const Waiting& w) {
                                  return std::find(pending.begin(), pending.end(), w.id) == pending.end();
                                }),
                 waiting_.end());
  arm();
  if (changed_) changed_();
}

wxRect UndoBar::barRect(const wxRect& area) const {
  if (!visible()) return wxRect(area.x, area.GetBottom() + 1, area.width, 0);
  return wxRect(area.x + 8, area.GetBottom() - kHeight + 1, area.width - 16, kHeight - 4);
}

wxRect UndoBar::listArea(const wxRect& area) const {
  if (!visible()) return area;
  return wxRect(area.x, area.y, area.width, std::max(0, area.height - kHeight));
}

void UndoBar::paint(wxGraphicsContext& gc, const wxRect& area) {
  if (!visible()) return;
  const wxRect bar = barRect(area);
  gc.SetPen(*wxTRANSPARENT_PEN);
  gc.SetBrush(wxBrush(draw::colour(theme::palette().text, 235)));
  gc.DrawRoundedRectangle(bar.x, bar.y, bar.width, bar.height, 8);
  gc.SetFont(draw::font(-1, true), draw::colour(theme::palette().card));
  const wxString undo = _("Undo");
  const double uw = draw::textWidth(gc, undo);
  const double th = draw::textHeight(gc);
  button_ = wxRect(bar.GetRight() - static_cast<int>(uw) - 24, bar.y, static_cast<int>(uw) + 24, bar.height);
  gc.DrawText(undo, button_.x + 12, bar.y + (bar.height - th) / 2);
  gc.SetFont(draw::font(-1), draw::colour(theme::palette().card));
  const wxString text = waiting_.size() == 1
                            ? wxString::Format(_("Deleted “%s”"), waiting_.back().what)
                            : wxString::Format(wxPLURAL("Deleted %zu item", "Deleted %zu items", waiting_.size()),
                                               waiting_.size());
  gc.DrawText(draw::fitted(gc, text, button_.x - bar.x - 20), bar.x + 12, bar.y + (bar.height - th) / 2);
}

bool UndoBar::click(const wxPoint& p, const wxRect& area) {
  if (!visible() || !barRect(area).Contains(p)) return false;
  if (button_.Contains(p)) undo();
  return true;
}

std::string UndoBar::accessibleText() const {
  if (!visible()) return "";
  return wxString::Format(_("Deleted “%s”. Undo with Ctrl+Z"), waiting_.back().what).utf8_string();
}

}  // namespace deskpane::overlay
