// deskpane: SharePoint lists as desktop panes, from the tray.
#include "tray/tray_icon.h"

#include <gtk/gtk.h>
#include <wx/app.h>
#include <wx/log.h>

#include <cstdio>
#include <cstring>
#include <memory>

namespace deskpane::tray {

class App : public wxApp {
 public:
  bool OnInit() override {
    icon_ = std::make_unique<TrayIcon>([this] { quit(); });
    std::printf("deskpane: tray icon for day %d, tray %s\n", icon_->shownDay(),
                wxTaskBarIcon::IsAvailable() ? "available" : "not found");
    std::fflush(stdout);
    return true;
  }
  int OnExit() override {
    icon_.reset();
    return wxApp::OnExit();
  }

 private:
  void quit() {
    icon_->RemoveIcon();
    ExitMainLoop();
  }
  std::unique_ptr<TrayIcon> icon_;
};

}  // namespace deskpane::tray

wxIMPLEMENT_APP_NO_MAIN(deskpane::tray::App);

int main(int argc, char** argv) {
  for (int i = 1; i < argc; ++i) {
    if (!std::strcmp(argv[i], "--version")) {
      std::printf("deskpane %s\n", DESKPANE_VERSION);
      return 0;
    }
    if (!std::strcmp(argv[i], "--help")) {
      std::printf("usage: deskpane [--version] [--help]\n");
      return 0;
    }
  }
  // Panes need X11 window hints (keep-below, sticky); on Wayland sessions run
  // through XWayland so they still apply.
  gdk_set_allowed_backends("x11");
  return wxEntry(argc, argv);
}
