#include "overlay/text_fit_cache.h"

#include "overlay/pane_draw.h"

#include <pango/pangocairo.h>
#include <wx/fontutil.h>
#include <wx/graphics.h>

namespace deskpane::overlay::draw {

namespace {
// A long-lived view that keeps resizing or paging through months should not
// grow without bound; past this many entries it starts afresh.
constexpr std::size_t kMaxEntries = 4096;

cairo_t* cairoOf(wxGraphicsContext& gc) { return static_cast<cairo_t*>(gc.GetNativeContext()); }

// wxFont's operator== asks for both fonts' pixel sizes, which opens a
// wxScreenDC each time (and needs a display); the Pango descriptions are
// what the layouts were made from.
bool sameFont(const wxFont& a, const wxFont& b) {
  if (a.IsSameAs(b)) return true;
  const wxNativeFontInfo* na = a.GetNativeFontInfo();
  const wxNativeFontInfo* nb = b.GetNativeFontInfo();
  if (!na || !nb || !na->description || !nb->description) return a == b;
  return pango_font_description_equal(na->description, nb->description);
}
}  // namespace

void TextFitCache::GObjectUnref::operator()(void* object) const { g_object_unref(object); }
void TextFitCache::OptionsFree::operator()(cairo_font_options_t* options) const {
  cairo_font_options_destroy(options);
}

TextFitCache::TextFitCache()
    : surfaceOptions_(cairo_font_options_create()),
      contextOptions_(cairo_font_options_create()),
      probeOptions_(cairo_font_options_create()) {}
TextFitCache::~TextFitCache() = default;

void TextFitCache::useFont(wxGraphicsContext& gc, const wxFont& font) {
  gc.SetFont(font, *wxBLACK);
  if (size() > kMaxEntries) forget();
  if (haveFont_ && sameFont(font, font_)) return;
  font_ = font;
  haveFont_ = true;
  forget();
  // Kept layouts are used only if they measure exactly as the context does
  // (wx may scale the font for the screen's text scaling).
  ownLayouts_ = false;
  const char* const probe = "Ag 09:45 Wq…";
  double w = 0, h = 0;
  gc.GetTextExtent(wxString::FromUTF8(probe), &w, &h);
  if (cairoOf(gc) && font_.GetNativeFontInfo()) {
    ownLayouts_ = true;
    const Text& t = text(gc, probe);
    int pw = 0, ph = 0;
    pango_layout_get_pixel_size(t.layout.get(), &pw, &ph);
    ownLayouts_ = pw == w && ph == h;
    texts_.clear();
  }
}

void TextFitCache::followContext(cairo_t* cr) {
  cairo_matrix_t m;
  cairo_get_matrix(cr, &m);
  if (!pango_) {
    pango_.reset(pango_cairo_create_context(cr));  // as pango_cairo_create_layout does
  } else {
    bool same = m.xx == scale_[0] && m.yx == scale_[1] && m.xy == scale_[2] && m.yy == scale_[3];
    cairo_surface_get_font_options(cairo_get_target(cr), probeOptions_.get());
    same = same && cairo_font_options_equal(probeOptions_.get(), surfaceOptions_.get());
    cairo_get_font_options(cr, probeOptions_.get());
    same = same && cairo_font_options_equal(probeOptions_.get(), contextOptions_.get());
    if (same) return;
    pango_cairo_update_context(cr, pango_.get());
  }
  ++contextChanges_;
  scale_[0] = m.xx;
  scale_[1] = m.yx;
  scale_[2] = m.xy;
  scale_[3] = m.yy;
  cairo_surface_get_font_options(cairo_get_target(cr), surfaceOptions_.get());
  cairo_get_font_options(cr, contextOptions_.get());
}

void TextFitCache::forget() {
  texts_.clear();
  fits_.clear();
  height_ = -1;
}

const TextFitCache::Text& TextFitCache::text(wxGraphicsContext& gc, const std::string& utf8) {
  const auto it = texts_.find(utf8);
  if (it != texts_.end()) return it->second;
  Text t;
  if (ownLayouts_) {
    // As wxCairoContext::DoDrawText builds its layout, once.
    followContext(cairoOf(gc));
    t.layout.reset(pango_layout_new(pango_.get()));
    pango_layout_set_font_description(t.layout.get(), font_.GetNativeFontInfo()->description);
    pango_layout_set_text(t.layout.get(), utf8.data(), static_cast<int>(utf8.size()));
    int w = 0, h = 0;
    pango_layout_get_pixel_size(t.layout.get(), &w, &h);
    t.width = w;
  } else {
    gc.SetFont(font_, *wxBLACK);
    t.width = textWidth(gc, wxString::FromUTF8(utf8));
  }
  return texts_.emplace(utf8, std::move(t)).first->second;
}

double TextFitCache::width(wxGraphicsContext& gc, const std::string& utf8) { return text(gc, utf8).width; }

const std::string& TextFitCache::fitted(wxGraphicsContext& gc, const std::string& utf8, double maxWidth) {
  FitKey key{utf8, maxWidth};
  const auto it = fits_.find(key);
  if (it != fits_.end()) return it->second;
  std::string result;
  if (maxWidth > 0) {
    if (width(gc, utf8) <= maxWidth) {
      result = utf8;
    } else {
      gc.SetFont(font_, *wxBLACK);
      result = draw::fitted(gc, wxString::FromUTF8(utf8), maxWidth).utf8_string();
    }
  }
  return fits_.emplace(std::move(key), std::move(result)).first->second;
}

double TextFitCache::height(wxGraphicsContext& gc) {
  if (height_ < 0) {
    gc.SetFont(font_, *wxBLACK);
    height_ = textHeight(gc);
  }
  return height_;
}

void TextFitCache::draw(wxGraphicsContext& gc, const std::string& utf8, double x, double y, const wxColour& colour) {
  if (utf8.empty()) return;
  const Text& t = text(gc, utf8);
  if (!t.layout) {
    gc.SetFont(font_, colour);
    gc.DrawText(wxString::FromUTF8(utf8), x, y);
    return;
  }
  cairo_t* cr = cairoOf(gc);
  // The context's transform and font options, as a fresh layout would get
  // them; unchanged ones keep the shaped text.
  followContext(cr);
  cairo_set_source_rgba(cr, colour.Red() / 255.0, colour.Green() / 255.0, colour.Blue() / 255.0,
                        colour.Alpha() / 255.0);
  cairo_move_to(cr, x, y);
  pango_cairo_show_layout(cr, t.layout.get());
}

}  // namespace deskpane::overlay::draw
