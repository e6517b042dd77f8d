#include "overlay/row_list.h"

#include <wx/brush.h>
#include <wx/defs.h>
#include <wx/graphics.h>
#include <wx/pen.h>

#include <algorithm>

namespace deskpane::overlay {

void RowList::setIds(std::vector<std::int64_t> ids) {
  ids_ = std::move(ids);
  if (selected_ && std::find(ids_.begin(), ids_.end(), *selected_) == ids_.end()) selected_.reset();
  if (hover_ && *hover_ >= ids_.size()) hover_.reset();
}

std::optional<std::size_t> RowList::selectedIndex() const {
  if (!selected_) return std::nullopt;
  const auto it = std::find(ids_.begin(), ids_.end(), *selected_);
  if (it == ids_.end()) return std::nullopt;
  return static_cast<std::size_t>(it - ids_.begin());
}

void RowList::selectIndex(std::size_t index) {
  if (index < ids_.size()) selected_ = ids_[index];
}

std::optional<std::size_t> RowList::rowAt(const wxPoint& p, const wxRect& area) const {
  if (!area.Contains(p) || rowHeight_ <= 0) return std::nullopt;
  const int offset = p.y - area.y + scroll_;
  if (offset < 0) return std::nullopt;
  const auto index = static_cast<std::size_t>(offset / rowHeight_);
  if (index >= ids_.size()) return std::nullopt;
  return index;
}

int RowList::maxScroll(const wxRect& area) const {
  return std::max(0, static_cast<int>(ids_.size()) * rowHeight_ - area.height);
}

bool RowList::scrollBy(int dy, const wxRect& area) {
  const int next = std::clamp(scroll_ + dy, 0, maxScroll(area));
  if (next == scroll_) return false;
  scroll_ = next;
  return true;
}

void RowList::ensureVisible(std::size_t index, const wxRect& area) {
  const int top = static_cast<int>(index) * rowHeight_;
  if (top < scroll_) scroll_ = top;
  if (top + rowHeight_ > scroll_ + area.height) scroll_ = top + rowHeight_ - area.height;
  scroll_ = std::clamp(scroll_, 0, maxScroll(area));
}

bool RowList::moveKey(int keyCode, const wxRect& area) {
  if (ids_.empty()) return false;
  const int page = std::max(1, area.height / std::max(1, rowHeight_) - 1);
  const int last = static_cast<int>(ids_.size()) - 1;
  const auto current = selectedIndex();
  int next = current ? static_cast<int>(*current) : -1;
  switch (keyCode) {
    case WXK_DOWN: next = current ? next + 1 : 0; break;
    case WXK_UP: next = current ? next - 1 : last; break;
    case WXK_PAGEDOWN: next = current ? next + page : 0; break;
    case WXK_PAGEUP: next = current ? next - page : 0; break;
    case WXK_HOME: next = 0; break;
    case WXK_END: next = last; break;
    default: return false;
  }
  next = std::clamp(next, 0, last);
  selectIndex(static_cast<std::size_t>(next));
  ensureVisible(static_cast<std::size_t>(next), area);
  return true;
}

void RowList::paint(wxGraphicsContext& gc, const wxRect& area, const DrawRow& draw, const wxColour& thumb) const {
  if (rowHeight_ <= 0) return;
  gc.PushState();
  gc.Clip(area.x, area.y, area.width, area.height);
  const auto sel = selectedIndex();
  const std::size_t first = static_cast<std::size_t>(scroll_ / rowHeight_);
  for (std::size_t i = first; i < ids_.size(); ++i) {
    const int y = area.y + static_cast<int>(i) * rowHeight_ - scroll_;
    if (y > area.GetBottom()) break;
    draw(gc, i, wxRect(area.x, y, area.width, rowHeight_), sel && *sel == i, hover_ && *hover_ == i);
  }
  gc.PopState();
  const int content = static_cast<int>(ids_.size()) * rowHeight_;
  if (content > area.height && area.height > 0) {
    const double thumbH = std::max(24.0, area.height * static_cast<double>(area.height) / content);
    const double range = area.height - thumbH - 4;
    const double top = area.y + 2 + (maxScroll(area) ? range * scroll_ / maxScroll(area) : 0);
    gc.SetPen(*wxTRANSPARENT_PEN);
    gc.SetBrush(wxBrush(thumb));
    gc.DrawRoundedRectangle(area.GetRight() - 5, top, 4, thumbH, 2);
  }
}

}  // namespace deskpane::overlay
