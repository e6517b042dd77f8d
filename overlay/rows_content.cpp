#include "overlay/rows_content.h"

#include "overlay/pane_draw.h"
#include "overlay/pane_presenter.h"

#include <wx/event.h>
#include <wx/graphics.h>
#include <wx/intl.h>
#include <wx/pen.h>
#include <wx/utils.h>

namespace deskpane::overlay {

RowsContent::RowsContent(sync::ListKind kind, PaneHost& host, PanePresenter& presenter)
    : kind_(kind), host_(host), presenter_(presenter), list_(theme::kRowHeight) {
  itemsChanged();
}

void RowsContent::itemsChanged() {
  rows_ = paneRows(kind_, presenter_.items(), Clock::now());
  std::vector<std::int64_t> ids;
  ids.reserve(rows_.size());
  for (const auto& r : rows_) ids.push_back(r.id);
  list_.setIds(std::move(ids));
  list_.scrollBy(0, host_.contentArea());
  host_.repaintContent();
}

void RowsContent::paint(wxGraphicsContext& gc, const wxRect& area) {
  if (rows_.empty()) {
    gc.SetFont(draw::font(-1, false, true), draw::colour(theme::kSubtle));
    const wxString empty = presenter_.status().lastSync ? _("No items") : _("Waiting for the first sync…");
    gc.DrawText(empty, area.x + (area.width - draw::textWidth(gc, empty)) / 2, area.y + 24);
    return;
  }
  const wxFont titleFont = draw::font(0), detailFont = draw::font(-2);
  list_.paint(
      gc, area,
      [&](wxGraphicsContext& g, std::size_t i, const wxRect& box, bool selected, bool hovered) {
        const PaneRow& row = rows_[i];
        if (selected || hovered) draw::rowHighlight(g, box.x + 6, box.y + 1, box.width - 12, box.height - 2, selected);
        double x = box.x + theme::kPad;
        if (row.conflict || row.pending) {
          draw::stateDot(g, x, box.y + 14, row.conflict);
          x += 14;
        }
        const double w = box.GetRight() - theme::kPad - x;
        const auto ink = row.muted ? theme::kMuted : row.emphasised ? theme::kDanger : theme::kText;
        g.SetFont(titleFont, draw::colour(ink));
        g.DrawText(draw::fitted(g, draw::utf8(row.title), w), x, box.y + 8);
        if (!row.detail.empty()) {
          g.SetFont(detailFont, draw::colour(row.emphasised ? theme::kDanger : theme::kSubtle));
          g.DrawText(draw::fitted(g, draw::utf8(row.detail), w), x, box.y + 28);
        }
      },
      draw::colour(theme::accent(kind_), 150));
}

void RowsContent::mouse(wxMouseEvent& e) {
  const wxRect area = host_.contentArea();
  if (e.GetEventType() == wxEVT_MOUSEWHEEL) {
    const int steps = e.GetWheelRotation() / std::max(1, e.GetWheelDelta());
    if (list_.scrollBy(-steps * list_.rowHeight(), area)) host_.repaintContent();
  } else if (e.LeftDown()) {
    if (auto row = list_.rowAt(e.GetPosition(), area)) {
      list_.selectIndex(*row);
      host_.repaintContent();
    }
  } else if (e.Moving() || e.Leaving()) {
    list_.setHover(e.Leaving() ? std::nullopt : list_.rowAt(e.GetPosition(), area));
    host_.repaintContent();
  }
}

bool RowsContent::key(wxKeyEvent& e) {
  if (list_.moveKey(e.GetKeyCode(), host_.contentArea())) {
    host_.repaintContent();
    return true;
  }
  return false;
}

void RowsContent::newItem() {
  const std::string url = presenter_.listUrl();
  if (!url.empty()) wxLaunchDefaultBrowser(draw::utf8(url));
}

std::string RowsContent::accessibleText() const {
  std::string out;
  for (const auto& r : rows_) out += r.title + (r.detail.empty() ? "" : ", " + r.detail) + "\n";
  return out;
}

}  // namespace deskpane::overlay
