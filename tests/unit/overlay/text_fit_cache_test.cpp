// draw::TextFitCache must answer exactly as the graphics context would:
// the same widths, the same "…"-shortened strings (draw::fitted's), and the
// same pixels when it draws from its kept layouts. Drawn into an off-screen
// image (Cairo, as on screen), so no display is needed.
#include "overlay/text_fit_cache.h"

#include "overlay/pane_draw.h"

#include <wx/graphics.h>
#include <wx/image.h>
#include <wx/init.h>

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

namespace deskpane::overlay::draw {
namespace {

class TextFitCacheTest : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_TRUE(init_.IsOk()) << "wxWidgets did not initialise"; }
  wxInitializer init_;
};

const std::vector<std::string> kTexts = {
    "Team stand-up", "Series 12 planning meeting", "09:45", "+3 more", "Jürgen’s birthday 🎂", "Offsite — Lisbon", "",
};
const double kWidths[] = {0, 3, 12, 40, 75.5, 120, 400};

wxFont smallFont() { return wxFont(wxFontInfo(8).Family(wxFONTFAMILY_SWISS)); }

TEST_F(TextFitCacheTest, MeasuresAndShortensAsTheContextDoes) {
  wxImage image(600, 40);
  std::unique_ptr<wxGraphicsContext> gc(wxGraphicsContext::Create(image));
  ASSERT_TRUE(gc);
  TextFitCache cache;
  cache.useFont(*gc, smallFont());
  for (int pass = 0; pass < 2; ++pass) {  // measured, then from the cache
    for (const auto& text : kTexts) {
      gc->SetFont(smallFont(), *wxBLACK);
      EXPECT_EQ(cache.width(*gc, text), textWidth(*gc, wxString::FromUTF8(text))) << text;
      for (const double w : kWidths) {
        gc->SetFont(smallFont(), *wxBLACK);
        EXPECT_EQ(cache.fitted(*gc, text, w), fitted(*gc, wxString::FromUTF8(text), w).utf8_string())
            << text << " in " << w << " px, pass " << pass;
      }
    }
    EXPECT_EQ(cache.height(*gc), textHeight(*gc));
  }
}

TEST_F(TextFitCacheTest, ForgetsWhatWasMeasuredInAnotherFont) {
  wxImage image(600, 40);
  std::unique_ptr<wxGraphicsContext> gc(wxGraphicsContext::Create(image));
  ASSERT_TRUE(gc);
  TextFitCache cache;
  cache.useFont(*gc, smallFont());
  const double small = cache.width(*gc, "Series 12 planning meeting");
  const wxFont big = wxFont(wxFontInfo(20).Family(wxFONTFAMILY_SWISS));
  cache.useFont(*gc, big);
  EXPECT_GT(cache.width(*gc, "Series 12 planning meeting"), small * 2);
  gc->SetFont(big, *wxBLACK);
  EXPECT_EQ(cache.width(*gc, "Series 12 planning meeting"), textWidth(*gc, "Series 12 planning meeting"));
}

// The same text drawn by the context and from the cache's kept layout (twice:
// a layout drawn again must not change) gives the same pixels.
TEST_F(TextFitCacheTest, DrawsTheContextsPixels) {
  const wxColour ink(30, 120, 200, 230);
  auto render = [&](int how) {
    wxImage image(600, 40);
    image.SetRGB(wxRect(0, 0, 600, 40), 255, 255, 255);
    {
      std::unique_ptr<wxGraphicsContext> gc(wxGraphicsContext::Create(image));
      TextFitCache cache;
      cache.useFont(*gc, smallFont());
      EXPECT_TRUE(cache.keepsLayouts()) << "the kept layouts measure unlike the context: nothing is tested";
      for (int round = 0; round < (how == 2 ? 2 : 1); ++round)
        for (std::size_t i = 0; i < kTexts.size(); ++i) {
          const double x = 3 + 85.0 * static_cast<double>(i), y = 2.5 + 18 * round;
          if (how == 0) {
            gc->SetFont(smallFont(), ink);
            gc->DrawText(wxString::FromUTF8(kTexts[i]), x, y);
          } else {
            cache.draw(*gc, kTexts[i], x, y, ink);
          }
        }
      if (how != 2) {  // the same second row, so the three images compare
        for (std::size_t i = 0; i < kTexts.size(); ++i) {
          gc->SetFont(smallFont(), ink);
          gc->DrawText(wxString::FromUTF8(kTexts[i]), 3 + 85.0 * static_cast<double>(i), 20.5);
        }
      }
    }
    return image;
  };
  const wxImage byContext = render(0), byCache = render(1), byCacheTwice = render(2);
  const auto bytes = static_cast<std::size_t>(600 * 40 * 3);
  int inked = 0;
  for (std::size_t i = 0; i < bytes; ++i) inked += byContext.GetData()[i] != 255;
  EXPECT_GT(inked, 500) << "no text was drawn";
  EXPECT_EQ(std::string(reinterpret_cast<const char*>(byCache.GetData()), bytes),
            std::string(reinterpret_cast<const char*>(byContext.GetData()), bytes));
  EXPECT_EQ(std::string(reinterpret_cast<const char*>(byCacheTwice.GetData()), bytes),
            std::string(reinterpret_cast<const char*>(byContext.GetData()), bytes));
}

// Paints come with a new context each time. Pango is told of a context only
// when what it lays text out by changed: the same scale keeps the shaped
// layouts (telling it at every draw shaped every text again at every paint),
// a new scale (the pane moved to a HiDPI screen) lays them out again, and
// what is drawn then is still the context's own pixels at that scale.
TEST_F(TextFitCacheTest, LaysOutAgainOnlyWhenTheContextsScaleChanges) {
  const wxColour ink(20, 20, 20);
  TextFitCache cache;
  auto paint = [&](double scale, bool byCache) {
    wxImage image(600, 40);
    image.SetRGB(wxRect(0, 0, 600, 40), 255, 255, 255);
    {
      std::unique_ptr<wxGraphicsContext> gc(wxGraphicsContext::Create(image));
      gc->Scale(scale, scale);
      if (byCache) cache.useFont(*gc, smallFont());
      for (std::size_t i = 0; i < 4; ++i) {
        const double x = 3 + 70.0 * static_cast<double>(i) / scale;
        if (byCache) {
          cache.draw(*gc, kTexts[i], x, 2.5, ink);
        } else {
          gc->SetFont(smallFont(), ink);
          gc->DrawText(wxString::FromUTF8(kTexts[i]), x, 2.5);
        }
      }
    }
    return std::string(reinterpret_cast<const char*>(image.GetData()), 600 * 40 * 3);
  };
  const struct {
    double scale;
    std::size_t changesAfter;
  } kPaints[] = {{1, 1}, {1, 1}, {1, 1}, {2, 2}, {2, 2}, {1, 3}};
  for (const auto& p : kPaints) {
    const std::string byCache = paint(p.scale, true);
    ASSERT_TRUE(cache.keepsLayouts());
    EXPECT_EQ(cache.contextChanges(), p.changesAfter) << "after a paint at scale " << p.scale;
    EXPECT_EQ(byCache, paint(p.scale, false)) << "pixels at scale " << p.scale;
  }
}

}  // namespace
}  // namespace deskpane::overlay::draw
