#include "overlay/pane_frame.h"

#include "overlay/accessible_buttons.h"
#include "overlay/accessible_rows.h"
#include "overlay/opacity_popup.h"
#include "overlay/pane_theme.h"
#include "platform/desktop_hints.h"

#include <gtk/gtk.h>
#include <wx/dcclient.h>
#include <wx/display.h>
#include <wx/graphics.h>
#include <wx/intl.h>
#include <wx/menu.h>
#include <wx/msgdlg.h>
#include <wx/utils.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
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
  if (AtkObject* a11y = gtk_widget_get_accessible(GetHandle()))
    atk_object_set_name(a11y, options.title.c_str());
  accessibleRows_ = std::make_unique<AccessibleRows>(*this, options.title);
  // The header's painted buttons, for screen readers: each does what its
  // click and its key do.
  auto text = [](const wxString& s) { return std::string(s.utf8_str()); };
  accessibleButtons_ = std::make_unique<AccessibleButtons>(
      *this, text(wxString::Format(_("%s header"), wxString::FromUTF8(options.title))),
      std::vector<AccessibleButton>{
          {text(_("Refresh")), "F5", [this] { if (callbacks_.refresh) callbacks_.refresh(); }},
          {text(_("New item")), "<Control>n", [this] { if (content_) content_->newItem(); }},
          {text(_("Pane menu")), "<Shift>F10", [this] { showMenu(menuButtonCorner()); }},
      });

  Bind(wxEVT_PAINT, &PaneFrame::onPaint, this);
  Bind(wxEVT_LEFT_DOWN, &PaneFrame::onLeftDown, this);
  Bind(wxEVT_LEFT_UP, &PaneFrame::onLeftUp, this);
  Bind(wxEVT_LEFT_DCLICK, &PaneFrame::onMouse, this);
  Bind(wxEVT_RIGHT_DOWN, &PaneFrame::onMouse, this);
  Bind(wxEVT_RIGHT_UP, &PaneFrame::onMouse, this);
  Bind(wxEVT_MOTION, &PaneFrame::onMotion, this);
  Bind(wxEVT_LEAVE_WINDOW, &PaneFrame::onLeave, this);
  Bind(wxEVT_MOUSEWHEEL, &PaneFrame::onMouse, this);
  Bind(wxEVT_MOVE, &PaneFrame::onMove, this);
  Bind(wxEVT_SIZE, &PaneFrame::onSize, this);
  Bind(wxEVT_SHOW, &PaneFrame::onShow, this);
  Bind(wxEVT_CLOSE_WINDOW, &PaneFrame::onClose, this);
  Bind(wxEVT_SYS_COLOUR_CHANGED, [this](wxSysColourChangedEvent& e) {
    e.Skip();
    if (callbacks_.systemColoursChanged) callbacks_.systemColoursChanged();
    Refresh();  // the desktop's font may have changed too: text is measured at paint
  });
  // A lost release (pointer let go outside every window) must not leave a drag running.
  Bind(wxEVT_MOUSE_CAPTURE_LOST, [this](wxMouseCaptureLostEvent&) { endDrag(); });

  // The frame draws its content itself: let its own GTK widget take focus
  // (on click) so keys arrive at all.
  SetCanFocus(true);
  // A char hook reaches the top-level window before any child, so F9 and
  // Ctrl+N work whatever has the focus inside the pane.
  Bind(wxEVT_CHAR_HOOK, &PaneFrame::onCharHook, this);
}

PaneFrame::~PaneFrame() = default;

void PaneFrame::setContent(std::unique_ptr<PaneContent> content) {
  content_ = std::move(content);
  if (content_) content_->layout();
  Refresh();
  updateAccessible();
}

void PaneFrame::setState(const std::string& text, const std::string& detail, bool alert) {
  stateDetail_ = detail;
  if (tipFrom_ == PaneHit::StateText) showTip(PaneHit::StateText);
  if (text == view_.stateText()) return;
  view_.setStateText(text, alert);
  RefreshRect(wxRect(0, 0, GetClientSize().x, theme::kHeaderHeight));
}

