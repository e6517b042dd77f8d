#pragma once
// Server HTML (SharePoint's rich-text fields: discussion bodies, task and
// event descriptions) made safe to show, as a small document model without a
// toolkit: paragraphs, list items, line breaks, bold/italic runs and links.
//
// The HTML is parsed by a real HTML5 parser (gumbo), so broken, nested or
// unclosed markup is read the way a browser reads it, and then walked against
// an allow-list: scripts, styles, frames, forms, SVG/MathML and their text are
// dropped; other unknown tags keep only their text; every attribute is
// dropped except a link's href, and that only for http, https and mailto
// (after the entity decoding and whitespace/control-character stripping a
// browser does); images are never fetched: their alt text stands in for them.
// Style attributes are dropped entirely, so no CSS can hide text.
//
// rich_text_view.h lays the model out with wx.
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace deskpane::overlay {

struct RichSpan {
  std::string text;  // UTF-8, whitespace collapsed; "\n" alone = a line break
  bool bold = false;
  bool italic = false;
  std::string link;  // http(s)/mailto URL the span opens on click; "" = not a link

  bool lineBreak() const { return text == "\n"; }
};

struct RichBlock {
  enum class Kind { Paragraph, ListItem };
  Kind kind = Kind::Paragraph;
  int indent = 0;      // list nesting / quote depth, 0 = flush left
  std::string marker;  // list items: "•" or "3."
  std::vector<RichSpan> spans;
};

struct RichDocument {
  std::vector<RichBlock> blocks;
  bool truncated = false;  // the input was longer than kMaxHtmlBytes

  bool empty() const { return blocks.empty(); }
  // The words, blocks on their own lines (accessible text, previews).
  std::string plainText() const;
};

// Input beyond this is cut (and the document says so): a message this long
// is an attack or an accident, and the parser's work grows with it.
inline constexpr std::size_t kMaxHtmlBytes = 256 * 1024;
// Likewise the number of tags ('<'), which bounds how deep hostile markup nests.
inline constexpr std::size_t kMaxHtmlTags = 4000;

RichDocument sanitiseHtml(std::string_view html);

// The URL a link may open, or "" when it may not: the scheme must be http,
// https or mailto once control characters and whitespace are removed
// (browsers ignore them, so "java\tscript:" is javascript:).
std::string safeLinkTarget(std::string_view href);

// A canonical text form of the model (one block a line, <b>/<i>/<a href>
// around runs, <br> for breaks, text escaped): what the fixture tests compare.
std::string toMarkup(const RichDocument& doc);

// Plain text typed in an editor as the HTML SharePoint's own form stores:
// escaped, blank lines between paragraphs, single line breaks as <br>.
std::string plainTextToHtml(std::string_view text);

}  // namespace deskpane::overlay
