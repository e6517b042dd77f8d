#pragma once
// The desktop pane window shared by all five panes: undecorated, below normal
// windows, off the taskbar and pager, on every workspace, per-pane opacity;
// moved by its header and resized from its edges with its own drag code
// (snapping to screen edges and other panes), both off while locked. The
// header (title, sync state, menu, refresh, "+") is the frame's; the area
// below it belongs to the pane's PaneContent. Closing it through the window
// manager (Alt+F4) hides it, as the tray menu does.
#include "overlay/pane_geometry.h"
#include "overlay/pane_content.h"
#include "overlay/pane_view.h"
#include "sync/list_kind.h"

#include <wx/frame.h>

#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace deskpane::overlay {

class AccessibleButtons;
class AccessibleRows;

struct PaneOptions {
  sync::ListKind kind = sync::ListKind::Calendar;
  std::string title;
  Rect rect{40, 40, 520, 420};
  int opacity = 85;  // percent, 20..100
  bool locked = false;
};

struct PaneCallbacks {
  std::function<void()> shown;                   // became visible: sync its list
  std::function<void()> refresh;                 // the header's refresh button
  std::function<void()> syncAll;                 // F9
  std::function<void()> hideRequested;           // Alt+F4 / the window manager's close / menu "Hide"
  std::function<void()> toggleLock;              // menu "Lock panes"
  std::function<void()> openInBrowser;           // menu "Open in browser"
  std::function<void(int)> opacityChosen;        // the opacity slider was let go: save it
  std::function<void(const Rect&)> geometrySaved;  // after a drag or WM move ends
  std::function<std::vector<Rect>()> otherPanes;   // visible panes to snap to
  // The first paint after Show(true) is done: milliseconds since that call,
  // content included (the figure a user feels when a pane is toggled on).
  std::function<void(double)> painted;
  // The desktop's colours or fonts changed (a light/dark switch): the app
  // decides the palette for every pane at once.
  std::function<void()> systemColoursChanged;
};

class PaneFrame : public wxFrame, public PaneHost {
 public:
  PaneFrame(const PaneOptions& options, PaneCallbacks callbacks);
  ~PaneFrame() override;

  sync::ListKind kind() const { return kind_; }
  bool Show(bool show = true) override;
  // The content below the header; the frame owns it.
  void setContent(std::unique_ptr<PaneContent> content);
  PaneContent* content() const { return content_.get(); }
  // Header state line; `detail` (the server's reason) is its tooltip and is
  // shown when the line is clicked. `alert` draws it in the warning colour.
  void setState(const std::string& text, const std::string& detail, bool alert);
  const std::string& stateText() const { return view_.stateText(); }
  void setOpacity(int percent);
  void setLocked(bool locked);
  // The palette changed: recolour inline controls and repaint.
  void themeChanged();
  Rect rect() const;
  // X11 window id once shown (for tests and logs), else 0.
  unsigned long windowId() const;
  // Publishes what the content lists to assistive technologies: the rows
  // as a list inside the window, and all of it as the window's description.
  void updateAccessible();
  // A dialog this pane opened was closed: the pane, if still shown, takes
  // the keyboard again (DialogFocusReturn calls it).
  void takeKeyboardBack();

  // PaneHost
  wxWindow* window() override { return this; }
  wxRect contentArea() const override;
  void repaintContent() override;
  void setHoverText(const std::string& text) override;
  bool locked() const override { return locked_; }
  int opacity() const override { return opacity_; }

  // Rectangles of every monitor's work area.
  static std::vector<Rect> monitors();
  // monitorLayoutKey of the monitors' full geometries (panels excluded from
  // nothing, so a panel moving does not make a new layout).
  static std::string monitorLayout();

 private:
  void onPaint(wxPaintEvent&);
  void onMouse(wxMouseEvent&);
  void onLeftDown(wxMouseEvent&);
  void onLeftUp(wxMouseEvent&);
  void onMotion(wxMouseEvent&);
  void onLeave(wxMouseEvent&);
  void onMove(wxMoveEvent&);
  void onSize(wxSizeEvent&);
  void onShow(wxShowEvent&);
  void onClose(wxCloseEvent&);
  void onCharHook(wxKeyEvent&);
  void showMenu(const wxPoint& at);
  wxPoint menuButtonCorner() const;  // where the header menu opens from the keyboard
  void showOpacitySlider();
  void endDrag();
  void updateCursor(int x, int y);
  void applyShape();
  void placeSettled();
  bool inContent(const wxPoint& p) const;
  // After the content took a key or a click: the selection (and, for any
  // other key, what the content shows) may have changed.
  void contentInputDone(bool navigationOnly);

  sync::ListKind kind_;
  PaneCallbacks callbacks_;
  PaneView view_;
  std::unique_ptr<PaneContent> content_;
  std::unique_ptr<AccessibleRows> accessibleRows_;
  std::unique_ptr<AccessibleButtons> accessibleButtons_;  // the header's buttons
  std::string stateDetail_;
  std::string hoverText_;  // the content's item under the pointer, as tooltip over the content
  void showTip(PaneHit hit);
  PaneHit tipFrom_ = PaneHit::Nothing;  // what the tooltip shown is about
  wxString tipShown_;
  int opacity_;
  bool locked_;
  bool perPixelAlpha_ = false;
  bool placed_ = false;          // the WM has placed us: moves from now on are real
  std::chrono::steady_clock::time_point placedAt_;  // when placed_ became true
  std::optional<std::chrono::steady_clock::time_point> shownAt_;  // until the first paint after Show(true)
  Rect home_;                    // where a locked pane belongs
  unsigned dragEdges_ = None;    // non-zero while dragging (no CaptureMouse: pitfall 1)
  wxPoint dragStartMouse_;
  Rect dragStartRect_;
  bool wmMovePending_ = false;
};

}  // namespace deskpane::overlay
