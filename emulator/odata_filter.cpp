// $filter: a recursive-descent parser into a flat node array, an evaluator
// that walks it without allocating, and the ID-range analysis behind the
// "ID eq 1 or ID eq 2 …" fast path.
#include <algorithm>
#include <limits>

#include "emulator/odata_query.h"
#include "emulator/odata_text.h"

namespace deskpane::emu {

namespace {

enum class Op : std::uint8_t {
  Or, And, Not,                      // boolean connectives
  Eq, Ne, Lt, Le, Gt, Ge,            // comparisons
  StartsWith, SubstringOf,           // boolean functions
  Year, Month, Day, Hour, Minute, Second,  // date parts (numbers)
  Field, Literal,
};

struct Node {
  Op op;
  // Or/And: a = first index into Program::children, b = operand count (so a
  // chain of 1,000 "ID eq n or …" is one flat node, not 1,000 levels deep).
  // Others: a = left child, field index or literal index; b = right child.
  std::uint32_t a = 0;
  std::uint32_t b = 0;
};

// Bounds recursion in the parser and the evaluator for hostile input.
constexpr int kMaxNesting = 100;

struct Literal {
  Value value;
  std::optional<std::int64_t> instant;  // when the literal reads as a date
  bool typedDate = false;               // datetime'…': must compare as a date
};

constexpr std::int64_t kMinId = std::numeric_limits<std::int64_t>::min();
constexpr std::int64_t kMaxId = std::numeric_limits<std::int64_t>::max();

using Ranges = std::vector<std::pair<std::int64_t, std::int64_t>>;

Ranges normalise(Ranges r) {
  std::sort(r.begin(), r.end());
  Ranges out;
  for (const auto& iv : r) {
    if (iv.first > iv.second) continue;
    if (!out.empty() && (out.back().second == kMaxId || iv.first <= out.back().second + 1)) {
      out.back().second = std::max(out.back().second, iv.second);
    } else {
      out.push_back(iv);
    }
  }
  return out;
}

Ranges intersect(const Ranges& x, const Ranges& y) {
  Ranges out;
  std::size_t i = 0, j = 0;
  while (i < x.size() && j < y.size()) {
    const std::int64_t lo = std::max(x[i].first, y[j].first);
    const std::int64_t hi = std::min(x[i].second, y[j].second);
    if (lo <= hi) out.emplace_back(lo, hi);
    if (x[i].second < y[j].second) ++i; else ++j;
  }
  return out;
}

Ranges complement(const Ranges& x) {
  Ranges out;
  std::int64_t next = kMinId;
  bool open = true;  // whether [next, …] is still to be emitted
  for (const auto& iv : x) {
    if (iv.first > next) out.emplace_back(next, iv.first - 1);
    if (iv.second == kMaxId) {
      open = false;
      break;
    }
    next = iv.second + 1;
  }
  if (open) out.emplace_back(next, kMaxId);
  return out;
}

// IDs satisfying "ID <op> n".
Ranges rangesFor(Op op, std::int64_t n) {
  switch (op) {
    case Op::Eq: return {{n, n}};
    case Op::Ne: return complement({{n, n}});
    case Op::Lt: return n == kMinId ? Ranges{} : Ranges{{kMinId, n - 1}};
    case Op::Le: return {{kMinId, n}};
    case Op::Gt: return n == kMaxId ? Ranges{} : Ranges{{n + 1, kMaxId}};
    case Op::Ge: return {{n, kMaxId}};
    default: return {{kMinId, kMaxId}};
  }
}

Op mirror(Op op) {
  switch (op) {
    case Op::Lt: return Op::Gt;
    case Op::Le: return Op::Ge;
    case Op::Gt: return Op::Lt;
    case Op::Ge: return Op::Le;
    default: return op;
  }
}

struct IdInfo {
  std::optional<Ranges> candidates;  // nullopt: unconstrained
  bool exact = false;                // candidates are exactly the matches
};

bool isComparison(Op op) { return op >= Op::Eq && op <= Op::Ge; }
bool isBoolean(Op op) { return op <= Op::SubstringOf; }

}  // namespace

struct Filter::Program {
  std::string text;
  std::vector<Node> nodes;
  std::vector<std::uint32_t> children;  // operands of Or/And nodes
  std::vector<Literal> literals;
  std::vector<std::string> fields;
  std::uint32_t root = 0;
  bool empty = true;
  std::optional<IdRanges> idCandidates;
  bool idOnly = false;
};

// ------------------------------------------------------------------ parser

namespace {

enum class Tok : std::uint8_t { End, LParen, RParen, Comma, Ident, String, Number, DateTime, Error };

struct Token {
  Tok kind = Tok::End;
  std::size_t pos = 0;
  std::string_view text;  // identifier/number text; for String/DateTime the raw quoted body
};

class Parser {
 public:
  Parser(std::string_view text, Filter::Program& program) : text_(text), prog_(program) { advance(); }

