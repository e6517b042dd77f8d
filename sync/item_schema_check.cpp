#include "sync/item_schema_check.h"

#include "sync/list_schema.h"

#include <cctype>
#include <cmath>
#include <variant>

namespace deskpane::sync {

namespace {

const char* kindOf(const FieldValue& v) {
  if (std::holds_alternative<bool>(v)) return "a boolean";
  if (std::holds_alternative<std::int64_t>(v)) return "an integer";
  if (std::holds_alternative<double>(v)) return "a number";
  if (std::holds_alternative<std::string>(v)) return "text";
  return "null";
}

bool multiLine(FieldType t) { return t == FieldType::Note || t == FieldType::Html; }

// "2027-03-12", "2027-03-12T09:00:00Z", "…T09:00:00.000+01:00": a date first.
bool looksLikeIsoDate(std::string_view s) {
  if (s.size() < 10 || s.size() > 40) return false;
  for (std::size_t i = 0; i < 10; ++i) {
    const bool dash = i == 4 || i == 7;
    if (dash ? s[i] != '-' : !std::isdigit(static_cast<unsigned char>(s[i]))) return false;
  }
  return s.size() == 10 || s[10] == 'T' || s[10] == ' ';
}

// What `type` wants of text, or nullptr when `text` is acceptable.
const char* textTypeProblem(FieldType type, std::string_view text) {
  switch (type) {
    case FieldType::DateTime: return looksLikeIsoDate(text) ? nullptr : "an ISO-8601 date";
    case FieldType::Boolean: return "a boolean";
    case FieldType::Number:
    case FieldType::Percent: return "a number";
    case FieldType::Integer: return "an integer";
    default: return nullptr;  // text, choices, and any scalar for Computed and Lookup
  }
}

// What `type` wants, or nullptr when `v` (neither null nor text) is acceptable.
const char* typeProblem(FieldType type, const FieldValue& v) {
  switch (type) {
    case FieldType::Text:
    case FieldType::Note:
    case FieldType::Html:
    case FieldType::Choice: return "text";
    case FieldType::DateTime: return "an ISO-8601 date";
    case FieldType::Boolean: {
      // SharePoint sends true/false; 0/1 is read the same (Item::flag).
      const auto* i = std::get_if<std::int64_t>(&v);
      return std::holds_alternative<bool>(v) || (i && (*i == 0 || *i == 1)) ? nullptr : "a boolean";
    }
    case FieldType::Number:
    case FieldType::Percent: {
      const auto* d = std::get_if<double>(&v);
      return std::holds_alternative<std::int64_t>(v) || (d && std::isfinite(*d)) ? nullptr : "a number";
    }
    case FieldType::Integer: {
      const auto* d = std::get_if<double>(&v);
      return std::holds_alternative<std::int64_t>(v) || (d && std::isfinite(*d) && std::floor(*d) == *d)
                 ? nullptr
                 : "an integer";
    }
    case FieldType::Computed:
    case FieldType::Lookup: return nullptr;  // any scalar (objects never get this far)
  }
  return nullptr;
}

}  // namespace

std::optional<std::string> textFieldProblem(ListKind kind, std::string_view name, std::string_view text) {
  return textFieldProblem(findField(kind, name), name, text);
}

std::optional<std::string> textFieldProblem(const FieldSpec* spec, std::string_view name, std::string_view text) {
  if (spec) {
    if (const char* wanted = textTypeProblem(spec->type, text))
      return "field '" + std::string(name) + "' is text, expected " + wanted;
  }
  const std::size_t cap = spec && !multiLine(spec->type) ? kMaxLineFieldBytes : kMaxTextFieldBytes;
  if (text.size() > cap)
    return "field '" + std::string(name) + "' holds " + std::to_string(text.size()) + " bytes, more than the " +
           std::to_string(cap) + " such a field may";
  return std::nullopt;
}

std::optional<std::string> fieldProblem(ListKind kind, std::string_view name, const FieldValue& value) {
  if (std::holds_alternative<std::monostate>(value)) return std::nullopt;
  return fieldProblem(findField(kind, name), name, value);
}

std::optional<std::string> fieldProblem(const FieldSpec* spec, std::string_view name, const FieldValue& value) {
  if (std::holds_alternative<std::monostate>(value)) return std::nullopt;
  if (const auto* text = std::get_if<std::string>(&value)) return textFieldProblem(spec, name, *text);
  if (spec) {
    if (const char* wanted = typeProblem(spec->type, value))
      return "field '" + std::string(name) + "' is " + kindOf(value) + ", expected " + wanted;
  }
  return std::nullopt;
}

std::optional<std::string> schemaProblem(ListKind kind, const Item& item) {
  for (const auto& [name, value] : item.fields)
    if (auto problem = fieldProblem(kind, name, value)) return "item " + std::to_string(item.id) + ": " + *problem;
  return std::nullopt;
}

std::optional<std::string> schemaProblem(ListKind kind, const std::vector<Item>& items) {
  for (const auto& item : items)
    if (auto problem = schemaProblem(kind, item)) return problem;
  return std::nullopt;
}

}  // namespace deskpane::sync
