#include "overlay/fill_batch.h"

#include <wx/brush.h>
#include <wx/graphics.h>
#include <wx/pen.h>

#include <algorithm>

namespace deskpane::overlay::draw {

void FillBatch::add(double x, double y, double w, double h, double radius, const wxColour& colour) {
  if (w <= 0 || h <= 0) return;
  // Few colours (a palette of eight, two alphas): a linear search is cheapest.
  auto it = std::find_if(groups_.begin(), groups_.end(), [&](const Group& g) { return g.colour == colour; });
  if (it == groups_.end()) it = groups_.insert(groups_.end(), Group{colour, {}});
  it->rects.push_back({x, y, w, h, std::min(radius, std::min(w, h) / 2)});
}

void FillBatch::fill(wxGraphicsContext& gc) {
  gc.SetPen(*wxTRANSPARENT_PEN);
  for (const Group& g : groups_) {
    wxGraphicsPath path = gc.CreatePath();
    // The path gc.DrawRoundedRectangle builds for each.
    for (const Rect& r : g.rects) path.AddRoundedRectangle(r.x, r.y, r.w, r.h, r.radius);
    gc.SetBrush(wxBrush(g.colour));
    gc.FillPath(path, wxWINDING_RULE);
  }
  groups_.clear();
}

}  // namespace deskpane::overlay::draw