  // Returns false on error; error() explains.
  bool parseAll() {
    auto root = parseOr();
    if (!root) return false;
    if (tok_.kind != Tok::End) return fail("unexpected token after expression", tok_.pos);
    if (!isBoolean(prog_.nodes[*root].op) && !canBeTruth(*root)) return fail("expression is not a condition", 0);
    prog_.root = *root;
    return true;
  }

  ParseError error() const {
    return ParseError{"The expression \"" + std::string(text_) + "\" is not valid.", detail_, errorPos_};
  }

 private:
  bool fail(std::string detail, std::size_t pos) {
    if (detail_.empty()) {
      detail_ = std::move(detail) + " at position " + std::to_string(pos);
      errorPos_ = pos;
    }
    return false;
  }

  static bool isSpace(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }
  static bool isIdentStart(char c) { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_'; }
  static bool isIdentChar(char c) { return isIdentStart(c) || (c >= '0' && c <= '9') || c == '/'; }
  static bool isDigitChar(char c) { return c >= '0' && c <= '9'; }

  // Reads a '…' literal starting at the quote; '' is an escaped quote.
  bool scanQuoted(std::size_t& p) {
    ++p;  // opening quote
    while (p < text_.size()) {
      if (text_[p] == '\'') {
        if (p + 1 < text_.size() && text_[p + 1] == '\'') {
          p += 2;
          continue;
        }
        ++p;
        return true;
      }
      ++p;
    }
    return false;
  }

  void advance() {
    std::size_t p = pos_;
    while (p < text_.size() && isSpace(text_[p])) ++p;
    tok_ = Token{Tok::End, p, {}};
    if (p >= text_.size()) {
      pos_ = p;
      return;
    }
    const char c = text_[p];
    const std::size_t start = p;
    if (c == '(' || c == ')' || c == ',') {
      tok_.kind = c == '(' ? Tok::LParen : (c == ')' ? Tok::RParen : Tok::Comma);
      pos_ = p + 1;
      return;
    }
    if (c == '\'') {
      if (!scanQuoted(p)) {
        tok_.kind = Tok::Error;
        fail("unterminated string literal", start);
      } else {
        tok_.kind = Tok::String;
        tok_.text = text_.substr(start + 1, p - start - 2);
      }
      pos_ = p;
      return;
    }
    if (isDigitChar(c) || (c == '-' && p + 1 < text_.size() && isDigitChar(text_[p + 1]))) {
      ++p;
      while (p < text_.size() && (isDigitChar(text_[p]) || text_[p] == '.')) ++p;
      if (p < text_.size() && (text_[p] == 'e' || text_[p] == 'E')) {
        ++p;
        if (p < text_.size() && (text_[p] == '+' || text_[p] == '-')) ++p;
        while (p < text_.size() && isDigitChar(text_[p])) ++p;
      }
      tok_.kind = Tok::Number;
      tok_.text = text_.substr(start, p - start);
      // OData v3 type suffixes: 5L, 1.5M, 2.0d, 1.0f.
      if (p < text_.size() && std::string_view("LlMmDdFf").find(text_[p]) != std::string_view::npos) ++p;
      pos_ = p;
      return;
    }
    if (isIdentStart(c)) {
      while (p < text_.size() && isIdentChar(text_[p])) ++p;
      std::string_view word = text_.substr(start, p - start);
      // Typed literals: datetime'…', datetimeoffset'…', guid'…'.
      if (p < text_.size() && text_[p] == '\'' &&
          (word == "datetime" || word == "datetimeoffset" || word == "guid")) {
        std::size_t q = p;
        if (!scanQuoted(q)) {
          tok_.kind = Tok::Error;
          fail("unterminated typed literal", start);
          pos_ = q;
          return;
        }
        tok_.kind = word == "guid" ? Tok::String : Tok::DateTime;
        tok_.text = text_.substr(p + 1, q - p - 2);
        pos_ = q;
        return;
      }
      tok_.kind = Tok::Ident;
      tok_.text = word;
      pos_ = p;
      return;
    }
    tok_.kind = Tok::Error;
    fail(std::string("unexpected character '") + c + "'", start);
    pos_ = p + 1;
  }

  std::uint32_t addNode(Op op, std::uint32_t a = 0, std::uint32_t b = 0) {
    prog_.nodes.push_back(Node{op, a, b});
    return static_cast<std::uint32_t>(prog_.nodes.size() - 1);
  }

  std::uint32_t addLiteral(Literal lit) {
    prog_.literals.push_back(std::move(lit));
    return addNode(Op::Literal, static_cast<std::uint32_t>(prog_.literals.size() - 1));
  }

  std::uint32_t addField(std::string_view name) {
    auto& f = prog_.fields;
    auto it = std::find(f.begin(), f.end(), name);
    if (it == f.end()) it = f.insert(f.end(), std::string(name));
    return addNode(Op::Field, static_cast<std::uint32_t>(it - f.begin()));
  }

  // Whether a value node may stand where a condition is expected: a field
  // (a Yes/No column) or a boolean literal.
  bool canBeTruth(std::uint32_t n) const {
    const Node& node = prog_.nodes[n];
    if (node.op == Op::Field) return true;
    if (node.op == Op::Literal) return prog_.literals[node.a].value.index() == 1;
    return isBoolean(node.op);
  }

  bool isKeyword(std::string_view word) const { return tok_.kind == Tok::Ident && tok_.text == word; }

  // A chain "x or y or z" (and likewise "and") becomes one n-ary node.
  template <class Next>
  std::optional<std::uint32_t> parseChain(std::string_view keyword, Op op, Next next) {
    auto first = (this->*next)();
    if (!first || !isKeyword(keyword)) return first;
    std::vector<std::uint32_t> operands{*first};
    while (isKeyword(keyword)) {
      const std::size_t at = tok_.pos;
      advance();
      auto operand = (this->*next)();
      if (!operand) return std::nullopt;
      if (!canBeTruth(operands.back()) || !canBeTruth(*operand)) {
        return fail("'" + std::string(keyword) + "' needs conditions on both sides", at), std::nullopt;
      }
      operands.push_back(*operand);
    }
    const auto start = static_cast<std::uint32_t>(prog_.children.size());
    prog_.children.insert(prog_.children.end(), operands.begin(), operands.end());
    return addNode(op, start, static_cast<std::uint32_t>(operands.size()));
  }

  std::optional<std::uint32_t> parseOr() { return parseChain("or", Op::Or, &Parser::parseAnd); }
  std::optional<std::uint32_t> parseAnd() { return parseChain("and", Op::And, &Parser::parseComparison); }

  // Counts nesting (parentheses, not, function calls) while alive.
  class Nest {
   public:
    explicit Nest(int& depth) : depth_(depth) { ++depth_; }
    ~Nest() { --depth_; }
    Nest(const Nest&) = delete;
    Nest& operator=(const Nest&) = delete;
    bool tooDeep() const { return depth_ > kMaxNesting; }

   private:
    int& depth_;
  };

  std::optional<Op> comparisonOp() const {
    if (tok_.kind != Tok::Ident) return std::nullopt;
    static constexpr std::pair<std::string_view, Op> kOps[] = {
        {"eq", Op::Eq}, {"ne", Op::Ne}, {"lt", Op::Lt}, {"le", Op::Le}, {"gt", Op::Gt}, {"ge", Op::Ge}};
    for (const auto& [word, op] : kOps) {
      if (tok_.text == word) return op;
    }
    return std::nullopt;
  }

  std::optional<std::uint32_t> parseComparison() {
    auto left = parseUnary();
    if (!left) return std::nullopt;
    if (auto op = comparisonOp()) {
      advance();
      auto right = parseUnary();
      if (!right) return std::nullopt;
      left = addNode(*op, *left, *right);
      if (comparisonOp()) return fail("comparisons do not chain", tok_.pos), std::nullopt;
    }
    return left;
  }

  std::optional<std::uint32_t> parseUnary() {
    Nest nest(depth_);
    if (nest.tooDeep()) return fail("expression nested too deeply", tok_.pos), std::nullopt;
    if (isKeyword("not")) {
      const std::size_t at = tok_.pos;
      advance();
      auto operand = parseUnary();
      if (!operand) return std::nullopt;
      if (!canBeTruth(*operand)) return fail("'not' needs a condition", at), std::nullopt;
      return addNode(Op::Not, *operand);
    }
    return parsePrimary();
  }

  std::optional<std::uint32_t> parseArgument() {
    auto arg = parseOr();
    if (arg && isBoolean(prog_.nodes[*arg].op)) return fail("a condition is not a function argument", tok_.pos), std::nullopt;
    return arg;
  }

  std::optional<std::uint32_t> parseCall(std::string_view name, std::size_t at) {
    static constexpr std::pair<std::string_view, Op> kFunctions[] = {
        {"startswith", Op::StartsWith}, {"substringof", Op::SubstringOf}, {"year", Op::Year},
        {"month", Op::Month},           {"day", Op::Day},                 {"hour", Op::Hour},
        {"minute", Op::Minute},         {"second", Op::Second}};
    std::optional<Op> op;
    for (const auto& [word, fn] : kFunctions) {
      if (name == word) op = fn;
    }
    if (!op) return fail("unsupported function '" + std::string(name) + "'", at), std::nullopt;
    advance();  // '('
    auto first = parseArgument();
    if (!first) return std::nullopt;
    std::uint32_t second = 0;
    if (*op == Op::StartsWith || *op == Op::SubstringOf) {
      if (tok_.kind != Tok::Comma) return fail("expected ','", tok_.pos), std::nullopt;
      advance();
      auto arg = parseArgument();
      if (!arg) return std::nullopt;
      second = *arg;
    }
    if (tok_.kind != Tok::RParen) return fail("expected ')'", tok_.pos), std::nullopt;
    advance();
    return addNode(*op, *first, second);
  }

  std::optional<std::uint32_t> parsePrimary() {
    const Token t = tok_;
    switch (t.kind) {
      case Tok::LParen: {
        advance();
        auto inner = parseOr();
        if (!inner) return std::nullopt;
        if (tok_.kind != Tok::RParen) return fail("expected ')'", tok_.pos), std::nullopt;
        advance();
        return inner;
      }
      case Tok::String: {
        Literal lit;
        std::string s;
        s.reserve(t.text.size());
        for (std::size_t i = 0; i < t.text.size(); ++i) {
          s.push_back(t.text[i]);
          if (t.text[i] == '\'') ++i;  // '' → '
        }
        if (looksLikeDate(s)) lit.instant = parseInstant(s);
        lit.value = std::move(s);
        advance();
        return addLiteral(std::move(lit));
      }
      case Tok::DateTime: {
        Literal lit;
        lit.instant = parseInstant(t.text);
        if (!lit.instant) return fail("not a valid date/time: " + std::string(t.text), t.pos), std::nullopt;
        lit.typedDate = true;
        lit.value = std::string(t.text);
        advance();
        return addLiteral(std::move(lit));
      }
      case Tok::Number: {
        Literal lit;
        if (auto i = parseInt64(t.text)) {
          lit.value = *i;
        } else if (auto d = parseDouble(t.text)) {
          lit.value = *d;
        } else {
          return fail("not a valid number: " + std::string(t.text), t.pos), std::nullopt;
        }
        advance();
        return addLiteral(std::move(lit));
      }
      case Tok::Ident: {
        if (t.text == "true" || t.text == "false") {
          advance();
          return addLiteral(Literal{Value{t.text == "true"}, std::nullopt, false});
        }
        if (t.text == "null") {
          advance();
          return addLiteral(Literal{});
        }
        static constexpr std::string_view kReserved[] = {"and", "or", "not", "eq", "ne", "lt", "le", "gt", "ge"};
        for (auto word : kReserved) {
          if (t.text == word) return fail("expected an operand, found '" + std::string(word) + "'", t.pos), std::nullopt;
        }
        advance();
        if (tok_.kind == Tok::LParen) return parseCall(t.text, t.pos);
        if (!isFieldPath(t.text)) return fail("not a field path: " + std::string(t.text), t.pos), std::nullopt;
        return addField(t.text);
      }
      case Tok::End: return fail("expected an operand", t.pos), std::nullopt;
      case Tok::Error: return std::nullopt;
      default: return fail("expected an operand", t.pos), std::nullopt;
    }
  }

  std::string_view text_;
  Filter::Program& prog_;
  std::size_t pos_ = 0;
  Token tok_;
  std::string detail_;
  std::size_t errorPos_ = 0;
  int depth_ = 0;
};

// ------------------------------------------------------------ ID analysis

class IdAnalysis {
 public:
  explicit IdAnalysis(const Filter::Program& p) : p_(p) {}

