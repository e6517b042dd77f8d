#include "overlay/contacts/contacts_view.h"

#include "overlay/accessible_buttons.h"
#include "overlay/contacts/contacts_editor.h"
#include "overlay/contacts/contacts_vcard.h"
#include "overlay/dialog_focus_return.h"
#include "overlay/pane_draw.h"
#include "overlay/pane_presenter.h"
#include "sync/list_schema.h"

#include <wx/arrstr.h>
#include <wx/brush.h>
#include <wx/cursor.h>
#include <wx/event.h>
#include <wx/filedlg.h>
#include <wx/graphics.h>
#include <wx/intl.h>
#include <wx/menu.h>
#include <wx/msgdlg.h>
#include <wx/pen.h>
#include <wx/textctrl.h>
#include <wx/utils.h>
#include <wx/window.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>

namespace deskpane::overlay::contacts {

namespace {

constexpr sync::ListKind kKind = sync::ListKind::Contacts;
constexpr int kSearchHeight = 40;   // the strip at the top holding the search field
constexpr int kCardTopBar = 36;     // Back / Edit / Delete

// Translated text whose source holds characters beyond ASCII (quotes,
// ellipsis): the catalogue key is UTF-8 whatever the C locale is.
wxString tr(const char* utf8) { return wxGetTranslation(wxString::FromUTF8(utf8)); }

std::string toUtf8(const wxString& s) { return std::string(s.utf8_str()); }

// `text` broken into lines that fit `width`: at its own line breaks, then
// between words; a word wider than a line is shortened with an ellipsis.
std::vector<wxString> wrapped(wxGraphicsContext& gc, const wxString& text, double width) {
  std::vector<wxString> out;
  wxString rest = text;
  while (true) {
    const int nl = rest.Find('\n');
    const wxString para = nl == wxNOT_FOUND ? rest : rest.Left(static_cast<size_t>(nl));
    wxString line;
    for (const wxString& word : wxSplit(para, ' ', '\0')) {
      const wxString candidate = line.empty() ? word : line + " " + word;
      if (line.empty() || draw::textWidth(gc, candidate) <= width) {
        line = candidate;
      } else {
        out.push_back(draw::fitted(gc, line, width));
        line = word;
      }
    }
    out.push_back(draw::fitted(gc, line, width));
    if (nl == wxNOT_FOUND) break;
    rest = rest.Mid(static_cast<size_t>(nl) + 1);
  }
  return out;
}

}  // namespace

ContactsView::ContactsView(PaneHost& host, PanePresenter& presenter)
    : host_(host), presenter_(presenter), list_(62), undo_(presenter, [this] { removalsChanged(); }) {
  wxWindow* window = host_.window();
  // A frame without a sizer stretches its only child over the whole client
  // area on every resize (wxTopLevelWindow::DoLayout); the pane places its
  // inline controls itself.
  window->SetAutoLayout(true);
  search_ = new wxTextCtrl(window, wxID_ANY, wxString(), wxDefaultPosition, wxDefaultSize,
                           wxTE_PROCESS_ENTER | wxBORDER_NONE);
  search_->SetHint(tr("Search name, company, email, phone…"));
  search_->SetName(_("Search contacts"));
  // The open card's painted buttons and links, for screen readers (none
  // while the list shows: its rows are the frame's accessible list).
  cardButtons_ = std::make_unique<AccessibleButtons>(*window, std::string(_("Contact card").utf8_str()),
                                                     std::vector<AccessibleButton>{});
  themeChanged();
  search_->Bind(wxEVT_TEXT, [this](wxCommandEvent&) { applyQuery(); });
  search_->Bind(wxEVT_KEY_DOWN, &ContactsView::onSearchKey, this);
  // The field's frame lights up while it has the keyboard.
  auto refocus = [this](wxFocusEvent& e) {
    e.Skip();
    host_.repaintContent();
  };
  search_->Bind(wxEVT_SET_FOCUS, refocus);
  search_->Bind(wxEVT_KILL_FOCUS, refocus);
  // Printable keys the pane itself receives (the frame gets them when no
  // inline control has the focus) start a search; see key().
  window->Bind(wxEVT_CHAR, &ContactsView::onChar, this);
  itemsChanged();
  layout();
}

ContactsView::~ContactsView() {
  host_.window()->Unbind(wxEVT_CHAR, &ContactsView::onChar, this);
  // The frame outlives its content (setContent(nullptr) at shutdown).
  if (search_) search_->Destroy();
}

// ---------------------------------------------------------------- geometry

wxRect ContactsView::searchStrip() const {
  const wxRect area = host_.contentArea();
  return wxRect(area.x, area.y, area.width, card_ ? 0 : kSearchHeight);
}

wxRect ContactsView::listArea() const {
  const wxRect area = undo_.listArea(host_.contentArea());
  const int strip = searchStrip().height;
  return wxRect(area.x, area.y + strip, area.width, std::max(0, area.height - strip));
}

void ContactsView::themeChanged() {
  // In the card's colours, so the field reads as part of the pane.
  search_->SetBackgroundColour(draw::colour(theme::palette().field));
  search_->SetForegroundColour(draw::colour(theme::palette().text));
  search_->Refresh();
}

void ContactsView::layout() {
  if (!search_) return;
  const wxRect strip = searchStrip();
  search_->Show(!card_);
  if (card_) return;
  const int h = std::min(search_->GetBestSize().y, strip.height - 12);
  // Inside the rounded field drawn in paint(), clear of its corners.
  search_->SetSize(strip.x + theme::kPad + 8, strip.y + (strip.height - h) / 2, strip.width - 2 * theme::kPad - 16, h);
}

// ---------------------------------------------------------------- data

void ContactsView::itemsChanged() {
  const auto selected = list_.selectedId();
  model_.setItems(presenter_.items());
  list_.setIds(model_.shownIds());
  // A contact created here was renamed when it reached the server (temp id ->
  // server id): keep it selected, and its card open, under the new id.
  auto renamed = [&](std::optional<std::int64_t> id) -> std::optional<std::int64_t> {
    if (!id || model_.find(*id)) return id;
    if (auto now = presenter_.item(*id)) return now->id;
    return std::nullopt;
  };
  if (selected && !list_.selectedId()) list_.selectId(renamed(selected));
  if (card_) {
    card_ = renamed(card_);
    cardItem_ = card_ ? presenter_.item(*card_) : std::nullopt;
    if (!card_) layout();  // deleted on the server: back to the list
  }
  list_.scrollBy(0, listArea());
  host_.repaintContent();
}

void ContactsView::statusChanged() { host_.repaintContent(); }

void ContactsView::applyQuery() {
  model_.setQuery(toUtf8(search_->GetValue()));
  list_.setIds(model_.shownIds());
  list_.scrollBy(-list_.scrollOffset(), listArea());
  if (list_.selectedId()) list_.ensureVisible(*list_.selectedIndex(), listArea());
  host_.repaintContent();
  trace("contacts search '" + model_.query() + "' shown=" + std::to_string(model_.shownCount()) +
        (model_.shownCount() ? " first=" + model_.row(0).name : ""));
}

void ContactsView::focusSearch(const wxString& typed) {
  if (card_) closeCard();
  search_->SetFocus();
  if (typed.empty()) {
    search_->SelectAll();  // Ctrl+F: a new query replaces the last one
    return;
  }
  search_->AppendText(typed);  // fires wxEVT_TEXT: the list follows
  search_->SetInsertionPointEnd();
}

void ContactsView::clearSearch() {
  if (!search_->IsEmpty()) search_->Clear();  // fires wxEVT_TEXT
}

// ---------------------------------------------------------------- card

void ContactsView::openCard(std::int64_t id) {
  if (!model_.find(id)) return;
  auto contact = presenter_.item(id);
  if (!contact) return;
  card_ = id;
  cardItem_ = std::move(contact);
  cardScroll_ = 0;
  focusTarget_.reset();
  hoverTarget_.reset();
  // The pane keeps the keyboard (Esc, Tab, Enter) while its card is open.
  host_.window()->SetFocus();
  layout();
  host_.repaintContent();
  trace("contacts card " + std::to_string(id) + " " + displayName(*cardItem_));
}

const sync::Item* ContactsView::cardContact() const {
  if (!card_ || !cardItem_ || cardItem_->id != *card_ || !model_.find(*card_)) return nullptr;
  return &*cardItem_;
}

void ContactsView::closeCard() {
  card_.reset();
  cardItem_.reset();
  focusTarget_.reset();
  hoverTarget_.reset();
  layout();
  if (auto i = list_.selectedIndex()) list_.ensureVisible(*i, listArea());
  host_.repaintContent();
}

// ---------------------------------------------------------------- edits

void ContactsView::newItem() { edit(std::nullopt); }

void ContactsView::edit(std::optional<std::int64_t> id) {
  // A copy: a sync while the editor is open may replace the model's items.
  std::optional<sync::Item> contact;
  if (id) {
    contact = presenter_.item(*id);
    if (!contact) return;
  }
  trace(std::string("contacts editor ") + (id ? std::to_string(*id) : "new"));
  const EditorOutcome outcome = runContactEditor(host_.window(), contact ? &*contact : nullptr,
                                                 contact ? presenter_.conflictsOf(contact->id) : std::vector<sync::Conflict>{});
  std::string error;
  switch (outcome.action) {
    case EditorOutcome::Cancelled: return;
    case EditorOutcome::KeepMine:
    case EditorOutcome::KeepTheirs:
      if (auto r = presenter_.resolveConflict(contact->id, outcome.action == EditorOutcome::KeepMine); !r.ok())
        error = r.error().message;
      break;
    case EditorOutcome::Save:
      if (!contact) {
        auto created = presenter_.create(outcome.fields);
        if (created.ok()) {
          list_.selectId(created.value());
          trace("contacts created " + std::to_string(created.value()));
        } else {
          error = created.error().message;
        }
      } else if (auto r = presenter_.update(contact->id, outcome.fields); !r.ok()) {
        error = r.error().message;
      } else {
        trace("contacts updated " + std::to_string(contact->id) + " fields=" + std::to_string(outcome.fields.size()));
      }
      break;
  }
  if (!error.empty())
    wxMessageBox(draw::utf8(error), _("Contacts"), wxOK | wxICON_ERROR, host_.window());
  giveKeyboardBack(host_.window());
}

void ContactsView::removeWithUndo(std::int64_t id) {
  const ContactRow* contact = model_.find(id);
  if (!contact) return;
  const std::string name = contact->name;
  // The row below takes the selection, as in a mail client.
  const auto index = list_.selectedIndex();
  if (card_ == id) closeCard();
  waiting_.push_back(id);
  undo_.remove(id, draw::utf8(name));  // re-reads through removalsChanged
  if (index && list_.size()) list_.selectIndex(std::min(*index, list_.size() - 1));
  trace("contacts delete " + std::to_string(id) + " waits for undo");
}

void ContactsView::undoRemove() {
  const auto before = presenter_.pendingRemovals();
  undoing_ = true;
  const bool undone = undo_.undo();
  undoing_ = false;
  if (!undone) return;
  const auto after = presenter_.pendingRemovals();
  for (std::int64_t id : before)
    if (std::find(after.begin(), after.end(), id) == after.end()) {
      list_.selectId(id);
      if (auto i = list_.selectedIndex()) list_.ensureVisible(*i, listArea());
      trace("contacts delete " + std::to_string(id) + " undone");
    }
  host_.repaintContent();
}

void ContactsView::removalsChanged() {
  const auto pending = presenter_.pendingRemovals();
  for (auto it = waiting_.begin(); it != waiting_.end();) {
    if (std::find(pending.begin(), pending.end(), *it) != pending.end()) {
      ++it;
      continue;
    }
    if (!undoing_) trace("contacts deleted " + std::to_string(*it));
    it = waiting_.erase(it);
  }
  itemsChanged();
}

void ContactsView::exportShown() {
  wxFileDialog dialog(host_.window(), _("Export contacts as vCard"), wxString(), "contacts.vcf",
                      _("vCard files (*.vcf)|*.vcf"), wxFD_SAVE | wxFD_OVERWRITE_PROMPT);
  if (dialog.ShowModal() != wxID_OK) return;
  const std::string path = toUtf8(dialog.GetPath());
  const auto items = presenter_.items();  // the model keeps rows, not items
  if (const std::string error = writeFile(path, vcardsOf(itemsInOrder(items, model_.shownIds()))); !error.empty()) {
    wxMessageBox(draw::utf8(error), _("Export contacts"), wxOK | wxICON_ERROR, host_.window());
    giveKeyboardBack(host_.window());
    return;
  }
  trace("contacts exported " + std::to_string(model_.shownCount()) + " to " + path);
}

void ContactsView::appendMenu(wxMenu& menu) {
  const int exportId = wxWindow::NewControlId();
  // What a search leaves shown is what the export writes.
  const wxString label = model_.shownCount() == model_.total() ? tr("Export contacts as vCard…")
                                                               : tr("Export shown contacts as vCard…");
  menu.Append(exportId, label)->Enable(model_.shownCount() > 0);
  menu.Bind(wxEVT_MENU,
            [this, exportId](wxCommandEvent& e) {
              if (e.GetId() != exportId) {
                e.Skip();
                return;
              }
              // After the menu has closed: the file dialog is modal.
              host_.window()->CallAfter([this] { exportShown(); });
            },
            exportId);
}

// ---------------------------------------------------------------- input

void ContactsView::activate(const Target& t) {
  switch (t.kind) {
    case Target::Link:
      trace("contacts open " + t.link);
      wxLaunchDefaultBrowser(draw::utf8(t.link));
      break;
    case Target::Back: closeCard(); break;
    case Target::Edit:
      if (card_) edit(*card_);
      break;
    case Target::Delete:
      if (card_) removeWithUndo(*card_);
      break;
    case Target::KeepMine:
    case Target::KeepTheirs:
      if (card_) {
        if (auto r = presenter_.resolveConflict(*card_, t.kind == Target::KeepMine); !r.ok()) {
          wxMessageBox(draw::utf8(r.error().message), _("Contacts"), wxOK | wxICON_ERROR, host_.window());
          giveKeyboardBack(host_.window());
        }
      }
      break;
  }
}

std::optional<std::size_t> ContactsView::targetAt(const wxPoint& p) const {
  for (std::size_t i = 0; i < targets_.size(); ++i)
    if (targets_[i].rect.Contains(p)) return i;
  return std::nullopt;
}

void ContactsView::mouse(wxMouseEvent& e) {
  const wxPoint p = e.GetPosition();
  const wxRect area = listArea();
  if (e.GetEventType() == wxEVT_MOUSEWHEEL) {
    const int steps = e.GetWheelRotation() / std::max(1, e.GetWheelDelta());
    if (card_) {
      const int before = cardScroll_;
      cardScroll_ = std::clamp(cardScroll_ - steps * 40, 0, std::max(0, cardHeight_ - area.height));
      if (cardScroll_ != before) host_.repaintContent();
    } else if (list_.scrollBy(-steps * list_.rowHeight(), area)) {
      host_.repaintContent();
    }
    return;
  }
  if (e.Moving() || e.Leaving()) {
    const auto target = e.Leaving() ? std::nullopt : targetAt(p);
    const auto row = e.Leaving() || card_ ? std::nullopt : list_.rowAt(p, area);
    host_.window()->SetCursor(wxCursor(target ? wxCURSOR_HAND : wxCURSOR_ARROW));
    if (target != hoverTarget_ || !card_) {
      hoverTarget_ = target;
      list_.setHover(row);
      host_.repaintContent();
    }
    return;
  }
  if (e.LeftDown()) {
    pressedRow_.reset();
    if (undo_.click(p, host_.contentArea())) return;  // its Undo button undoes
    if (targetAt(p)) return;  // acts on release, like a button
    if (card_) return;
    if (auto row = list_.rowAt(p, area)) {
      if (list_.selectedIndex() == row) pressedRow_ = row;
      list_.selectIndex(*row);
      host_.repaintContent();
    }
  } else if (e.LeftUp()) {
    if (auto t = targetAt(p)) {
      activate(targets_[*t]);  // a link opens only on a click, never by itself
      return;
    }
    if (!card_ && pressedRow_ && list_.rowAt(p, area) == pressedRow_) openCard(list_.ids()[*pressedRow_]);
    pressedRow_.reset();
  } else if (e.LeftDClick() && !card_) {
    if (auto row = list_.rowAt(p, area)) openCard(list_.ids()[*row]);
  }
}

bool ContactsView::key(wxKeyEvent& e) {
  const int code = e.GetKeyCode();
  const int mods = e.GetModifiers();
  if (mods == wxMOD_CONTROL && (code == 'F' || code == 'f')) {
    focusSearch();
    return true;
  }
  if (mods == wxMOD_CONTROL && (code == 'Z' || code == 'z') && undo_.visible()) {
    undoRemove();
    return true;
  }
  if (card_) {
    const sync::Item* contact = cardContact();
    if (!contact) {
      closeCard();
      return false;
    }
    switch (code) {
      case WXK_ESCAPE: closeCard(); return true;
      case WXK_TAB: {
        // Through the card's links and buttons, and round again.
        if (targets_.empty()) return true;
        const std::size_t n = targets_.size();
        focusTarget_ = !focusTarget_ ? (e.ShiftDown() ? n - 1 : 0)
                                     : (e.ShiftDown() ? (*focusTarget_ + n - 1) % n : (*focusTarget_ + 1) % n);
        host_.repaintContent();
        return true;
      }
      case WXK_RETURN:
      case WXK_NUMPAD_ENTER:
        if (focusTarget_ && *focusTarget_ < targets_.size())
          activate(targets_[*focusTarget_]);
        else
          edit(*card_);
        return true;
      case WXK_DELETE: removeWithUndo(*card_); return true;
      case WXK_UP:
      case WXK_DOWN:
      case WXK_PAGEUP:
      case WXK_PAGEDOWN: {
        const int step = code == WXK_UP || code == WXK_DOWN ? 40 : std::max(40, listArea().height - 40);
        const int dir = code == WXK_UP || code == WXK_PAGEUP ? -1 : 1;
        cardScroll_ = std::clamp(cardScroll_ + dir * step, 0, std::max(0, cardHeight_ - listArea().height));
        host_.repaintContent();
        return true;
      }
      default: return false;  // printable keys: onChar starts a search
    }
  }
  switch (code) {
    case WXK_RETURN:
    case WXK_NUMPAD_ENTER:
      if (auto id = list_.selectedId()) openCard(*id);
      return true;
    case WXK_DELETE:
      if (auto id = list_.selectedId()) removeWithUndo(*id);
      return true;
    case WXK_ESCAPE:
      if (search_->IsEmpty()) return false;
      clearSearch();
      return true;
    default: break;
  }
  if (list_.moveKey(code, listArea())) {
    host_.repaintContent();
    return true;
  }
  // Printable keys are left to the character event (onChar), which carries
  // the character the keyboard layout and Shift made.
  return false;
}

void ContactsView::onChar(wxKeyEvent& e) {
  const wxChar c = e.GetUnicodeKey();
  const bool printable = c != WXK_NONE && c >= 32 && c != 127 && !e.ControlDown() && !e.AltDown() && !e.MetaDown();
  if (!printable || wxWindow::FindFocus() == search_) {
    e.Skip();
    return;
  }
  focusSearch(wxString(c));
}

void ContactsView::onSearchKey(wxKeyEvent& e) {
  switch (e.GetKeyCode()) {
    case WXK_ESCAPE:
      // Esc clears the search; on an empty one it hands the keys to the list.
      if (!search_->IsEmpty())
        clearSearch();
      else
        host_.window()->SetFocus();
      return;
    case WXK_DOWN:
    case WXK_UP:
      if (list_.size()) {
        host_.window()->SetFocus();
        if (!list_.selectedId() && e.GetKeyCode() == WXK_DOWN)
          list_.selectIndex(0);
        else
          list_.moveKey(e.GetKeyCode(), listArea());
        host_.repaintContent();
      }
      return;
    case WXK_RETURN:
    case WXK_NUMPAD_ENTER:
      // Opens the selected match, else the first.
      if (list_.size()) {
        if (!list_.selectedIndex()) list_.selectIndex(0);
        openCard(*list_.selectedId());
      }
      return;
    default: e.Skip();
  }
}

// ---------------------------------------------------------------- painting

void ContactsView::paint(wxGraphicsContext& gc, const wxRect& area) {
  targets_.clear();
  const sync::Item* contact = cardContact();
  if (contact) {
    paintCard(gc, listArea(), *contact);
  } else {
    // The search field's frame; the wxTextCtrl sits inside it.
    const wxRect strip = searchStrip();
    gc.SetPen(wxPen(draw::colour(theme::accent(kKind), search_->HasFocus() ? 200 : 60), 1));
    gc.SetBrush(wxBrush(draw::colour(theme::palette().field)));
    gc.DrawRoundedRectangle(strip.x + theme::kPad, strip.y + 5, strip.width - 2 * theme::kPad, strip.height - 10, 8);
    paintList(gc, listArea());
  }
  undo_.paint(gc, area);
  updateCardButtons();
}

void ContactsView::updateCardButtons() {
  std::vector<std::string> names;
  names.reserve(targets_.size());
  auto text = [](const wxString& t) { return std::string(t.utf8_str()); };
  for (const Target& t : targets_) {
    switch (t.kind) {
      case Target::Link:
        if (t.link.rfind("mailto:", 0) == 0)
          names.push_back(text(wxString::Format(_("Write to %s"), wxString::FromUTF8(t.link.substr(7)))));
        else if (t.link.rfind("tel:", 0) == 0)
          names.push_back(text(wxString::Format(_("Call %s"), wxString::FromUTF8(t.link.substr(4)))));
        else
          names.push_back(t.link);
        break;
      case Target::Back: names.push_back(text(_("Back to the list"))); break;
      case Target::Edit: names.push_back(text(_("Edit"))); break;
      case Target::Delete: names.push_back(text(_("Delete"))); break;
      case Target::KeepMine: names.push_back(text(_("Keep mine"))); break;
      case Target::KeepTheirs: names.push_back(text(_("Keep theirs"))); break;
    }
  }
  if (names == cardButtonNames_) return;
  cardButtonNames_ = names;
  std::vector<AccessibleButton> buttons;
  for (std::size_t i = 0; i < targets_.size(); ++i) {
    const Target& t = targets_[i];
    const char* key = t.kind == Target::Back ? "Escape" : t.kind == Target::Edit ? "Return" : t.kind == Target::Delete ? "Delete" : "";
    buttons.push_back({names[i], key, [this, t] { activate(t); }});
  }
  cardButtons_->setButtons(std::move(buttons));
}

void ContactsView::paintList(wxGraphicsContext& gc, const wxRect& area) {
  const wxFont nameFont = draw::font(0, true), detailFont = draw::font(-1);
  gc.SetFont(nameFont, *wxWHITE);
  const double nameH = draw::textHeight(gc);
  gc.SetFont(detailFont, *wxWHITE);
  const double detailH = draw::textHeight(gc);
  // Three lines a row, sized by the desktop's font.
  const int rowH = static_cast<int>(nameH + 2 * detailH + 16);
  if (rowH != list_.rowHeight()) {
    list_.setRowHeight(rowH);
    list_.scrollBy(0, area);
  }
  if (list_.size() == 0) {
    gc.SetFont(draw::font(-1, false, true), draw::colour(theme::palette().subtle));
    const wxString empty = model_.total() > 0 ? wxString::Format(tr("No contact matches “%s”"), search_->GetValue())
                           : presenter_.status().lastSync ? _("No contacts")
                                                          : tr("Waiting for the first sync…");
    const wxString shown = draw::fitted(gc, empty, area.width - 2 * theme::kPad);
    gc.DrawText(shown, area.x + (area.width - draw::textWidth(gc, shown)) / 2, area.y + 24);
    return;
  }
  const auto accent = theme::accent(kKind);
  list_.paint(
      gc, area,
      [&](wxGraphicsContext& g, std::size_t i, const wxRect& box, bool selected, bool hovered) {
        const ContactRow row = model_.row(i);
        if (selected || hovered) draw::rowHighlight(g, box.x + 6, box.y + 1, box.width - 12, box.height - 2, selected);
        double x = box.x + theme::kPad;
        if (row.conflict || row.pending) {
          draw::stateDot(g, x, box.y + 8 + nameH / 2 - 3, row.conflict);
          x += 14;
        }
        const double w = box.GetRight() - theme::kPad - x;
        double y = box.y + 7;
        g.SetFont(nameFont, draw::colour(theme::palette().text));
        g.DrawText(draw::fitted(g, draw::utf8(row.name), w), x, y);
        y += nameH + 1;
        g.SetFont(detailFont, draw::colour(theme::palette().subtle));
        if (!row.org.empty()) g.DrawText(draw::fitted(g, draw::utf8(row.org), w), x, y);
        y += detailH;
        g.SetFont(detailFont, draw::colour(accent, 230));
        if (!row.reach.empty()) g.DrawText(draw::fitted(g, draw::utf8(row.reach), w), x, y);
      },
      draw::colour(accent, 150));
}

void ContactsView::paintCard(wxGraphicsContext& gc, const wxRect& area, const sync::Item& contact) {
  gc.PushState();
  gc.Clip(area.x, area.y, area.width, area.height);
  const auto accent = theme::accent(kKind);
  const double left = area.x + theme::kPad, right = area.GetRight() - theme::kPad;
  double y = area.y + 6 - cardScroll_;

  auto addTarget = [&](Target::Kind kind, double x, double ty, double w, double h, std::string link = {}) {
    targets_.push_back({kind, wxRect(static_cast<int>(x), static_cast<int>(ty), static_cast<int>(w), static_cast<int>(h)),
                        std::move(link)});
    return targets_.size() - 1;
  };
  auto marked = [&](std::size_t index) { return hoverTarget_ == index || focusTarget_ == index; };
  // A button: a pill that lights up under the pointer or the keyboard focus.
  auto button = [&](Target::Kind kind, double x, const wxString& label, theme::Rgb fill, theme::Rgb ink,
                    bool alignRight) {
    gc.SetFont(draw::font(-2, true), draw::colour(ink));
    const double w = draw::textWidth(gc, label) + 12, h = draw::textHeight(gc) + 4;
    const double bx = alignRight ? x - w : x;
    const std::size_t index = addTarget(kind, bx, y, w, h);
    draw::pill(gc, bx, y, label, fill, ink);
    if (marked(index)) {
      gc.SetPen(wxPen(draw::colour(theme::palette().text, 200), 1));
      gc.SetBrush(*wxTRANSPARENT_BRUSH);
      gc.DrawRoundedRectangle(bx - 1, y - 1, w + 2, h + 2, (h + 2) / 2);
    }
    return w;
  };

  // Top bar: back to the list on the left, Edit and Delete on the right.
  const theme::Rgb buttonFill = theme::palette().button;
  button(Target::Back, left, tr("‹ Contacts"), buttonFill, theme::palette().text, false);
  double bx = right;
  bx -= button(Target::Delete, bx, _("Delete"), theme::palette().deleteButton, theme::palette().text, true) + 8;
  button(Target::Edit, bx, _("Edit"), accent, theme::palette().card, true);
  y += kCardTopBar;

  // Name and organisation.
  const ContactRow row = contactRow(contact);
  gc.SetFont(draw::font(4, true), draw::colour(theme::palette().text));
  gc.DrawText(draw::fitted(gc, draw::utf8(row.name), right - left), left, y);
  y += draw::textHeight(gc) + 2;
  if (!row.org.empty()) {
    gc.SetFont(draw::font(0), draw::colour(theme::palette().subtle));
    gc.DrawText(draw::fitted(gc, draw::utf8(row.org), right - left), left, y);
    y += draw::textHeight(gc);
  }
  y += 8;
  if (row.pending) {
    gc.SetFont(draw::font(-2, true), *wxWHITE);
    const double h = draw::textHeight(gc) + 4;
    draw::pill(gc, left, y, _("Waiting to upload"), theme::palette().pending, theme::palette().card);
    y += h + 8;
  }

  // An item in conflict: what differs, and the user's choice.
  if (row.conflict) {
    draw::pill(gc, left, y, _("Conflict"), theme::palette().danger, theme::palette().card);
    gc.SetFont(draw::font(-2, true), *wxWHITE);
    y += draw::textHeight(gc) + 10;
    gc.SetFont(draw::font(-1), draw::colour(theme::palette().text));
    for (const auto& c : presenter_.conflictsOf(contact.id)) {
      wxString what;
      if (c.type == sync::ConflictKind::Field) {
        const auto* spec = sync::findField(kKind, c.field);
        what = wxGetTranslation(draw::utf8(spec ? std::string(spec->label) : c.field)) + ": " +
               wxString::Format(tr("yours “%s”, server “%s”"), draw::utf8(sync::displayValue(c.localValue)),
                                draw::utf8(sync::displayValue(c.serverValue)));
      } else if (c.type == sync::ConflictKind::EditVsServerDelete) {
        what = _("It was deleted on the server while you edited it.");
      } else {
        what = _("You deleted it; it was changed on the server.");
      }
      for (const wxString& line : wrapped(gc, what, right - left)) {
        gc.DrawText(line, left, y);
        y += draw::textHeight(gc);
      }
    }
    y += 6;
    const double w = button(Target::KeepMine, left, _("Keep mine"), accent, theme::palette().card, false);
    button(Target::KeepTheirs, left + w + 8, _("Keep theirs"), buttonFill, theme::palette().text, false);
    gc.SetFont(draw::font(-2, true), *wxWHITE);
    y += draw::textHeight(gc) + 14;
  }

  // Every other field: label above value, links in the accent colour.
  gc.SetPen(wxPen(draw::colour(theme::palette().rule, 28), 1));
  gc.StrokeLine(left, y, right, y);
  y += 8;
  const wxFont labelFont = draw::font(-2), valueFont = draw::font(0);
  for (const CardLine& line : cardLines(contact)) {
    // Shown in the heading already.
    if (line.field == "FirstName" || line.field == "Title" || line.field == "Company" || line.field == "JobTitle")
      continue;
    gc.SetFont(labelFont, draw::colour(theme::palette().subtle));
    gc.DrawText(wxGetTranslation(draw::utf8(line.label)), left, y);
    y += draw::textHeight(gc);
    gc.SetFont(valueFont, draw::colour(line.link.empty() ? theme::palette().text : accent));
    const double lineH = draw::textHeight(gc);
    const std::vector<wxString> lines = wrapped(gc, draw::utf8(line.value), right - left);
    if (!line.link.empty()) {
      const double w = draw::textWidth(gc, lines.front());
      const std::size_t index = addTarget(Target::Link, left, y, w, lineH, line.link);
      if (marked(index)) {
        gc.SetPen(wxPen(draw::colour(accent), 1));
        gc.StrokeLine(left, y + lineH - 1, left + w, y + lineH - 1);
      }
    }
    for (const wxString& l : lines) {
      gc.DrawText(l, left, y);
      y += lineH;
    }
    y += 8;
  }
  cardHeight_ = static_cast<int>(y + cardScroll_ - area.y);
  gc.PopState();
  // Targets scrolled out of the area cannot be clicked.
  targets_.erase(std::remove_if(targets_.begin(), targets_.end(),
                                [&](const Target& t) { return !area.Intersects(t.rect); }),
                 targets_.end());
}

// ---------------------------------------------------------------- text

std::string ContactsView::accessibleText() const {
  std::string out;
  if (card_) {
    if (const sync::Item* contact = cardContact()) {
      out += displayName(*contact) + "\n";
      for (const CardLine& l : cardLines(*contact))
        out += std::string(wxGetTranslation(draw::utf8(l.label)).utf8_str()) + ": " + l.value + "\n";
      // The card's drawn buttons, by name.
      out += toUtf8(_("Back to the list")) + ", " + toUtf8(_("Edit")) + ", " + toUtf8(_("Delete")) + "\n";
      if (contact->state == sync::LocalState::Conflict)
        out += toUtf8(_("Conflict")) + ": " + toUtf8(_("Keep mine")) + ", " + toUtf8(_("Keep theirs")) + "\n";
      return out;
    }
  }
  for (std::size_t i = 0; i < model_.shownCount(); ++i) {
    const ContactRow r = model_.row(i);
    out += r.name;
    if (!r.org.empty()) out += ", " + r.org;
    if (!r.reach.empty()) out += ", " + r.reach;
    out += "\n";
  }
  if (undo_.visible()) out += undo_.accessibleText() + "\n";
  return out;
}

void ContactsView::trace(const std::string& line) const {
  // Machine-readable lines for the GUI tests, as the app's own "deskpane: ..." lines.
  static const bool on = std::getenv("DESKPANE_TRACE_ROWS") != nullptr;
  if (!on) return;
  std::printf("deskpane: %s\n", line.c_str());
  std::fflush(stdout);
}

}  // namespace deskpane::overlay::contacts
