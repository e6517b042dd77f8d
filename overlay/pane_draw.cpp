#include "overlay/pane_draw.h"

#include <wx/brush.h>
#include <wx/graphics.h>
#include <wx/pen.h>
#include <wx/settings.h>

#include <algorithm>

namespace deskpane::overlay::draw {

wxColour colour(theme::Rgb c, int alpha) { return wxColour(c.r, c.g, c.b, static_cast<unsigned char>(alpha)); }

wxFont font(int delta, bool bold, bool italic) {
  // Follows the desktop's font size, so a user who enlarged text gets larger panes' text too.
  wxFont f = wxSystemSettings::GetFont(wxSYS_DEFAULT_GUI_FONT);
  f.SetPointSize(std::max(6, f.GetPointSize() + delta));
  if (bold) f.SetWeight(wxFONTWEIGHT_BOLD);
  if (italic) f.SetStyle(wxFONTSTYLE_ITALIC);
  return f;
}

double textWidth(wxGraphicsContext& gc, const wxString& text) {
  double w = 0, h = 0;
  gc.GetTextExtent(text, &w, &h);
  return w;
}

double textHeight(wxGraphicsContext& gc) {
  double w = 0, h = 0;
  gc.GetTextExtent("Ag", &w, &h);
  return h;
}

wxString fitted(wxGraphicsContext& gc, const wxString& text, double maxWidth) {
  if (maxWidth <= 0) return wxString();
  if (textWidth(gc, text) <= maxWidth) return text;
  const wxString ellipsis = wxString::FromUTF8("…");
  size_t lo = 0, hi = text.length();
  while (lo < hi) {  // longest prefix that fits, by bisection
    const size_t mid = (lo + hi + 1) / 2;
    if (textWidth(gc, text.Left(mid) + ellipsis) <= maxWidth)
      lo = mid;
    else
      hi = mid - 1;
  }
  return text.Left(lo).Trim() + ellipsis;
}

void stateDot(wxGraphicsContext& gc, double x, double y, bool conflict) {
  gc.SetPen(*wxTRANSPARENT_PEN);
  gc.SetBrush(wxBrush(colour(conflict ? theme::palette().danger : theme::palette().pending)));
  gc.DrawEllipse(x, y, 7, 7);
}

double pill(wxGraphicsContext& gc, double x, double y, const wxString& label, theme::Rgb fill, theme::Rgb ink) {
  gc.SetFont(font(-2, true), colour(ink));
  const double w = textWidth(gc, label) + 12, h = textHeight(gc) + 4;
  gc.SetPen(*wxTRANSPARENT_PEN);
  gc.SetBrush(wxBrush(colour(fill, theme::palette().pillAlpha)));
  gc.DrawRoundedRectangle(x, y, w, h, h / 2);
  gc.DrawText(label, x + 6, y + 2);
  return w;
}

void checkBox(wxGraphicsContext& gc, double x, double y, double size, bool checked, theme::Rgb accent) {
  gc.SetPen(wxPen(colour(checked ? accent : theme::palette().subtle), 1.5));
  gc.SetBrush(checked ? wxBrush(colour(accent)) : *wxTRANSPARENT_BRUSH);
  gc.DrawRoundedRectangle(x + 0.75, y + 0.75, size - 1.5, size - 1.5, 3);
  if (!checked) return;
  gc.SetPen(wxPen(colour(theme::palette().card), 2));
  wxGraphicsPath tick = gc.CreatePath();
  tick.MoveToPoint(x + size * 0.24, y + size * 0.52);
  tick.AddLineToPoint(x + size * 0.43, y + size * 0.72);
  tick.AddLineToPoint(x + size * 0.78, y + size * 0.3);
  gc.StrokePath(tick);
}

void rowHighlight(wxGraphicsContext& gc, double x, double y, double w, double h, bool selected) {
  gc.SetPen(*wxTRANSPARENT_PEN);
  gc.SetBrush(wxBrush(colour(theme::palette().hover, selected ? theme::palette().rowSelectedAlpha : theme::palette().rowHoverAlpha)));
  gc.DrawRoundedRectangle(x, y, w, h, 6);
}

wxString utf8(const std::string& s) { return wxString::FromUTF8(s.data(), s.size()); }

}  // namespace deskpane::overlay::draw
