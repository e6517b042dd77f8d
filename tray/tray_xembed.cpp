// wxTaskBarIcon (GtkStatusIcon, XEmbed): the fallback tray back-end.
#include "tray/day_icon.h"
#include "tray/tray_backend.h"

#include <wx/menu.h>
#include <wx/taskbar.h>

namespace deskpane::tray {

namespace {

class XembedTray final : public TrayBackend {
 public:
  explicit XembedTray(const TrayHooks& hooks) : hooks_(hooks) {
    // The menu is ours and persistent, so pop it up ourselves instead of
    // letting wx create (and delete) one per click.
    icon_.Bind(wxEVT_TASKBAR_CLICK, [this](wxTaskBarIconEvent&) {
      if (hooks_.menuOpening) hooks_.menuOpening();
      if (hooks_.menu) icon_.PopupMenu(hooks_.menu);
    });
    icon_.Bind(wxEVT_TASKBAR_LEFT_DOWN, [this](wxTaskBarIconEvent&) {
      if (hooks_.activate) hooks_.activate();
    });
  }
  ~XembedTray() override { icon_.RemoveIcon(); }

  const char* name() const override { return "xembed"; }

  void show(int day, const std::string& tooltip) override {
    day_ = day;
    tooltip_ = tooltip;
    // Every size a tray may ask for, and 2x for HiDPI; the bundle picks.
    wxVector<wxBitmap> sizes;
    for (int px : {16, 22, 24, 32, 44, 48, 64, 96, 128}) sizes.push_back(drawDayIcon(day, px));
    icon_.SetIcon(wxBitmapBundle::FromBitmaps(sizes), wxString::FromUTF8(tooltip));
  }

  void setTooltip(const std::string& tooltip) override {
    if (tooltip == tooltip_ || !day_) return;
    show(day_, tooltip);
  }

  bool available() const override { return wxTaskBarIcon::IsAvailable(); }

 private:
  TrayHooks hooks_;
  wxTaskBarIcon icon_;
  int day_ = 0;
  std::string tooltip_;
};

}  // namespace

std::unique_ptr<TrayBackend> makeXembedTray(const TrayHooks& hooks) { return std::make_unique<XembedTray>(hooks); }

}  // namespace deskpane::tray
