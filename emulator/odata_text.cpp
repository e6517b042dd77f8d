#include "emulator/odata_text.h"

#include <cerrno>
#include <cstdlib>
#include <limits>

#include "emulator/odata_query.h"

namespace deskpane::emu {

namespace {

bool isDigit(char c) { return c >= '0' && c <= '9'; }

// Reads exactly n digits at text[pos]; advances pos.
bool readDigits(std::string_view text, std::size_t& pos, int n, int& out) {
  if (pos + static_cast<std::size_t>(n) > text.size()) return false;
  int v = 0;
  for (int i = 0; i < n; ++i) {
    char c = text[pos + static_cast<std::size_t>(i)];
    if (!isDigit(c)) return false;
    v = v * 10 + (c - '0');
  }
  pos += static_cast<std::size_t>(n);
  out = v;
  return true;
}

// Howard Hinnant's days_from_civil: days since 1970-01-01, proleptic Gregorian.
std::int64_t daysFromCivil(std::int64_t y, unsigned m, unsigned d) {
  y -= m <= 2;
  const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

bool isLeap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

int daysInMonth(int y, int m) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && isLeap(y) ? 29 : kDays[m - 1];
}

int hexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

}  // namespace

std::string_view trim(std::string_view text) {
  const char* ws = " \t\r\n";
  std::size_t b = text.find_first_not_of(ws);
  if (b == std::string_view::npos) return {};
  std::size_t e = text.find_last_not_of(ws);
  return text.substr(b, e - b + 1);
}

bool equalsIgnoreCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (lowerAscii(a[i]) != lowerAscii(b[i])) return false;
  }
  return true;
}

namespace {

constexpr char32_t kInvalidBase = 0x110000;  // beyond Unicode: raw invalid bytes

char32_t foldCase(char32_t c) {
  if (c < 0x80) return (c >= 'A' && c <= 'Z') ? c + 32 : c;
  if (c >= 0xC0 && c <= 0xDE && c != 0xD7) return c + 0x20;
  if (c == 0x178) return 0xFF;
  if ((c >= 0x100 && c <= 0x137) || (c >= 0x14A && c <= 0x177)) return c | 1u;
  if ((c >= 0x139 && c <= 0x148) || (c >= 0x179 && c <= 0x17E)) return (c & 1u) ? c + 1 : c;
  if (c >= 0x391 && c <= 0x3A9 && c != 0x3A2) return c + 0x20;
  if (c == 0x3C2) return 0x3C3;  // final sigma
  if (c >= 0x410 && c <= 0x42F) return c + 0x20;
  if (c >= 0x400 && c <= 0x40F) return c + 0x50;
  return c;
}

// Decodes one code point at s[i] and advances i; an invalid or truncated
// sequence yields its first byte (offset past Unicode) and advances by one.
char32_t nextCodePoint(std::string_view s, std::size_t& i) {
  const auto b0 = static_cast<unsigned char>(s[i]);
  if (b0 < 0x80) {
    ++i;
    return b0;
  }
  int len = 0;
  char32_t cp = 0;
  if ((b0 & 0xE0) == 0xC0) len = 2, cp = b0 & 0x1Fu;
  else if ((b0 & 0xF0) == 0xE0) len = 3, cp = b0 & 0x0Fu;
  else if ((b0 & 0xF8) == 0xF0) len = 4, cp = b0 & 0x07u;
  if (len == 0 || i + static_cast<std::size_t>(len) > s.size()) {
    ++i;
    return kInvalidBase + b0;
  }
  for (int k = 1; k < len; ++k) {
    const auto b = static_cast<unsigned char>(s[i + static_cast<std::size_t>(k)]);
    if ((b & 0xC0) != 0x80) {
      ++i;
      return kInvalidBase + b0;
    }
    cp = (cp << 6) | (b & 0x3Fu);
  }
  i += static_cast<std::size_t>(len);
  return cp;
}

char32_t nextFolded(std::string_view s, std::size_t& i) {
  const auto b = static_cast<unsigned char>(s[i]);
  if (b < 0x80) {  // fast path: ASCII
    ++i;
    return (b >= 'A' && b <= 'Z') ? b + 32u : b;
  }
  return foldCase(nextCodePoint(s, i));
}

// Whether prefix matches text from position i on, folded.
bool matchesAt(std::string_view text, std::size_t i, std::string_view prefix) {
  std::size_t j = 0;
  while (j < prefix.size()) {
    if (i >= text.size()) return false;
    if (nextFolded(text, i) != nextFolded(prefix, j)) return false;
  }
  return true;
}

}  // namespace

