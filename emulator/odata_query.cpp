// $orderby, $select, $top, $skiptoken and the value ordering they share.
// $filter lives in odata_filter.cpp.
#include "emulator/odata_query.h"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <limits>

#include "emulator/odata_text.h"

namespace deskpane::emu {

namespace {

int rankOf(const Value& v) {
  switch (v.index()) {
    case 0: return 0;  // null
    case 1: return 1;  // bool
    case 2:
    case 3: return 2;  // numbers
    default: return 3; // strings
  }
}

double asDouble(const Value& v) {
  if (auto* i = std::get_if<std::int64_t>(&v)) return static_cast<double>(*i);
  return std::get<double>(v);
}

template <class T>
int threeWay(const T& a, const T& b) {
  return a < b ? -1 : (b < a ? 1 : 0);
}

bool isPchar(unsigned char c) {
  return std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~';
}

// Percent-encodes everything but unreserved characters, lowercase hex as
// SharePoint writes its next links ("%3d", "%26").
std::string encodeLower(std::string_view text) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  out.reserve(text.size() * 3);
  for (unsigned char c : text) {
    if (isPchar(c)) {
      out.push_back(static_cast<char>(c));
    } else {
      out.push_back('%');
      out.push_back(kHex[c >> 4]);
      out.push_back(kHex[c & 15]);
    }
  }
  return out;
}

}  // namespace

int compareValues(const Value& a, const Value& b) {
  const int ra = rankOf(a);
  const int rb = rankOf(b);
  if (ra != rb) return ra < rb ? -1 : 1;
  switch (ra) {
    case 0: return 0;
    case 1: return threeWay(std::get<bool>(a), std::get<bool>(b));
    case 2: {
      if (a.index() == 2 && b.index() == 2) return threeWay(std::get<std::int64_t>(a), std::get<std::int64_t>(b));
      return threeWay(asDouble(a), asDouble(b));
    }
    default: {
      const std::string& sa = std::get<std::string>(a);
      const std::string& sb = std::get<std::string>(b);
      // SharePoint's own form "yyyy-MM-ddTHH:mm:ssZ" orders correctly as text;
      // parse only when the two spellings differ (".000Z", offsets).
      if (sa.size() == 20 && sb.size() == 20 && sa[19] == 'Z' && sb[19] == 'Z' && sa[10] == 'T' && sb[10] == 'T' &&
          looksLikeDate(sa) && looksLikeDate(sb)) {
        return threeWay(sa.compare(sb), 0);
      }
      if (looksLikeDate(sa) && looksLikeDate(sb)) {
        auto ta = parseInstant(sa);
        auto tb = parseInstant(sb);
        if (ta && tb) return threeWay(*ta, *tb);
      }
      return compareText(sa, sb);
    }
  }
}

// ---------------------------------------------------------------- $orderby

ParseResult<std::vector<OrderKey>> parseOrderBy(std::string_view text) {
  std::vector<OrderKey> keys;
  const auto invalid = [&](std::string detail, std::size_t pos) {
    return ParseError{"The expression \"" + std::string(text) + "\" is not valid.", std::move(detail), pos};
  };
  if (trim(text).empty()) return keys;
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t comma = text.find(',', start);
    if (comma == std::string_view::npos) comma = text.size();
    std::string_view item = trim(text.substr(start, comma - start));
    if (item.empty()) return invalid("empty $orderby item", start);
    std::size_t space = item.find_first_of(" \t");
    std::string_view field = item.substr(0, space);
    std::string_view dir = space == std::string_view::npos ? std::string_view{} : trim(item.substr(space));
    if (!isFieldPath(field)) return invalid("not a field path: " + std::string(field), start);
    OrderKey key{std::string(field), false};
    if (dir == "desc") {
      key.descending = true;
    } else if (!dir.empty() && dir != "asc") {
      return invalid("unknown sort direction: " + std::string(dir), start);
    }
    keys.push_back(std::move(key));
    start = comma + 1;
  }
  return keys;
}

std::vector<OrderKey> withIdTiebreak(std::vector<OrderKey> keys) {
  const bool hasId = std::any_of(keys.begin(), keys.end(), [](const OrderKey& k) { return isIdField(k.field); });
  if (!hasId) keys.push_back(OrderKey{"ID", false});
  return keys;
}

