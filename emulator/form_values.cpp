#include "emulator/form_values.h"

#include "emulator/api_context.h"
#include "emulator/field_codec.h"
#include "emulator/site_zone.h"
#include "emulator/sp_error.h"
#include "emulator/time_util.h"
#include "emulator/url_codec.h"
#include "emulator/users.h"

#include <cpprest/json.h>

#include <cctype>
#include <cstdlib>

namespace deskpane::emu {

namespace json = web::json;

namespace {

// SharePoint's own texts and codes for the failures its form reports
// (0x8102001C is SPErrorCode "invalid date/time"; the others are what
// SharePoint Online answers for a number and an unknown person).
const FormFieldError kBadDate{-2130575332,
                              "Invalid date/time value.\n\nA date/time field contains invalid data. Please check "
                              "the value and try again."};
const FormFieldError kBadNumber{-2130575331,
                                "Invalid number value.\n\nA number field contains invalid data. Please check the "
                                "value and try again."};
const FormFieldError kBadUser{-2146232832, "The user does not exist or is not unique."};
const FormFieldError kBadBoolean{-2146232832, "Invalid Yes/No value."};


// Reads a whole unsigned number at `i`; false when there is none.
bool number(const std::string& s, std::size_t& i, int& out) {
  const std::size_t start = i;
  long v = 0;
  while (i < s.size() && std::isdigit(static_cast<unsigned char>(s[i])) && i - start < 5) v = v * 10 + (s[i++] - '0');
  out = static_cast<int>(v);
  return i > start;
}

// en-US, the demo site's locale: "12/5/2026", "12/5/2026 9:05 AM",
// "12/5/2026 21:05", "12/5/2026 9:05:30 PM".
std::optional<std::string> localeDate(const std::string& s) {
  WallTime t{};
  std::size_t i = 0;
  if (!number(s, i, t.month) || i >= s.size() || s[i++] != '/' || !number(s, i, t.day) || i >= s.size() ||
      s[i++] != '/' || !number(s, i, t.year))
    return std::nullopt;
  if (i < s.size()) {
    if (s[i++] != ' ' || !number(s, i, t.hour) || i >= s.size() || s[i++] != ':' || !number(s, i, t.minute))
      return std::nullopt;
    if (i < s.size() && s[i] == ':' && !number(s, ++i, t.second)) return std::nullopt;
    if (i < s.size()) {
      if (s[i++] != ' ') return std::nullopt;
      const auto half = toLower(s.substr(i));
      if ((half != "am" && half != "pm") || t.hour < 1 || t.hour > 12) return std::nullopt;
      t.hour = t.hour % 12 + (half == "pm" ? 12 : 0);
    }
  }
  return siteWallToUtcIso(t);
}

const SiteUser* userByLogin(const std::string& key) {
  for (const auto& u : siteUsers()) {
    if (iequals(u.login(), key) || iequals(u.email, key)) return &u;
  }
  return nullptr;
}

std::optional<FormFieldError> readUsers(const std::string& text, const FieldDef& def, FieldValue& out) {
  std::vector<std::int64_t> ids;
  if (!text.empty() && text.front() == '[') {
    // A people picker's value: [{"Key":"i:0#.f|membership|anna@contoso.com"}].
    json::value picked;
    try {
      picked = json::value::parse(text);
    } catch (const std::exception&) {
      return kBadUser;
    }
    if (!picked.is_array()) return kBadUser;
    for (const auto& entry : picked.as_array()) {
      const auto* user = userByLogin(entry.is_object() && entry.has_field("Key") && entry.at("Key").is_string()
                                         ? entry.at("Key").as_string()
                                         : std::string());
      if (!user) return kBadUser;
      ids.push_back(user->id);
    }
  } else {
    char* end = nullptr;
    const long long id = std::strtoll(text.c_str(), &end, 10);
    if (!end || *end != '\0' || !findUser(static_cast<int>(id))) return kBadUser;
    ids.push_back(id);
  }
  if (def.type == FieldType::User) {
    if (ids.size() > 1) return kBadUser;
    out = ids.empty() ? FieldValue{} : FieldValue{ids.front()};
  } else {
    out = ids;
  }
  return std::nullopt;
}

}  // namespace

std::string formText(const json::value& v, const char* key) {
  if (!v.is_object() || !v.has_field(key)) return "";
  const auto& x = v.at(key);
  if (x.is_string()) return x.as_string();
  if (x.is_object() && x.has_field("DecodedUrl") && x.at("DecodedUrl").is_string()) return x.at("DecodedUrl").as_string();
  if (x.is_number()) return x.serialize();
  return "";
}

bool ParsedForm::ok() const {
  for (const auto& e : errors)
    if (e) return false;
  return true;
}

std::vector<FormValue> formValues(const json::value& body) {
  std::vector<FormValue> out;
  if (!body.has_field("formValues")) return out;
  const json::value* arr = &body.at("formValues");
  if (arr->is_object() && arr->has_field("results")) arr = &arr->at("results");
  if (!arr->is_array()) throw badRequest("The parameter formValues is not an array.");
  for (const auto& v : arr->as_array()) out.push_back({formText(v, "FieldName"), formText(v, "FieldValue")});
  return out;
}

std::optional<FormFieldError> readFormValue(const std::string& text, const FieldDef& def, FieldValue& out) {
  if (text.empty()) {
    out = std::monostate{};
    return std::nullopt;
  }
  switch (def.type) {
    case FieldType::DateTime:
      if (auto iso = normaliseIso(text)) {
        out = *iso;
      } else if (auto local = localeDate(text)) {
        out = *local;
      } else {
        return kBadDate;
      }
      return std::nullopt;
    case FieldType::Number: {
      char* end = nullptr;
      const double d = std::strtod(text.c_str(), &end);
      if (!end || *end != '\0') return kBadNumber;
      out = d;
      return std::nullopt;
    }
    case FieldType::User:
    case FieldType::UserMulti:
      return readUsers(text, def, out);
    case FieldType::Boolean:
    case FieldType::AllDayEvent: {
      const auto v = toLower(text);
      if (v == "1" || v == "yes" || v == "true") {
        out = true;
      } else if (v == "0" || v == "no" || v == "false") {
        out = false;
      } else {
        return kBadBoolean;
      }
      return std::nullopt;
    }
    default:
      try {
        out = parseFieldText(text, def);
      } catch (const SpError& e) {
        return FormFieldError{-2146232832, e.what()};
      }
      return std::nullopt;
  }
}

ParsedForm parseForm(const ListInfo& list, const std::vector<FormValue>& form) {
  ParsedForm parsed;
  for (const auto& fv : form) {
    if (fv.name == "ContentType") {
      parsed.values["ContentType"] = fv.value;
      parsed.errors.emplace_back();
      continue;
    }
    const FieldDef* f = list.field(fv.name);
    if (!f) f = list.fieldByRestName(fv.name);
    if (!f) {
      throw SpError(400, "-2147024809, System.ArgumentException",
                    "Column '" + fv.name + "' does not exist. It may have been deleted by another user.");
    }
    FieldValue value;
    parsed.errors.push_back(readFormValue(fv.value, *f, value));
    if (!parsed.errors.back()) parsed.values[f->internalName] = std::move(value);
  }
  return parsed;
}

Response formResult(ApiContext& ctx, const char* verboseName, const std::vector<FormValue>& form,
                    const ParsedForm& parsed, int itemId) {
  JsonWriter w;
  w.beginObject();
  if (ctx.flavour == Flavour::Verbose) {
    w.key("d").beginObject().key(verboseName).beginObject();
    w.key("__metadata").beginObject().field("type", "Collection(SP.ListItemFormUpdateValue)").endObject();
    w.key("results").beginArray();
  } else {
    if (ctx.flavour == Flavour::Minimal)
      w.field("odata.metadata", ctx.siteUrl + "/_api/$metadata#Collection(SP.ListItemFormUpdateValue)");
    w.key("value").beginArray();
  }
  auto row = [&](const std::string& name, const std::string& value, const std::optional<FormFieldError>& error) {
    w.beginObject();
    writeComplexType(w, ctx, "SP.ListItemFormUpdateValue");
    w.field("ErrorCode", error ? error->code : 0).key("ErrorMessage");
    if (error) {
      w.string(error->message);
    } else {
      w.null();
    }
    w.field("FieldName", name).field("FieldValue", value);
    w.fieldBool("HasException", error.has_value()).field("ItemId", itemId).endObject();
  };
  for (std::size_t i = 0; i < form.size(); ++i)
    row(form[i].name, form[i].value, i < parsed.errors.size() ? parsed.errors[i] : std::nullopt);
  // Only a saved item has an id to report.
  if (parsed.ok()) row("Id", std::to_string(itemId), std::nullopt);
  w.endArray();
  if (ctx.flavour == Flavour::Verbose) w.endObject().endObject();
  w.endObject();
  return jsonResponse(ctx, 200, w.take());
}

}  // namespace deskpane::emu
