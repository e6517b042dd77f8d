#include "overlay/notes/notes_editor.h"

#include "overlay/contrast.h"
#include "overlay/native_colours.h"
#include "overlay/notes/notes_model.h"
#include "overlay/pane_draw.h"

#include <wx/choice.h>
#include <wx/intl.h>
#include <wx/textctrl.h>
#include <wx/window.h>

namespace deskpane::overlay {

NoteEditor::NoteEditor(wxWindow* parent, const std::string& title, const std::string& text, const std::string& colour,
                       bool offerColour, theme::Rgb tint, Callbacks callbacks)
    : parent_(parent), callbacks_(std::move(callbacks)) {
  title_ = new wxTextCtrl(parent, wxID_ANY, draw::utf8(title), wxDefaultPosition, wxDefaultSize,
                          wxTE_PROCESS_ENTER | wxBORDER_NONE);
  title_->SetName("note-title");
  title_->SetHint(_("Title"));
  title_->SetFont(draw::font(0, true));
  text_ = new wxTextCtrl(parent, wxID_ANY, draw::utf8(text), wxDefaultPosition, wxDefaultSize,
                         wxTE_MULTILINE | wxBORDER_NONE);
  text_->SetName("note-text");
  text_->SetFont(draw::font(-1));
  // The pane is a frame, not a dialog: nothing moves the focus on Tab for
  // us, and GTK would hand it to the frame itself (a focus loss, so a save
  // of half a note). Tab and Shift+Tab go between the title and the text.
  title_->Bind(wxEVT_KEY_DOWN, [this](wxKeyEvent& e) {
    if (e.GetKeyCode() == WXK_TAB && !e.ShiftDown()) {
      text_->SetFocus();
      return;
    }
    e.Skip();
  });
  text_->Bind(wxEVT_KEY_DOWN, [this](wxKeyEvent& e) {
    if (e.GetKeyCode() == WXK_TAB && e.ShiftDown()) {
      title_->SetFocus();
      return;
    }
    if (e.GetKeyCode() == WXK_TAB && colour_) {
      colour_->SetFocus();
      return;
    }
    e.Skip();
  });
  if (offerColour) {
    colour_ = new wxChoice(parent, wxID_ANY);
    colour_->SetName("note-colour");
    colour_->Append(_("Default colour"));
    int at = 0;
    for (std::size_t i = 0; i < notes::colourNames().size(); ++i) {
      colour_->Append(wxGetTranslation(draw::utf8(notes::colourNames()[i])));
      if (notes::colourNames()[i] == colour) at = static_cast<int>(i) + 1;
    }
    colour_->SetSelection(at);
  }
  recolour(tint);

  const auto later = [this](const std::function<void()>& f) {
    if (done_ || !f) return;
    done_ = true;
    parent_->CallAfter(f);
  };
  title_->Bind(wxEVT_TEXT_ENTER, [this, later](wxCommandEvent&) { later(callbacks_.save); });
  for (wxWindow* c : std::initializer_list<wxWindow*>{title_, text_, colour_}) {
    if (!c) continue;
    c->Bind(wxEVT_KEY_DOWN, [this, later](wxKeyEvent& e) {
      const int k = e.GetKeyCode();
      if (k == WXK_ESCAPE && !e.HasAnyModifiers()) return later(callbacks_.cancel);
      if ((k == WXK_RETURN || k == WXK_NUMPAD_ENTER) && e.GetModifiers() == wxMOD_CONTROL)
        return later(callbacks_.save);
      e.Skip();
    });
    c->Bind(wxEVT_KILL_FOCUS, [this](wxFocusEvent& e) {
      e.Skip();
      // Where the focus went is only known once it has arrived.
      std::weak_ptr<bool> alive = alive_;
      parent_->CallAfter([this, alive] {
        if (alive.lock()) focusLost();
      });
    });
  }
}

NoteEditor::~NoteEditor() {
  done_ = true;
  alive_.reset();
  for (wxWindow* c : std::initializer_list<wxWindow*>{title_, text_, colour_})
    if (c) c->Destroy();
}

bool NoteEditor::owns(const wxWindow* w) const {
  for (; w; w = w->GetParent())
    if (w == title_ || w == text_ || (colour_ && w == colour_)) return true;
  return false;
}

void NoteEditor::focusLost() {
  if (done_) return;
  // Moving between the editor's own fields (Tab, a click) is no focus loss;
  // the colour choice's popup takes the focus while it is open.
  if (owns(wxWindow::FindFocus())) return;
  if (colour_ && colour_->HasCapture()) return;
  done_ = true;
  if (callbacks_.save) callbacks_.save();
}

void NoteEditor::place(const wxRect& card, const wxRect& visible) {
  const bool shown = visible.Contains(card.GetTopLeft()) && card.GetBottom() <= visible.GetBottom() + card.height / 2;
  const int pad = 8;
  const int titleH = title_->GetBestSize().y;
  int choiceH = 0;
  if (colour_) choiceH = colour_->GetBestSize().y;
  title_->SetSize(card.x + pad, card.y + pad, card.width - 2 * pad, titleH);
  const int textTop = card.y + pad + titleH + 4;
  const int textBottom = card.GetBottom() - pad - (colour_ ? choiceH + 4 : 0);
  text_->SetSize(card.x + pad, textTop, card.width - 2 * pad, std::max(20, textBottom - textTop));
  if (colour_) colour_->SetSize(card.x + pad, card.GetBottom() - pad - choiceH, std::min(card.width - 2 * pad, 150), choiceH);
  for (wxWindow* c : std::initializer_list<wxWindow*>{title_, text_, colour_})
    if (c) c->Show(shown);
}

void NoteEditor::focusTitle() {
  title_->SetFocus();
  title_->SetInsertionPointEnd();
}

void NoteEditor::focusText() {
  text_->SetFocus();
  text_->SetInsertionPointEnd();
}

std::string NoteEditor::title() const { return title_->GetValue().utf8_string(); }
std::string NoteEditor::text() const { return text_->GetValue().utf8_string(); }

void NoteEditor::recolour(theme::Rgb tint) {
  // Fields in the card's colour with a touch of its tint, so the card looks
  // edited in place rather than covered by a form.
  const wxColour back = draw::colour(contrast::over(tint, 26, theme::palette().card));
  for (wxTextCtrl* c : {title_, text_}) {
    c->SetBackgroundColour(back);
    c->SetForegroundColour(draw::colour(theme::palette().text));
    c->Refresh();
  }
  // The colour menu too: it would otherwise keep the desktop's theme, dark
  // on a light pane or the other way round.
  if (colour_) {
    applyNativeColours(colour_, theme::palette().field, theme::palette().text);
  }
}

std::string NoteEditor::colour() const {
  if (!colour_) return "";
  const int at = colour_->GetSelection();
  if (at <= 0 || at > static_cast<int>(notes::colourNames().size())) return "";
  return notes::colourNames()[static_cast<std::size_t>(at - 1)];
}

}  // namespace deskpane::overlay
