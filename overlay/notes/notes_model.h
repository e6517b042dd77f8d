#pragma once
// The Notes pane as data: the cached items of a custom list (template 100) →
// note cards in display order with their text and tint, the card grid's
// geometry, which columns the list really has (a hand-made list may call its
// text column Body or NoteBody, and may have no Color column at all), and the
// fields a save writes. No toolkit here: notes_view.cpp draws and edits what
// this computes, and tests/unit/panes/notes/ checks it from fixture files.
#include "overlay/pane_theme.h"
#include "overlay/plain_text.h"
#include "sync/item.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace deskpane::overlay::notes {

// The colours the card menu and the editor offer, as SharePoint's Color
// choice column stores them (the demo list's choices).
const std::vector<std::string>& colourNames();
// The card tint of a stored colour: a known name (case-insensitive) or
// "#RRGGBB"; nullopt for anything else (the card keeps the default tint).
std::optional<theme::Rgb> tintOf(const std::string& colour);
theme::Rgb defaultTint();

// The list's columns, as far as its cached items show them: a column the
// engine's $select found carries a key in every item (null when empty).
struct NoteColumns {
  std::string textField = "Body";  // "NoteBody" when the list has that instead
  bool hasColour = false;
  // Most notes with text hold HTML: the column is rich text, so a new note
  // is written as HTML too (SharePoint's own form would; plain lines would
  // run together in its views).
  bool richText = false;
};
NoteColumns detectColumns(const std::vector<sync::Item>& items);

// Whether a note's stored text is HTML (a rich-text column): plain_text.h.
using overlay::storedAsHtml;

struct NoteCard {
  std::int64_t id = 0;
  std::string title;
  // The words the user sees and edits: stored HTML (storedAsHtml) as plain
  // lines, plain text exactly as stored (what looks like a tag there is text
  // the user typed, and SharePoint shows it so too). noteWrite turns the
  // words back into the note's own form.
  std::string text;
  std::string colour; // as stored; "" = none
  theme::Rgb tint{};  // what the card is painted with
  bool pending = false;
  bool conflict = false;
};

// Newest first: local creates not yet pushed (no Created) on top, then by
// Created descending, then by id descending. Editing a note does not move it.
std::vector<NoteCard> noteCards(const std::vector<sync::Item>& items, const NoteColumns& columns);

// "Wi-Fi guest password: Network: Contoso-Guest…, yellow".
std::string accessibleLine(const NoteCard& card);

// The grid: as many columns of at least `minWidth` as fit in `width`
// (one at least), cards `height` tall, `gap` between and around them.
struct CardRect {
  int x = 0, y = 0, w = 0, h = 0;
};
struct GridLayout {
  int columns = 1;
  int cardWidth = 0;
  int cardHeight = 0;
  int gap = 0;
  CardRect card(std::size_t index) const;       // relative to the grid's top-left, unscrolled
  int contentHeight(std::size_t count) const;  // all rows, with the gaps around them
};
GridLayout gridLayout(int width, int minWidth, int height, int gap);
// The index of the card under (x, y) (grid coordinates, scrolled), if any.
std::optional<std::size_t> cardAt(const GridLayout& grid, std::size_t count, int x, int y);

// The fields a save of the inline editor writes. For a new note (`original`
// null) the title, the text and (when the list has the column) the colour;
// an empty title takes the text's first line, as SharePoint needs one; both
// empty = nothing to save (nullopt). For an edit only what changed. `text` is
// the editor's plain words: a note stored as HTML is written back as HTML,
// and only when its words changed (the stored markup is never what the
// editor would write, so comparing it would save every opened note); a plain
// note is written as typed.
std::optional<sync::Fields> noteWrite(const std::string& title, const std::string& text, const std::string& colour,
                                      const sync::Item* original, const NoteColumns& columns);

}  // namespace deskpane::overlay::notes
