// The panes' text colours against what they are painted on, at 100 %
// opacity (the card opaque), held to WCAG 2.x AA. One row per pairing the
// views draw; a colour or wash changed in overlay/pane_theme.h is checked here.
#include "overlay/contrast.h"
#include "overlay/notes/notes_model.h"
#include "overlay/pane_theme.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <string>
#include <vector>

namespace deskpane::overlay {
namespace {

using contrast::kAaNormalText;
using theme::Rgb;

struct Pairing {
  std::string what;
  Rgb ink;
  Rgb background;
  double minimum;
};

std::string hex(Rgb c) {
  char s[8];
  std::snprintf(s, sizeof s, "#%02x%02x%02x", c.r, c.g, c.b);
  return s;
}

std::vector<Pairing> pairings() {
  const Rgb card = theme::kCard;
  const Rgb hovered = contrast::over(theme::kHover, theme::kRowHoverAlpha, card);
  const Rgb selected = contrast::over(theme::kHover, theme::kRowSelectedAlpha, card);
  const auto pill = [&](Rgb fill) { return contrast::over(fill, theme::kPillAlpha, card); };
  std::vector<Pairing> out = {
      {"titles", theme::kText, card, kAaNormalText},
      {"titles, row hovered", theme::kText, hovered, kAaNormalText},
      {"titles, row selected", theme::kText, selected, kAaNormalText},
      {"details and state text", theme::kSubtle, card, kAaNormalText},
      {"details, row hovered", theme::kSubtle, hovered, kAaNormalText},
      {"details, row selected (also muted text there)", theme::kSubtle, selected, kAaNormalText},
      {"completed tasks, days outside the month", theme::kMuted, card, kAaNormalText},
      {"completed tasks, row hovered", theme::kMuted, hovered, kAaNormalText},
      {"overdue, conflict", theme::kDanger, card, kAaNormalText},
      {"overdue, row selected", theme::kDanger, selected, kAaNormalText},
      {"today in the calendar (its accent)", theme::accent(sync::ListKind::Calendar), card, kAaNormalText},
      {"'Conflict' pill", theme::kCard, pill(theme::kDanger), kAaNormalText},
      {"'Waiting to upload' pill", theme::kCard, pill(theme::kPending), kAaNormalText},
      {"unread count pill", theme::kCard, pill(theme::accent(sync::ListKind::Inbox)), kAaNormalText},
  };
  for (const std::string& name : notes::colourNames()) {
    const Rgb wash = contrast::over(*notes::tintOf(name), theme::kNoteWashAlpha, card);
    out.push_back({name + " note's title", theme::kText, wash, kAaNormalText});
    out.push_back({name + " note's text", contrast::over(theme::kText, theme::kNoteTextAlpha, wash), wash, kAaNormalText});
  }
  return out;
}

TEST(Contrast, FormulaMatchesWcagReferenceValues) {
  EXPECT_NEAR(contrast::ratio({0, 0, 0}, {255, 255, 255}), 21.0, 1e-9);
  EXPECT_NEAR(contrast::ratio({255, 255, 255}, {0, 0, 0}), 21.0, 1e-9);
  EXPECT_NEAR(contrast::ratio({22, 26, 34}, {22, 26, 34}), 1.0, 1e-9);
  // #777777 on white is the well-known "just under AA" grey: 4.48:1.
  EXPECT_NEAR(contrast::ratio({0x77, 0x77, 0x77}, {255, 255, 255}), 4.48, 0.005);
  EXPECT_NEAR(contrast::relativeLuminance({255, 0, 0}), 0.2126, 1e-9);
}

TEST(Contrast, WashesCompositeOverTheCard) {
  EXPECT_EQ(hex(contrast::over({255, 255, 255}, 0, {22, 26, 34})), "#161a22");
  EXPECT_EQ(hex(contrast::over({255, 255, 255}, 255, {22, 26, 34})), "#ffffff");
  EXPECT_EQ(hex(contrast::over({255, 255, 255}, 128, {0, 0, 0})), "#808080");
}

TEST(Contrast, EveryTextColourReachesWcagAaOnWhatItIsPaintedOn) {
  for (const Pairing& p : pairings()) {
    const double r = contrast::ratio(p.ink, p.background);
    EXPECT_GE(r, p.minimum) << p.what << ": " << hex(p.ink) << " on " << hex(p.background) << " is " << r << ":1";
  }
}

}  // namespace
}  // namespace deskpane::overlay
