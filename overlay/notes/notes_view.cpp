#include "overlay/notes/notes_view.h"

#include "overlay/dialog_focus_return.h"
#include "overlay/pane_draw.h"
#include "overlay/pane_presenter.h"

#include <wx/brush.h>
#include <wx/event.h>
#include <wx/graphics.h>
#include <wx/intl.h>
#include <wx/menu.h>
#include <wx/pen.h>
#include <wx/msgdlg.h>
#include <wx/window.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <sstream>

namespace deskpane::overlay {

namespace {

// A note as a tooltip: at most ~600 bytes, cut at a character's start.
std::string fitTooltip(const std::string& text) {
  constexpr std::size_t kMax = 600;
  if (text.size() <= kMax) return text;
  std::size_t cut = kMax;
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
  return text.substr(0, cut) + "\u2026";
}

constexpr int kMinCardWidth = 170;
constexpr int kCardHeight = 132;
constexpr int kGap = 10;

void say(const std::string& line) {
  std::printf("deskpane: %s\n", line.c_str());
  std::fflush(stdout);
}

}  // namespace

NotesView::NotesView(PaneHost& host, PanePresenter& presenter)
    : host_(host), presenter_(presenter), undo_(presenter, [this] { itemsChanged(); }) {
  itemsChanged();
}

void NotesView::itemsChanged() {
  // The cards hold what the grid shows; the items themselves are not kept
  // (a save reads its note from the cache), so a big list is not held twice.
  const auto items = presenter_.items();
  columns_ = notes::detectColumns(items);
  cards_ = notes::noteCards(items, columns_);
  // Tests find a card (to click it) from this line.
  static const bool trace = std::getenv("DESKPANE_TRACE_ROWS") != nullptr;
  if (trace) {
    std::string line = "notes view ids=";
    for (std::size_t i = 0; i < cards_.size(); ++i) line += (i ? "," : "") + std::to_string(cards_[i].id);
    say(line);
  }
  if (selected_ && !indexOf(*selected_)) selected_.reset();
  scrollBy(0);
  // A sync while a card is edited keeps the editor (and what was typed);
  // the card may have moved.
  placeEditor();
  host_.repaintContent();
}

void NotesView::layout() {
  scrollBy(0);
  placeEditor();
}

wxRect NotesView::gridArea() const { return undo_.listArea(host_.contentArea()); }

notes::GridLayout NotesView::grid() const {
  return notes::gridLayout(gridArea().width - 6, kMinCardWidth, kCardHeight, kGap);
}

std::size_t NotesView::shownCount() const { return cards_.size() + (editing_ && !editing_->id ? 1 : 0); }

std::optional<std::size_t> NotesView::indexOf(std::int64_t id) const {
  const std::size_t offset = editing_ && !editing_->id ? 1 : 0;
  for (std::size_t i = 0; i < cards_.size(); ++i)
    if (cards_[i].id == id) return i + offset;
  return std::nullopt;
}

std::optional<std::size_t> NotesView::editingIndex() const {
  if (!editing_) return std::nullopt;
  if (!editing_->id) return 0;  // a new card sits first
  return indexOf(*editing_->id);
}

const notes::NoteCard* NotesView::cardById(std::int64_t id) const {
  for (const auto& c : cards_)
    if (c.id == id) return &c;
  return nullptr;
}

wxRect NotesView::cardRect(std::size_t index) const {
  const wxRect area = gridArea();
  const notes::CardRect c = grid().card(index);
  return wxRect(area.x + c.x, area.y + c.y - scroll_, c.w, c.h);
}

void NotesView::scrollBy(int dy) {
  const wxRect area = gridArea();
  const int maxScroll = std::max(0, grid().contentHeight(shownCount()) - area.height);
  scroll_ = std::clamp(scroll_ + dy, 0, maxScroll);
}

void NotesView::ensureVisible(std::size_t index) {
  const wxRect area = gridArea();
  const wxRect r = cardRect(index);
  if (r.y < area.y) scrollBy(r.y - area.y - kGap);
  else if (r.GetBottom() > area.GetBottom()) scrollBy(r.GetBottom() - area.GetBottom() + kGap);
}

void NotesView::select(std::size_t index) {
  const std::size_t offset = editing_ && !editing_->id ? 1 : 0;
  if (index < offset || index - offset >= cards_.size()) return;
  selected_ = cards_[index - offset].id;
  ensureVisible(index);
  placeEditor();
  host_.repaintContent();
}

void NotesView::paintCard(wxGraphicsContext& gc, const notes::NoteCard& card, const wxRect& r, bool selected,
                          bool editing) {
  // The tint washes the card and marks its top edge; text stays light on it
  // so it reads on a busy wallpaper at any opacity.
  gc.SetPen(*wxTRANSPARENT_PEN);
  gc.SetBrush(wxBrush(draw::colour(card.tint, editing ? 70 : theme::palette().noteWashAlpha)));
  gc.DrawRoundedRectangle(r.x, r.y, r.width, r.height, 8);
  gc.SetBrush(wxBrush(draw::colour(card.tint, 230)));
  gc.DrawRoundedRectangle(r.x, r.y, r.width, 5, 2.5);
  if (selected || editing) {
    gc.SetPen(wxPen(draw::colour(card.tint, 230), 2));
    gc.SetBrush(*wxTRANSPARENT_BRUSH);
    gc.DrawRoundedRectangle(r.x + 1, r.y + 1, r.width - 2, r.height - 2, 8);
  }
  if (editing) return;  // the inline fields show the words
  double right = r.GetRight() - 10;
  if (card.conflict) {
    gc.SetFont(draw::font(-2, true), draw::colour(theme::palette().card));
    const wxString label = _("Conflict");
    const double w = draw::textWidth(gc, label) + 12;
    right -= w;
    draw::pill(gc, right, r.y + 10, label, theme::palette().danger, theme::palette().card);
    right -= 4;
  } else if (card.pending) {
    right -= 9;
    draw::stateDot(gc, right, r.y + 15, false);
    right -= 4;
  }
  gc.SetFont(draw::font(0, true), draw::colour(theme::palette().text));
  const wxString title = card.title.empty() ? _("Untitled") : draw::utf8(card.title);
  gc.DrawText(draw::fitted(gc, title, right - r.x - 12), r.x + 12, r.y + 11);
  gc.SetFont(draw::font(-1), draw::colour(theme::palette().text, theme::palette().noteTextAlpha));
  const double lh = draw::textHeight(gc) + 2;
  double y = r.y + 14 + draw::textHeight(gc) + 10;
  std::istringstream lines(card.text);
  std::string line;
  while (std::getline(lines, line) && y + lh <= r.GetBottom() - 6) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    gc.DrawText(draw::fitted(gc, draw::utf8(line), r.width - 24), r.x + 12, y);
    y += lh;
  }
}

