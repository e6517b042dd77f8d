#include "overlay/plain_text.h"

#include <cctype>
#include <cstdint>
#include <cstdlib>

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

}  // namespace deskpane::overlay
