#pragma once
// The Contacts pane: a search field at the top (typing anywhere in the
// focused pane goes there, Ctrl+F focuses it, Esc clears it), the contacts
// that match below it (name, company · job title, phone · email), and a
// detail card with every field (Enter or a click on the selected row) whose
// email and phone open the desktop's mailto:/tel: handler when clicked.
// Ctrl+N / "+" and Edit open the item form; Delete hides the contact with an
// Undo bar for 5 s before the delete is made. The header menu exports the
// shown contacts as vCard 4.0.
#include "overlay/contacts/contacts_model.h"
#include "overlay/pane_content.h"
#include "overlay/row_list.h"
#include "overlay/undo_bar.h"

#include <wx/gdicmn.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

class wxTextCtrl;

namespace deskpane::overlay {

class AccessibleButtons;
class PanePresenter;

namespace contacts {

class ContactsView : public PaneContent {
 public:
  ContactsView(PaneHost& host, PanePresenter& presenter);
  ~ContactsView() override;

  void itemsChanged() override;
  void statusChanged() override;
  void paint(wxGraphicsContext& gc, const wxRect& area) override;
  void mouse(wxMouseEvent& event) override;
  bool key(wxKeyEvent& event) override;
  void newItem() override;
  void appendMenu(wxMenu& menu) override;
  void layout() override;
  void themeChanged() override;
  std::string accessibleText() const override;
  // The card, when open, is not a list: no row is selected in it.
  std::optional<std::size_t> accessibleSelection() const override {
    return card_ ? std::nullopt : list_.selectedIndex();
  }

 private:
  // Something clickable drawn in the last paint: a card link or button, or Undo.
  struct Target {
    enum Kind { Link, Back, Edit, Delete, KeepMine, KeepTheirs } kind;
    wxRect rect;
    std::string link;  // Link: the mailto:/tel: URI
  };
  wxRect searchStrip() const;
  // Below the search strip (the whole content while the card is open) and
  // above the Undo bar.
  wxRect listArea() const;
  // The search field's text → the model → the list, then a repaint.
  void applyQuery();
  void focusSearch(const wxString& typed = wxString());
  void clearSearch();
  void openCard(std::int64_t id);
  void closeCard();
  // The open card's contact, or nullptr when no card is open or its contact
  // is gone from the list.
  const sync::Item* cardContact() const;
  void edit(std::optional<std::int64_t> id);
  void removeWithUndo(std::int64_t id);
  void undoRemove();
  // The undo bar made or undid a delete: re-read, and tell the tests which.
  void removalsChanged();
  void exportShown();
  void activate(const Target& target);
  // The card's targets of the last paint → the accessible buttons, when they changed.
  void updateCardButtons();
  std::optional<std::size_t> targetAt(const wxPoint& p) const;
  void onChar(wxKeyEvent& e);
  void onSearchKey(wxKeyEvent& e);
  void paintList(wxGraphicsContext& gc, const wxRect& area);
  void paintCard(wxGraphicsContext& gc, const wxRect& area, const sync::Item& contact);
  void trace(const std::string& line) const;

  PaneHost& host_;
  PanePresenter& presenter_;
  ContactsModel model_;
  RowList list_;
  wxTextCtrl* search_ = nullptr;  // parented to the pane's window
  std::optional<std::int64_t> card_;
  // The open card's contact, read from the cache when the card opens and on
  // each re-read (the model keeps rows only); use cardContact().
  std::optional<sync::Item> cardItem_;
  int cardScroll_ = 0;
  int cardHeight_ = 0;
  std::vector<Target> targets_;
  std::unique_ptr<AccessibleButtons> cardButtons_;
  std::vector<std::string> cardButtonNames_;  // what cardButtons_ holds now
  std::optional<std::size_t> hoverTarget_;
  std::optional<std::size_t> focusTarget_;  // Tab on the card moves it
  std::optional<std::size_t> pressedRow_;   // a press on the row that was already selected
  UndoBar undo_;
  std::vector<std::int64_t> waiting_;  // deletes waiting for their undo delay
  bool undoing_ = false;
};

}  // namespace contacts
}  // namespace deskpane::overlay
