#pragma once
// The panes' colours as data: one Palette for a dark desktop, one for a
// light one, and the one place that says which the panes paint with now.
// Toolkit-free, so the contrast test checks both palettes headless.
#include "sync/list_kind.h"

#include <array>
#include <cstdint>
#include <string_view>

namespace deskpane::overlay::theme {

struct Rgb {
  std::uint8_t r, g, b;
};

struct Palette {
  const char* name;  // "dark" | "light", for logs and test messages
  Rgb card;     // card body, alpha = pane opacity; also the ink on accent, danger and pending fills
  Rgb text;     // titles
  Rgb subtle;   // details, state text
  // Completed tasks, past events, days outside the month: as dim as text may
  // be and still reach 4.5:1 (WCAG AA) on the card and under the hover wash.
  // On a selected row, which differs more from the card, such text takes
  // `subtle` instead.
  Rgb muted;
  Rgb danger;   // overdue, conflict
  Rgb pending;  // waiting in the outbox
  Rgb rule;     // separators, drawn at low alpha
  Rgb hover;    // row and button washes, drawn at low alpha
  Rgb field;    // the contacts search field, a shade off the card
  Rgb button;   // a neutral pill button (contacts: Back, Keep theirs)
  Rgb deleteButton;
  Rgb raised;   // the calendar's undo bar
  Rgb link;     // links in an inbox post
  Rgb nowLine;  // the current time in the calendar's hour grid
  Rgb shade;    // days outside the month, at shadeAlpha
  int shadeAlpha;
  // One accent per kind, by ListKind order: the header mark, the scroll
  // thumb, today in the calendar, filled buttons.
  std::array<Rgb, 5> accents;

  // Alphas of the washes drawn over the card (`hover` for rows, an accent or
  // `danger` for pills, a note's tint, an event's colour); text on them is
  // held to WCAG AA by the contrast test.
  int rowHoverAlpha;
  int rowSelectedAlpha;
  int pillAlpha;
  int noteWashAlpha;  // a note card's tint over the card
  int noteTextAlpha;  // a note's body text
  int eventChipAlpha;  // a timed event in a month cell (text and time on it)
  int eventChipSelectedAlpha;
  int eventBarAlpha;  // an all-day or multi-day bar (month and the all-day strip)
  int eventBarSelectedAlpha;
  int eventBlockAlpha;  // a timed event in the week and day views
  int eventBlockSelectedAlpha;
  int eventGhostAlpha;  // the block being dragged

  Rgb accent(sync::ListKind kind) const { return accents[static_cast<std::size_t>(kind)]; }
};

const Palette& darkPalette();
const Palette& lightPalette();

enum class Appearance { Dark, Light };

// The palette the panes paint with; dark until setAppearance() says otherwise.
// GUI thread only, like all painting.
const Palette& palette();
void setAppearance(Appearance appearance);
Appearance appearance();
// What the [app] theme setting ("auto" | "dark" | "light") asks for on a
// desktop whose own theme is dark or not: "auto" follows the desktop.
Appearance appearanceFor(std::string_view themeSetting, bool desktopIsDark);

// The active palette's accent for `kind`.
inline Rgb accent(sync::ListKind kind) { return palette().accent(kind); }

}  // namespace deskpane::overlay::theme
