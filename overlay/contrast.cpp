#include "overlay/contrast.h"

#include <algorithm>
#include <cmath>

namespace deskpane::overlay::contrast {

namespace {

std::uint8_t blend(std::uint8_t ink, int alpha, std::uint8_t below) {
  const int a = std::clamp(alpha, 0, 255);
  return static_cast<std::uint8_t>((ink * a + below * (255 - a) + 127) / 255);
}

double linear(std::uint8_t channel) {
  const double c = channel / 255.0;
  return c <= 0.04045 ? c / 12.92 : std::pow((c + 0.055) / 1.055, 2.4);
}

}  // namespace

theme::Rgb over(theme::Rgb ink, int alpha, theme::Rgb below) {
  return {blend(ink.r, alpha, below.r), blend(ink.g, alpha, below.g), blend(ink.b, alpha, below.b)};
}

double relativeLuminance(theme::Rgb c) {
  return 0.2126 * linear(c.r) + 0.7152 * linear(c.g) + 0.0722 * linear(c.b);
}

double ratio(theme::Rgb a, theme::Rgb b) {
  const double la = relativeLuminance(a), lb = relativeLuminance(b);
  return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
}

}  // namespace deskpane::overlay::contrast
