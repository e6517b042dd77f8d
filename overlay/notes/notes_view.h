#pragma once
// The Notes pane: a scrolling grid of note cards (title + text, tinted with
// the note's colour). A card is edited where it sits: a title field, a text
// field and — when the list has a Color column — a colour choice are laid
// over it; the edit is saved when the focus leaves them (a click elsewhere),
// with Enter in the title or Ctrl+Enter in the text, and Esc cancels. Ctrl+N
// (or "+") adds a card and starts on its title. Delete deletes the selected
// card with an Undo bar for 5 s; a card's context menu sets its colour.
#include "overlay/notes/notes_editor.h"
#include "overlay/notes/notes_model.h"
#include "overlay/pane_content.h"
#include "overlay/undo_bar.h"

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace deskpane::overlay {

class PanePresenter;

class NotesView : public PaneContent {
 public:
  NotesView(PaneHost& host, PanePresenter& presenter);

  void itemsChanged() override;
  void paint(wxGraphicsContext& gc, const wxRect& area) override;
  void mouse(wxMouseEvent& event) override;
  bool key(wxKeyEvent& event) override;
  void newItem() override;
  void layout() override;
  void themeChanged() override;
  std::string accessibleText() const override;
  std::optional<std::size_t> accessibleSelection() const override;

 private:
  // The card being edited: an existing note, or a new one (id nullopt) shown
  // first in the grid until it is saved.
  struct Editing {
    std::optional<std::int64_t> id;
  };

  wxRect gridArea() const;
  notes::GridLayout grid() const;
  // The card at `index` in window coordinates (scrolled).
  wxRect cardRect(std::size_t index) const;
  std::size_t shownCount() const;  // the cards plus a new one being edited
  std::optional<std::size_t> indexOf(std::int64_t id) const;
  std::optional<std::size_t> editingIndex() const;
  const notes::NoteCard* cardById(std::int64_t id) const;
  void select(std::size_t index);
  void ensureVisible(std::size_t index);
  void scrollBy(int dy);

  void startEditing(std::optional<std::int64_t> id, bool focusText);
  void placeEditor();
  void commit();
  void cancel();
  void setColour(std::int64_t id, const std::string& colour);
  void removeSelected();
  void cardMenu(std::int64_t id, const wxPoint& at);
  void resolve(std::int64_t id, bool keepMine);
  void reportError(const std::string& what);
  void paintCard(wxGraphicsContext& gc, const notes::NoteCard& card, const wxRect& r, bool selected, bool editing);

  PaneHost& host_;
  PanePresenter& presenter_;
  notes::NoteColumns columns_;
  std::vector<notes::NoteCard> cards_;
  std::optional<std::int64_t> selected_;
  int scroll_ = 0;
  UndoBar undo_;
  std::optional<Editing> editing_;
  std::unique_ptr<NoteEditor> editor_;
};

}  // namespace deskpane::overlay