  IdInfo of(std::uint32_t n) const {
    const Node& node = p_.nodes[n];
    switch (node.op) {
      case Op::And: {
        IdInfo out{std::nullopt, true};
        for (std::uint32_t i = 0; i < node.b; ++i) {
          IdInfo part = of(p_.children[node.a + i]);
          out.exact = out.exact && part.exact;
          if (!part.candidates) continue;
          if (out.candidates) {
            out.candidates = intersect(*out.candidates, *part.candidates);
          } else {
            out.candidates = std::move(part.candidates);
          }
        }
        return out;
      }
      case Op::Or: {
        // Collect every interval, then normalise once: a client re-reading
        // 500 changed items sends 500 "ID eq n" terms.
        Ranges all;
        bool exact = true;
        for (std::uint32_t i = 0; i < node.b; ++i) {
          IdInfo part = of(p_.children[node.a + i]);
          if (!part.candidates) return {};
          exact = exact && part.exact;
          all.insert(all.end(), part.candidates->begin(), part.candidates->end());
        }
        return IdInfo{normalise(std::move(all)), exact};
      }
      case Op::Not: {
        IdInfo inner = of(node.a);
        if (!inner.exact || !inner.candidates) return {};
        return IdInfo{complement(*inner.candidates), true};
      }
      default:
        break;
    }
    if (!isComparison(node.op)) return {};
    const Node& l = p_.nodes[node.a];
    const Node& r = p_.nodes[node.b];
    if (l.op == Op::Field && r.op == Op::Literal) return fieldVsLiteral(node.op, l.a, r.a);
    if (r.op == Op::Field && l.op == Op::Literal) return fieldVsLiteral(mirror(node.op), r.a, l.a);
    return {};
  }

