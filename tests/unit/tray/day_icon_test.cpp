#include "tray/day_icon.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <string>

namespace deskpane::tray {
namespace {

struct Box {
  int left = 1 << 20, top = 1 << 20, right = -1, bottom = -1;
  int count = 0;
  int height() const { return bottom - top + 1; }
  int width() const { return right - left + 1; }
};

const unsigned char* at(const DayIconPixels& p, int x, int y) { return &p.rgba[(static_cast<std::size_t>(y) * p.size + x) * 4]; }

// The digits' ink: dark, opaque pixels below the red header.
Box digitInk(const DayIconPixels& p, int headerBottom) {
  Box b;
  for (int y = headerBottom; y < p.size; ++y)
    for (int x = 0; x < p.size; ++x) {
      const unsigned char* c = at(p, x, y);
      if (c[3] > 200 && c[0] < 110 && c[1] < 110 && c[2] < 110) {
        // The page's outline is dark too: only ink inside the page counts.
        const int edge = std::max(1, p.size / 24);
        if (x < edge || y >= p.size - edge || x >= p.size - edge) continue;
        b.left = std::min(b.left, x);
        b.right = std::max(b.right, x);
        b.top = std::min(b.top, y);
        b.bottom = std::max(b.bottom, y);
        ++b.count;
      }
    }
  return b;
}

// The last row (from the top) that is mostly header red.
int headerBottom(const DayIconPixels& p) {
  int last = -1;
  for (int y = 0; y < p.size / 2; ++y) {
    int red = 0;
    for (int x = 0; x < p.size; ++x) {
      const unsigned char* c = at(p, x, y);
      red += c[0] > 150 && c[1] < 90 && c[2] < 90;
    }
    if (red > p.size / 2) last = y;
  }
  return last + 1;
}

std::string screenshotDir() {
  const std::string dir = std::string(DESKPANE_BIN_DIR) + "/../test-screenshots";
  std::filesystem::create_directories(dir);
  return dir;
}

class DayIconSize : public ::testing::TestWithParam<int> {};

// Issue 9: at 16 px the digits were about half the icon's height; they must
// be as large as the page allows at every size a tray asks for.
TEST_P(DayIconSize, DigitsFillThePageBody) {
  const int px = GetParam();
  for (int day : {1, 8, 28, 31}) {
    const DayIconPixels icon = renderDayIcon(day, px);
    ASSERT_EQ(icon.size, px);
    const std::string png = screenshotDir() + "/day-icon-" + std::to_string(px) + "px-" + std::to_string(day) + ".png";
    EXPECT_EQ(saveDayIconPng(icon, png), "");

    const int header = headerBottom(icon);
    EXPECT_GE(header, 3) << "a red header band " << png;
    EXPECT_LE(header, px / 4 + 1) << "the header leaves the body to the digits " << png;
    const Box ink = digitInk(icon, header);
    ASSERT_GT(ink.count, 0) << png;
    // Digit height against the body under the header: at least 70 % of it,
    // and at least 54 % of the whole icon. At 16 px a 9 px glyph's top and
    // bottom rows are anti-aliased half-tones that the solid-ink count leaves
    // out, so 7 of its 12 body rows is the most a font can give there.
    const int body = px - header;
    const int bodyShare = px <= 16 ? 58 : 70;
    EXPECT_GE(ink.height() * 100, body * bodyShare)
        << "digits " << ink.height() << " px of a " << body << " px body " << png;
    EXPECT_GE(ink.height() * 100, px * (px <= 16 ? 43 : 54)) << png;
    if (day >= 10) {
      EXPECT_GE(ink.width() * 100, px * 60) << "two digits span the page " << png;
    }
    // Centred across: the margins left and right differ by at most a pixel.
    EXPECT_LE(std::abs(ink.left - (px - 1 - ink.right)), 1) << png;
    // Crisp: most of the ink is solid, not grey fringe.
    int solid = 0;
    for (int y = ink.top; y <= ink.bottom; ++y)
      for (int x = ink.left; x <= ink.right; ++x) solid += at(icon, x, y)[0] < 60;
    EXPECT_GE(solid * 100, ink.count * 60) << "solid " << solid << " of " << ink.count << " ink pixels " << png;
  }
}

INSTANTIATE_TEST_SUITE_P(TraySizes, DayIconSize, ::testing::Values(16, 22, 24, 32, 48),
                         [](const auto& info) { return std::to_string(info.param) + "px"; });

TEST(DayIcon, TransparentOutsideTheRoundedCorners) {
  const DayIconPixels icon = renderDayIcon(15, 32);
  EXPECT_EQ(at(icon, 0, 0)[3], 0);
  EXPECT_EQ(at(icon, 31, 31)[3], 0);
  EXPECT_EQ(at(icon, 16, 16)[3], 255);
}

}  // namespace
}  // namespace deskpane::tray
