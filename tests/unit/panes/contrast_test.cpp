// The panes' text colours against what they are painted on, at 100 %
// opacity (the card opaque), held to WCAG 2.x AA in the dark and the light
// palette alike. One row per pairing the views draw; a colour or alpha
// changed in overlay/pane_palette.cpp is checked here.
#include "overlay/calendar/calendar_view_model.h"
#include "overlay/contrast.h"
#include "overlay/notes/notes_model.h"
#include "overlay/pane_palette.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <string>
#include <vector>

namespace deskpane::overlay {
namespace {

using contrast::kAaNormalText;
using sync::ListKind;
using theme::Palette;
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

std::vector<Pairing> pairings(const Palette& p) {
  const Rgb card = p.card;
  const auto over = [&](Rgb ink, int alpha, Rgb below) { return contrast::over(ink, alpha, below); };
  const Rgb hovered = over(p.hover, p.rowHoverAlpha, card);
  const Rgb selected = over(p.hover, p.rowSelectedAlpha, card);
  const auto pill = [&](Rgb fill) { return over(fill, p.pillAlpha, card); };
  const Rgb calendar = p.accent(ListKind::Calendar);
  std::vector<Pairing> out = {
      {"titles", p.text, card, kAaNormalText},
      {"titles, row hovered", p.text, hovered, kAaNormalText},
      {"titles, row selected", p.text, selected, kAaNormalText},
      {"details and state text", p.subtle, card, kAaNormalText},
      {"details, row hovered", p.subtle, hovered, kAaNormalText},
      {"details, row selected (also muted text there)", p.subtle, selected, kAaNormalText},
      {"completed tasks, past events", p.muted, card, kAaNormalText},
      {"completed tasks, row hovered", p.muted, hovered, kAaNormalText},
      {"days outside the month (shaded)", p.muted, over(p.shade, p.shadeAlpha, card), kAaNormalText},
      {"overdue, conflict", p.danger, card, kAaNormalText},
      {"overdue, row selected", p.danger, selected, kAaNormalText},
      {"today in the calendar (its accent)", calendar, card, kAaNormalText},
      {"today's date on its accent disc", card, calendar, kAaNormalText},
      {"the active calendar view button", card, over(calendar, 220, card), kAaNormalText},
      {"a contact's links (its accent)", p.accent(ListKind::Contacts), card, kAaNormalText},
      {"'Edit', 'Keep mine' (contacts accent pill)", card, pill(p.accent(ListKind::Contacts)), kAaNormalText},
      {"'Back', 'Keep theirs' (neutral pill)", p.text, pill(p.button), kAaNormalText},
      {"'Delete' pill", p.text, pill(p.deleteButton), kAaNormalText},
      {"the contacts search field", p.text, p.field, kAaNormalText},
      {"'Conflict' pill", card, pill(p.danger), kAaNormalText},
      {"'Waiting to upload' pill", card, pill(p.pending), kAaNormalText},
      {"unread count pill", card, pill(p.accent(ListKind::Inbox)), kAaNormalText},
      {"inbox 'Reply' (filled accent button)", card, over(p.accent(ListKind::Inbox), 215, card), kAaNormalText},
      {"links in an inbox post", p.link, card, kAaNormalText},
      {"undo bar (text on an inverted bar)", card, over(p.text, 235, card), kAaNormalText},
      {"calendar undo bar", p.text, over(p.raised, 240, card), kAaNormalText},
      {"calendar undo bar's 'Undo' (bold)", p.text, over(p.hover, 20, over(p.raised, 240, card)), kAaNormalText},
  };
  for (const std::string& name : notes::colourNames()) {
    const Rgb wash = over(*notes::tintOf(name), p.noteWashAlpha, card);
    out.push_back({name + " note's title", p.text, wash, kAaNormalText});
    out.push_back({name + " note's text", over(p.text, p.noteTextAlpha, wash), wash, kAaNormalText});
  }
  int i = 0;
  for (const Rgb c : calendar::eventColours()) {
    const std::string event = "event colour " + std::to_string(i++) + " " + hex(c) + ": ";
    const Rgb block = over(c, p.eventBlockAlpha, card);
    out.push_back({event + "title in a month chip", p.text, over(c, p.eventChipAlpha, card), kAaNormalText});
    out.push_back({event + "time in a month chip", p.subtle, over(c, p.eventChipAlpha, card), kAaNormalText});
    out.push_back({event + "a selected month chip", p.text, over(c, p.eventChipSelectedAlpha, card), kAaNormalText});
    out.push_back({event + "an all-day bar", p.text, over(c, p.eventBarAlpha, card), kAaNormalText});
    out.push_back({event + "a selected all-day bar", p.text, over(c, p.eventBarSelectedAlpha, card), kAaNormalText});
    out.push_back({event + "a block's title", p.text, block, kAaNormalText});
    out.push_back({event + "a block's times", over(p.text, 210, block), block, kAaNormalText});
    out.push_back({event + "a selected block", p.text, over(c, p.eventBlockSelectedAlpha, card), kAaNormalText});
    out.push_back({event + "a block being dragged", p.text, over(c, p.eventGhostAlpha, card), kAaNormalText});
  }
  return out;
}

std::vector<std::string> failures(const Palette& p) {
  std::vector<std::string> out;
  for (const Pairing& pair : pairings(p)) {
    const double r = contrast::ratio(pair.ink, pair.background);
    if (r < pair.minimum)
      out.push_back(std::string(p.name) + ": " + pair.what + ": " + hex(pair.ink) + " on " + hex(pair.background) +
                    " is " + std::to_string(r) + ":1");
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

class PaletteContrast : public testing::TestWithParam<const Palette*> {};

TEST_P(PaletteContrast, EveryTextColourReachesWcagAaOnWhatItIsPaintedOn) {
  for (const std::string& f : failures(*GetParam())) ADD_FAILURE() << f;
}

INSTANTIATE_TEST_SUITE_P(BothThemes, PaletteContrast,
                         testing::Values(&theme::darkPalette(), &theme::lightPalette()),
                         [](const testing::TestParamInfo<const Palette*>& info) { return std::string(info.param->name); });

// The check above can fail: each of these light palettes, one colour or
// alpha off, is caught.
struct Spoiled {
  const char* what;
  void (*spoil)(Palette&);
};

TEST(Contrast, APaleColourOrAStrongWashIsCaught) {
  const Spoiled cases[] = {
      {"details a paler grey", [](Palette& p) { p.subtle = {150, 158, 170}; }},
      {"muted text a shade paler", [](Palette& p) { p.muted = {128, 134, 146}; }},
      {"the calendar accent the dark theme's", [](Palette& p) { p.accents[0] = {94, 156, 255}; }},
      {"a bright pending amber", [](Palette& p) { p.pending = {240, 190, 90}; }},
      {"selection wash too strong", [](Palette& p) { p.rowSelectedAlpha = 160; }},
      {"event chips too saturated for the time", [](Palette& p) { p.eventChipAlpha = 130; }},
  };
  for (const Spoiled& s : cases) {
    Palette p = theme::lightPalette();
    s.spoil(p);
    EXPECT_FALSE(failures(p).empty()) << s.what;
  }
}

TEST(Theme, TheSettingPicksThePalette) {
  struct Case {
    const char* setting;
    bool desktopDark;
    theme::Appearance expected;
  };
  const Case cases[] = {
      {"auto", true, theme::Appearance::Dark},  {"auto", false, theme::Appearance::Light},
      {"dark", false, theme::Appearance::Dark}, {"light", true, theme::Appearance::Light},
      {"dark", true, theme::Appearance::Dark},  {"light", false, theme::Appearance::Light},
  };
  for (const Case& c : cases)
    EXPECT_EQ(theme::appearanceFor(c.setting, c.desktopDark), c.expected) << c.setting << " " << c.desktopDark;
}

TEST(Theme, OnePlaceSaysWhichPaletteIsActive) {
  const theme::Appearance before = theme::appearance();
  theme::setAppearance(theme::Appearance::Light);
  EXPECT_EQ(&theme::palette(), &theme::lightPalette());
  EXPECT_EQ(theme::accent(ListKind::Tasks).r, theme::lightPalette().accent(ListKind::Tasks).r);
  theme::setAppearance(theme::Appearance::Dark);
  EXPECT_EQ(&theme::palette(), &theme::darkPalette());
  theme::setAppearance(before);
}

}  // namespace
}  // namespace deskpane::overlay