 private:
  IdInfo fieldVsLiteral(Op op, std::uint32_t field, std::uint32_t literal) const {
    if (!isIdField(p_.fields[field])) return {};
    const auto* n = std::get_if<std::int64_t>(&p_.literals[literal].value);
    if (!n) return {};
    return IdInfo{rangesFor(op, *n), true};
  }

  const Filter::Program& p_;
};

// ---------------------------------------------------------------- evaluator

// A non-owning view of an operand's value.
struct Operand {
  enum Kind : std::uint8_t { Null, Bool, Int, Double, String } kind = Null;
  bool typedDate = false;
  bool b = false;
  std::int64_t i = 0;
  double d = 0;
  std::string_view s;
  std::optional<std::int64_t> instant;  // known date value (literals)

  static Operand of(const Value& v) {
    Operand o;
    switch (v.index()) {
      case 1: o.kind = Bool; o.b = std::get<bool>(v); break;
      case 2: o.kind = Int; o.i = std::get<std::int64_t>(v); break;
      case 3: o.kind = Double; o.d = std::get<double>(v); break;
      case 4: o.kind = String; o.s = std::get<std::string>(v); break;
      default: break;
    }
    return o;
  }

  bool numeric() const { return kind == Bool || kind == Int || kind == Double; }
  double asDouble() const { return kind == Double ? d : static_cast<double>(kind == Bool ? b : i); }
  std::optional<std::int64_t> date() const {
    if (instant) return instant;
    if (kind == String && looksLikeDate(s)) return parseInstant(s);
    return std::nullopt;
  }
  bool truth() const { return (kind == Bool && b) || (kind == Int && i != 0); }
};

template <class T>
int cmp3(const T& a, const T& b) {
  return a < b ? -1 : (b < a ? 1 : 0);
}

// Three-way comparison; nullopt when the values are not comparable.
std::optional<int> compareOperands(const Operand& l, const Operand& r) {
  if (l.numeric() && r.numeric()) {
    if (l.kind != Operand::Double && r.kind != Operand::Double) {
      const std::int64_t a = l.kind == Operand::Bool ? l.b : l.i;
      const std::int64_t b = r.kind == Operand::Bool ? r.b : r.i;
      return cmp3(a, b);
    }
    return cmp3(l.asDouble(), r.asDouble());
  }
  if (l.kind == Operand::String && r.kind == Operand::String) {
    if (l.typedDate || r.typedDate || l.instant || r.instant || (looksLikeDate(l.s) && looksLikeDate(r.s))) {
      auto a = l.date();
      auto b = r.date();
      if (a && b) return cmp3(*a, *b);
      if (l.typedDate || r.typedDate) return std::nullopt;
    }
    return compareText(l.s, r.s);
  }
  // A number column filtered with a quoted number, or the reverse.
  if (l.kind == Operand::String && r.numeric()) {
    if (auto v = parseDouble(trim(l.s))) return cmp3(*v, r.asDouble());
    return std::nullopt;
  }
  if (r.kind == Operand::String && l.numeric()) {
    if (auto v = parseDouble(trim(r.s))) return cmp3(l.asDouble(), *v);
    return std::nullopt;
  }
  return std::nullopt;
}

bool applyComparison(Op op, const Operand& l, const Operand& r) {
  if (l.kind == Operand::Null || r.kind == Operand::Null) {
    const bool same = l.kind == r.kind;
    if (op == Op::Eq) return same;
    if (op == Op::Ne) return !same;
    return false;
  }
  auto c = compareOperands(l, r);
  if (!c) return op == Op::Ne;
  switch (op) {
    case Op::Eq: return *c == 0;
    case Op::Ne: return *c != 0;
    case Op::Lt: return *c < 0;
    case Op::Le: return *c <= 0;
    case Op::Gt: return *c > 0;
    case Op::Ge: return *c >= 0;
    default: return false;
  }
}

// Access::get(fieldIndex, scratch) returns the field's value, either a
// reference the caller owns or scratch filled in.
template <class Access>
class Evaluator {
 public:
  Evaluator(const Filter::Program& p, const Access& access) : p_(p), access_(access) {}