void NotesView::paint(wxGraphicsContext& gc, const wxRect& contentArea) {
  const wxRect area = gridArea();
  if (cards_.empty() && !editing_) {
    gc.SetFont(draw::font(-1, false, true), draw::colour(theme::palette().subtle));
    const wxString empty = presenter_.status().lastSync ? _("No notes — press Ctrl+N for a new one")
                                                        : _("Waiting for the first sync…");
    gc.DrawText(draw::fitted(gc, empty, area.width - 2 * theme::kPad),
                area.x + std::max(theme::kPad, static_cast<int>((area.width - draw::textWidth(gc, empty)) / 2)),
                area.y + 24);
  }
  gc.PushState();
  gc.Clip(area.x, area.y, area.width, area.height);
  const std::size_t offset = editing_ && !editing_->id ? 1 : 0;
  const auto editingAt = editingIndex();
  if (offset) {
    notes::NoteCard draft;
    draft.tint = notes::defaultTint();
    paintCard(gc, draft, cardRect(0), false, true);
  }
  for (std::size_t i = 0; i < cards_.size(); ++i) {
    const wxRect r = cardRect(i + offset);
    if (r.GetBottom() < area.y) continue;
    if (r.y > area.GetBottom()) break;
    paintCard(gc, cards_[i], r, selected_ && *selected_ == cards_[i].id, editingAt && *editingAt == i + offset);
  }
  gc.PopState();
  const int content = grid().contentHeight(shownCount());
  if (content > area.height && area.height > 0) {  // a scroll thumb, as the row lists have
    const double thumbH = std::max(24.0, area.height * static_cast<double>(area.height) / content);
    const int maxScroll = content - area.height;
    const double top = area.y + 2 + (area.height - thumbH - 4) * scroll_ / std::max(1, maxScroll);
    gc.SetPen(*wxTRANSPARENT_PEN);
    gc.SetBrush(wxBrush(draw::colour(theme::accent(sync::ListKind::Notes), 150)));
    gc.DrawRoundedRectangle(area.GetRight() - 5, top, 4, thumbH, 2);
  }
  undo_.paint(gc, contentArea);
}

