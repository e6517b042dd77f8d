#include "sync/item.h"

#include <charconv>
#include <cmath>
#include <cstdio>

namespace deskpane::sync {

namespace {

std::optional<double> asNumber(const FieldValue& v) {
  if (auto* i = std::get_if<std::int64_t>(&v)) return static_cast<double>(*i);
  if (auto* d = std::get_if<double>(&v)) return *d;
  return std::nullopt;
}

}  // namespace

bool sameValue(const FieldValue& a, const FieldValue& b) {
  if (a.index() == b.index()) return a == b;
  // SharePoint sends whole numbers of a Number column as 1 or 1.0 depending on the path.
  auto na = asNumber(a), nb = asNumber(b);
  return na && nb && *na == *nb;
}

std::string displayValue(const FieldValue& v) {
  struct Visitor {
    std::string operator()(std::monostate) const { return "null"; }
    std::string operator()(bool b) const { return b ? "true" : "false"; }
    std::string operator()(std::int64_t i) const { return std::to_string(i); }
    std::string operator()(double d) const {
      // to_chars, not printf: a decimal point whatever LC_NUMERIC says (GTK
      // sets the user's locale, and "0,5" is no number to SharePoint).
      char buf[32];
      const auto r = std::to_chars(buf, buf + sizeof buf, d, std::chars_format::general, 15);
      return std::string(buf, r.ptr);
    }
    std::string operator()(const std::string& s) const { return s; }
  };
  return std::visit(Visitor{}, v);
}

std::string_view localStateName(LocalState s) {
  switch (s) {
    case LocalState::Clean: return "clean";
    case LocalState::Dirty: return "dirty";
    case LocalState::Deleted: return "deleted";
    case LocalState::Conflict: return "conflict";
  }
  return "?";
}

std::optional<std::int64_t> etagVersion(std::string_view etag) {
  // The version is the last run of digits: "\"4\"", "guid,4", "{GUID},4".
  auto end = etag.find_last_of("0123456789");
  if (end == std::string_view::npos) return std::nullopt;
  auto start = end;
  while (start > 0 && etag[start - 1] >= '0' && etag[start - 1] <= '9') --start;
  // Digits that belong to a GUID are followed by hex letters or dashes, not by the end/quote.
  if (start > 0 && etag[start - 1] != ',' && etag[start - 1] != '"' && etag[start - 1] != ' ')
    return std::nullopt;
  std::int64_t v = 0;
  auto r = std::from_chars(etag.data() + start, etag.data() + end + 1, v);
  if (r.ec != std::errc()) return std::nullopt;
  return v;
}

bool Item::has(std::string_view name) const { return fields.find(name) != fields.end(); }

const FieldValue* Item::find(std::string_view name) const {
  auto it = fields.find(name);
  return it == fields.end() ? nullptr : &it->second;
}

std::string Item::text(std::string_view name) const {
  const FieldValue* v = find(name);
  if (!v || std::holds_alternative<std::monostate>(*v)) return {};
  if (auto* s = std::get_if<std::string>(v)) return *s;
  return displayValue(*v);
}

std::optional<std::int64_t> Item::integer(std::string_view name) const {
  const FieldValue* v = find(name);
  if (!v) return std::nullopt;
  if (auto* i = std::get_if<std::int64_t>(v)) return *i;
  if (auto* d = std::get_if<double>(v)) return static_cast<std::int64_t>(std::llround(*d));
  if (auto* b = std::get_if<bool>(v)) return *b ? 1 : 0;
  if (auto* s = std::get_if<std::string>(v)) {
    std::int64_t out = 0;
    auto r = std::from_chars(s->data(), s->data() + s->size(), out);
    if (r.ec == std::errc() && r.ptr == s->data() + s->size()) return out;
  }
  return std::nullopt;
}

std::optional<double> Item::number(std::string_view name) const {
  const FieldValue* v = find(name);
  if (!v) return std::nullopt;
  if (auto n = asNumber(*v)) return n;
  if (auto* s = std::get_if<std::string>(v)) {
    // from_chars reads "0.5" in every locale (stod would want "0,5" in German).
    const char* b = s->data();
    const char* e = b + s->size();
    if (b != e && *b == '+') ++b;  // stod's leniency, kept
    double d = 0;
    const auto r = std::from_chars(b, e, d);
    if (r.ec == std::errc() && r.ptr == e && b != e) return d;
  }
  return std::nullopt;
}

bool Item::flag(std::string_view name) const {
  const FieldValue* v = find(name);
  if (!v) return false;
  if (auto* b = std::get_if<bool>(v)) return *b;
  if (auto* s = std::get_if<std::string>(v)) return *s == "1" || *s == "true" || *s == "TRUE" || *s == "True";
  if (auto n = asNumber(*v)) return *n != 0;
  return false;
}

void Item::set(std::string_view name, FieldValue value) {
  auto it = fields.find(name);
  if (it == fields.end())
    fields.emplace(std::string(name), std::move(value));
  else
    it->second = std::move(value);
}

}  // namespace deskpane::sync
