#pragma once
// Drawing helpers every pane's view shares, so the five panes look alike:
// theme colours as wx colours, fonts that follow the desktop's font size,
// text fitted with an ellipsis, and the small marks (pending dot, conflict
// badge, check box) the lists use.
#include "overlay/pane_theme.h"

#include <wx/colour.h>
#include <wx/font.h>
#include <wx/string.h>

class wxGraphicsContext;

namespace deskpane::overlay::draw {

wxColour colour(theme::Rgb c, int alpha = 255);
// The desktop's GUI font at `delta` points from its size (0 = body text).
wxFont font(int delta = 0, bool bold = false, bool italic = false);
// `text` shortened with an ellipsis to fit `maxWidth` in gc's current font.
wxString fitted(wxGraphicsContext& gc, const wxString& text, double maxWidth);
double textWidth(wxGraphicsContext& gc, const wxString& text);
double textHeight(wxGraphicsContext& gc);
// A round dot: amber = waiting to upload, red = in conflict.
void stateDot(wxGraphicsContext& gc, double x, double y, bool conflict);
// A rounded "pill" with a label (badges such as "Conflict", "+3 more").
// Returns its width.
double pill(wxGraphicsContext& gc, double x, double y, const wxString& label, theme::Rgb fill, theme::Rgb ink);
// A check box, ticked or not, `size` px square.
void checkBox(wxGraphicsContext& gc, double x, double y, double size, bool checked, theme::Rgb accent);
// A soft highlight behind the selected / hovered row.
void rowHighlight(wxGraphicsContext& gc, double x, double y, double w, double h, bool selected);
wxString utf8(const std::string& s);

}  // namespace deskpane::overlay::draw