void NotesView::mouse(wxMouseEvent& e) {
  const wxRect area = gridArea();
  const wxPoint p = e.GetPosition();
  if (e.GetEventType() == wxEVT_MOUSEWHEEL) {
    const int steps = e.GetWheelRotation() / std::max(1, e.GetWheelDelta());
    scrollBy(-steps * (kCardHeight / 2));
    placeEditor();
    host_.repaintContent();
    return;
  }
  const auto hit = [&]() -> std::optional<std::size_t> {
    if (!area.Contains(p)) return std::nullopt;
    return notes::cardAt(grid(), shownCount(), p.x - area.x, p.y - area.y + scroll_);
  };
  if (e.LeftDown()) {
    // The frame took the focus for this click, so an open editor has saved.
    if (undo_.click(p, host_.contentArea())) return;
    if (auto index = hit()) {
      select(*index);
      // The "Conflict" badge at the card's top right offers keep mine / keep theirs.
      const notes::NoteCard* card = selected_ ? cardById(*selected_) : nullptr;
      const wxRect r = cardRect(*index);
      if (card && card->conflict && p.x > r.GetRight() - 90 && p.y < r.y + 32) cardMenu(card->id, p);
    }
  } else if (e.LeftDClick()) {
    if (auto index = hit()) {
      select(*index);
      if (selected_) startEditing(*selected_, true);
    }
  } else if (e.RightUp()) {
    if (auto index = hit()) {
      select(*index);
      if (selected_) cardMenu(*selected_, p);
    }
  } else if (e.Moving() || e.Leaving()) {
    // A card shows a few lines of its note; the tooltip shows the rest.
    const std::size_t offset = editing_ && !editing_->id ? 1 : 0;
    const auto index = e.Leaving() ? std::nullopt : hit();
    std::string tip;
    if (index && *index >= offset && *index - offset < cards_.size()) {
      const notes::NoteCard& card = cards_[*index - offset];
      tip = card.title;
      if (!card.text.empty()) tip += (tip.empty() ? "" : "\n\n") + fitTooltip(card.text);
    }
    host_.setHoverText(tip);
  }
}

