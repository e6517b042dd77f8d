#pragma once
// Text in one font, measured, shortened ("…") and laid out once, then drawn
// from the kept layout. Each gc.DrawText / GetTextExtent has Pango itemise
// and shape the text afresh (HarfBuzz); a month view of a busy calendar draws
// hundreds of texts per paint and measured each chip title several times
// while bisecting for the ellipsis: about 60 % of its paint
// (`deskpane-bench calendar_paint`, perf). The same titles, times and day
// numbers recur across days and paints, so each is shaped once per font.
//
// The cache belongs to one view and one font. Call useFont() with the font
// about to be drawn in at the start of each paint: a different font (the
// desktop's font size, a theme) forgets everything. forget() is for a resize
// (the widths asked for are new ones). Drawing goes through the context's
// own Cairo surface and Pango, as wxGraphicsContext::DrawText does; if the
// kept layouts would measure differently from the context (a font scaling
// wx applies), it falls back to the context's own calls.
//
// The layouts share one Pango context, told about the Cairo context only
// when what Pango reads from it changed (the transform's scale, the font
// options): pango_cairo_update_layout() marks a layout changed at every call
// (it always sets the matrix), so calling it per draw shaped every text again
// at every paint, half of a month repaint.
#include <wx/colour.h>
#include <wx/font.h>
#include <wx/string.h>

#include <cstddef>
#include <memory>
#include <string>
#include <unordered_map>

class wxGraphicsContext;
typedef struct _PangoLayout PangoLayout;
typedef struct _PangoContext PangoContext;
typedef struct _cairo cairo_t;
typedef struct _cairo_font_options cairo_font_options_t;

namespace deskpane::overlay::draw {

class TextFitCache {
 public:
  TextFitCache();
  ~TextFitCache();
  TextFitCache(const TextFitCache&) = delete;
  TextFitCache& operator=(const TextFitCache&) = delete;

  // Keeps the entries while `font` is the font they were measured in (and
  // while they are not too many). Strings fitted() returned stay valid
  // until the next useFont() or forget(). Sets gc's font to `font`.
  void useFont(wxGraphicsContext& gc, const wxFont& font);
  void forget();

  double width(wxGraphicsContext& gc, const std::string& utf8);
  // `utf8` shortened with an ellipsis to fit `maxWidth` (draw::fitted's
  // result); empty when not even the ellipsis fits.
  const std::string& fitted(wxGraphicsContext& gc, const std::string& utf8, double maxWidth);
  double height(wxGraphicsContext& gc);
  // gc.DrawText(utf8, x, y) in this font and `colour`.
  void draw(wxGraphicsContext& gc, const std::string& utf8, double x, double y, const wxColour& colour);

  std::size_t size() const { return texts_.size() + fits_.size(); }
  // Whether texts are drawn from kept layouts (else by the context itself).
  bool keepsLayouts() const { return ownLayouts_; }
  // How often the kept layouts were told that the Cairo context changed
  // (each time, Pango lays them out again when next drawn).
  std::size_t contextChanges() const { return contextChanges_; }

 private:
  struct GObjectUnref {
    void operator()(void* object) const;
  };
  struct OptionsFree {
    void operator()(cairo_font_options_t* options) const;
  };
  using LayoutPtr = std::unique_ptr<PangoLayout, GObjectUnref>;
  using OptionsPtr = std::unique_ptr<cairo_font_options_t, OptionsFree>;
  struct Text {
    LayoutPtr layout;  // null when the context's own calls are used
    double width = 0;
  };
  struct FitKey {
    std::string text;
    double maxWidth;
    bool operator==(const FitKey& o) const { return maxWidth == o.maxWidth && text == o.text; }
  };
  struct FitKeyHash {
    std::size_t operator()(const FitKey& k) const {
      return std::hash<std::string>()(k.text) * 31 + std::hash<double>()(k.maxWidth);
    }
  };

  const Text& text(wxGraphicsContext& gc, const std::string& utf8);
  // Brings the shared Pango context up to `cr` if what it reads changed.
  void followContext(cairo_t* cr);

  wxFont font_;
  bool haveFont_ = false;
  bool ownLayouts_ = false;  // the kept layouts measure as the context does
  double height_ = -1;
  std::unordered_map<std::string, Text> texts_;
  std::unordered_map<FitKey, std::string, FitKeyHash> fits_;
  // The Pango context the layouts share and what it was last told: the
  // transform without its translation, the surface's and the context's font
  // options (what pango_cairo_update_context reads).
  std::unique_ptr<PangoContext, GObjectUnref> pango_;
  double scale_[4] = {0, 0, 0, 0};
  OptionsPtr surfaceOptions_, contextOptions_, probeOptions_;
  std::size_t contextChanges_ = 0;
};

}  // namespace deskpane::overlay::draw
