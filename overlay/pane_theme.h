#pragma once
// Colours and metrics of the pane card, in one place so the five panes match.
#include "sync/list_kind.h"

#include <cstdint>

namespace deskpane::overlay::theme {

struct Rgb {
  std::uint8_t r, g, b;
};

inline constexpr Rgb kCard{22, 26, 34};         // card body, alpha = pane opacity
inline constexpr Rgb kText{236, 239, 244};      // titles
inline constexpr Rgb kSubtle{152, 162, 179};    // details, state text
// Completed tasks, past events, days outside the month: as dim as text may be
// and still reach 4.5:1 (WCAG AA) on the card and under the hover wash. On a
// selected row, which is lighter, such text takes kSubtle instead.
inline constexpr Rgb kMuted{138, 146, 160};
inline constexpr Rgb kDanger{255, 122, 112};    // overdue, conflict
inline constexpr Rgb kPending{240, 190, 90};    // waiting in the outbox
inline constexpr Rgb kRule{255, 255, 255};      // separators, drawn at low alpha
inline constexpr Rgb kHover{255, 255, 255};     // button hover wash, low alpha

// Alphas of the washes drawn over the card (kHover for rows, an accent or
// kDanger for pills); text on them is held to WCAG AA by the contrast test.
inline constexpr int kRowHoverAlpha = 16;
inline constexpr int kRowSelectedAlpha = 34;
inline constexpr int kPillAlpha = 220;
inline constexpr int kNoteWashAlpha = 52;   // a note card's tint over the card
inline constexpr int kNoteTextAlpha = 215;  // a note's body text

// One accent per kind, used for the header mark and the scroll thumb.
inline Rgb accent(sync::ListKind kind) {
  switch (kind) {
    case sync::ListKind::Calendar: return {94, 156, 255};
    case sync::ListKind::Contacts: return {64, 200, 180};
    case sync::ListKind::Tasks: return {120, 210, 110};
    case sync::ListKind::Notes: return {245, 196, 80};
    case sync::ListKind::Inbox: return {186, 140, 255};
  }
  return {94, 156, 255};
}

inline constexpr int kRadius = 12;        // card corner radius
inline constexpr int kHeaderHeight = 46;
inline constexpr int kPad = 16;           // inner horizontal padding
inline constexpr int kRowHeight = 50;     // two text lines per item
inline constexpr int kButton = 28;        // header buttons, square
inline constexpr int kResizeBorder = 6;   // grab width of the edges

}  // namespace deskpane::overlay::theme
