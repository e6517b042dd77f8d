#include "sync/item_json.h"

#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>

namespace deskpane::sync {

namespace {

bool needsEscape(char c) { return c == '"' || c == '\\' || static_cast<unsigned char>(c) < 0x20; }

// Whether any of the eight bytes of `w` needs an escape. A byte-wise test of
// the classic kind: (v - 0x01..) & ~v & 0x80.. is non-zero exactly when some
// byte of v is zero, and (w - 0x20..) & ~w & 0x80.. when some byte is below
// 0x20. Bytes above 0x7F (UTF-8) never match.
bool anyNeedsEscape(std::uint64_t w) {
  constexpr std::uint64_t kOnes = 0x0101010101010101ULL;
  constexpr std::uint64_t kHigh = 0x8080808080808080ULL;
  const auto hasZero = [](std::uint64_t v) { return ((v - kOnes) & ~v & kHigh) != 0; };
  return ((w - 0x20 * kOnes) & ~w & kHigh) != 0 || hasZero(w ^ ('"' * kOnes)) || hasZero(w ^ ('\\' * kOnes));
}

void writeString(std::string& out, std::string_view s) {
  out.push_back('"');
  std::size_t i = 0;
  while (i < s.size()) {
    // Copy runs of plain characters at once (most text has nothing to
    // escape), found eight bytes at a time: this is the cache's busiest loop
    // during a first sync.
    std::size_t run = i;
    while (run < s.size()) {
      if (run + 8 <= s.size()) {
        std::uint64_t word;
        std::memcpy(&word, s.data() + run, sizeof word);
        if (!anyNeedsEscape(word)) {
          run += 8;
          continue;
        }
      }
      if (needsEscape(s[run])) break;
      ++run;
    }
    out.append(s.data() + i, run - i);
    if (run == s.size()) break;
    char c = s[run];
    i = run + 1;
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\u%04x", static_cast<unsigned>(static_cast<unsigned char>(c)));
          out += buf;
        } else {
          out.push_back(c);
        }
    }
  }
  out.push_back('"');
}

void writeValue(std::string& out, const FieldValue& v) {
  switch (v.index()) {
    case 0: out += "null"; break;
    case 1: out += std::get<bool>(v) ? "true" : "false"; break;
    case 2: out += std::to_string(std::get<std::int64_t>(v)); break;
    case 3: {
      double d = std::get<double>(v);
      if (!std::isfinite(d)) {  // JSON has no NaN/Inf; SharePoint never sends them
        out += "null";
        break;
      }
      // The shortest text that reads back as the same double, with a decimal
      // point in every locale (printf's %g follows LC_NUMERIC).
      char buf[40];
      const auto r = std::to_chars(buf, buf + sizeof buf - 1, d);
      *r.ptr = '\0';
      out.append(buf, r.ptr);
      if (!std::strpbrk(buf, ".eE")) out += ".0";
      break;
    }
    default: writeString(out, std::get<std::string>(v));
  }
}

