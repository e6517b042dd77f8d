#pragma once
// The inline note editor: a title field, a text field and — when the list
// has a Color column — a colour choice, laid over the card being edited in
// the Notes pane. It reports what the user asks for and leaves saving to the
// view: Enter in the title or Ctrl+Enter anywhere saves, Esc cancels, and the
// focus leaving all three controls (a click elsewhere) saves too. Callbacks
// run after the event that caused them, so the view may destroy the editor.
#include "overlay/pane_theme.h"

#include <wx/gdicmn.h>

#include <functional>
#include <memory>
#include <string>

class wxChoice;
class wxTextCtrl;
class wxWindow;

namespace deskpane::overlay {

class NoteEditor {
 public:
  struct Callbacks {
    std::function<void()> save;
    std::function<void()> cancel;
  };

  NoteEditor(wxWindow* parent, const std::string& title, const std::string& text, const std::string& colour,
             bool offerColour, theme::Rgb tint, Callbacks callbacks);
  ~NoteEditor();  // destroys the controls
  NoteEditor(const NoteEditor&) = delete;
  NoteEditor& operator=(const NoteEditor&) = delete;

  // Lays the controls over `card` (window coordinates); hidden when it is
  // scrolled out of `visible`.
  void place(const wxRect& card, const wxRect& visible);
  void focusTitle();
  void focusText();
  std::string title() const;
  std::string text() const;
  std::string colour() const;  // "" = none
  // The fields in the active palette, tinted with the card's `tint`.
  void recolour(theme::Rgb tint);

 private:
  void focusLost();
  bool owns(const wxWindow* w) const;

  wxWindow* parent_;
  wxTextCtrl* title_ = nullptr;  // wx-parented: destroyed by ~NoteEditor
  wxTextCtrl* text_ = nullptr;
  wxChoice* colour_ = nullptr;
  Callbacks callbacks_;
  bool done_ = false;  // a save or cancel was asked for; later events are ignored
  // Deferred focus checks hold a weak reference: the editor may be gone by then.
  std::shared_ptr<bool> alive_ = std::make_shared<bool>(true);
};

}  // namespace deskpane::overlay
