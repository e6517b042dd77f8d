#pragma once
// Lays a sanitised rich-text document (rich_text.h) out inside a pane: words
// wrapped to a width, bold/italic runs in the pane's font, links underlined
// in the accent colour, list items with their marker and indent. Links open
// in the user's browser only on click (hitLink), never by themselves.
#include "overlay/pane_theme.h"
#include "overlay/rich_text.h"

#include <wx/gdicmn.h>
#include <wx/string.h>

#include <string>
#include <vector>

class wxGraphicsContext;

namespace deskpane::overlay {

class RichTextLayout {
 public:
  // Wraps `doc` to `width` px measured in gc's fonts at `fontDelta` points.
  void layout(wxGraphicsContext& gc, const RichDocument& doc, double width, int fontDelta = -1);
  double height() const { return height_; }
  // Draws with the top-left corner at (x, y).
  void paint(wxGraphicsContext& gc, double x, double y, theme::Rgb ink, theme::Rgb linkInk) const;
  // The link under point `p` for a layout drawn at (x, y); "" when none.
  std::string hitLink(const wxPoint& p, double x, double y) const;

 private:
  struct Word {
    wxString text;
    double x, y, w, h;
    bool bold, italic;
    std::string link;
  };
  std::vector<Word> words_;
  double height_ = 0;
  int fontDelta_ = -1;
};

}  // namespace deskpane::overlay