void appendUtf8(std::string& out, std::uint32_t cp) {
  if (cp < 0x80) {
    out.push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

class Reader {
 public:
  explicit Reader(std::string_view s) : s_(s) {}

  void skipSpace() {
    while (pos_ < s_.size() && (s_[pos_] == ' ' || s_[pos_] == '\n' || s_[pos_] == '\r' || s_[pos_] == '\t'))
      ++pos_;
  }
  bool eat(char c) {
    skipSpace();
    if (pos_ < s_.size() && s_[pos_] == c) {
      ++pos_;
      return true;
    }
    return false;
  }
  bool atEnd() {
    skipSpace();
    return pos_ == s_.size();
  }

  std::optional<std::string> string() {
    if (!eat('"')) return std::nullopt;
    std::string out;
    while (pos_ < s_.size()) {
      std::size_t run = pos_;
      while (run < s_.size() && s_[run] != '"' && s_[run] != '\\' && static_cast<unsigned char>(s_[run]) >= 0x20)
        ++run;
      out.append(s_.data() + pos_, run - pos_);
      pos_ = run;
      if (pos_ >= s_.size()) break;
      char c = s_[pos_++];
      if (c == '"') return out;
      if (static_cast<unsigned char>(c) < 0x20) return std::nullopt;
      if (c != '\\') {
        out.push_back(c);
        continue;
      }
      if (pos_ >= s_.size()) return std::nullopt;
      char e = s_[pos_++];
      switch (e) {
        case '"': out.push_back('"'); break;
        case '\\': out.push_back('\\'); break;
        case '/': out.push_back('/'); break;
        case 'b': out.push_back('\b'); break;
        case 'f': out.push_back('\f'); break;
        case 'n': out.push_back('\n'); break;
        case 'r': out.push_back('\r'); break;
        case 't': out.push_back('\t'); break;
        case 'u': {
          auto cp = hex4();
          if (!cp) return std::nullopt;
          std::uint32_t code = *cp;
          if (code >= 0xD800 && code < 0xDC00) {  // surrogate pair
            if (pos_ + 2 > s_.size() || s_[pos_] != '\\' || s_[pos_ + 1] != 'u') return std::nullopt;
            pos_ += 2;
            auto lo = hex4();
            if (!lo || *lo < 0xDC00 || *lo > 0xDFFF) return std::nullopt;
            code = 0x10000 + ((code - 0xD800) << 10) + (*lo - 0xDC00);
          } else if (code >= 0xDC00 && code <= 0xDFFF) {
            return std::nullopt;
          }
          appendUtf8(out, code);
          break;
        }
        default: return std::nullopt;
      }
    }
    return std::nullopt;
  }

  // Fills `out`; returns false on a syntax error. (An out-parameter here
  // sidesteps a GCC 12 -Wmaybe-uninitialized false positive on optional<variant>.)
  bool value(FieldValue& out) {
    skipSpace();
    if (pos_ >= s_.size()) return false;
    if (s_[pos_] == '"') {
      auto s = string();
      if (!s) return false;
      out.emplace<std::string>(std::move(*s));
      return true;
    }
    if (word("null")) {
      out.emplace<std::monostate>();
      return true;
    }
    if (word("true")) {
      out.emplace<bool>(true);
      return true;
    }
    if (word("false")) {
      out.emplace<bool>(false);
      return true;
    }
    return numberValue(out);
  }

 private:
  bool word(std::string_view w) {
    if (s_.substr(pos_, w.size()) != w) return false;
    pos_ += w.size();
    return true;
  }

  std::optional<std::uint32_t> hex4() {
    if (pos_ + 4 > s_.size()) return std::nullopt;
    std::uint32_t v = 0;
    auto r = std::from_chars(s_.data() + pos_, s_.data() + pos_ + 4, v, 16);
    if (r.ec != std::errc() || r.ptr != s_.data() + pos_ + 4) return std::nullopt;
    pos_ += 4;
    return v;
  }

  bool numberValue(FieldValue& out) {
    std::size_t start = pos_;
    bool isDouble = false;
    if (pos_ < s_.size() && s_[pos_] == '-') ++pos_;
    while (pos_ < s_.size()) {
      char c = s_[pos_];
      if (c >= '0' && c <= '9') {
        ++pos_;
      } else if (c == '.' || c == 'e' || c == 'E' || c == '+' || c == '-') {
        isDouble = true;
        ++pos_;
      } else {
        break;
      }
    }
    std::string_view num = s_.substr(start, pos_ - start);
    if (num.empty() || num == "-") return false;
    if (!isDouble) {
      std::int64_t i = 0;
      auto r = std::from_chars(num.data(), num.data() + num.size(), i);
      if (r.ec == std::errc() && r.ptr == num.data() + num.size()) {
        out.emplace<std::int64_t>(i);
        return true;
      }
      // Too large for int64: keep it as a double rather than failing.
    }
    // from_chars, not strtod: locale-independent (a German LC_NUMERIC made
    // strtod stop at the '.' of "1.0" and the cached item unreadable).
    double d = 0;
    const auto r = std::from_chars(num.data(), num.data() + num.size(), d);
    if (r.ec != std::errc() || r.ptr != num.data() + num.size()) return false;
    out.emplace<double>(d);
    return true;
  }

  std::string_view s_;
  std::size_t pos_ = 0;
};

}  // namespace

std::string fieldsToJson(const Fields& fields) {
  std::string out;
  out.reserve(32 * fields.size() + 2);
  out.push_back('{');
  bool first = true;
  for (const auto& [name, value] : fields) {
    if (!first) out.push_back(',');
    first = false;
    writeString(out, name);
    out.push_back(':');
    writeValue(out, value);
  }
  out.push_back('}');
  return out;
}

std::optional<Fields> fieldsFromJson(std::string_view json) {
  Reader r(json);
  if (!r.eat('{')) return std::nullopt;
  Fields out;
  if (!r.eat('}')) {
    do {
      auto name = r.string();
      if (!name || !r.eat(':')) return std::nullopt;
      FieldValue& slot = out[std::move(*name)];
      if (!r.value(slot)) return std::nullopt;
    } while (r.eat(','));
    if (!r.eat('}')) return std::nullopt;
  }
  if (!r.atEnd()) return std::nullopt;
  return out;
}

void appendJsonString(std::string& out, std::string_view s) { writeString(out, s); }
void appendValueJson(std::string& out, const FieldValue& value) { writeValue(out, value); }

std::string valueToJson(const FieldValue& value) {
  std::string out;
  writeValue(out, value);
  return out;
}

std::optional<FieldValue> valueFromJson(std::string_view json) {
  Reader r(json);
  FieldValue v;
  if (!r.value(v) || !r.atEnd()) return std::nullopt;
  return v;
}

}  // namespace deskpane::sync
