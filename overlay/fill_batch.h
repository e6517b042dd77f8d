#pragma once
// Rounded rectangles gathered by colour and filled with one path per colour.
// A busy month paints two fills per chip (the tint and its stripe) for a few
// hundred chips, each one a Cairo fill with its own brush, setup and
// compositing pass: about 45 % of a month repaint (callgrind). Filled per
// colour, the same shapes cost a handful of fills.
//
// The result equals filling each rectangle on its own in the order added
// when the rectangles of one batch do not overlap or touch (antialiased
// edges sharing a pixel would blend in another order); a shape that must
// lie over another goes in a later batch, filled after it.
#include <wx/colour.h>

#include <vector>

class wxGraphicsContext;

namespace deskpane::overlay::draw {

class FillBatch {
 public:
  // As gc.DrawRoundedRectangle with a transparent pen; the radius is
  // limited to half the shorter side.
  void add(double x, double y, double w, double h, double radius, const wxColour& colour);
  // Fills what was added, one path per colour in the order each colour was
  // first added, and empties the batch.
  void fill(wxGraphicsContext& gc);
  bool empty() const { return groups_.empty(); }

 private:
  struct Rect {
    double x, y, w, h, radius;
  };
  struct Group {
    wxColour colour;
    std::vector<Rect> rects;
  };
  std::vector<Group> groups_;
};

}  // namespace deskpane::overlay::draw
