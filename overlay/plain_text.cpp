#include "overlay/plain_text.h"

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <cstdlib>
#include <iterator>

namespace deskpane::overlay {

namespace {

void appendUtf8(std::string& out, std::uint32_t cp) {
  if (cp == 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) cp = 0xFFFD;
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

// Decodes the entity starting at html[i] == '&'; returns the characters
// consumed (0 when it is no entity, and the '&' stays as it is).
std::size_t decodeEntity(const std::string& html, std::size_t i, std::string& out) {
  const auto end = html.find(';', i);
  if (end == std::string::npos || end - i > 10) return 0;
  const std::string name = html.substr(i + 1, end - i - 1);
  static const struct {
    const char* name;
    std::uint32_t cp;
  } kNamed[] = {{"amp", '&'}, {"lt", '<'}, {"gt", '>'}, {"quot", '"'}, {"apos", '\''}, {"nbsp", 0xA0}};
  for (const auto& e : kNamed)
    if (name == e.name) {
      appendUtf8(out, e.cp == 0xA0 ? ' ' : e.cp);
      return end - i + 1;
    }
  if (name.size() > 1 && name[0] == '#') {
    const bool hex = name[1] == 'x' || name[1] == 'X';
    char* stop = nullptr;
    const unsigned long cp = std::strtoul(name.c_str() + (hex ? 2 : 1), &stop, hex ? 16 : 10);
    if (stop && *stop == '\0') {
      appendUtf8(out, static_cast<std::uint32_t>(cp));
      return end - i + 1;
    }
  }
  return 0;
}

std::string lowerTagName(const std::string& tag) {
  std::string name;
  for (char c : tag) {
    if (c == '/' && name.empty()) continue;
    if (!std::isalnum(static_cast<unsigned char>(c))) break;
    name += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  return name;
}

}  // namespace

std::string htmlToPlainText(const std::string& html) {
  std::string raw;
  std::size_t i = 0;
  while (i < html.size()) {
    const char c = html[i];
    if (c == '<') {
      const auto close = html.find('>', i);
      if (close == std::string::npos) break;  // an unclosed tag ends the text
      const std::string name = lowerTagName(html.substr(i + 1, close - i - 1));
      // Script and style bodies are not words of the text.
      if (name == "script" || name == "style") {
        const auto endTag = html.find("</" + name, close);
        i = endTag == std::string::npos ? html.size() : html.find('>', endTag);
        i = i == std::string::npos ? html.size() : i + 1;
        continue;
      }
      const bool closing = close > i + 1 && html[i + 1] == '/';
      // An opening block starts a line; its end tag does not add another.
      if (!closing && (name == "br" || name == "p" || name == "div" || name == "li" || name == "tr" || name == "h1" ||
          name == "h2" || name == "h3"))
        raw += '\n';
      i = close + 1;
    } else if (c == '&') {
      const std::size_t used = decodeEntity(html, i, raw);
      if (used == 0) raw += c;
      i += used ? used : 1;
    } else {
      raw += (c == '\r' || c == '\t') ? ' ' : c;
      ++i;
    }
  }
  // Collapse: spaces at line ends, more than one blank line, leading/trailing blanks.
  std::string out;
  int newlines = 0;
  for (char c : raw) {
    if (c == '\n') {
      while (!out.empty() && out.back() == ' ') out.pop_back();
      if (!out.empty() && newlines < 2) out += '\n';
      ++newlines;
    } else {
      if (c == ' ' && (out.empty() || out.back() == ' ' || out.back() == '\n')) continue;
      out += c;
      newlines = 0;
    }
  }
  while (!out.empty() && (out.back() == '\n' || out.back() == ' ')) out.pop_back();
  return out;
}

std::string plainTextToHtml(const std::string& text) {
  if (text.empty()) return "";
  std::string out = "<div>";
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\n': out += "<br>"; break;
      case '\r': break;
      default: out += c;
    }
  }
  return out + "</div>";
}

bool storedAsHtml(const std::string& stored) {
  // Elements a rich-text field starts with (SharePoint's editors wrap it in
  // <div class="ExternalClass…">). Anything else after a '<' is typed text.
  static const char* const kElements[] = {"div", "p", "span", "br", "ul", "ol", "li",
                                          "font", "b", "i", "u", "a", "strong", "em"};
  const auto isSpace = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; };
  std::size_t at = stored.find_first_not_of(" \t\r\n");
  if (at == std::string::npos || stored[at] != '<') return false;
  std::size_t end = ++at;
  while (end < stored.size() && std::isalpha(static_cast<unsigned char>(stored[end]))) ++end;
  std::string name = stored.substr(at, end - at);
  for (auto& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (std::none_of(std::begin(kElements), std::end(kElements), [&](const char* e) { return name == e; })) return false;
  // The name ends the tag ("<p>", "<br/>") or attributes follow it
  // ("<div class=…>"); "<bold", "<a-z>" or an unclosed "<b is for…" is text.
  if (end == stored.size()) return false;
  const char next = stored[end];
  const std::size_t close = stored.find('>', end);
  if (close == std::string::npos) return false;
  const bool tagShape = next == '/' ? close == end + 1 : (next == '>' || isSpace(next));
  if (!tagShape) return false;
  if (name == "br") return true;  // void: there is no end tag to look for
  // A real element is closed again somewhere: "</p>", "</DIV >". Searched
  // where it lies: the pane asks this of every note on each refresh.
  const std::string endTag = "</" + name;
  const auto sameLetter = [](char a, char b) {
    return std::tolower(static_cast<unsigned char>(a)) == std::tolower(static_cast<unsigned char>(b));
  };
  for (auto found = std::search(stored.begin() + static_cast<std::ptrdiff_t>(close) + 1, stored.end(), endTag.begin(),
                                endTag.end(), sameLetter);
       found != stored.end();
       found = std::search(found + 1, stored.end(), endTag.begin(), endTag.end(), sameLetter)) {
    const auto after = found + static_cast<std::ptrdiff_t>(endTag.size());
    if (after != stored.end() && (*after == '>' || isSpace(*after))) return true;
  }
  return false;
}

std::string wordsOf(const std::string& stored) { return storedAsHtml(stored) ? htmlToPlainText(stored) : stored; }

std::optional<std::string> storedForWords(const std::string& words, const std::string& stored) {
  if (storedAsHtml(stored)) {
    // The stored markup is never what plainTextToHtml writes: compare words,
    // or opening and closing an editor would send an edit.
    std::string html = plainTextToHtml(words);
    if (htmlToPlainText(html) == htmlToPlainText(stored)) return std::nullopt;
    return html;
  }
  if (words == stored) return std::nullopt;
  return words;
}

}  // namespace deskpane::overlay
