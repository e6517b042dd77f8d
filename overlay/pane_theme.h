#pragma once
// Metrics of the pane card, in one place so the five panes match; the
// colours, dark and light, are in pane_palette.h.
#include "overlay/pane_palette.h"

namespace deskpane::overlay::theme {

inline constexpr int kRadius = 12;        // card corner radius
inline constexpr int kHeaderHeight = 46;
inline constexpr int kPad = 16;           // inner horizontal padding
inline constexpr int kRowHeight = 50;     // two text lines per item
inline constexpr int kButton = 28;        // header buttons, square
inline constexpr int kResizeBorder = 6;   // grab width of the edges

}  // namespace deskpane::overlay::theme
