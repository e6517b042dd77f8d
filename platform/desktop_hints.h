#pragma once
// "Desktop widget" window behaviour for the panes: below normal windows, off
// the taskbar and pager, on every workspace. Callers pass the toolkit's native
// top-level handle (wxWindow::GetHandle(): a GtkWidget* on GTK, an HWND on
// Windows, an NSView* on macOS), so each system implements this file once.
#include <string>

namespace deskpane::platform {

using NativeWindow = void*;

struct DesktopHints {
  bool keepBelow = true;
  bool skipTaskbar = true;
  bool skipPager = true;
  bool allWorkspaces = true;
};

// Must run before the window is first shown: some hints (the window type)
// are fixed when the window is mapped.
void applyDesktopHints(NativeWindow window, const DesktopHints& hints = {});

// The window-system id of a shown window (an X11 XID), 0 if there is none.
// Tests find the pane with it (xprop, xwininfo).
unsigned long nativeWindowId(NativeWindow window);

// True if a compositing manager runs, so windows can have per-pixel alpha.
// Usable before any window exists (translucency must be chosen before Create).
bool desktopComposited();

// One line for the log saying how the hints are delivered on this session
// ("X11", or "XWayland on a Wayland session").
std::string desktopHintsBackend();

}  // namespace deskpane::platform