void PaneFrame::setHoverText(const std::string& text) {
  if (text == hoverText_) return;
  hoverText_ = text;
  if (tipFrom_ == PaneHit::Content) showTip(PaneHit::Content);
}

// One tooltip for the whole window, which says what is under the pointer:
// the header's buttons their action and key, the state its detail (why
// offline, which error), the content the item the content names.
void PaneFrame::showTip(PaneHit hit) {
  tipFrom_ = hit;
  wxString tip;
  switch (hit) {
    case PaneHit::RefreshButton: tip = _("Sync this list now (F5)"); break;
    case PaneHit::AddButton: tip = _("New item (Ctrl+N)"); break;
    case PaneHit::MenuButton: tip = _("Pane menu"); break;
    case PaneHit::StateText: tip = wxString::FromUTF8(stateDetail_); break;
    case PaneHit::Content: tip = wxString::FromUTF8(hoverText_); break;
    default: break;
  }
  if (tip == tipShown_) return;
  tipShown_ = tip;
  SetToolTip(tip);
  // DESKPANE_TRACE_ROWS=1: the GUI tests read what the tooltip says.
  static const bool trace = std::getenv("DESKPANE_TRACE_ROWS") != nullptr;
  if (trace && !tip.empty()) {
    const std::string text = tip.utf8_string();
    std::printf("deskpane: pane %s tip %s\n", std::string(sync::listKindKey(kind_)).c_str(),
                text.substr(0, text.find('\n')).c_str());
    std::fflush(stdout);
  }
}

void PaneFrame::setOpacity(int percent) {
  opacity_ = std::clamp(percent, 20, 100);
  view_.setOpacity(opacity_);
  Refresh();  // the card's alpha is painted, so the change is live
}

void PaneFrame::themeChanged() {
  if (content_) content_->themeChanged();
  Refresh();
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

wxRect PaneFrame::contentArea() const {
  const wxSize s = GetClientSize();
  // Rounded corners at the bottom: keep the content clear of them.
  return wxRect(0, theme::kHeaderHeight, s.x, std::max(0, s.y - theme::kHeaderHeight - theme::kRadius / 2));
}

void PaneFrame::repaintContent() { RefreshRect(contentArea()); }

bool PaneFrame::inContent(const wxPoint& p) const {
  const wxSize s = GetClientSize();
  return contentArea().Contains(p) && !edgeAt(p.x, p.y, s.x, s.y, theme::kResizeBorder);
}

void PaneFrame::updateAccessible() {
  if (!content_) return;
  const std::string text = content_->accessibleText();
  if (AtkObject* a11y = gtk_widget_get_accessible(GetHandle())) atk_object_set_description(a11y, text.c_str());
  accessibleRows_->setRows(accessibleLines(text), content_->accessibleSelection());
}

void PaneFrame::contentInputDone(bool navigationOnly) {
  if (!content_) return;
  // Up/Down and paging only move the selection (or scroll): no need to
  // re-read every row's text.
  if (navigationOnly)
    accessibleRows_->setSelected(content_->accessibleSelection());
  else
    updateAccessible();
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
  if (content_) content_->paint(*gc, contentArea());
  if (shownAt_) {
    gc.reset();  // the drawing is flushed to the window with the context
    const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - *shownAt_).count();
    shownAt_.reset();
    if (callbacks_.painted) callbacks_.painted(ms);
  }
}

bool PaneFrame::Show(bool show) {
  if (show && !IsShown()) shownAt_ = std::chrono::steady_clock::now();
  return wxFrame::Show(show);
}

