#pragma once
// Paints a pane's card (the translucent body and the header with title,
// sync state and buttons) into a graphics context, and says what lies under
// a point. The area below the header belongs to the pane's PaneContent.
#include "sync/list_kind.h"

#include <string>

class wxGraphicsContext;

namespace deskpane::overlay {

enum class PaneHit { Nothing, Header, StateText, MenuButton, RefreshButton, AddButton, Content };

class PaneView {
 public:
  PaneView(sync::ListKind kind, std::string title);

  void setStateText(std::string text, bool alert) {
    stateText_ = std::move(text);
    stateAlert_ = alert;
  }
  void setOpacity(int percent) { opacity_ = percent; }
  // Draws the card's rounded corners see-through (needs a compositor);
  // otherwise the card fills the whole window.
  void setPerPixelAlpha(bool on) { perPixelAlpha_ = on; }
  void setHover(PaneHit hit) { hover_ = hit; }

  const std::string& title() const { return title_; }
  const std::string& stateText() const { return stateText_; }

  PaneHit hitTest(int x, int y, int width, int height) const;
  void paint(wxGraphicsContext& gc, int width, int height) const;

 private:
  sync::ListKind kind_;
  std::string title_;
  std::string stateText_;
  bool stateAlert_ = false;
  int opacity_ = 85;
  bool perPixelAlpha_ = false;
  PaneHit hover_ = PaneHit::Nothing;
};

}  // namespace deskpane::overlay
