// GtkStatusIcon (XEmbed): the fallback tray back-end.
//
// wxTaskBarIcon hands GtkStatusIcon one bitmap, the smallest of the bundle it
// is given, and GtkStatusIcon never scales up: a 32 px tray showed a 16 px
// icon. GtkStatusIcon itself says which size the tray gives it
// ("size-changed"), so the icon is drawn here at that size. wxTaskBarIcon is
// kept only to pop up the persistent wxMenu (its PopupMenu needs no icon).
#include "tray/day_icon.h"
#include "tray/tray_backend.h"

#include <gtk/gtk.h>
#include <wx/menu.h>
#include <wx/taskbar.h>

#include <algorithm>
#include <cstring>

namespace deskpane::tray {

namespace {

// GtkStatusIcon is deprecated in GTK 3.14 (in favour of SNI, the other
// back-end) but it is what XEmbed trays speak.
G_GNUC_BEGIN_IGNORE_DEPRECATIONS

class XembedTray final : public TrayBackend {
 public:
  explicit XembedTray(const TrayHooks& hooks) : hooks_(hooks) {}

  ~XembedTray() override {
    if (status_) {
      g_signal_handlers_disconnect_by_data(status_, this);
      gtk_status_icon_set_visible(status_, FALSE);
      g_object_unref(status_);
    }
  }

  const char* name() const override { return "xembed"; }

  void show(int day, const std::string& tooltip) override {
    day_ = day;
    tooltip_ = tooltip;
    if (!status_) {
      status_ = gtk_status_icon_new();
      gtk_status_icon_set_title(status_, "deskpane");
      g_signal_connect(status_, "size-changed", G_CALLBACK(&XembedTray::onSizeChanged), this);
      g_signal_connect(status_, "activate", G_CALLBACK(&XembedTray::onActivate), this);
      g_signal_connect(status_, "popup-menu", G_CALLBACK(&XembedTray::onPopupMenu), this);
    }
    redraw();
    gtk_status_icon_set_tooltip_text(status_, tooltip_.c_str());
    gtk_status_icon_set_visible(status_, TRUE);
  }

  void setTooltip(const std::string& tooltip) override {
    if (tooltip == tooltip_ || !status_) return;
    tooltip_ = tooltip;
    gtk_status_icon_set_tooltip_text(status_, tooltip_.c_str());
  }

  bool available() const override { return wxTaskBarIcon::IsAvailable(); }

 private:
  // The size the tray gave the icon; 0 until it is embedded, when a common
  // panel size stands in until "size-changed" says.
  int pixelSize() const {
    const int size = gtk_status_icon_get_size(status_);
    return size > 0 ? size : 22;
  }

  void redraw() {
    const int px = pixelSize();
    const DayIconPixels icon = renderDayIcon(day_, px);
    GdkPixbuf* pixbuf = gdk_pixbuf_new(GDK_COLORSPACE_RGB, TRUE, 8, icon.size, icon.size);
    const int stride = gdk_pixbuf_get_rowstride(pixbuf);
    guchar* data = gdk_pixbuf_get_pixels(pixbuf);
    for (int row = 0; row < icon.size; ++row)
      std::memcpy(data + row * stride, &icon.rgba[static_cast<std::size_t>(row) * icon.size * 4], icon.size * 4);
    gtk_status_icon_set_from_pixbuf(status_, pixbuf);
    g_object_unref(pixbuf);
    drawnSize_ = px;
  }

  static gboolean onSizeChanged(GtkStatusIcon*, gint size, gpointer self) {
    auto* tray = static_cast<XembedTray*>(self);
    if (size > 0 && size != tray->drawnSize_ && tray->day_) tray->redraw();
    return TRUE;  // drawn at this size: GTK must not scale it
  }

  static void onActivate(GtkStatusIcon*, gpointer self) {
    auto* tray = static_cast<XembedTray*>(self);
    if (tray->hooks_.activate) tray->hooks_.activate();
  }

  static void onPopupMenu(GtkStatusIcon*, guint, guint, gpointer self) {
    auto* tray = static_cast<XembedTray*>(self);
    if (tray->hooks_.menuOpening) tray->hooks_.menuOpening();
    if (tray->hooks_.menu) tray->menuHost_.PopupMenu(tray->hooks_.menu);
  }

  TrayHooks hooks_;
  GtkStatusIcon* status_ = nullptr;  // ours: unref'd in the destructor
  wxTaskBarIcon menuHost_;           // never shown; pops the menu up
  int day_ = 0;
  int drawnSize_ = 0;
  std::string tooltip_;
};

G_GNUC_END_IGNORE_DEPRECATIONS

}  // namespace

std::unique_ptr<TrayBackend> makeXembedTray(const TrayHooks& hooks) { return std::make_unique<XembedTray>(hooks); }

}  // namespace deskpane::tray
