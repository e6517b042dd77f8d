#pragma once
// Native controls inside a pane (a note's colour menu) in the pane's palette
// rather than the desktop's GTK theme: a light pane on a dark desktop would
// otherwise show a dark button in it, and the other way round.
#include "overlay/pane_palette.h"

class wxWindow;

namespace deskpane::overlay {

// Paints `window` and the GTK widgets inside it with `back` and `ink`; a
// later call replaces the colours of an earlier one.
void applyNativeColours(wxWindow* window, theme::Rgb back, theme::Rgb ink);

}  // namespace deskpane::overlay
