#include "overlay/pane_view.h"

#include "overlay/pane_theme.h"

#include <wx/brush.h>
#include <wx/font.h>
#include <wx/pen.h>
#include <wx/graphics.h>

#include <algorithm>
#include <cmath>

namespace deskpane::overlay {

namespace {

wxColour colour(theme::Rgb c, int alpha = 255) { return wxColour(c.r, c.g, c.b, static_cast<unsigned char>(alpha)); }

struct ButtonBox {
  double x, y, size;
  bool contains(int px, int py) const { return px >= x && px < x + size && py >= y && py < y + size; }
};

ButtonBox addBox(int width) {
  return {static_cast<double>(width - 10 - theme::kButton), (theme::kHeaderHeight - theme::kButton) / 2.0,
          static_cast<double>(theme::kButton)};
}
ButtonBox refreshBox(int width) {
  ButtonBox b = addBox(width);
  b.x -= theme::kButton + 2;
  return b;
}

// `text` shortened with an ellipsis to fit `maxWidth` in the current font.
wxString fitted(wxGraphicsContext& gc, const wxString& text, double maxWidth) {
  double w = 0, h = 0;
  gc.GetTextExtent(text, &w, &h);
  if (w <= maxWidth) return text;
  const wxString ellipsis = wxString::FromUTF8("…");
  size_t lo = 0, hi = text.length();
  while (lo < hi) {  // longest prefix that fits, by bisection
    const size_t mid = (lo + hi + 1) / 2;
    gc.GetTextExtent(text.Left(mid) + ellipsis, &w, &h);
    if (w <= maxWidth)
      lo = mid;
    else
      hi = mid - 1;
  }
  return text.Left(lo).Trim() + ellipsis;
}

void drawButtonHover(wxGraphicsContext& gc, const ButtonBox& b) {
  gc.SetPen(*wxTRANSPARENT_PEN);
  gc.SetBrush(wxBrush(colour(theme::kHover, 28)));
  gc.DrawRoundedRectangle(b.x, b.y, b.size, b.size, 6);
}

void drawRefreshGlyph(wxGraphicsContext& gc, const ButtonBox& b, wxColour ink) {
  const double cx = b.x + b.size / 2, cy = b.y + b.size / 2, r = b.size * 0.24;
  gc.SetPen(wxPen(ink, 2));
  gc.SetBrush(*wxTRANSPARENT_BRUSH);
  wxGraphicsPath arc = gc.CreatePath();
  arc.AddArc(cx, cy, r, -M_PI / 3, 1.45 * M_PI, true);
  gc.StrokePath(arc);
  // Arrow head at the arc's start, pointing along the turn.
  const double ax = cx + r * std::cos(-M_PI / 3), ay = cy + r * std::sin(-M_PI / 3);
  wxGraphicsPath head = gc.CreatePath();
  head.MoveToPoint(ax + 4.5, ay - 1.5);
  head.AddLineToPoint(ax - 0.5, ay - 4.5);
  head.AddLineToPoint(ax - 1.0, ay + 2.0);
  head.CloseSubpath();
  gc.SetPen(*wxTRANSPARENT_PEN);
  gc.SetBrush(wxBrush(ink));
  gc.FillPath(head);
}

void drawPlusGlyph(wxGraphicsContext& gc, const ButtonBox& b, wxColour ink) {
  const double cx = b.x + b.size / 2, cy = b.y + b.size / 2, r = b.size * 0.24;
  gc.SetPen(wxPen(ink, 2));
  gc.StrokeLine(cx - r, cy, cx + r, cy);
  gc.StrokeLine(cx, cy - r, cx, cy + r);
}

}  // namespace

PaneView::PaneView(sync::ListKind kind, std::string title) : kind_(kind), title_(std::move(title)) {}

void PaneView::setRows(std::vector<PaneRow> rows) { rows_ = std::move(rows); }

int PaneView::contentHeight() const { return static_cast<int>(rows_.size()) * theme::kRowHeight + 8; }

int PaneView::maxScroll(int height) const {
  return std::max(0, contentHeight() - (height - theme::kHeaderHeight - theme::kRadius / 2));
}

bool PaneView::scrollBy(int dy, int height) {
  const int next = std::clamp(scroll_ + dy, 0, maxScroll(height));
  if (next == scroll_) return false;
  scroll_ = next;
  return true;
}

PaneHit PaneView::hitTest(int x, int y, int width, int height) const {
  if (x < 0 || y < 0 || x >= width || y >= height) return PaneHit::Nothing;
  if (y < theme::kHeaderHeight) {
    if (addBox(width).contains(x, y)) return PaneHit::AddButton;
    if (refreshBox(width).contains(x, y)) return PaneHit::RefreshButton;
    return PaneHit::Header;
  }
  return PaneHit::List;
}

void PaneView::paint(wxGraphicsContext& gc, int width, int height) const {
  gc.SetAntialiasMode(wxANTIALIAS_DEFAULT);
  const int cardAlpha = perPixelAlpha_ ? std::clamp(opacity_, 20, 100) * 255 / 100 : 255;
  const double radius = perPixelAlpha_ ? theme::kRadius : 0;
  const double hh = theme::kHeaderHeight;

  // Card body and header band (rounded on top only, then squared off below).
  gc.SetPen(*wxTRANSPARENT_PEN);
  gc.SetBrush(wxBrush(colour(theme::kCard, cardAlpha)));
  gc.DrawRoundedRectangle(0, 0, width, height, radius);
  {
    wxGraphicsPath band = gc.CreatePath();
    band.MoveToPoint(0, hh);
    band.AddLineToPoint(0, radius);
    if (radius > 0) band.AddArcToPoint(0, 0, radius, 0, radius);
    band.AddLineToPoint(width - radius, 0);
    if (radius > 0) band.AddArcToPoint(width, 0, width, radius, radius);
    band.AddLineToPoint(width, hh);
    band.CloseSubpath();
    // A faint light wash sets the header apart without a second opaque layer.
    gc.SetBrush(wxBrush(colour(theme::kHover, 14)));
    gc.FillPath(band);
  }
  gc.SetPen(wxPen(colour(theme::kRule, 22), 1));
  gc.StrokeLine(0, hh - 0.5, width, hh - 0.5);

  // Header: accent mark, title over state text, then the buttons.
  const auto accent = theme::accent(kind_);
  gc.SetPen(*wxTRANSPARENT_PEN);
  gc.SetBrush(wxBrush(colour(accent)));
  gc.DrawRoundedRectangle(theme::kPad, 12, 4, hh - 24, 2);
  const double textX = theme::kPad + 12;
  const ButtonBox refresh = refreshBox(width), add = addBox(width);
  const double textW = refresh.x - textX - 8;
  gc.SetFont(wxFont(wxFontInfo(11).Bold().Family(wxFONTFAMILY_SWISS)), colour(theme::kText));
  gc.DrawText(fitted(gc, wxString::FromUTF8(title_), textW), textX, 6);
  gc.SetFont(wxFont(wxFontInfo(8).Family(wxFONTFAMILY_SWISS)), colour(theme::kSubtle));
  gc.DrawText(fitted(gc, wxString::FromUTF8(stateText_), textW), textX, 26);

  if (hover_ == PaneHit::RefreshButton) drawButtonHover(gc, refresh);
  if (hover_ == PaneHit::AddButton) drawButtonHover(gc, add);
  drawRefreshGlyph(gc, refresh, colour(theme::kText, hover_ == PaneHit::RefreshButton ? 255 : 200));
  drawPlusGlyph(gc, add, colour(theme::kText, hover_ == PaneHit::AddButton ? 255 : 200));

  // The list, clipped below the header.
  gc.PushState();
  gc.Clip(0, hh, width, height - hh);
  const wxFont titleFont(wxFontInfo(10).Family(wxFONTFAMILY_SWISS));
  const wxFont detailFont(wxFontInfo(8).Family(wxFONTFAMILY_SWISS));
  const double rowW = width - 2 * theme::kPad;
  double y = hh + 4 - scroll_;
  if (rows_.empty()) {
    gc.SetFont(wxFont(wxFontInfo(9).Italic().Family(wxFONTFAMILY_SWISS)), colour(theme::kSubtle));
    double tw = 0, th = 0;
    gc.GetTextExtent(wxString::FromUTF8(emptyText_), &tw, &th);
    gc.DrawText(wxString::FromUTF8(emptyText_), (width - tw) / 2, hh + 24);
  }
  for (std::size_t i = 0; i < rows_.size(); ++i, y += theme::kRowHeight) {
    if (y + theme::kRowHeight < hh) continue;
    if (y > height) break;
    const PaneRow& row = rows_[i];
    if (i > 0) {
      gc.SetPen(wxPen(colour(theme::kRule, 16), 1));
      gc.StrokeLine(theme::kPad, y + 0.5, width - theme::kPad, y + 0.5);
    }
    double x = theme::kPad;
    if (row.conflict || row.pending) {  // a small dot says "not on the server yet" / "needs you"
      gc.SetPen(*wxTRANSPARENT_PEN);
      gc.SetBrush(wxBrush(colour(row.conflict ? theme::kDanger : theme::kPending)));
      gc.DrawEllipse(x, y + 14, 7, 7);
      x += 14;
    }
    const auto titleInk = row.muted ? theme::kMuted : row.emphasised ? theme::kDanger : theme::kText;
    gc.SetFont(titleFont, colour(titleInk));
    gc.DrawText(fitted(gc, wxString::FromUTF8(row.title), rowW - (x - theme::kPad)), x, y + 8);
    if (!row.detail.empty()) {
      gc.SetFont(detailFont, colour(row.emphasised ? theme::kDanger : row.muted ? theme::kMuted : theme::kSubtle));
      gc.DrawText(fitted(gc, wxString::FromUTF8(row.detail), rowW - (x - theme::kPad)), x, y + 28);
    }
  }
  gc.PopState();

  // A thin scroll thumb when the list is longer than the pane.
  const int listH = height - theme::kHeaderHeight;
  if (contentHeight() > listH && listH > 0) {
    const double thumbH = std::max(24.0, listH * static_cast<double>(listH) / contentHeight());
    const double range = listH - thumbH - 8;
    const double top = hh + 4 + (maxScroll(height) ? range * scroll_ / maxScroll(height) : 0);
    gc.SetPen(*wxTRANSPARENT_PEN);
    gc.SetBrush(wxBrush(colour(accent, 150)));
    gc.DrawRoundedRectangle(width - 7, top, 4, thumbH, 2);
  }
}

}  // namespace deskpane::overlay
