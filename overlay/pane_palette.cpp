#include "overlay/pane_palette.h"

namespace deskpane::overlay::theme {

namespace {

// Light text on a deep blue-grey card: readable over a busy wallpaper at any
// opacity. Event fills stay translucent enough (<= 164 over the card) for
// white text on the brightest event colour to reach 4.5:1.
constexpr Palette kDark{
    "dark",
    {22, 26, 34},     // card
    {236, 239, 244},  // text
    {152, 162, 179},  // subtle
    {138, 146, 160},  // muted
    {255, 122, 112},  // danger
    {240, 190, 90},   // pending
    {255, 255, 255},  // rule
    {255, 255, 255},  // hover
    {44, 50, 62},     // field
    {58, 66, 82},     // button
    {110, 52, 52},    // deleteButton
    {48, 54, 66},     // raised
    {205, 180, 255},  // link
    {255, 96, 80},    // nowLine
    {0, 0, 0},        // shade
    40,
    {{{94, 156, 255}, {64, 200, 180}, {120, 210, 110}, {245, 196, 80}, {186, 140, 255}}},
    16,   // rowHoverAlpha
    34,   // rowSelectedAlpha
    220,  // pillAlpha
    52,   // noteWashAlpha
    215,  // noteTextAlpha
    60,   // eventChipAlpha
    150,  // eventChipSelectedAlpha
    150,  // eventBarAlpha
    164,  // eventBarSelectedAlpha
    128,  // eventBlockAlpha
    164,  // eventBlockSelectedAlpha
    110,  // eventGhostAlpha
};

// Not the dark one inverted: a near-white card with ink-dark text, and
// accents taken darker (each one >= 4.5:1 with white text on it and as text
// on the card), washes in a dark slate at lower alphas, and events as pastel
// fills under dark text with their colour kept full strength in the stripe.
constexpr Palette kLight{
    "light",
    {250, 251, 253},  // card
    {26, 31, 40},     // text
    {80, 90, 106},    // subtle
    {98, 106, 120},   // muted
    {192, 38, 28},    // danger
    {150, 90, 0},     // pending
    {16, 24, 40},     // rule
    {16, 32, 64},     // hover
    {236, 239, 244},  // field
    {226, 230, 237},  // button
    {251, 224, 222},  // deleteButton
    {228, 232, 239},  // raised
    {96, 52, 190},    // link
    {220, 48, 36},    // nowLine
    {16, 32, 64},     // shade
    12,
    {{{18, 90, 200}, {0, 122, 108}, {34, 124, 46}, {160, 104, 0}, {108, 58, 192}}},
    12,   // rowHoverAlpha
    26,   // rowSelectedAlpha
    245,  // pillAlpha
    64,   // noteWashAlpha
    230,  // noteTextAlpha
    50,   // eventChipAlpha
    95,   // eventChipSelectedAlpha
    80,   // eventBarAlpha
    120,  // eventBarSelectedAlpha
    80,   // eventBlockAlpha
    120,  // eventBlockSelectedAlpha
    60,   // eventGhostAlpha
};

Appearance active = Appearance::Dark;

}  // namespace

const Palette& darkPalette() { return kDark; }
const Palette& lightPalette() { return kLight; }

const Palette& palette() { return active == Appearance::Light ? kLight : kDark; }
void setAppearance(Appearance appearance) { active = appearance; }
Appearance appearance() { return active; }

Appearance appearanceFor(std::string_view themeSetting, bool desktopIsDark) {
  if (themeSetting == "dark") return Appearance::Dark;
  if (themeSetting == "light") return Appearance::Light;
  return desktopIsDark ? Appearance::Dark : Appearance::Light;
}

}  // namespace deskpane::overlay::theme
