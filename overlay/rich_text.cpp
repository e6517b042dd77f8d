#include "overlay/rich_text.h"

#include <gumbo.h>

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <memory>
#include <optional>

namespace deskpane::overlay {

namespace {

// The parser's tree, freed however the walk ends.
struct GumboOutputDeleter {
  void operator()(GumboOutput* output) const { gumbo_destroy_output(&kGumboDefaultOptions, output); }
};
using GumboTree = std::unique_ptr<GumboOutput, GumboOutputDeleter>;

enum class TagRole { Drop, Transparent, Block, Heading, Quote, Pre, List, Item, Indented, Bold, Italic,
                     Link, Break, Image, Cell };

TagRole roleOf(const GumboElement& e) {
  // SVG and MathML (and everything inside them) can carry scripts, links
  // and text positioned anywhere: none of it is shown.
  if (e.tag_namespace != GUMBO_NAMESPACE_HTML) return TagRole::Drop;
  switch (e.tag) {
    case GUMBO_TAG_SCRIPT: case GUMBO_TAG_STYLE: case GUMBO_TAG_IFRAME: case GUMBO_TAG_FRAME:
    case GUMBO_TAG_FRAMESET: case GUMBO_TAG_NOFRAMES: case GUMBO_TAG_OBJECT: case GUMBO_TAG_EMBED:
    case GUMBO_TAG_APPLET: case GUMBO_TAG_PARAM: case GUMBO_TAG_FORM: case GUMBO_TAG_INPUT:
    case GUMBO_TAG_BUTTON: case GUMBO_TAG_SELECT: case GUMBO_TAG_OPTION: case GUMBO_TAG_OPTGROUP:
    case GUMBO_TAG_TEXTAREA: case GUMBO_TAG_SVG: case GUMBO_TAG_MATH:
    case GUMBO_TAG_NOSCRIPT: case GUMBO_TAG_NOEMBED: case GUMBO_TAG_HEAD:
    case GUMBO_TAG_TITLE: case GUMBO_TAG_META: case GUMBO_TAG_LINK: case GUMBO_TAG_BASE:
    case GUMBO_TAG_CANVAS: case GUMBO_TAG_AUDIO: case GUMBO_TAG_VIDEO: case GUMBO_TAG_SOURCE:
    case GUMBO_TAG_MAP: case GUMBO_TAG_AREA: case GUMBO_TAG_XMP:
    case GUMBO_TAG_PLAINTEXT:
      return TagRole::Drop;
    case GUMBO_TAG_P: case GUMBO_TAG_DIV: case GUMBO_TAG_TABLE: case GUMBO_TAG_TR: case GUMBO_TAG_CAPTION:
    case GUMBO_TAG_DL: case GUMBO_TAG_DT: case GUMBO_TAG_ADDRESS: case GUMBO_TAG_SECTION:
    case GUMBO_TAG_ARTICLE: case GUMBO_TAG_ASIDE: case GUMBO_TAG_HEADER: case GUMBO_TAG_FOOTER:
    case GUMBO_TAG_NAV: case GUMBO_TAG_FIGURE: case GUMBO_TAG_FIGCAPTION:
    case GUMBO_TAG_CENTER: case GUMBO_TAG_HR: case GUMBO_TAG_DETAILS: case GUMBO_TAG_SUMMARY:
    case GUMBO_TAG_FIELDSET: case GUMBO_TAG_LEGEND: case GUMBO_TAG_BODY: case GUMBO_TAG_HTML:
      return TagRole::Block;
    case GUMBO_TAG_H1: case GUMBO_TAG_H2: case GUMBO_TAG_H3: case GUMBO_TAG_H4: case GUMBO_TAG_H5:
    case GUMBO_TAG_H6:
      return TagRole::Heading;
    case GUMBO_TAG_BLOCKQUOTE: return TagRole::Quote;
    case GUMBO_TAG_DD: return TagRole::Indented;
    case GUMBO_TAG_PRE: return TagRole::Pre;
    case GUMBO_TAG_UL: case GUMBO_TAG_OL: return TagRole::List;
    case GUMBO_TAG_LI: return TagRole::Item;
    case GUMBO_TAG_B: case GUMBO_TAG_STRONG: case GUMBO_TAG_TH: return TagRole::Bold;
    case GUMBO_TAG_I: case GUMBO_TAG_EM: case GUMBO_TAG_CITE: case GUMBO_TAG_DFN: case GUMBO_TAG_VAR:
      return TagRole::Italic;
    case GUMBO_TAG_A: return TagRole::Link;
    case GUMBO_TAG_BR: return TagRole::Break;
    case GUMBO_TAG_IMG: return TagRole::Image;
    case GUMBO_TAG_TD: return TagRole::Cell;
    default: return TagRole::Transparent;  // span, font, u, code, unknown tags...: their text only
  }
}

std::string_view attribute(const GumboElement& e, const char* name) {
  const GumboAttribute* a = gumbo_get_attribute(&e.attributes, name);
  return a && a->value ? std::string_view(a->value) : std::string_view();
}

// Bytes of the well-formed UTF-8 sequence at `i` (RFC 3629: no overlong
// forms, no surrogates, nothing past U+10FFFF), or 0 when it is broken.
std::size_t utf8SequenceLength(std::string_view s, std::size_t i) {
  const auto at = [&](std::size_t k) { return static_cast<unsigned char>(s[i + k]); };
  const unsigned char b = at(0);
  if (b < 0x80) return 1;
  std::size_t len = 0;
  unsigned char lo = 0x80, hi = 0xBF;  // the range of the second byte
  if (b >= 0xC2 && b <= 0xDF) {
    len = 2;
  } else if (b >= 0xE0 && b <= 0xEF) {
    len = 3;
    if (b == 0xE0) lo = 0xA0;
    if (b == 0xED) hi = 0x9F;
  } else if (b >= 0xF0 && b <= 0xF4) {
    len = 4;
    if (b == 0xF0) lo = 0x90;
    if (b == 0xF4) hi = 0x8F;
  } else {
    return 0;
  }
  if (i + len > s.size() || at(1) < lo || at(1) > hi) return 0;
  for (std::size_t k = 2; k < len; ++k)
    if ((at(k) & 0xC0) != 0x80) return 0;
  return len;
}

// A noncharacter (U+FDD0..U+FDEF, U+xFFFE, U+xFFFF) in the well-formed
// sequence `seq`. Unicode keeps them out of interchange, and an HTML parser
// reading them as raw text turns them into U+FFFD, so a note saved with one
// would come back changed; they are shown as U+FFFD from the start.
bool isNoncharacter(std::string_view seq) {
  const auto b = [&](std::size_t k) { return static_cast<std::uint32_t>(static_cast<unsigned char>(seq[k])); };
  std::uint32_t cp = 0;
  if (seq.size() == 3) cp = (b(0) & 0x0F) << 12 | (b(1) & 0x3F) << 6 | (b(2) & 0x3F);
  else if (seq.size() == 4) cp = (b(0) & 0x07) << 18 | (b(1) & 0x3F) << 12 | (b(2) & 0x3F) << 6 | (b(3) & 0x3F);
  else return false;
  return (cp >= 0xFDD0 && cp <= 0xFDEF) || (cp & 0xFFFE) == 0xFFFE;
}

// Characters that are never shown: C0/C1 controls (whitespace aside) and the
// bidi overrides that can make a link's text read backwards.
std::size_t invisibleLength(std::string_view s, std::size_t i) {
  const auto c = static_cast<unsigned char>(s[i]);
  if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f') || c == 0x7F) return 1;
  if (c == 0xC2 && i + 1 < s.size()) {
    const auto d = static_cast<unsigned char>(s[i + 1]);
    if (d >= 0x80 && d <= 0x9F) return 2;
  }
  if (c == 0xE2 && i + 2 < s.size()) {
    const auto d = static_cast<unsigned char>(s[i + 1]), e = static_cast<unsigned char>(s[i + 2]);
    if (d == 0x80 && e >= 0xAA && e <= 0xAE) return 3;  // U+202A..U+202E
    if (d == 0x81 && e >= 0xA6 && e <= 0xA9) return 3;  // U+2066..U+2069
  }
  if (c == 0xEF && i + 2 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0xBB &&
      static_cast<unsigned char>(s[i + 2]) == 0xBF)
    return 3;  // U+FEFF
  return 0;
}

bool isHtmlSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }

// Builds the blocks as the walk reports text, breaks and block edges.
class Builder {
 public:
  struct Style {
    int bold = 0;
    int italic = 0;
    std::string link;
    int indent = 0;
    bool pre = false;
  };

