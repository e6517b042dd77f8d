#include "tray/day_icon.h"

#include <cairo.h>
#include <pango/pangocairo.h>

#include <wx/image.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <memory>
#include <string>

namespace deskpane::tray {

namespace {

struct SurfaceDeleter {
  void operator()(cairo_surface_t* s) const { cairo_surface_destroy(s); }
};
struct CairoDeleter {
  void operator()(cairo_t* c) const { cairo_destroy(c); }
};
struct LayoutDeleter {
  void operator()(PangoLayout* l) const { g_object_unref(l); }
};
struct FontDeleter {
  void operator()(PangoFontDescription* f) const { pango_font_description_free(f); }
};
using Surface = std::unique_ptr<cairo_surface_t, SurfaceDeleter>;

void roundedRect(cairo_t* cr, double x, double y, double w, double h, double r) {
  cairo_new_sub_path(cr);
  cairo_arc(cr, x + w - r, y + r, r, -M_PI / 2, 0);
  cairo_arc(cr, x + w - r, y + h - r, r, 0, M_PI / 2);
  cairo_arc(cr, x + r, y + h - r, r, M_PI / 2, M_PI);
  cairo_arc(cr, x + r, y + r, r, M_PI, 3 * M_PI / 2);
  cairo_close_path(cr);
}

// The page's parts in whole pixels for an icon of `px`: every straight edge
// falls on a pixel boundary, so nothing is smeared over two pixel rows.
struct Layout {
  int border;   // dark outline around the page
  int radius;   // page corners
  int header;   // red band at the top, inside the outline
  int pad;      // space above and below the digits
};

Layout layoutFor(int px) {
  Layout l;
  l.border = std::max(1, static_cast<int>(std::lround(px / 24.0)));
  l.radius = std::max(2, px / 8);
  l.header = std::max(3, static_cast<int>(std::lround(px * 0.19)));
  l.pad = std::max(1, static_cast<int>(std::lround(px / 20.0)));
  return l;
}

Surface renderSurface(int day, int px) {
  Surface surface(cairo_image_surface_create(CAIRO_FORMAT_ARGB32, px, px));
  std::unique_ptr<cairo_t, CairoDeleter> cr(cairo_create(surface.get()));
  const Layout l = layoutFor(px);

  // Dark outline, then the white page inside it: reads on light and dark panels.
  roundedRect(cr.get(), 0, 0, px, px, l.radius);
  cairo_set_source_rgb(cr.get(), 40 / 255.0, 40 / 255.0, 40 / 255.0);
  cairo_fill(cr.get());
  const int inner = px - 2 * l.border;
  roundedRect(cr.get(), l.border, l.border, inner, inner, std::max(1, l.radius - l.border));
  cairo_set_source_rgb(cr.get(), 250 / 255.0, 250 / 255.0, 250 / 255.0);
  cairo_fill_preserve(cr.get());
  cairo_clip(cr.get());
  cairo_rectangle(cr.get(), l.border, l.border, inner, l.header);
  cairo_set_source_rgb(cr.get(), 200 / 255.0, 40 / 255.0, 40 / 255.0);
  cairo_fill(cr.get());

  // The digits: a bold condensed face, sized so that their ink (not the
  // font's line height, which is a third taller) fills the body, narrowed
  // only if two digits would not fit across.
  std::unique_ptr<PangoLayout, LayoutDeleter> text(pango_cairo_create_layout(cr.get()));
  cairo_font_options_t* options = cairo_font_options_create();
  cairo_font_options_set_antialias(options, CAIRO_ANTIALIAS_GRAY);
  cairo_font_options_set_hint_style(options, CAIRO_HINT_STYLE_FULL);
  cairo_font_options_set_hint_metrics(options, CAIRO_HINT_METRICS_ON);
  pango_cairo_context_set_font_options(pango_layout_get_context(text.get()), options);
  cairo_font_options_destroy(options);
  pango_layout_context_changed(text.get());

  const std::string digits = std::to_string(day);
  pango_layout_set_text(text.get(), digits.c_str(), -1);
  std::unique_ptr<PangoFontDescription, FontDeleter> font(pango_font_description_new());
  pango_font_description_set_family(font.get(), "DejaVu Sans,Sans");
  pango_font_description_set_weight(font.get(), PANGO_WEIGHT_BOLD);
  pango_font_description_set_stretch(font.get(), PANGO_STRETCH_CONDENSED);

  const int bodyTop = l.border + l.header + l.pad;
  const int wantH = inner - l.header - 2 * l.pad;
  const int wantW = inner - 2 * std::max(0, l.pad - 1);
  // Measure at a large size, scale to fit, then settle on the hinted size
  // whose ink fits (hinting moves the ink by a pixel either way).
  double size = 100.0;
  PangoRectangle ink{}, logical{};
  pango_font_description_set_absolute_size(font.get(), size * PANGO_SCALE);
  pango_layout_set_font_description(text.get(), font.get());
  pango_layout_get_extents(text.get(), &ink, &logical);
  // Sized by height alone: at 16-22 px the height is what makes the digits
  // legible, and two digits too wide for the page are narrowed (below)
  // rather than shrunk.
  size *= static_cast<double>(wantH) * PANGO_SCALE / ink.height;
  auto inkAt = [&](double candidate) {
    pango_font_description_set_absolute_size(font.get(), candidate * PANGO_SCALE);
    pango_layout_set_font_description(text.get(), font.get());
    pango_layout_get_pixel_extents(text.get(), &ink, &logical);
    return ink.height;
  };
  // Hinting snaps the digits' height by whole pixels: settle on the largest
  // size whose hinted ink still fits, stepping down, then up.
  for (int tries = 0; tries < 12 && inkAt(size) > wantH; ++tries) size *= 0.96;
  for (int tries = 0; tries < 12 && inkAt(size * 1.04) <= wantH; ++tries) size *= 1.04;
  inkAt(size);
  const double squeeze = ink.width > wantW ? static_cast<double>(wantW) / ink.width : 1.0;
  const double inkW = ink.width * squeeze;
  const double x = l.border + std::floor((inner - inkW) / 2);
  const int y = bodyTop + (wantH - ink.height + 1) / 2 - ink.y;
  cairo_save(cr.get());
  cairo_translate(cr.get(), x, y);
  cairo_scale(cr.get(), squeeze, 1.0);
  cairo_move_to(cr.get(), -ink.x, 0);
  cairo_set_source_rgb(cr.get(), 20 / 255.0, 20 / 255.0, 20 / 255.0);
  pango_cairo_show_layout(cr.get(), text.get());
  cairo_restore(cr.get());
  cairo_surface_flush(surface.get());
  return surface;
}

}  // namespace

DayIconPixels renderDayIcon(int dayOfMonth, int px) {
  px = std::clamp(px, 16, 256);
  Surface surface = renderSurface(dayOfMonth, px);
  DayIconPixels out;
  out.size = px;
  out.rgba.resize(static_cast<std::size_t>(px) * px * 4);
  const unsigned char* data = cairo_image_surface_get_data(surface.get());
  const int stride = cairo_image_surface_get_stride(surface.get());
  for (int row = 0; row < px; ++row) {
    for (int col = 0; col < px; ++col) {
      // CAIRO_FORMAT_ARGB32: native-endian premultiplied 0xAARRGGBB.
      std::uint32_t v;
      std::memcpy(&v, data + row * stride + col * 4, 4);
      const unsigned a = v >> 24;
      auto unpremultiply = [a](unsigned c) { return a ? static_cast<unsigned char>((c * 255 + a / 2) / a) : 0; };
      unsigned char* p = &out.rgba[(static_cast<std::size_t>(row) * px + col) * 4];
      p[0] = unpremultiply((v >> 16) & 0xff);
      p[1] = unpremultiply((v >> 8) & 0xff);
      p[2] = unpremultiply(v & 0xff);
      p[3] = static_cast<unsigned char>(a);
    }
  }
  return out;
}

std::string saveDayIconPng(const DayIconPixels& pixels, const std::string& path) {
  const int px = pixels.size;
  Surface surface(cairo_image_surface_create(CAIRO_FORMAT_ARGB32, px, px));
  unsigned char* data = cairo_image_surface_get_data(surface.get());
  const int stride = cairo_image_surface_get_stride(surface.get());
  for (int row = 0; row < px; ++row) {
    for (int col = 0; col < px; ++col) {
      const unsigned char* p = &pixels.rgba[(static_cast<std::size_t>(row) * px + col) * 4];
      const unsigned a = p[3];
      auto premultiply = [a](unsigned c) { return (c * a + 127) / 255; };
      const std::uint32_t v = (a << 24) | (premultiply(p[0]) << 16) | (premultiply(p[1]) << 8) | premultiply(p[2]);
      std::memcpy(data + row * stride + col * 4, &v, 4);
    }
  }
  cairo_surface_mark_dirty(surface.get());
  const cairo_status_t status = cairo_surface_write_to_png(surface.get(), path.c_str());
  return status == CAIRO_STATUS_SUCCESS ? std::string() : path + ": " + cairo_status_to_string(status);
}

wxBitmap drawDayIcon(int dayOfMonth, int px) {
  const DayIconPixels pixels = renderDayIcon(dayOfMonth, px);
  wxImage image(pixels.size, pixels.size);
  image.InitAlpha();
  unsigned char* rgb = image.GetData();
  unsigned char* alpha = image.GetAlpha();
  for (std::size_t i = 0; i < static_cast<std::size_t>(pixels.size) * pixels.size; ++i) {
    std::memcpy(rgb + i * 3, &pixels.rgba[i * 4], 3);
    alpha[i] = pixels.rgba[i * 4 + 3];
  }
  return wxBitmap(image, 32);
}

}  // namespace deskpane::tray