bool NotesView::key(wxKeyEvent& e) {
  const int code = e.GetKeyCode();
  if (e.GetModifiers() == wxMOD_CONTROL && (code == 'Z' || code == 'z')) return undo_.undo();
  if (e.HasAnyModifiers() && e.GetModifiers() != wxMOD_SHIFT) return false;
  const std::size_t count = shownCount();
  const auto current = selected_ ? indexOf(*selected_) : std::nullopt;
  const std::size_t cols = static_cast<std::size_t>(grid().columns);
  switch (code) {
    case WXK_RETURN:
    case WXK_NUMPAD_ENTER:
      if (selected_) startEditing(*selected_, true);
      return selected_.has_value();
    case WXK_DELETE:
    case WXK_NUMPAD_DELETE:
      removeSelected();
      return true;
    case WXK_LEFT:
    case WXK_RIGHT:
    case WXK_UP:
    case WXK_DOWN:
    case WXK_HOME:
    case WXK_END: {
      if (count == 0) return true;
      // No selection yet: any arrow starts at the first card.
      const std::size_t at = current.value_or(0);
      std::size_t next = 0;
      if (!current.has_value()) next = 0;
      else if (code == WXK_LEFT) next = at > 0 ? at - 1 : 0;
      else if (code == WXK_RIGHT) next = std::min(count - 1, at + 1);
      else if (code == WXK_UP) next = at >= cols ? at - cols : at;
      else if (code == WXK_DOWN) next = at + cols < count ? at + cols : at;
      else if (code == WXK_HOME) next = 0;
      else next = count - 1;
      select(next);
      return true;
    }
    default:
      return false;
  }
}

void NotesView::newItem() {
  if (editing_) commit();
  startEditing(std::nullopt, false);
}

void NotesView::themeChanged() {
  if (!editor_ || !editing_) return;
  const notes::NoteCard* card = editing_->id ? cardById(*editing_->id) : nullptr;
  editor_->recolour(card ? card->tint : notes::defaultTint());
}

void NotesView::startEditing(std::optional<std::int64_t> id, bool focusText) {
  if (editing_) commit();
  std::string title, text, colour;
  theme::Rgb tint = notes::defaultTint();
  if (id) {
    const notes::NoteCard* card = cardById(*id);
    if (!card) return;
    title = card->title;
    text = card->text;
    colour = card->colour;
    tint = card->tint;
  }
  editing_ = Editing{id};
  editor_ = std::make_unique<NoteEditor>(host_.window(), title, text, colour, columns_.hasColour, tint,
                                         NoteEditor::Callbacks{[this] { commit(); }, [this] { cancel(); }});
  if (auto index = editingIndex()) ensureVisible(*index);
  placeEditor();
  if (focusText) editor_->focusText();
  else editor_->focusTitle();
  say(std::string("note editing ") + (id ? std::to_string(*id) : "new"));
  host_.repaintContent();
}

void NotesView::placeEditor() {
  if (!editor_) return;
  const auto index = editingIndex();
  if (!index) return;
  editor_->place(cardRect(*index), gridArea());
}

void NotesView::commit() {
  if (!editing_ || !editor_) return;
  const Editing editing = *editing_;
  const std::string title = editor_->title(), text = editor_->text(), colour = editor_->colour();
  editing_.reset();
  editor_.reset();
  // Saving moved the keyboard off the card: give it to the pane again.
  if (wxWindow::FindFocus() == nullptr) host_.window()->SetFocus();
  const auto item = editing.id ? presenter_.item(*editing.id) : std::nullopt;
  const auto fields = notes::noteWrite(title, text, colour, item ? &*item : nullptr, columns_);
  if (editing.id && !item) {
    reportError(_("The note was deleted meanwhile; your text was not saved.").utf8_string());
  } else if (!fields || fields->empty()) {
    say(std::string("note unchanged ") + (editing.id ? std::to_string(*editing.id) : "new"));
  } else if (!editing.id) {
    const auto result = presenter_.create(*fields);
    if (result) {
      selected_ = *result;
      say("note created " + std::to_string(*result));
    } else {
      reportError(result.error().message);
    }
  } else {
    const auto result = presenter_.update(*editing.id, *fields);
    if (result) say("note saved " + std::to_string(*editing.id));
    else reportError(result.error().message);
  }
  itemsChanged();
}

void NotesView::cancel() {
  if (!editing_) return;
  editing_.reset();
  editor_.reset();
  host_.window()->SetFocus();
  say("note editing cancelled");
  itemsChanged();
}

