#include "emulator/field_codec.h"

#include "emulator/sp_error.h"
#include "emulator/time_util.h"
#include "emulator/url_codec.h"

#include <cpprest/json.h>

#include <cstdlib>

namespace deskpane::emu {

namespace json = web::json;

void writeFieldValue(JsonWriter& w, const FieldDef& def, const FieldValue& v, Flavour f) {
  const bool verbose = f == Flavour::Verbose;
  if (def.type == FieldType::Counter && std::holds_alternative<std::int64_t>(v)) {
    w.number(std::get<std::int64_t>(v));
    return;
  }
  std::visit(
      [&](const auto& x) {
        using T = std::decay_t<decltype(x)>;
        if constexpr (std::is_same_v<T, std::monostate>) {
          if (def.isMulti()) {
            if (verbose) {
              w.beginObject().key("results").beginArray().endArray().endObject();
            } else {
              w.beginArray().endArray();
            }
          } else {
            w.null();
          }
        } else if constexpr (std::is_same_v<T, bool>) {
          w.boolean(x);
        } else if constexpr (std::is_same_v<T, std::int64_t>) {
          w.number(x);
        } else if constexpr (std::is_same_v<T, double>) {
          w.number(x);
        } else if constexpr (std::is_same_v<T, std::string>) {
          w.string(x);
        } else if constexpr (std::is_same_v<T, std::vector<std::int64_t>> ||
                             std::is_same_v<T, std::vector<std::string>>) {
          if (verbose) {
            w.beginObject();
            if constexpr (std::is_same_v<T, std::vector<std::string>>) {
              w.key("__metadata").beginObject().field("type", "Collection(Edm.String)").endObject();
            } else {
              w.key("__metadata").beginObject().field("type", "Collection(Edm.Int32)").endObject();
            }
            w.key("results");
          }
          w.beginArray();
          for (const auto& e : x) {
            if constexpr (std::is_same_v<T, std::vector<std::string>>) {
              w.string(e);
            } else {
              w.number(e);
            }
          }
          w.endArray();
          if (verbose) w.endObject();
        } else if constexpr (std::is_same_v<T, UrlValue>) {
          w.beginObject();
          if (verbose) w.key("__metadata").beginObject().field("type", "SP.FieldUrlValue").endObject();
          w.field("Description", x.description).field("Url", x.url).endObject();
        }
      },
      v);
}

namespace {

[[noreturn]] void typeError(const FieldDef& def) {
  throw badRequest("A value of the wrong type was found for the property '" + def.restName() + "'.");
}

const json::value& unwrapResults(const json::value& j) {
  if (j.is_object() && j.has_field("results")) return j.at("results");
  return j;
}

std::int64_t toInt(const json::value& j, const FieldDef& def) {
  if (j.is_integer()) return j.as_number().to_int64();
  if (j.is_double()) return static_cast<std::int64_t>(j.as_double());
  if (j.is_string()) {
    char* end = nullptr;
    const auto& s = j.as_string();
    const long long v = std::strtoll(s.c_str(), &end, 10);
    if (!s.empty() && end && *end == '\0') return v;
  }
  typeError(def);
}

}  // namespace

FieldValue parseFieldValue(const json::value& j, const FieldDef& def) {
  if (j.is_null()) return std::monostate{};
  switch (def.type) {
    case FieldType::Text:
    case FieldType::Note:
    case FieldType::Choice:
    case FieldType::Computed:
    case FieldType::ContentTypeId:
      if (j.is_string()) return j.as_string();
      if (j.is_number()) return j.serialize();
      typeError(def);
    case FieldType::Guid:
      if (j.is_string()) return toLower(j.as_string());
      typeError(def);
    case FieldType::Number:
      if (j.is_number()) return j.as_double();
      if (j.is_string()) {
        char* end = nullptr;
        const double d = std::strtod(j.as_string().c_str(), &end);
        if (end && *end == '\0' && !j.as_string().empty()) return d;
      }
      typeError(def);
    case FieldType::Integer:
    case FieldType::Counter:
    case FieldType::User:
    case FieldType::Lookup:
      return toInt(j, def);
    case FieldType::Boolean:
    case FieldType::AllDayEvent:
    case FieldType::Recurrence:
      if (j.is_boolean()) return j.as_bool();
      if (j.is_number()) return j.as_double() != 0;
      if (j.is_string()) {
        const auto s = toLower(j.as_string());
        if (s == "1" || s == "true" || s == "yes") return true;
        if (s == "0" || s == "false" || s == "no") return false;
      }
      typeError(def);
    case FieldType::DateTime:
      if (j.is_string()) {
        if (j.as_string().empty()) return std::monostate{};
        if (auto iso = normaliseIso(j.as_string())) return *iso;
      }
      typeError(def);
    case FieldType::UserMulti:
    case FieldType::LookupMulti: {
      const auto& arr = unwrapResults(j);
      if (!arr.is_array()) typeError(def);
      std::vector<std::int64_t> ids;
      for (const auto& e : arr.as_array()) ids.push_back(toInt(e, def));
      return ids;
    }
    case FieldType::MultiChoice: {
      const auto& arr = unwrapResults(j);
      if (!arr.is_array()) typeError(def);
      std::vector<std::string> values;
      for (const auto& e : arr.as_array()) {
        if (!e.is_string()) typeError(def);
        values.push_back(e.as_string());
      }
      return values;
    }
    case FieldType::Url: {
      if (j.is_string()) return UrlValue{j.as_string(), j.as_string()};
      if (!j.is_object()) typeError(def);
      UrlValue u;
      if (j.has_field("Description") && j.at("Description").is_string()) u.description = j.at("Description").as_string();
      if (j.has_field("Url") && j.at("Url").is_string()) u.url = j.at("Url").as_string();
      return u;
    }
  }
  typeError(def);
}

FieldValue parseFieldText(const std::string& text, const FieldDef& def) {
  if (text.empty()) return std::monostate{};
  switch (def.type) {
    case FieldType::UserMulti:
    case FieldType::LookupMulti:
    case FieldType::MultiChoice: {
      // Form values join multi-values with ";#".
      std::vector<std::string> parts;
      std::size_t start = 0;
      while (start <= text.size()) {
        auto pos = text.find(";#", start);
        if (pos == std::string::npos) pos = text.size();
        if (pos > start) parts.push_back(text.substr(start, pos - start));
        start = pos + 2;
      }
      if (def.type == FieldType::MultiChoice) return parts;
      std::vector<std::int64_t> ids;
      for (const auto& p : parts) ids.push_back(std::strtoll(p.c_str(), nullptr, 10));
      return ids;
    }
    case FieldType::Url: {
      const auto comma = text.find(", ");
      if (comma == std::string::npos) return UrlValue{text, text};
      return UrlValue{text.substr(comma + 2), text.substr(0, comma)};
    }
    default:
      break;
  }
  return parseFieldValue(json::value::string(text), def);
}

std::string fieldValueText(const FieldValue& v) {
  return std::visit(
      [](const auto& x) -> std::string {
        using T = std::decay_t<decltype(x)>;
        if constexpr (std::is_same_v<T, std::monostate>) {
          return "";
        } else if constexpr (std::is_same_v<T, bool>) {
          return x ? "1" : "0";
        } else if constexpr (std::is_same_v<T, std::int64_t>) {
          return std::to_string(x);
        } else if constexpr (std::is_same_v<T, double>) {
          JsonWriter w;
          w.number(x);
          return w.take();
        } else if constexpr (std::is_same_v<T, std::string>) {
          return x;
        } else if constexpr (std::is_same_v<T, std::vector<std::int64_t>>) {
          std::string s;
          for (std::size_t i = 0; i < x.size(); ++i) s += (i ? ";#" : "") + std::to_string(x[i]);
          return s;
        } else if constexpr (std::is_same_v<T, std::vector<std::string>>) {
          std::string s;
          for (std::size_t i = 0; i < x.size(); ++i) s += (i ? ";#" : "") + x[i];
          return s;
        } else {
          return x.url + ", " + x.description;
        }
      },
      v);
}

std::string encodeValues(const std::map<std::string, FieldValue>& values) {
  JsonWriter w;
  w.beginObject();
  for (const auto& [name, v] : values) {
    w.key(name);
    FieldDef plain;
    plain.type = FieldType::Text;
    writeFieldValue(w, plain, v, Flavour::Minimal);
  }
  w.endObject();
  return w.take();
}

std::map<std::string, FieldValue> decodeValues(const std::string& text, const std::vector<FieldDef>& fields) {
  std::map<std::string, FieldValue> values;
  const auto j = json::value::parse(text);
  for (const auto& def : fields) {
    if (j.has_field(def.internalName)) values[def.internalName] = parseFieldValue(j.at(def.internalName), def);
  }
  return values;
}

}  // namespace deskpane::emu
