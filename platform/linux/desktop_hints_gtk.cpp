#include "platform/desktop_hints.h"

#include <gdk/gdkx.h>
#include <gtk/gtk.h>

#include <cstdlib>

namespace deskpane::platform {

void applyDesktopHints(NativeWindow window, const DesktopHints& hints) {
  if (!window) return;
  GtkWindow* gw = GTK_WINDOW(static_cast<GtkWidget*>(window));
  // NORMAL keeps keyboard focus for editors and sane stacking on every WM;
  // DESKTOP would lose input, DOCK may be raised (shared/desktop-linux.md §2).
  gtk_window_set_type_hint(gw, GDK_WINDOW_TYPE_HINT_NORMAL);
  gtk_window_set_keep_below(gw, hints.keepBelow);
  gtk_window_set_skip_taskbar_hint(gw, hints.skipTaskbar);
  gtk_window_set_skip_pager_hint(gw, hints.skipPager);
  if (hints.allWorkspaces)
    gtk_window_stick(gw);
  else
    gtk_window_unstick(gw);
}

unsigned long nativeWindowId(NativeWindow window) {
  if (!window) return 0;
  GdkWindow* gdk = gtk_widget_get_window(static_cast<GtkWidget*>(window));
  if (!gdk || !GDK_IS_X11_WINDOW(gdk)) return 0;
  return GDK_WINDOW_XID(gdk);
}

bool desktopComposited() {
  GdkScreen* screen = gdk_screen_get_default();
  return screen && gdk_screen_is_composited(screen) && gdk_screen_get_rgba_visual(screen);
}

std::string desktopHintsBackend() {
  const char* session = std::getenv("XDG_SESSION_TYPE");
  const bool wayland = (session && std::string(session) == "wayland") || std::getenv("WAYLAND_DISPLAY");
  GdkDisplay* display = gdk_display_get_default();
  const bool x11 = display && GDK_IS_X11_DISPLAY(display);
  if (!x11) return "none (not an X11 display: keep-below and sticky are not applied)";
  return wayland ? "XWayland on a Wayland session (EWMH hints)" : "X11 (EWMH hints)";
}

}  // namespace deskpane::platform