void PaneFrame::onCharHook(wxKeyEvent& e) {
  const int code = e.GetKeyCode();
  if (code == WXK_F9 && !e.HasAnyModifiers()) {
    if (callbacks_.syncAll) callbacks_.syncAll();
    return;
  }
  if (content_ && e.GetModifiers() == wxMOD_CONTROL && (code == 'N' || code == 'n')) {
    content_->newItem();
    return;
  }
  // The header's other buttons, for the keyboard: F5 refreshes this pane's
  // list, the Menu key or Shift+F10 (GTK's context-menu keys) opens its menu.
  if (code == WXK_F5 && !e.HasAnyModifiers()) {
    if (callbacks_.refresh) callbacks_.refresh();
    return;
  }
  if ((code == WXK_WINDOWS_MENU && !e.HasAnyModifiers()) || (code == WXK_F10 && e.GetModifiers() == wxMOD_SHIFT)) {
    showMenu(menuButtonCorner());
    return;
  }
  // Keys typed into an inline control (a search box, a note being edited)
  // are that control's; the content gets the keys the pane itself receives.
  wxWindow* focus = FindFocus();
  if (content_ && (focus == this || focus == nullptr) && content_->key(e)) {
    // Left/Right are not among them: the calendar turns its page with them.
    contentInputDone(code == WXK_UP || code == WXK_DOWN || code == WXK_PAGEUP || code == WXK_PAGEDOWN ||
                     code == WXK_HOME || code == WXK_END);
    return;
  }
  e.Skip();
}

void PaneFrame::onMouse(wxMouseEvent& e) {
  const wxPoint p = e.GetPosition();
  if (e.GetEventType() == wxEVT_RIGHT_UP && p.y < theme::kHeaderHeight) {
    showMenu(p);
    return;
  }
  if (e.GetEventType() == wxEVT_MOUSEWHEEL || inContent(p)) {
    if (content_) content_->mouse(e);
    if (e.GetEventType() != wxEVT_MOUSEWHEEL) contentInputDone(false);
    return;
  }
  e.Skip();
}

wxPoint PaneFrame::menuButtonCorner() const {
  return wxPoint(std::max(0, GetClientSize().x - theme::kPad - 3 * theme::kButton), theme::kHeaderHeight);
}

void PaneFrame::takeKeyboardBack() {
  if (!IsShown() || IsBeingDeleted()) return;
  // Asks the window manager to activate the pane (GTK's present); it stays
  // in the below layer, so nothing is raised over the user's windows.
  Raise();
  SetFocus();
}

void PaneFrame::onLeftDown(wxMouseEvent& e) {
  SetFocus();  // for the keyboard
  const wxSize s = GetClientSize();
  const PaneHit hit = view_.hitTest(e.GetX(), e.GetY(), s.x, s.y);
  if (hit == PaneHit::RefreshButton || hit == PaneHit::AddButton || hit == PaneHit::MenuButton ||
      hit == PaneHit::StateText)
    return;  // acts on release
  unsigned edges = locked_ ? None : edgeAt(e.GetX(), e.GetY(), s.x, s.y, theme::kResizeBorder);
  if (!edges && hit == PaneHit::Content) {
    if (content_) content_->mouse(e);
    contentInputDone(false);
    return;
  }
  if (locked_) return;
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
  switch (hit) {
    case PaneHit::RefreshButton:
      if (callbacks_.refresh) callbacks_.refresh();
      break;
    case PaneHit::AddButton:
      if (content_) content_->newItem();
      break;
    case PaneHit::MenuButton:
      showMenu(wxPoint(e.GetX(), theme::kHeaderHeight));
      break;
    case PaneHit::StateText:
      if (!stateDetail_.empty()) {
        wxMessageBox(wxString::FromUTF8(stateDetail_), GetTitle(), wxOK | wxICON_INFORMATION, this);
        CallAfter(&PaneFrame::takeKeyboardBack);  // GTK's message box is no wx window the filter sees
      }
      break;
    case PaneHit::Content:
      if (content_) content_->mouse(e);
      contentInputDone(false);
      break;
    default:
      break;
  }
}