int compareText(std::string_view a, std::string_view b) {
  std::size_t i = 0, j = 0;
  while (i < a.size() && j < b.size()) {
    const char32_t ca = nextFolded(a, i);
    const char32_t cb = nextFolded(b, j);
    if (ca != cb) return ca < cb ? -1 : 1;
  }
  if (i < a.size()) return 1;
  if (j < b.size()) return -1;
  return 0;
}

bool equalsText(std::string_view a, std::string_view b) { return compareText(a, b) == 0; }

bool startsWithText(std::string_view text, std::string_view prefix) { return matchesAt(text, 0, prefix); }

bool containsText(std::string_view haystack, std::string_view needle) {
  if (needle.empty()) return true;
  for (std::size_t i = 0; i < haystack.size();) {
    if (matchesAt(haystack, i, needle)) return true;
    nextCodePoint(haystack, i);
  }
  return false;
}

std::optional<std::int64_t> parseInt64(std::string_view text) {
  std::size_t i = 0;
  bool negative = false;
  if (i < text.size() && (text[i] == '-' || text[i] == '+')) negative = text[i++] == '-';
  if (i == text.size()) return std::nullopt;
  // Accumulate negatively so INT64_MIN parses without overflow.
  std::int64_t v = 0;
  constexpr std::int64_t kMin = std::numeric_limits<std::int64_t>::min();
  for (; i < text.size(); ++i) {
    if (!isDigit(text[i])) return std::nullopt;
    const int d = text[i] - '0';
    if (v < (kMin + d) / 10) return std::nullopt;
    v = v * 10 - d;
  }
  if (!negative) {
    if (v == kMin) return std::nullopt;
    v = -v;
  }
  return v;
}

std::optional<double> parseDouble(std::string_view text) {
  std::size_t i = 0;
  if (i < text.size() && (text[i] == '-' || text[i] == '+')) ++i;
  std::size_t digits = 0;
  while (i < text.size() && isDigit(text[i])) ++i, ++digits;
  if (i < text.size() && text[i] == '.') {
    ++i;
    while (i < text.size() && isDigit(text[i])) ++i, ++digits;
  }
  if (digits == 0) return std::nullopt;
  if (i < text.size() && (text[i] == 'e' || text[i] == 'E')) {
    ++i;
    if (i < text.size() && (text[i] == '-' || text[i] == '+')) ++i;
    std::size_t exp = 0;
    while (i < text.size() && isDigit(text[i])) ++i, ++exp;
    if (exp == 0) return std::nullopt;
  }
  if (i != text.size()) return std::nullopt;
  // strtod needs a terminated buffer; the text is short and validated above.
  std::string copy(text);
  errno = 0;
  double v = std::strtod(copy.c_str(), nullptr);
  if (errno == ERANGE) return std::nullopt;
  return v;
}

bool looksLikeDate(std::string_view t) {
  return t.size() >= 10 && isDigit(t[0]) && isDigit(t[1]) && isDigit(t[2]) && isDigit(t[3]) && t[4] == '-' &&
         isDigit(t[5]) && isDigit(t[6]) && t[7] == '-' && isDigit(t[8]) && isDigit(t[9]);
}

bool isFieldPath(std::string_view text) {
  if (text.empty()) return false;
  bool segmentStart = true;
  for (char c : text) {
    if (c == '/') {
      if (segmentStart) return false;
      segmentStart = true;
      continue;
    }
    const bool alpha = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_';
    if (segmentStart && !alpha) return false;
    if (!alpha && !isDigit(c)) return false;
    segmentStart = false;
  }
  return !segmentStart;
}