  void text(std::string_view s, const Style& style) {
    for (std::size_t i = 0; i < s.size();) {
      if (const std::size_t skip = invisibleLength(s, i)) {
        i += skip;
        continue;
      }
      const char c = s[i];
      if (style.pre && (c == '\n' || c == '\r')) {
        // CRLF is one break.
        if (c == '\r' && i + 1 < s.size() && s[i + 1] == '\n') ++i;
        lineBreak(style, true);
        ++i;
        continue;
      }
      if (isHtmlSpace(c) && !style.pre) {
        pendingSpace_ = true;
        ++i;
        continue;
      }
      // A broken sequence (gumbo passes some through, e.g. from an
      // out-of-range character reference) or a noncharacter becomes U+FFFD:
      // what the panes draw and the editor saves is always valid UTF-8 that
      // reads back the same.
      const std::size_t len = utf8SequenceLength(s, i);
      const bool replace = len == 0 || isNoncharacter(s.substr(i, len));
      if (pendingSpace_ && hasWords()) {
        // The space between two runs stays with the earlier one unless that
        // is a link (an underlined trailing space looks like a typo).
        RichSpan& last = current_->spans.back();
        if (last.link.empty()) last.text += ' ';
        else append(" ", style);
      }
      pendingSpace_ = false;
      append(replace ? std::string_view("\xEF\xBF\xBD") : s.substr(i, len), style);
      i += len ? len : 1;
    }
  }

