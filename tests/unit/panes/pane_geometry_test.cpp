#include "overlay/pane_geometry.h"

#include <gtest/gtest.h>

namespace deskpane::overlay {

void PrintTo(const Rect& r, std::ostream* os) { *os << "{" << r.x << "," << r.y << " " << r.w << "x" << r.h << "}"; }

namespace {

const Rect kScreen{0, 0, 1280, 800};

struct EdgeCase {
  int px, py;
  unsigned expected;
};

TEST(PaneGeometry, EdgeAtFindsSidesAndCorners) {
  const EdgeCase cases[] = {
      {200, 150, None},          {2, 150, Left},           {397, 150, Right},        {200, 1, Top},
      {200, 298, Bottom},        {1, 1, Left | Top},       {399, 299, Right | Bottom}, {5, 150, None},
      {-1, 150, None},           {400, 150, None},
  };
  for (const auto& c : cases) EXPECT_EQ(edgeAt(c.px, c.py, 400, 300, 5), c.expected) << c.px << "," << c.py;
}

struct DragCase {
  const char* name;
  unsigned edges;
  int dx, dy;
  Rect expected;
};

TEST(PaneGeometry, DraggedMovesAndResizesWithMinimumSize) {
  const Rect start{100, 100, 400, 300};
  const DragCase cases[] = {
      {"move", Move, 30, -20, {130, 80, 400, 300}},
      {"right grows", Right, 50, 0, {100, 100, 450, 300}},
      {"left grows, right edge stays", Left, -50, 0, {50, 100, 450, 300}},
      {"left shrinks to the minimum", Left, 1000, 0, {500 - kMinPaneWidth, 100, kMinPaneWidth, 300}},
      {"bottom-right corner", Right | Bottom, 10, 20, {100, 100, 410, 320}},
      {"top shrinks to the minimum", Top, 0, 999, {100, 400 - kMinPaneHeight, 400, kMinPaneHeight}},
      {"no edges, no change", None, 10, 10, start},
  };
  for (const auto& c : cases) EXPECT_EQ(dragged(start, c.edges, c.dx, c.dy), c.expected) << c.name;
}

struct SnapCase {
  const char* name;
  Rect r;
  unsigned edges;
  std::vector<Rect> others;
  Rect expected;
};

TEST(PaneGeometry, SnapsToScreenEdgesAndOtherPanesWithinTenPixels) {
  const Rect other{600, 100, 300, 300};
  const SnapCase cases[] = {
      {"left screen edge", {8, 200, 300, 200}, Move, {}, {0, 200, 300, 200}},
      {"11 px is too far", {11, 200, 300, 200}, Move, {}, {11, 200, 300, 200}},
      {"bottom-right corner", {975, 595, 300, 200}, Move, {}, {980, 600, 300, 200}},
      {"right side to another pane's left", {293, 120, 300, 200}, Move, {other}, {300, 120, 300, 200}},
      {"left side to another pane's right", {905, 150, 300, 200}, Move, {other}, {900, 150, 300, 200}},
      {"top aligned with a neighbour", {290, 106, 300, 200}, Move, {other}, {300, 100, 300, 200}},
      {"a pane far below does not pull", {293, 500, 300, 200}, Move, {other}, {293, 500, 300, 200}},
      {"resize right edge to a pane", {100, 120, 493, 200}, Right, {other}, {100, 120, 500, 200}},
      {"resize keeps the other edges", {100, 120, 300, 685}, Bottom, {}, {100, 120, 300, 680}},
      {"resize left edge to the screen", {6, 120, 300, 200}, Left, {}, {0, 120, 306, 200}},
  };
  for (const auto& c : cases) EXPECT_EQ(snapped(c.r, c.edges, {kScreen}, c.others), c.expected) << c.name;
}

struct OnScreenCase {
  const char* name;
  Rect r;
  Rect expected;
};

TEST(PaneGeometry, OnScreenBringsBackPanesOffEveryMonitor) {
  const std::vector<Rect> monitors{kScreen, {1280, 0, 1920, 1080}};
  const OnScreenCase cases[] = {
      {"inside the primary stays", {40, 40, 520, 420}, {40, 40, 520, 420}},
      {"on the second monitor stays", {2000, 500, 520, 420}, {2000, 500, 520, 420}},
      {"partly off but grabbable stays", {-400, 100, 520, 420}, {-400, 100, 520, 420}},
      {"far right of every monitor", {5000, 100, 520, 420}, {760, 100, 520, 420}},
      {"above the screen", {100, -500, 520, 420}, {100, 0, 520, 420}},
      {"header below the screen", {100, 790, 520, 420}, {100, 380, 520, 420}},
      {"bigger than the primary shrinks", {-3000, -3000, 2000, 1000}, {0, 0, 1280, 800}},
  };
  for (const auto& c : cases) EXPECT_EQ(onScreen(c.r, monitors, kScreen), c.expected) << c.name;
}

struct LayoutCase {
  const char* name;
  std::vector<Rect> monitors;
  const char* key;
};

TEST(PaneGeometry, MonitorLayoutKeyNamesTheSetWhateverTheOrder) {
  const LayoutCase cases[] = {
      {"laptop", {{0, 0, 1280, 800}}, "1280x800+0+0"},
      {"docked", {{1920, 0, 1280, 1024}, {0, 0, 1920, 1080}}, "1920x1080+0+0_1280x1024+1920+0"},
      {"left of primary", {{0, 0, 1920, 1080}, {-1280, 200, 1280, 1024}}, "1280x1024-1280+200_1920x1080+0+0"},
      {"stacked", {{0, 1080, 1920, 1080}, {0, 0, 1920, 1080}}, "1920x1080+0+0_1920x1080+0+1080"},
      {"none", {}, ""},
  };
  for (const auto& c : cases) EXPECT_EQ(monitorLayoutKey(c.monitors), c.key) << c.name;
}

}  // namespace
}  // namespace deskpane::overlay