void PaneFrame::showMenu(const wxPoint& at) {
  wxMenu menu;
  const int opacityId = wxWindow::NewControlId(), lockId = wxWindow::NewControlId(),
            hideId = wxWindow::NewControlId(), browserId = wxWindow::NewControlId();
  menu.Append(opacityId, wxString::Format(_("Opacity (%d %%)…"), opacity_));
  menu.AppendCheckItem(lockId, _("Lock panes"))->Check(locked_);
  menu.Append(hideId, _("Hide pane"));
  menu.Append(browserId, _("Open in browser"));
  if (content_) {
    // The content's own entries bind their handlers on `menu` by id; ours
    // below skip ids they do not know, so both are reached.
    wxMenuItem* separator = menu.AppendSeparator();
    const std::size_t before = menu.GetMenuItemCount();
    content_->appendMenu(menu);
    if (menu.GetMenuItemCount() == before) menu.Destroy(separator);
  }
  menu.Bind(wxEVT_MENU, [&](wxCommandEvent& ev) {
    const int id = ev.GetId();
    if (id == opacityId) {
      CallAfter([this] { showOpacitySlider(); });
    } else if (id == lockId) {
      if (callbacks_.toggleLock) callbacks_.toggleLock();
    } else if (id == hideId) {
      if (callbacks_.hideRequested) CallAfter([this] { callbacks_.hideRequested(); });
    } else if (id == browserId) {
      if (callbacks_.openInBrowser) callbacks_.openInBrowser();
    } else {
      ev.Skip();
    }
  });
  PopupMenu(&menu, at);
}

void PaneFrame::showOpacitySlider() {
  // A small popup with a slider: the card's alpha follows it while dragging,
  // and the value is saved when the popup closes.
  auto* popup = new OpacityPopup(this, opacity_, [this](int v) { setOpacity(v); },
                                 [this] {
                                   if (callbacks_.opacityChosen) callbacks_.opacityChosen(opacity_);
                                 });
  const wxPoint at = ClientToScreen(wxPoint(GetClientSize().x - 230, theme::kHeaderHeight));
  popup->Position(at, wxSize(0, 0));
  popup->open();
}

void PaneFrame::onClose(wxCloseEvent& e) {
  // Alt+F4 or the window manager's close: the pane is hidden (as its tray
  // menu entry does), never destroyed under the app that owns it.
  if (e.CanVeto()) {
    e.Veto();
    if (callbacks_.hideRequested) callbacks_.hideRequested();
    return;
  }
  e.Skip();
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
  if (content_ && inContent(e.GetPosition())) content_->mouse(e);
}

void PaneFrame::onLeave(wxMouseEvent& e) {
  if (dragEdges_) return;
  view_.setHover(PaneHit::Nothing);
  showTip(PaneHit::Nothing);
  RefreshRect(wxRect(0, 0, GetClientSize().x, theme::kHeaderHeight));
  if (content_) content_->mouse(e);
}

void PaneFrame::updateCursor(int x, int y) {
  const wxSize s = GetClientSize();
  const PaneHit hit = view_.hitTest(x, y, s.x, s.y);
  const bool button = hit == PaneHit::RefreshButton || hit == PaneHit::AddButton || hit == PaneHit::MenuButton;
  view_.setHover(button ? hit : PaneHit::Nothing);
  RefreshRect(wxRect(0, 0, s.x, theme::kHeaderHeight));
  const unsigned edges = locked_ || button ? None : edgeAt(x, y, s.x, s.y, theme::kResizeBorder);
  SetCursor(wxCursor(edges ? cursorFor(edges) : hit == PaneHit::StateText && !stateDetail_.empty() ? wxCURSOR_HAND
                                                                                                   : wxCURSOR_ARROW));
  showTip(hit);
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
  // A window manager under load may place the window after our first idle
  // turn; no person starts a move within a second of a pane appearing, so
  // a move that early is the WM's placement, undone rather than saved.
  const bool settling = std::chrono::steady_clock::now() - placedAt_ < std::chrono::seconds(1);
  if (locked_ || settling) {
    // The WM moved a locked pane (e.g. Alt+drag), or placed a new one: put it back.
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
  if (content_) content_->layout();
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
  placedAt_ = std::chrono::steady_clock::now();
}

}  // namespace deskpane::overlay