  void lineBreak(const Style& style, bool keepEmpty = false) {
    pendingSpace_ = false;
    // A break before any words adds nothing (except the lines of a <pre>),
    // and more than one blank line in a row is a layout trick, not content.
    const auto& spans = current_ ? current_->spans : std::vector<RichSpan>{};
    if (!keepEmpty && spans.size() >= 2 && spans.back().lineBreak() && spans[spans.size() - 2].lineBreak()) return;
    if (!current_ || (!keepEmpty && spans.empty())) {
      if (!keepEmpty) return;
      open(RichBlock::Kind::Paragraph, style.indent, "");
    }
    current_->spans.push_back(RichSpan{"\n", false, false, ""});
  }

  void open(RichBlock::Kind kind, int indent, std::string marker) {
    close();
    current_ = RichBlock{kind, indent, std::move(marker), {}};
  }

  void close() {
    pendingSpace_ = false;
    if (!current_) return;
    auto& spans = current_->spans;
    while (!spans.empty() && spans.back().lineBreak()) spans.pop_back();
    if (!spans.empty()) {
      auto& last = spans.back().text;
      while (!last.empty() && last.back() == ' ') last.pop_back();
      if (last.empty()) spans.pop_back();
    }
    if (!spans.empty()) doc_.blocks.push_back(std::move(*current_));
    current_.reset();
  }

  RichDocument finish() {
    close();
    return std::move(doc_);
  }
  RichDocument& doc() { return doc_; }

 private:
  bool hasWords() const { return current_ && !current_->spans.empty() && !current_->spans.back().lineBreak(); }

  void append(std::string_view s, const Style& style) {
    if (!current_) open(RichBlock::Kind::Paragraph, style.indent, "");
    const bool bold = style.bold > 0, italic = style.italic > 0;
    auto& spans = current_->spans;
    if (!spans.empty() && !spans.back().lineBreak() && spans.back().bold == bold &&
        spans.back().italic == italic && spans.back().link == style.link) {
      spans.back().text += s;
    } else {
      spans.push_back(RichSpan{std::string(s), bold, italic, style.link});
    }
  }

  RichDocument doc_;
  std::optional<RichBlock> current_;
  bool pendingSpace_ = false;
};

struct ListState {
  bool ordered = false;
  int next = 1;
};

// Walks the tree without recursion: hostile input can nest thousands deep.
class Walker {
 public:
  RichDocument run(const GumboNode* root) {
    struct Frame {
      const GumboNode* node;
      unsigned next;
      Builder::Style saved;
      TagRole role;
    };
    std::vector<Frame> stack;
    stack.push_back({root, 0, style_, TagRole::Block});
    while (!stack.empty()) {
      Frame& top = stack.back();
      const GumboVector* children = top.node->type == GUMBO_NODE_DOCUMENT ? &top.node->v.document.children
                                                                          : &top.node->v.element.children;
      if (top.next >= children->length) {
        leave(top.role);
        style_ = top.saved;
        stack.pop_back();
        continue;
      }
      const auto* child = static_cast<const GumboNode*>(children->data[top.next++]);
      switch (child->type) {
        case GUMBO_NODE_TEXT:
        case GUMBO_NODE_WHITESPACE:
          builder_.text(child->v.text.text, style_);
          break;
        case GUMBO_NODE_ELEMENT: {
          const Builder::Style saved = style_;
          const TagRole role = roleOf(child->v.element);
          if (role == TagRole::Drop) break;
          if (enter(child->v.element, role)) stack.push_back({child, 0, saved, role});
          else style_ = saved;
          break;
        }
        default:
          break;  // comments, CDATA (foreign content only), templates
      }
    }
    return builder_.finish();
  }