int compareRows(const std::vector<OrderKey>& keys, const Value* a, const Value* b) {
  for (std::size_t i = 0; i < keys.size(); ++i) {
    int c = compareValues(a[i], b[i]);
    if (c != 0) return keys[i].descending ? -c : c;
  }
  return 0;
}

// ---------------------------------------------------------------- $select

bool SelectList::names(std::string_view field) const {
  return std::find(fields.begin(), fields.end(), field) != fields.end();
}

SelectList parseSelect(std::string_view text) {
  SelectList out;
  out.all = false;
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t comma = text.find(',', start);
    if (comma == std::string_view::npos) comma = text.size();
    std::string_view item = trim(text.substr(start, comma - start));
    if (item == "*") {
      out.all = true;
    } else if (!item.empty() && !out.names(item)) {
      out.fields.emplace_back(item);
    }
    start = comma + 1;
  }
  if (out.fields.empty()) out.all = true;
  return out;
}

// ------------------------------------------------------------------ $top

ParseResult<std::int64_t> parseTop(std::string_view text, std::int64_t maxTop) {
  std::string_view t = trim(text);
  if (t.empty()) return std::min(kDefaultTop, maxTop);
  auto n = parseInt64(t);
  if (!n || *n < 0) {
    return ParseError{"Invalid value '" + std::string(text) +
                          "' for $top query option found. The $top query option requires a non-negative integer value.",
                      "not a non-negative integer", 0};
  }
  return std::min(*n, maxTop);
}

// ------------------------------------------------------------- $skiptoken

ParseResult<SkipToken> parseSkipToken(std::string_view text) {
  std::string decoded(trim(text));
  // Still encoded as a whole ("Paged%3DTRUE%26p_ID%3D2"): the query-string
  // splitter left it alone, so decode the outer layer here.
  if (decoded.find('&') == std::string::npos && decoded.find('=') == std::string::npos) {
    decoded = percentDecode(decoded, false);
  }
  SkipToken token;
  std::string_view rest = decoded;
  while (!rest.empty()) {
    std::size_t amp = rest.find('&');
    std::string_view pair = rest.substr(0, amp);
    rest = amp == std::string_view::npos ? std::string_view{} : rest.substr(amp + 1);
    if (pair.empty()) continue;
    std::size_t eq = pair.find('=');
    std::string name = percentDecode(pair.substr(0, eq), true);
    std::string value = eq == std::string_view::npos ? std::string() : percentDecode(pair.substr(eq + 1), true);
    if (equalsIgnoreCase(name, "Paged")) {
      token.paged = equalsIgnoreCase(value, "TRUE");
    } else if (equalsIgnoreCase(name, "PagedPrev")) {
      token.previous = equalsIgnoreCase(value, "TRUE");
    } else if (equalsIgnoreCase(name, "p_ID")) {
      auto id = parseInt64(trim(value));
      if (!id) {
        return ParseError{"The skip token \"" + std::string(text) + "\" is not valid.", "p_ID is not an integer: " + value, 0};
      }
      token.lastId = *id;
    } else if (name.size() > 2 && name[0] == 'p' && name[1] == '_') {
      token.sortValues.emplace_back(name.substr(2), std::move(value));
    }
  }
  return token;
}

std::string buildSkipToken(const SkipToken& token) {
  std::string plain = "Paged=TRUE";
  if (token.previous) plain += "&PagedPrev=TRUE";
  for (const auto& [field, value] : token.sortValues) {
    plain += "&p_" + encodeLower(field) + "=" + encodeLower(value);
  }
  if (token.lastId) plain += "&p_ID=" + std::to_string(*token.lastId);
  return encodeLower(plain);
}

std::string buildSkipToken(std::int64_t lastId) {
  SkipToken token;
  token.paged = true;
  token.lastId = lastId;
  return buildSkipToken(token);
}

std::string skipTokenDateValue(std::string_view iso) {
  auto ticks = parseInstant(iso);
  if (!ticks) return std::string(iso);
  CivilTime t = civilFromTicks(*ticks);
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04d%02d%02d %02d:%02d:%02d", t.year, t.month, t.day, t.hour, t.minute, t.second);
  return buf;
}

}  // namespace deskpane::emu
