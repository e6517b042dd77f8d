#pragma once
// Paints a pane card (header with title, state and buttons; the item list
// below it) into a graphics context, and says what lies under a point. It
// holds only display state; PaneFrame owns the window and its behaviour.
#include "overlay/pane_rows.h"
#include "sync/list_kind.h"

#include <string>
#include <vector>

class wxGraphicsContext;

namespace deskpane::overlay {

enum class PaneHit { Nothing, Header, RefreshButton, AddButton, List };

class PaneView {
 public:
  PaneView(sync::ListKind kind, std::string title);

  void setRows(std::vector<PaneRow> rows);
  void setStateText(std::string text) { stateText_ = std::move(text); }
  void setOpacity(int percent) { opacity_ = percent; }
  // Draws the card's rounded corners see-through (needs a compositor);
  // otherwise the card fills the whole window.
  void setPerPixelAlpha(bool on) { perPixelAlpha_ = on; }
  void setHover(PaneHit hit) { hover_ = hit; }
  void setEmptyText(std::string text) { emptyText_ = std::move(text); }

  // Scrolls the list by `dy` px (positive = down), clamped; true if it moved.
  bool scrollBy(int dy, int height);
  int scrollOffset() const { return scroll_; }
  const std::vector<PaneRow>& rows() const { return rows_; }
  const std::string& stateText() const { return stateText_; }

  PaneHit hitTest(int x, int y, int width, int height) const;
  void paint(wxGraphicsContext& gc, int width, int height) const;

 private:
  int contentHeight() const;
  int maxScroll(int height) const;

  sync::ListKind kind_;
  std::string title_;
  std::string stateText_;
  std::string emptyText_ = "Nothing here yet";
  std::vector<PaneRow> rows_;
  int opacity_ = 85;
  int scroll_ = 0;
  bool perPixelAlpha_ = false;
  PaneHit hover_ = PaneHit::Nothing;
};

}  // namespace deskpane::overlay
