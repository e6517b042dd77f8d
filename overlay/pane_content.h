#pragma once
// What a pane shows below its header. PaneFrame owns the window (drag, snap,
// opacity, keep-below, lock, the header with its buttons and menu) and hands
// the area under the header to one PaneContent per pane, made by
// makePaneContent() (pane_factory.h). The content paints into the frame's
// graphics context and gets the frame's mouse and key events for its area;
// editors it opens are dialogs parented to host.window().
//
// Only forward declarations here: this header is included by every pane.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>

class wxGraphicsContext;
class wxKeyEvent;
class wxMenu;
class wxMouseEvent;
class wxRect;
class wxString;
class wxWindow;

namespace deskpane::overlay {

// The frame as its content sees it.
class PaneHost {
 public:
  virtual ~PaneHost() = default;
  // The pane's top-level window: parent of editors and inline controls.
  virtual wxWindow* window() = 0;
  // The content's area in the window's client coordinates (below the header).
  virtual wxRect contentArea() const = 0;
  virtual void repaintContent() = 0;
  // Panes are locked: no dragging of items (moving events in the calendar).
  virtual bool locked() const = 0;
  // Card opacity in percent, for contents that blend their own colours.
  virtual int opacity() const = 0;
  // What the item under the pointer is, as a tooltip ("" when over none):
  // what a cut title or a block too narrow for words does not show.
  virtual void setHoverText(const std::string& text) { (void)text; }
};

class PaneContent {
 public:
  virtual ~PaneContent() = default;

  // The presenter's list changed (a sync, a push, an edit of the pane's
  // own; the app calls this, contents do not listen themselves): re-read it, keeping the
  // selection, the scroll position and any open editor.
  virtual void itemsChanged() = 0;
  // The list's sync state changed (badges may follow it).
  virtual void statusChanged() {}
  // Paints the content area; `gc` is the whole window's context.
  virtual void paint(wxGraphicsContext& gc, const wxRect& area) = 0;
  // Mouse events inside the content area, in window client coordinates
  // (down, up, double-click, motion, right-click, wheel, leave).
  virtual void mouse(wxMouseEvent& event) = 0;
  // A key pressed while the pane has the focus; true when it was used.
  // F9 never arrives here (the frame runs Sync all).
  virtual bool key(wxKeyEvent& event) = 0;
  // "+" in the header and Ctrl+N: a new-item editor, first field focused.
  virtual void newItem() = 0;
  // Entries of this pane's own in the header menu (filters, export, views).
  virtual void appendMenu(wxMenu& menu) { (void)menu; }
  // The content area changed size: move inline controls.
  virtual void layout() {}
  // The palette changed (the desktop or the user switched between light and
  // dark): recolour inline controls. Painting reads the palette itself.
  virtual void themeChanged() {}
  // A reminder was clicked: bring item `itemId` into view and select it (an
  // event's occurrence starting at `startUnixSeconds`). False when the pane
  // does not list it (filtered out, not cached yet, or a pane without reminders).
  virtual bool reveal(std::int64_t itemId, std::int64_t startUnixSeconds) {
    (void)itemId;
    (void)startUnixSeconds;
    return false;
  }
  // What the pane lists, one line per visible item, for assistive
  // technologies (the frame's accessible description) and the tests.
  virtual std::string accessibleText() const = 0;
  // Which line of accessibleText() is the selected item, if any: the row a
  // screen reader reports as selected and focused.
  virtual std::optional<std::size_t> accessibleSelection() const { return std::nullopt; }
};

}  // namespace deskpane::overlay
