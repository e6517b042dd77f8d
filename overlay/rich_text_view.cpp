#include "overlay/rich_text_view.h"

#include "overlay/pane_draw.h"

#include <wx/graphics.h>
#include <wx/pen.h>

#include <algorithm>

namespace deskpane::overlay {

void RichTextLayout::layout(wxGraphicsContext& gc, const RichDocument& doc, double width, int fontDelta) {
  words_.clear();
  fontDelta_ = fontDelta;
  gc.SetFont(draw::font(fontDelta), *wxWHITE);
  const double lineH = draw::textHeight(gc) + 3, paraGap = lineH * 0.45, indentStep = 18;
  double y = 0;
  for (const auto& block : doc.blocks) {
    const double left = block.indent * indentStep + (block.marker.empty() ? 0 : indentStep);
    if (!block.marker.empty()) {
      gc.SetFont(draw::font(fontDelta), *wxWHITE);
      const wxString m = draw::utf8(block.marker);
      words_.push_back({m, left - draw::textWidth(gc, m) - 5, y, draw::textWidth(gc, m), lineH, false, false, ""});
    }
    double x = left;
    for (const auto& span : block.spans) {
      if (span.lineBreak()) {
        x = left;
        y += lineH;
        continue;
      }
      gc.SetFont(draw::font(fontDelta, span.bold, span.italic), *wxWHITE);
      const wxString text = draw::utf8(span.text);
      // Words with the space that follows them, so a run keeps its spacing.
      size_t start = 0;
      while (start < text.length()) {
        size_t end = text.find(' ', start);
        end = end == wxString::npos ? text.length() : end + 1;
        wxString word = text.Mid(start, end - start);
        start = end;
        double w = draw::textWidth(gc, word);
        const double avail = width - left;
        if (x + w > width && x > left) {
          x = left;
          y += lineH;
          if (word == " ") continue;
        }
        // A word longer than the whole line is cut where it must be.
        while (w > avail && word.length() > 1) {
          size_t n = word.length() - 1;
          while (n > 1 && draw::textWidth(gc, word.Left(n)) > avail) n = n * 3 / 4;
          words_.push_back({word.Left(n), x, y, draw::textWidth(gc, word.Left(n)), lineH, span.bold, span.italic,
                            span.link});
          word = word.Mid(n);
          w = draw::textWidth(gc, word);
          x = left;
          y += lineH;
        }
        words_.push_back({word, x, y, w, lineH, span.bold, span.italic, span.link});
        x += w;
      }
    }
    y += lineH + paraGap;
  }
  height_ = doc.blocks.empty() ? 0 : y - paraGap;
}

void RichTextLayout::paint(wxGraphicsContext& gc, double x, double y, theme::Rgb ink, theme::Rgb linkInk) const {
  for (const auto& w : words_) {
    const bool link = !w.link.empty();
    gc.SetFont(draw::font(fontDelta_, w.bold, w.italic), draw::colour(link ? linkInk : ink));
    gc.DrawText(w.text, x + w.x, y + w.y);
    if (link) {
      // The underline stops short of a trailing space.
      const double uw = w.text.EndsWith(" ") ? w.w - draw::textWidth(gc, " ") : w.w;
      gc.SetPen(wxPen(draw::colour(linkInk, 200), 1));
      gc.StrokeLine(x + w.x, y + w.y + w.h - 3, x + w.x + uw, y + w.y + w.h - 3);
    }
  }
}

std::string RichTextLayout::hitLink(const wxPoint& p, double x, double y) const {
  for (const auto& w : words_)
    if (!w.link.empty() && p.x >= x + w.x && p.x < x + w.x + w.w && p.y >= y + w.y && p.y < y + w.y + w.h)
      return w.link;
  return "";
}

}  // namespace deskpane::overlay
