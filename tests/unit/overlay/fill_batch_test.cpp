// draw::FillBatch fills rounded rectangles one path per colour; for shapes
// of a batch that neither overlap nor touch, the pixels must be those of
// filling each shape on its own in turn (gc.DrawRoundedRectangle), as the
// calendar's month drew its chips before. Drawn into an off-screen image.
#include "overlay/fill_batch.h"

#include <wx/brush.h>
#include <wx/graphics.h>
#include <wx/image.h>
#include <wx/init.h>
#include <wx/pen.h>

#include <gtest/gtest.h>

#include <algorithm>
#include <memory>
#include <string>
#include <vector>

namespace deskpane::overlay::draw {
namespace {

struct Shape {
  double x, y, w, h, radius;
  wxColour colour;
};

// Chip-like shapes: tints in three colours and two alphas, thin stripes,
// sharp cells, fractional positions, a radius larger than half the height.
const std::vector<std::vector<Shape>> kBatches = {
    {{1, 1, 60, 40, 0, wxColour(0, 0, 0, 40)}, {64, 1, 60, 40, 0, wxColour(0, 0, 0, 40)}},
    {{4.5, 50, 80, 14, 3, wxColour(66, 133, 244, 70)},
     {4.5, 66, 80, 14, 3, wxColour(52, 168, 123, 70)},
     {90, 50.25, 70, 14, 3, wxColour(66, 133, 244, 150)},
     {90, 66.5, 70, 14, 3, wxColour(66, 133, 244, 70)},
     {4, 90, 150, 6, 8, wxColour(214, 76, 110, 215)}},
    {{4.5, 50, 3, 14, 1.5, wxColour(66, 133, 244)},
     {4.5, 66, 3, 14, 1.5, wxColour(52, 168, 123)},
     {90, 50.25, 3, 14, 1.5, wxColour(66, 133, 244)},
     {90, 66.5, 3, 14, 1.5, wxColour(66, 133, 244)}},
};

std::string render(bool batched) {
  wxImage image(170, 100);
  image.SetRGB(wxRect(0, 0, 170, 100), 250, 250, 250);
  {
    std::unique_ptr<wxGraphicsContext> gc(wxGraphicsContext::Create(image));
    for (const auto& batch : kBatches) {
      FillBatch fills;
      for (const Shape& s : batch) {
        if (batched) {
          fills.add(s.x, s.y, s.w, s.h, s.radius, s.colour);
        } else {
          gc->SetPen(*wxTRANSPARENT_PEN);
          gc->SetBrush(wxBrush(s.colour));
          gc->DrawRoundedRectangle(s.x, s.y, s.w, s.h, std::min(s.radius, std::min(s.w, s.h) / 2));
        }
      }
      EXPECT_EQ(fills.empty(), !batched);
      fills.fill(*gc);
      EXPECT_TRUE(fills.empty());
    }
  }
  return std::string(reinterpret_cast<const char*>(image.GetData()), 170 * 100 * 3);
}

TEST(FillBatchTest, FillsThePixelsOfEachShapeFilledInTurn) {
  wxInitializer init;
  ASSERT_TRUE(init.IsOk());
  const std::string oneByOne = render(false), batched = render(true);
  const auto painted = std::count_if(oneByOne.begin(), oneByOne.end(), [](char c) { return c != char(250); });
  EXPECT_GT(painted, 5000) << "nothing was drawn";
  EXPECT_EQ(batched, oneByOne);
}

}  // namespace
}  // namespace deskpane::overlay::draw
