#include "overlay/pane_frame.h"

#include "overlay/pane_theme.h"
#include "platform/desktop_hints.h"

#include <wx/dcclient.h>
#include <wx/display.h>
#include <wx/graphics.h>
#include <wx/utils.h>

#include <algorithm>
#include <memory>

namespace deskpane::overlay {

namespace {

Rect toRect(const wxRect& r) { return {r.x, r.y, r.width, r.height}; }

Rect primaryMonitor() {
  for (unsigned i = 0; i < wxDisplay::GetCount(); ++i) {
    wxDisplay d(i);
    if (d.IsPrimary()) return toRect(d.GetClientArea());
  }
  return wxDisplay::GetCount() ? toRect(wxDisplay(0u).GetClientArea()) : Rect{0, 0, 1024, 768};
}

wxStockCursor cursorFor(unsigned edges) {
  if ((edges & Left && edges & Top) || (edges & Right && edges & Bottom)) return wxCURSOR_SIZENWSE;
  if ((edges & Right && edges & Top) || (edges & Left && edges & Bottom)) return wxCURSOR_SIZENESW;
  if (edges & (Left | Right)) return wxCURSOR_SIZEWE;
  if (edges & (Top | Bottom)) return wxCURSOR_SIZENS;
  return wxCURSOR_ARROW;
}

}  // namespace

std::vector<Rect> PaneFrame::monitors() {
  std::vector<Rect> out;
  for (unsigned i = 0; i < wxDisplay::GetCount(); ++i) out.push_back(toRect(wxDisplay(i).GetClientArea()));
  return out;
}

std::string PaneFrame::monitorLayout() {
  std::vector<Rect> screens;
  for (unsigned i = 0; i < wxDisplay::GetCount(); ++i) screens.push_back(toRect(wxDisplay(i).GetGeometry()));
  return monitorLayoutKey(std::move(screens));
}

PaneFrame::PaneFrame(const PaneOptions& options, PaneCallbacks callbacks)
    : kind_(options.kind),
      callbacks_(std::move(callbacks)),
      view_(options.kind, options.title),
      opacity_(std::clamp(options.opacity, 20, 100)),
      locked_(options.locked) {
  // Per-pixel alpha (rounded see-through corners, opaque text over a
  // translucent card) needs a compositor and must be chosen before Create().
  perPixelAlpha_ = platform::desktopComposited();
  SetBackgroundStyle(perPixelAlpha_ ? wxBG_STYLE_TRANSPARENT : wxBG_STYLE_PAINT);
  home_ = onScreen(options.rect, monitors(), primaryMonitor());
  Create(nullptr, wxID_ANY, wxString::FromUTF8(options.title), wxPoint(home_.x, home_.y), wxSize(home_.w, home_.h),
         wxBORDER_NONE | wxFRAME_NO_TASKBAR | (perPixelAlpha_ ? 0 : wxFRAME_SHAPED));
  SetMinSize(wxSize(kMinPaneWidth, kMinPaneHeight));
  view_.setPerPixelAlpha(perPixelAlpha_);
  view_.setOpacity(opacity_);
  platform::applyDesktopHints(GetHandle());  // before the first Show (type hint)
  if (!perPixelAlpha_) applyShape();

  Bind(wxEVT_PAINT, &PaneFrame::onPaint, this);
  Bind(wxEVT_LEFT_DOWN, &PaneFrame::onLeftDown, this);
  Bind(wxEVT_LEFT_UP, &PaneFrame::onLeftUp, this);
  Bind(wxEVT_MOTION, &PaneFrame::onMotion, this);
  Bind(wxEVT_LEAVE_WINDOW, &PaneFrame::onLeave, this);
  Bind(wxEVT_MOUSEWHEEL, &PaneFrame::onWheel, this);
  Bind(wxEVT_MOVE, &PaneFrame::onMove, this);
  Bind(wxEVT_SIZE, &PaneFrame::onSize, this);
  Bind(wxEVT_SHOW, &PaneFrame::onShow, this);
  // A lost release (pointer let go outside every window) must not leave a drag running.
  Bind(wxEVT_MOUSE_CAPTURE_LOST, [this](wxMouseCaptureLostEvent&) { endDrag(); });

  // The frame draws everything itself and has no child to take the keyboard:
  // let its own GTK widget take focus (on click) so keys arrive at all.
  SetCanFocus(true);
  // F9 = Sync all. A char hook reaches the top-level window even though the
  // pane has no focusable child for an accelerator table to work through.
  Bind(wxEVT_CHAR_HOOK, [this](wxKeyEvent& e) {
    if (e.GetKeyCode() == WXK_F9 && !e.HasAnyModifiers()) {
      if (callbacks_.syncAll) callbacks_.syncAll();
      return;
    }
    e.Skip();
  });
}

void PaneFrame::setRows(std::vector<PaneRow> rows) {
  view_.setRows(std::move(rows));
  view_.scrollBy(0, GetClientSize().y);  // re-clamp after the list shrank
  Refresh();
}

void PaneFrame::setStateText(const std::string& text) {
  if (text == view_.stateText()) return;
  view_.setStateText(text);
  RefreshRect(wxRect(0, 0, GetClientSize().x, theme::kHeaderHeight));
}

void PaneFrame::setEmptyText(const std::string& text) {
  view_.setEmptyText(text);
  if (view_.rows().empty()) Refresh();
}

void PaneFrame::setOpacity(int percent) {
  opacity_ = std::clamp(percent, 20, 100);
  view_.setOpacity(opacity_);
  Refresh();  // the card's alpha is painted, so the change is live
}

void PaneFrame::setLocked(bool locked) {
  locked_ = locked;
  home_ = rect();
  if (locked_) SetCursor(wxNullCursor);
}

Rect PaneFrame::rect() const {
  const wxPoint p = GetPosition();
  const wxSize s = GetSize();
  return {p.x, p.y, s.x, s.y};
}

unsigned long PaneFrame::windowId() const { return platform::nativeWindowId(GetHandle()); }

void PaneFrame::applyShape() {
  const wxSize s = GetClientSize();
  if (s.x <= 0 || s.y <= 0) return;
  wxGraphicsPath path = wxGraphicsRenderer::GetDefaultRenderer()->CreatePath();
  path.AddRoundedRectangle(0, 0, s.x, s.y, theme::kRadius);
  SetShape(path);
}

void PaneFrame::onPaint(wxPaintEvent&) {
  wxPaintDC dc(this);
  std::unique_ptr<wxGraphicsContext> gc(wxGraphicsContext::Create(dc));
  if (!gc) return;
  const wxSize s = GetClientSize();
  view_.paint(*gc, s.x, s.y);
}

void PaneFrame::onLeftDown(wxMouseEvent& e) {
  SetFocus();  // for F9
  const wxSize s = GetClientSize();
  const PaneHit hit = view_.hitTest(e.GetX(), e.GetY(), s.x, s.y);
  if (hit == PaneHit::RefreshButton || hit == PaneHit::AddButton) return;  // acts on release
  if (locked_) return;
  unsigned edges = edgeAt(e.GetX(), e.GetY(), s.x, s.y, theme::kResizeBorder);
  if (!edges && hit == PaneHit::Header) edges = Edge::Move;
  if (!edges) return;
  // No CaptureMouse(): on wxGTK 3.2 it is lost at once and leaves an X grab
  // behind (shared/desktop-linux.md §8.1). X's implicit grab already sends
  // the motion to us while the button is held.
  dragEdges_ = edges;
  dragStartMouse_ = wxGetMousePosition();
  dragStartRect_ = rect();
}

void PaneFrame::onLeftUp(wxMouseEvent& e) {
  if (dragEdges_) {
    endDrag();
    return;
  }
  const wxSize s = GetClientSize();
  const PaneHit hit = view_.hitTest(e.GetX(), e.GetY(), s.x, s.y);
  if (hit == PaneHit::RefreshButton && callbacks_.refresh) callbacks_.refresh();
  if (hit == PaneHit::AddButton && callbacks_.add) callbacks_.add();
}

void PaneFrame::onMotion(wxMouseEvent& e) {
  if (dragEdges_) {
    if (!e.LeftIsDown()) {  // the release went elsewhere
      endDrag();
      return;
    }
    // Screen coordinates: the window moves under the pointer while dragging.
    const wxPoint now = wxGetMousePosition();
    Rect r = dragged(dragStartRect_, dragEdges_, now.x - dragStartMouse_.x, now.y - dragStartMouse_.y);
    r = snapped(r, dragEdges_, monitors(), callbacks_.otherPanes ? callbacks_.otherPanes() : std::vector<Rect>{});
    if (r != rect()) SetSize(r.x, r.y, r.w, r.h);
    return;
  }
  updateCursor(e.GetX(), e.GetY());
}

void PaneFrame::onLeave(wxMouseEvent&) {
  if (dragEdges_) return;
  view_.setHover(PaneHit::Nothing);
  RefreshRect(wxRect(0, 0, GetClientSize().x, theme::kHeaderHeight));
}

void PaneFrame::updateCursor(int x, int y) {
  const wxSize s = GetClientSize();
  const PaneHit hit = view_.hitTest(x, y, s.x, s.y);
  const bool button = hit == PaneHit::RefreshButton || hit == PaneHit::AddButton;
  view_.setHover(button ? hit : PaneHit::Nothing);
  RefreshRect(wxRect(0, 0, s.x, theme::kHeaderHeight));
  const unsigned edges = locked_ || button ? None : edgeAt(x, y, s.x, s.y, theme::kResizeBorder);
  SetCursor(wxCursor(cursorFor(edges)));
}

void PaneFrame::onWheel(wxMouseEvent& e) {
  const int steps = e.GetWheelRotation() / std::max(1, e.GetWheelDelta());
  if (view_.scrollBy(-steps * theme::kRowHeight, GetClientSize().y)) Refresh();
}

void PaneFrame::endDrag() {
  if (!dragEdges_) return;
  dragEdges_ = None;
  home_ = rect();
  if (callbacks_.geometrySaved) callbacks_.geometrySaved(home_);
}

void PaneFrame::onMove(wxMoveEvent& e) {
  e.Skip();
  if (!placed_ || dragEdges_ || !IsShown()) return;
  const Rect r = rect();
  if (r.x == home_.x && r.y == home_.y) return;
  if (locked_) {
    // The WM moved a locked pane (e.g. Alt+drag): put it back.
    CallAfter([this] { Move(home_.x, home_.y); });
    return;
  }
  // An unlocked pane moved by the WM: remember the new place once it settles.
  home_ = r;
  if (!wmMovePending_) {
    wmMovePending_ = true;
    CallAfter([this] {
      wmMovePending_ = false;
      if (callbacks_.geometrySaved) callbacks_.geometrySaved(home_);
    });
  }
}

void PaneFrame::onSize(wxSizeEvent& e) {
  e.Skip();
  if (!perPixelAlpha_) applyShape();
  view_.scrollBy(0, GetClientSize().y);
  Refresh();
}

void PaneFrame::onShow(wxShowEvent& e) {
  e.Skip();
  if (!e.IsShown()) {
    placed_ = false;  // mapping again reports positions that are not the user's
    return;
  }
  // Moves reported before the WM has placed the window are not the user's
  // (shared/desktop-linux.md §8.10): start listening one turn after mapping.
  CallAfter([this] { placeSettled(); });
  if (callbacks_.shown) callbacks_.shown();
}

void PaneFrame::placeSettled() {
  const Rect r = rect();
  if (r.x != home_.x || r.y != home_.y) Move(home_.x, home_.y);  // a WM that placed us elsewhere
  placed_ = true;
}

}  // namespace deskpane::overlay