  bool test(std::uint32_t n) const {
    const Node& node = p_.nodes[n];
    switch (node.op) {
      case Op::Or:
        for (std::uint32_t i = 0; i < node.b; ++i) {
          if (test(p_.children[node.a + i])) return true;
        }
        return false;
      case Op::And:
        for (std::uint32_t i = 0; i < node.b; ++i) {
          if (!test(p_.children[node.a + i])) return false;
        }
        return true;
      case Op::Not: return !test(node.a);
      case Op::Eq: case Op::Lt: case Op::Le: case Op::Gt: case Op::Ge:
        return anyPair(node, [op = node.op](const Operand& l, const Operand& r) { return applyComparison(op, l, r); });
      case Op::Ne:
        // On a multi-value column "ne" means "contains none"; for one value
        // "not eq" is exactly what applyComparison(Ne) answers.
        return !anyPair(node, [](const Operand& l, const Operand& r) { return applyComparison(Op::Eq, l, r); });
      case Op::StartsWith:
        return anyPair(node, [](const Operand& text, const Operand& prefix) {
          return text.kind == Operand::String && prefix.kind == Operand::String && startsWithText(text.s, prefix.s);
        });
      case Op::SubstringOf:
        return anyPair(node, [](const Operand& needle, const Operand& haystack) {
          return needle.kind == Operand::String && haystack.kind == Operand::String &&
                 containsText(haystack.s, needle.s);
        });
      default: {
        Value scratch;
        return operand(n, scratch).truth();
      }
    }
  }