bool isIdField(std::string_view field) { return equalsIgnoreCase(field, "ID"); }

std::string percentDecode(std::string_view text, bool plusIsSpace) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '%' && i + 2 < text.size() && hexValue(text[i + 1]) >= 0 && hexValue(text[i + 2]) >= 0) {
      out.push_back(static_cast<char>(hexValue(text[i + 1]) * 16 + hexValue(text[i + 2])));
      i += 2;
    } else if (c == '+' && plusIsSpace) {
      out.push_back(' ');
    } else {
      out.push_back(c);
    }
  }
  return out;
}

CivilTime civilFromTicks(std::int64_t ticks) {
  std::int64_t secs = ticks / kTicksPerSecond;
  if (ticks % kTicksPerSecond < 0) --secs;
  std::int64_t days = secs / 86400;
  std::int64_t rem = secs % 86400;
  if (rem < 0) rem += 86400, --days;
  // Hinnant's civil_from_days.
  const std::int64_t z = days + 719468;
  const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const unsigned d = doy - (153 * mp + 2) / 5 + 1;
  const unsigned m = mp < 10 ? mp + 3 : mp - 9;
  const std::int64_t y = static_cast<std::int64_t>(yoe) + era * 400 + (m <= 2);
  return CivilTime{static_cast<int>(y), static_cast<int>(m), static_cast<int>(d), static_cast<int>(rem / 3600),
                   static_cast<int>(rem % 3600 / 60), static_cast<int>(rem % 60)};
}

std::optional<std::int64_t> parseInstant(std::string_view t) {
  std::size_t p = 0;
  int year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0;
  if (!readDigits(t, p, 4, year) || p >= t.size() || t[p++] != '-' || !readDigits(t, p, 2, month) ||
      p >= t.size() || t[p++] != '-' || !readDigits(t, p, 2, day)) {
    return std::nullopt;
  }
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return std::nullopt;
  std::int64_t fraction = 0;  // in ticks
  std::int64_t offsetSeconds = 0;
  if (p < t.size()) {
    if (t[p] != 'T' && t[p] != 't' && t[p] != ' ') return std::nullopt;
    ++p;
    if (!readDigits(t, p, 2, hour) || p >= t.size() || t[p++] != ':' || !readDigits(t, p, 2, minute)) {
      return std::nullopt;
    }
    if (p < t.size() && t[p] == ':') {
      ++p;
      if (!readDigits(t, p, 2, second)) return std::nullopt;
      if (p < t.size() && t[p] == '.') {
        ++p;
        std::size_t digits = 0;
        std::int64_t scale = kTicksPerSecond / 10;
        while (p < t.size() && isDigit(t[p])) {
          fraction += (t[p] - '0') * scale;
          scale /= 10;
          ++p;
          ++digits;
        }
        if (digits == 0) return std::nullopt;
      }
    }
    if (hour > 23 || minute > 59 || second > 59) return std::nullopt;
    if (p < t.size()) {
      const char z = t[p];
      if ((z == 'Z' || z == 'z') && p + 1 == t.size()) {
        ++p;
      } else if (z == '+' || z == '-') {
        ++p;
        int oh = 0, om = 0;
        if (!readDigits(t, p, 2, oh)) return std::nullopt;
        if (p < t.size() && t[p] == ':') ++p;
        if (p < t.size() && !readDigits(t, p, 2, om)) return std::nullopt;
        if (oh > 23 || om > 59 || p != t.size()) return std::nullopt;
        offsetSeconds = (oh * 3600 + om * 60) * (z == '-' ? -1 : 1);
      } else {
        return std::nullopt;
      }
    }
  }
  const std::int64_t days = daysFromCivil(year, static_cast<unsigned>(month), static_cast<unsigned>(day));
  const std::int64_t secs = days * 86400 + hour * 3600 + minute * 60 + second - offsetSeconds;
  return secs * kTicksPerSecond + fraction;
}

}  // namespace deskpane::emu
