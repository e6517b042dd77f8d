#pragma once
// The desktop pane window shared by all five panes: undecorated, below normal
// windows, off the taskbar and pager, on every workspace, per-pane opacity;
// moved by its header and resized from its edges with its own drag code
// (snapping to screen edges and other panes), both off while locked.
#include "overlay/pane_geometry.h"
#include "overlay/pane_rows.h"
#include "overlay/pane_view.h"
#include "sync/list_kind.h"

#include <wx/frame.h>

#include <functional>
#include <string>
#include <vector>

namespace deskpane::overlay {

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
  std::function<void()> add;                     // the header's "+"
  std::function<void()> syncAll;                 // F9
  std::function<void(const Rect&)> geometrySaved;  // after a drag or WM move ends
  std::function<std::vector<Rect>()> otherPanes;   // visible panes to snap to
};

class PaneFrame : public wxFrame {
 public:
  PaneFrame(const PaneOptions& options, PaneCallbacks callbacks);

  sync::ListKind kind() const { return kind_; }
  void setRows(std::vector<PaneRow> rows);
  void setStateText(const std::string& text);
  // Shown in place of the list while it has no rows.
  void setEmptyText(const std::string& text);
  void setOpacity(int percent);
  int opacity() const { return opacity_; }
  void setLocked(bool locked);
  bool locked() const { return locked_; }
  Rect rect() const;
  // X11 window id once shown (for tests and logs), else 0.
  unsigned long windowId() const;
  const PaneView& view() const { return view_; }

  // Rectangles of every monitor's work area.
  static std::vector<Rect> monitors();
  // monitorLayoutKey of the monitors' full geometries (panels excluded from
  // nothing, so a panel moving does not make a new layout).
  static std::string monitorLayout();

 private:
  void onPaint(wxPaintEvent&);
  void onLeftDown(wxMouseEvent&);
  void onLeftUp(wxMouseEvent&);
  void onMotion(wxMouseEvent&);
  void onLeave(wxMouseEvent&);
  void onWheel(wxMouseEvent&);
  void onMove(wxMoveEvent&);
  void onSize(wxSizeEvent&);
  void onShow(wxShowEvent&);
  void endDrag();
  void updateCursor(int x, int y);
  void applyShape();
  void placeSettled();

  sync::ListKind kind_;
  PaneCallbacks callbacks_;
  PaneView view_;
  int opacity_;
  bool locked_;
  bool perPixelAlpha_ = false;
  bool placed_ = false;          // the WM has placed us: moves from now on are real
  Rect home_;                    // where a locked pane belongs
  unsigned dragEdges_ = None;    // non-zero while dragging (no CaptureMouse: pitfall 1)
  wxPoint dragStartMouse_;
  Rect dragStartRect_;
  bool wmMovePending_ = false;
};

}  // namespace deskpane::overlay
