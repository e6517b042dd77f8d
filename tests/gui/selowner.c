/* selowner SELECTION...: exits 0 when every named X selection has an owner.
   The GUI harness waits on WM_S0, _NET_SYSTEM_TRAY_S0 and _NET_WM_CM_S0 so
   the app never starts before its window manager, tray and compositor. */
#include <X11/Xlib.h>
#include <stdio.h>

int main(int argc, char** argv) {
  Display* dpy = XOpenDisplay(NULL);
  if (!dpy) {
    fprintf(stderr, "selowner: cannot open display\n");
    return 2;
  }
  int missing = 0;
  for (int i = 1; i < argc; ++i) {
    Atom sel = XInternAtom(dpy, argv[i], False);
    if (XGetSelectionOwner(dpy, sel) == None) {
      printf("%s: no owner\n", argv[i]);
      missing = 1;
    }
  }
  XCloseDisplay(dpy);
  return missing;
}
