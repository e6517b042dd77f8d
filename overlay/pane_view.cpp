#include "overlay/pane_view.h"

#include "overlay/pane_draw.h"
#include "overlay/pane_theme.h"

#include <wx/brush.h>
#include <wx/font.h>
#include <wx/pen.h>
#include <wx/graphics.h>

#include <algorithm>
#include <cmath>

namespace deskpane::overlay {

namespace {

using draw::colour;
using draw::fitted;

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
ButtonBox menuBox(int width) {
  ButtonBox b = refreshBox(width);
  b.x -= theme::kButton + 2;
  return b;
}

void drawButtonHover(wxGraphicsContext& gc, const ButtonBox& b) {
  gc.SetPen(*wxTRANSPARENT_PEN);
  gc.SetBrush(wxBrush(colour(theme::palette().hover, 28)));
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

void drawMenuGlyph(wxGraphicsContext& gc, const ButtonBox& b, wxColour ink) {
  const double cx = b.x + b.size / 2, cy = b.y + b.size / 2;
  gc.SetPen(*wxTRANSPARENT_PEN);
  gc.SetBrush(wxBrush(ink));
  for (int i = -1; i <= 1; ++i) gc.DrawEllipse(cx + i * 6 - 1.75, cy - 1.75, 3.5, 3.5);
}

}  // namespace

PaneView::PaneView(sync::ListKind kind, std::string title) : kind_(kind), title_(std::move(title)) {}

PaneHit PaneView::hitTest(int x, int y, int width, int height) const {
  if (x < 0 || y < 0 || x >= width || y >= height) return PaneHit::Nothing;
  if (y < theme::kHeaderHeight) {
    if (addBox(width).contains(x, y)) return PaneHit::AddButton;
    if (refreshBox(width).contains(x, y)) return PaneHit::RefreshButton;
    if (menuBox(width).contains(x, y)) return PaneHit::MenuButton;
    if (y >= 24 && x >= theme::kPad + 12 && x < menuBox(width).x - 8) return PaneHit::StateText;
    return PaneHit::Header;
  }
  return PaneHit::Content;
}

void PaneView::paint(wxGraphicsContext& gc, int width, int height) const {
  gc.SetAntialiasMode(wxANTIALIAS_DEFAULT);
  const int cardAlpha = perPixelAlpha_ ? std::clamp(opacity_, 20, 100) * 255 / 100 : 255;
  const double radius = perPixelAlpha_ ? theme::kRadius : 0;
  const double hh = theme::kHeaderHeight;

  // Card body and header band (rounded on top only, then squared off below).
  gc.SetPen(*wxTRANSPARENT_PEN);
  gc.SetBrush(wxBrush(colour(theme::palette().card, cardAlpha)));
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
    gc.SetBrush(wxBrush(colour(theme::palette().hover, 14)));
    gc.FillPath(band);
  }
  gc.SetPen(wxPen(colour(theme::palette().rule, 22), 1));
  gc.StrokeLine(0, hh - 0.5, width, hh - 0.5);

  // Header: accent mark, title over state text, then the buttons.
  const auto accent = theme::accent(kind_);
  gc.SetPen(*wxTRANSPARENT_PEN);
  gc.SetBrush(wxBrush(colour(accent)));
  gc.DrawRoundedRectangle(theme::kPad, 12, 4, hh - 24, 2);
  const double textX = theme::kPad + 12;
  const ButtonBox refresh = refreshBox(width), add = addBox(width), menu = menuBox(width);
  const double textW = menu.x - textX - 8;
  gc.SetFont(draw::font(1, true), colour(theme::palette().text));
  gc.DrawText(fitted(gc, draw::utf8(title_), textW), textX, 6);
  gc.SetFont(draw::font(-2), colour(stateAlert_ ? theme::palette().danger : theme::palette().subtle));
  gc.DrawText(fitted(gc, draw::utf8(stateText_), textW), textX, 26);

  if (hover_ == PaneHit::RefreshButton) drawButtonHover(gc, refresh);
  if (hover_ == PaneHit::AddButton) drawButtonHover(gc, add);
  if (hover_ == PaneHit::MenuButton) drawButtonHover(gc, menu);
  drawMenuGlyph(gc, menu, colour(theme::palette().text, hover_ == PaneHit::MenuButton ? 255 : 200));
  drawRefreshGlyph(gc, refresh, colour(theme::palette().text, hover_ == PaneHit::RefreshButton ? 255 : 200));
  drawPlusGlyph(gc, add, colour(theme::palette().text, hover_ == PaneHit::AddButton ? 255 : 200));

}

}  // namespace deskpane::overlay