void NotesView::setColour(std::int64_t id, const std::string& colour) {
  const auto result = presenter_.update(id, {{std::string(sync::field::Color),
                                              colour.empty() ? sync::FieldValue{} : sync::FieldValue{colour}}});
  if (!result) reportError(result.error().message);
  else say("note " + std::to_string(id) + " colour " + (colour.empty() ? "none" : colour));
  itemsChanged();
}

void NotesView::removeSelected() {
  if (!selected_) return;
  const std::int64_t id = *selected_;
  const notes::NoteCard* card = cardById(id);
  const wxString title = card ? draw::utf8(card->title) : wxString();
  const auto index = indexOf(id);
  std::optional<std::int64_t> next;
  if (index && *index + 1 < cards_.size()) next = cards_[*index + 1].id;
  else if (index && *index > 0) next = cards_[*index - 1].id;
  undo_.remove(id, title);
  selected_ = next;
  say("note " + std::to_string(id) + " deleted (undo for " + std::to_string(PanePresenter::kUndoDelay.count()) + " s)");
  host_.repaintContent();
}

void NotesView::cardMenu(std::int64_t id, const wxPoint& at) {
  const notes::NoteCard* card = cardById(id);
  if (!card) return;
  wxMenu menu;
  const int editId = wxWindow::NewControlId(), deleteId = wxWindow::NewControlId(),
            mineId = wxWindow::NewControlId(), theirsId = wxWindow::NewControlId();
  menu.Append(editId, _("Edit\tEnter"));
  auto* colours = new wxMenu;  // owned by `menu` once appended
  std::vector<std::pair<int, std::string>> colourIds;
  colourIds.emplace_back(wxWindow::NewControlId(), "");
  colours->AppendRadioItem(colourIds.back().first, _("Default colour"))->Check(card->colour.empty());
  for (const auto& name : notes::colourNames()) {
    colourIds.emplace_back(wxWindow::NewControlId(), name);
    colours->AppendRadioItem(colourIds.back().first, wxGetTranslation(draw::utf8(name)))
        ->Check(card->colour == name);
  }
  wxMenuItem* colourItem = menu.AppendSubMenu(colours, _("Colour"));
  if (!columns_.hasColour) {
    colourItem->Enable(false);
    colourItem->SetItemLabel(_("Colour (the list has no Color column)"));
  }
  menu.Append(deleteId, _("Delete\tDel"));
  if (card->conflict) {
    menu.AppendSeparator();
    menu.Append(mineId, _("Conflict: keep mine"));
    menu.Append(theirsId, _("Conflict: keep theirs"));
  }
  menu.Bind(wxEVT_MENU, [&](wxCommandEvent& ev) {
    const int which = ev.GetId();
    if (which == editId) {
      host_.window()->CallAfter([this, id] { startEditing(id, true); });
    } else if (which == deleteId) {
      removeSelected();
    } else if (which == mineId || which == theirsId) {
      resolve(id, which == mineId);
    } else {
      for (const auto& [cid, name] : colourIds)
        if (cid == which) setColour(id, name);
    }
  });
  host_.window()->PopupMenu(&menu, at);
}

void NotesView::resolve(std::int64_t id, bool keepMine) {
  const auto result = presenter_.resolveConflict(id, keepMine);
  if (!result) reportError(result.error().message);
  itemsChanged();
}

void NotesView::reportError(const std::string& what) {
  wxMessageBox(draw::utf8(what), _("Notes"), wxOK | wxICON_WARNING, host_.window());
  giveKeyboardBack(host_.window());
}

std::string NotesView::accessibleText() const {
  std::string out;
  for (const auto& c : cards_) out += notes::accessibleLine(c) + "\n";
  const std::string undo = undo_.accessibleText();
  if (!undo.empty()) out += undo + "\n";
  return out;
}

std::optional<std::size_t> NotesView::accessibleSelection() const {
  // accessibleText() lists the saved cards only, not a new one being written.
  for (std::size_t i = 0; selected_ && i < cards_.size(); ++i)
    if (cards_[i].id == *selected_) return i;
  return std::nullopt;
}

}  // namespace deskpane::overlay
