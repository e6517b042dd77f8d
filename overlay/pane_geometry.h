#pragma once
// Window geometry rules for the panes, free of any toolkit so they are tested
// without a display: snapping while moving or resizing, bringing a pane back
// on screen, and which edge a pointer position grabs.
#include <string>
#include <vector>

namespace deskpane::overlay {

struct Rect {
  int x = 0, y = 0, w = 0, h = 0;
  int right() const { return x + w; }
  int bottom() const { return y + h; }
  bool operator==(const Rect& o) const { return x == o.x && y == o.y && w == o.w && h == o.h; }
  bool operator!=(const Rect& o) const { return !(*this == o); }
};

inline constexpr int kSnapDistance = 10;
inline constexpr int kMinPaneWidth = 220;
inline constexpr int kMinPaneHeight = 160;

// Edges a drag acts on: a bit set of these (0 = none, Move = the whole window).
enum Edge : unsigned { None = 0, Left = 1, Right = 2, Top = 4, Bottom = 8, Move = 16 };

// The edges under a pointer at (px, py) inside a w x h window whose grab
// border is `border` px wide; corners give two edges.
unsigned edgeAt(int px, int py, int w, int h, int border);

// The rectangle after dragging `edges` of `start` by (dx, dy), keeping the
// minimum size (a resize from the left/top keeps the opposite edge in place).
Rect dragged(const Rect& start, unsigned edges, int dx, int dy);

// Snaps the moving edges of `r` to the edges of `screens` (inside) and of
// `others` (outside and aligned) within `distance` px. A move snaps the window
// as a whole without resizing; a resize moves only the dragged edges.
Rect snapped(const Rect& r, unsigned edges, const std::vector<Rect>& screens, const std::vector<Rect>& others,
             int distance = kSnapDistance);

// `r` if enough of it (its header row) lies on one of `monitors`, else `r`
// moved (and shrunk if needed) onto `primary`, keeping its offset where possible.
Rect onScreen(const Rect& r, const std::vector<Rect>& monitors, const Rect& primary);

// A name for a set of monitors (their full geometries, in any order):
// "1920x1080+0+0_1280x1024+1920+0", sorted by position. Panes remember a
// place per layout under this name.
std::string monitorLayoutKey(std::vector<Rect> monitors);

}  // namespace deskpane::overlay