 private:
  // Applies an element's effect; false when its children are not walked.
  bool enter(const GumboElement& e, TagRole role) {
    switch (role) {
      case TagRole::Block:
      case TagRole::Pre:
      case TagRole::Heading:
        builder_.close();
        if (role == TagRole::Pre) style_.pre = true;
        if (role == TagRole::Heading) ++style_.bold;
        return true;
      case TagRole::Quote:
      case TagRole::Indented:
        builder_.close();
        ++style_.indent;
        return true;
      case TagRole::List:
        builder_.close();
        lists_.push_back({e.tag == GUMBO_TAG_OL, 1});
        if (lists_.size() > 1) ++style_.indent;
        if (e.tag == GUMBO_TAG_OL) {
          const std::string_view start = attribute(e, "start");
          if (!start.empty() && start.size() < 9 && std::all_of(start.begin(), start.end(), ::isdigit))
            lists_.back().next = std::stoi(std::string(start));
        }
        return true;
      case TagRole::Item: {
        std::string marker = "•";
        if (!lists_.empty() && lists_.back().ordered) marker = std::to_string(lists_.back().next++) + ".";
        builder_.open(RichBlock::Kind::ListItem, style_.indent, marker);
        return true;
      }
      case TagRole::Bold: ++style_.bold; return true;
      case TagRole::Italic: ++style_.italic; return true;
      case TagRole::Link: style_.link = safeLinkTarget(attribute(e, "href")); return true;
      case TagRole::Break: builder_.lineBreak(style_); return false;
      case TagRole::Image:
        // Never fetched (a remote image tells the sender the mail was read):
        // its alt text, if any, says what it showed.
        builder_.text(attribute(e, "alt"), style_);
        return false;
      case TagRole::Cell:
        builder_.text(" ", style_);
        return true;
      case TagRole::Transparent:
      case TagRole::Drop:
        return true;
    }
    return true;
  }

  void leave(TagRole role) {
    switch (role) {
      case TagRole::Block: case TagRole::Pre: case TagRole::Heading: case TagRole::Quote:
      case TagRole::Indented: case TagRole::Item:
        builder_.close();
        break;
      case TagRole::List:
        builder_.close();
        if (!lists_.empty()) lists_.pop_back();
        break;
      case TagRole::Cell:
        builder_.text(" ", style_);
        break;
      default:
        break;
    }
  }

  Builder builder_;
  Builder::Style style_;
  std::vector<ListState> lists_;
};

// Longest prefix of `s` no longer than `max` bytes that ends on a whole UTF-8 character.
std::string_view utf8Prefix(std::string_view s, std::size_t max) {
  if (s.size() <= max) return s;
  std::size_t n = max;
  while (n > 0 && (static_cast<unsigned char>(s[n]) & 0xC0) == 0x80) --n;
  return s.substr(0, n);
}

void escapeInto(std::string& out, std::string_view s) {
  for (char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      default: out += c;
    }
  }
}

}  // namespace

std::string RichDocument::plainText() const {
  std::string out;
  for (const auto& block : blocks) {
    if (!out.empty()) out += '\n';
    out.append(static_cast<std::size_t>(block.indent) * 2, ' ');
    if (!block.marker.empty()) out += block.marker + " ";
    for (const auto& span : block.spans) out += span.text;
  }
  return out;
}