 private:
  // Whether `test` holds for some pair of values of the two operands; a
  // field operand offers each of its values, an empty multi-value one null.
  template <class Test>
  bool anyPair(const Node& node, const Test& test) const {
    Value sa, sb;
    return anyValue(node.a, sa, [&](const Operand& l) {
      return anyValue(node.b, sb, [&](const Operand& r) { return test(l, r); });
    });
  }

  template <class Fn>
  bool anyValue(std::uint32_t n, Value& scratch, const Fn& fn) const {
    const Node& node = p_.nodes[n];
    if (node.op != Op::Field) return fn(operand(n, scratch));
    const Filter::Values values = access_.values(node.a, scratch);
    if (values.size == 0) return fn(Operand{});
    for (std::size_t i = 0; i < values.size; ++i) {
      if (fn(Operand::of(values.data[i]))) return true;
    }
    return false;
  }

  Operand operand(std::uint32_t n, Value& scratch) const {
    const Node& node = p_.nodes[n];
    switch (node.op) {
      case Op::Field: return Operand::of(access_.get(node.a, scratch));
      case Op::Literal: {
        const Literal& lit = p_.literals[node.a];
        Operand o = Operand::of(lit.value);
        o.instant = lit.instant;
        o.typedDate = lit.typedDate;
        return o;
      }
      case Op::Year: case Op::Month: case Op::Day: case Op::Hour: case Op::Minute: case Op::Second: {
        auto when = operand(node.a, scratch).date();
        if (!when) return Operand{};
        const CivilTime t = civilFromTicks(*when);
        Operand o;
        o.kind = Operand::Int;
        switch (node.op) {
          case Op::Year: o.i = t.year; break;
          case Op::Month: o.i = t.month; break;
          case Op::Day: o.i = t.day; break;
          case Op::Hour: o.i = t.hour; break;
          case Op::Minute: o.i = t.minute; break;
          default: o.i = t.second; break;
        }
        return o;
      }
      default: {
        Operand o;
        o.kind = Operand::Bool;
        o.b = test(n);
        return o;
      }
    }
  }

