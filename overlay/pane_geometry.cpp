#include "overlay/pane_geometry.h"

#include <algorithm>
#include <cstdlib>
#include <optional>

namespace deskpane::overlay {

unsigned edgeAt(int px, int py, int w, int h, int border) {
  if (px < 0 || py < 0 || px >= w || py >= h) return None;
  unsigned e = None;
  if (px < border) e |= Left;
  if (px >= w - border) e |= Right;
  if (py < border) e |= Top;
  if (py >= h - border) e |= Bottom;
  return e;
}

Rect dragged(const Rect& start, unsigned edges, int dx, int dy) {
  Rect r = start;
  if (edges & Move) {
    r.x += dx;
    r.y += dy;
    return r;
  }
  if (edges & Left) {
    const int w = std::max(kMinPaneWidth, start.w - dx);
    r.x = start.right() - w;
    r.w = w;
  }
  if (edges & Right) r.w = std::max(kMinPaneWidth, start.w + dx);
  if (edges & Top) {
    const int h = std::max(kMinPaneHeight, start.h - dy);
    r.y = start.bottom() - h;
    r.h = h;
  }
  if (edges & Bottom) r.h = std::max(kMinPaneHeight, start.h + dy);
  return r;
}

namespace {

// The nearest target within `distance` of `value`, if any.
std::optional<int> nearest(int value, const std::vector<int>& targets, int distance) {
  std::optional<int> best;
  for (int t : targets) {
    const int d = std::abs(t - value);
    if (d <= distance && (!best || d < std::abs(*best - value))) best = t;
  }
  return best;
}

bool overlapsSpan(int a0, int a1, int b0, int b1, int slack) { return a0 <= b1 + slack && b0 <= a1 + slack; }

struct Targets {
  std::vector<int> xs, ys;  // lines a vertical / horizontal edge may snap to
};

Targets targetsFor(const Rect& r, const std::vector<Rect>& screens, const std::vector<Rect>& others,
                   int distance) {
  Targets t;
  for (const Rect& s : screens) {
    t.xs.insert(t.xs.end(), {s.x, s.right()});
    t.ys.insert(t.ys.end(), {s.y, s.bottom()});
  }
  for (const Rect& o : others) {
    // Another pane attracts only when it is next to this one (the two touch
    // once grown by `distance`), so far-away panes do not pull; then both
    // docking side by side and aligning with it are offered.
    if (!overlapsSpan(r.y, r.bottom(), o.y, o.bottom(), distance) ||
        !overlapsSpan(r.x, r.right(), o.x, o.right(), distance))
      continue;
    t.xs.insert(t.xs.end(), {o.x, o.right()});
    t.ys.insert(t.ys.end(), {o.y, o.bottom()});
  }
  return t;
}

// For a move: the shift that brings the closer of two edges onto a target.
int moveShift(int lo, int hi, const std::vector<int>& targets, int distance) {
  const auto a = nearest(lo, targets, distance);
  const auto b = nearest(hi, targets, distance);
  if (a && (!b || std::abs(*a - lo) <= std::abs(*b - hi))) return *a - lo;
  if (b) return *b - hi;
  return 0;
}

}  // namespace

Rect snapped(const Rect& r, unsigned edges, const std::vector<Rect>& screens, const std::vector<Rect>& others,
             int distance) {
  const Targets t = targetsFor(r, screens, others, distance);
  Rect out = r;
  if (edges & Move) {
    out.x += moveShift(r.x, r.right(), t.xs, distance);
    out.y += moveShift(r.y, r.bottom(), t.ys, distance);
    return out;
  }
  if (edges & Left)
    if (auto x = nearest(r.x, t.xs, distance); x && r.right() - *x >= kMinPaneWidth) {
      out.x = *x;
      out.w = r.right() - *x;
    }
  if (edges & Right)
    if (auto x = nearest(r.right(), t.xs, distance); x && *x - out.x >= kMinPaneWidth) out.w = *x - out.x;
  if (edges & Top)
    if (auto y = nearest(r.y, t.ys, distance); y && r.bottom() - *y >= kMinPaneHeight) {
      out.y = *y;
      out.h = r.bottom() - *y;
    }
  if (edges & Bottom)
    if (auto y = nearest(r.bottom(), t.ys, distance); y && *y - out.y >= kMinPaneHeight) out.h = *y - out.y;
  return out;
}

Rect onScreen(const Rect& r, const std::vector<Rect>& monitors, const Rect& primary) {
  // Reachable means at least half the header (top 32 px) over 48 px of width
  // is on some monitor, so the user can still grab it.
  constexpr int kHeader = 32, kGrab = 48;
  for (const Rect& m : monitors) {
    const int ix = std::min(r.right(), m.right()) - std::max(r.x, m.x);
    const int iy = std::min(r.y + kHeader, m.bottom()) - std::max(r.y, m.y);
    if (ix >= kGrab && iy >= kHeader / 2) return r;
  }
  Rect out = r;
  out.w = std::min(r.w, primary.w);
  out.h = std::min(r.h, primary.h);
  out.x = std::clamp(r.x, primary.x, primary.right() - out.w);
  out.y = std::clamp(r.y, primary.y, primary.bottom() - out.h);
  return out;
}

std::string monitorLayoutKey(std::vector<Rect> monitors) {
  std::sort(monitors.begin(), monitors.end(),
            [](const Rect& a, const Rect& b) { return a.x != b.x ? a.x < b.x : a.y < b.y; });
  std::string key;
  for (const Rect& m : monitors) {
    if (!key.empty()) key += '_';
    key += std::to_string(m.w) + "x" + std::to_string(m.h) + (m.x < 0 ? "" : "+") + std::to_string(m.x) +
           (m.y < 0 ? "" : "+") + std::to_string(m.y);
  }
  return key;
}

}  // namespace deskpane::overlay
