#pragma once
// WCAG 2.x contrast between two of the panes' colours, as the pane paints
// them: washes are composited over the opaque card (the pane at 100 %
// opacity) in 8 bits per channel first. Toolkit-free, so the palette is
// checked by a unit test.
#include "overlay/pane_theme.h"

namespace deskpane::overlay::contrast {

// WCAG AA minimums: normal text, and large text (at least 18 pt, or 14 pt bold).
inline constexpr double kAaNormalText = 4.5;
inline constexpr double kAaLargeText = 3.0;

// `ink` at `alpha` (0..255) painted over the opaque `below`.
theme::Rgb over(theme::Rgb ink, int alpha, theme::Rgb below);
// WCAG's relative luminance, 0 (black) .. 1 (white).
double relativeLuminance(theme::Rgb c);
// (lighter + 0.05) / (darker + 0.05): 1 .. 21, whichever way round.
double ratio(theme::Rgb a, theme::Rgb b);

}  // namespace deskpane::overlay::contrast