  const Filter::Program& p_;
  const Access& access_;
};

struct ByIndex {
  const Filter::FieldRefGetter& getter;
  const Value& get(std::uint32_t index, Value&) const { return getter(index); }
  Filter::Values values(std::uint32_t index, Value&) const { return {&getter(index), 1}; }
};

// Date parts and bare boolean fields read a multi-value column's first value.
struct ValuesByIndex {
  const Filter::FieldValuesGetter& getter;
  const Value& get(std::uint32_t index, Value& scratch) const {
    const Filter::Values v = getter(index);
    if (v.size == 0) {
      scratch = Value{};
      return scratch;
    }
    return v.data[0];
  }
  Filter::Values values(std::uint32_t index, Value&) const { return getter(index); }
};

}  // namespace

// ------------------------------------------------------------------ Filter

bool IdRanges::contains(std::int64_t id) const {
  auto it = std::upper_bound(ranges.begin(), ranges.end(), id,
                             [](std::int64_t v, const std::pair<std::int64_t, std::int64_t>& r) { return v < r.first; });
  if (it == ranges.begin()) return false;
  --it;
  return id <= it->second;
}

std::int64_t IdRanges::count() const {
  std::int64_t total = 0;
  for (const auto& [lo, hi] : ranges) {
    // hi - lo may overflow int64; do it in unsigned.
    const auto span = static_cast<std::uint64_t>(hi) - static_cast<std::uint64_t>(lo) + 1;
    if (span == 0 || span > static_cast<std::uint64_t>(kMaxId - total)) return kMaxId;
    total += static_cast<std::int64_t>(span);
  }
  return total;
}

Filter::Filter() : program_(std::make_shared<Program>()) {}
Filter::Filter(std::shared_ptr<const Program> program) : program_(std::move(program)) {}

bool Filter::matches(const FieldGetter& get) const {
  if (program_->empty) return true;
  struct Access {
    const Program& p;
    const FieldGetter& getter;
    const Value& get(std::uint32_t index, Value& scratch) const {
      scratch = getter(p.fields[index]);
      return scratch;
    }
    Values values(std::uint32_t index, Value& scratch) const { return {&get(index, scratch), 1}; }
  } access{*program_, get};
  return Evaluator<Access>(*program_, access).test(program_->root);
}

bool Filter::matchesByIndex(const FieldRefGetter& get) const {
  if (program_->empty) return true;
  ByIndex access{get};
  return Evaluator<ByIndex>(*program_, access).test(program_->root);
}

bool Filter::matchesValuesByIndex(const FieldValuesGetter& get) const {
  if (program_->empty) return true;
  ValuesByIndex access{get};
  return Evaluator<ValuesByIndex>(*program_, access).test(program_->root);
}

const std::vector<std::string>& Filter::fields() const { return program_->fields; }
const std::optional<IdRanges>& Filter::idCandidates() const { return program_->idCandidates; }
bool Filter::idOnly() const { return program_->idOnly; }
bool Filter::matchesAll() const { return program_->empty; }

ParseResult<Filter> parseFilter(std::string_view text) {
  auto program = std::make_shared<Filter::Program>();
  program->text = std::string(text);
  if (trim(text).empty()) return Filter(std::move(program));
  program->empty = false;
  Parser parser(program->text, *program);
  if (!parser.parseAll()) {
    ParseError e = parser.error();
    return e;
  }
  IdInfo ids = IdAnalysis(*program).of(program->root);
  if (ids.candidates) program->idCandidates = IdRanges{std::move(*ids.candidates)};
  program->idOnly = ids.exact && program->idCandidates.has_value();
  return Filter(std::move(program));
}

}  // namespace deskpane::emu