std::string safeLinkTarget(std::string_view href) {
  // As a browser reads an href: tabs and newlines anywhere are removed,
  // leading and trailing controls and spaces are trimmed.
  std::string url;
  for (char c : href)
    if (c != '\t' && c != '\n' && c != '\r') url += c;
  const auto trimmed = [](char c) { return static_cast<unsigned char>(c) <= 0x20; };
  while (!url.empty() && trimmed(url.front())) url.erase(url.begin());
  while (!url.empty() && trimmed(url.back())) url.pop_back();
  if (url.empty() || url.size() > 2048) return "";
  for (std::size_t i = 0; i < url.size(); ++i) {
    const auto c = static_cast<unsigned char>(url[i]);
    if (c < 0x20 || c == 0x7F || invisibleLength(url, i) > 0) return "";  // no hidden characters in a target
  }
  const std::size_t colon = url.find(':');
  if (colon == std::string::npos) return "";  // relative: there is no page to resolve it against
  std::string scheme = url.substr(0, colon);
  std::transform(scheme.begin(), scheme.end(), scheme.begin(), [](unsigned char c) { return std::tolower(c); });
  const std::string rest = url.substr(colon + 1);
  if (scheme == "http" || scheme == "https") {
    if (rest.rfind("//", 0) != 0 || rest.size() <= 2 || rest[2] == '/') return "";  // needs a host
  } else if (scheme != "mailto" || rest.empty()) {
    return "";
  }
  std::string out = scheme + ":";
  for (char c : rest) {
    if (c == ' ') out += "%20";
    else out += c;
  }
  return out;
}

RichDocument sanitiseHtml(std::string_view html) {
  std::string_view input = utf8Prefix(html, kMaxHtmlBytes);
  // The parser's work grows with the square of the nesting depth (every tag
  // searches the open elements), so the count of tags is bounded as well.
  std::size_t tags = 0;
  for (std::size_t i = 0; i < input.size(); ++i)
    if (input[i] == '<' && ++tags > kMaxHtmlTags) {
      input = input.substr(0, i);
      break;
    }
  GumboOptions options = kGumboDefaultOptions;
  options.max_errors = 0;  // the error list is not read; keeping it costs memory
  GumboTree tree(gumbo_parse_with_options(&options, input.data(), input.size()));
  if (!tree) return {};
  RichDocument doc = Walker().run(tree->document);
  doc.truncated = input.size() < html.size();
  return doc;
}

std::string toMarkup(const RichDocument& doc) {
  std::string out;
  for (const auto& block : doc.blocks) {
    const bool item = block.kind == RichBlock::Kind::ListItem;
    out += item ? "<li" : "<p";
    if (block.indent > 0) out += " indent=\"" + std::to_string(block.indent) + "\"";
    if (item) {
      out += " marker=\"";
      escapeInto(out, block.marker);
      out += "\"";
    }
    out += ">";
    for (const auto& span : block.spans) {
      if (span.lineBreak()) {
        out += "<br>";
        continue;
      }
      if (!span.link.empty()) {
        out += "<a href=\"";
        escapeInto(out, span.link);
        out += "\">";
      }
      if (span.bold) out += "<b>";
      if (span.italic) out += "<i>";
      escapeInto(out, span.text);
      if (span.italic) out += "</i>";
      if (span.bold) out += "</b>";
      if (!span.link.empty()) out += "</a>";
    }
    out += item ? "</li>\n" : "</p>\n";
  }
  if (doc.truncated) out += "<truncated>\n";
  return out;
}

std::string plainTextToHtml(std::string_view text) {
  std::string clean;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\r') {
      if (i + 1 < text.size() && text[i + 1] == '\n') continue;
      clean += '\n';
    } else {
      clean += text[i];
    }
  }
  // Paragraphs are separated by blank lines; lines inside one by <br>.
  std::vector<std::vector<std::string>> paragraphs(1);
  std::size_t start = 0;
  while (start <= clean.size()) {
    std::size_t end = clean.find('\n', start);
    if (end == std::string::npos) end = clean.size();
    std::string line = clean.substr(start, end - start);
    while (!line.empty() && (line.back() == ' ' || line.back() == '\t')) line.pop_back();
    if (line.empty()) {
      if (!paragraphs.back().empty()) paragraphs.emplace_back();
    } else {
      paragraphs.back().push_back(std::move(line));
    }
    start = end + 1;
  }
  std::string out;
  for (const auto& lines : paragraphs) {
    if (lines.empty()) continue;
    out += "<p>";
    for (std::size_t i = 0; i < lines.size(); ++i) {
      if (i > 0) out += "<br>";
      escapeInto(out, lines[i]);
    }
    out += "</p>";
  }
  return out;
}

}  // namespace deskpane::overlay
