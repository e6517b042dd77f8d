#pragma once
// Form values, as validateupdatelistitem and AddValidateUpdateItemUsingPath
// take them: every value a string as a user types it in SharePoint's own
// form. A value that does not read is not an HTTP error: the answer is 200
// with that field's HasException set and its message, and nothing is saved.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "emulator/field_value.h"
#include "emulator/http_types.h"

namespace web::json {
class value;
}

namespace deskpane::emu {

struct ApiContext;
struct FieldDef;
struct ListInfo;

struct FormValue {
  std::string name;
  std::string value;
};

struct FormFieldError {
  std::int64_t code = 0;
  std::string message;
};

struct ParsedForm {
  std::map<std::string, FieldValue> values;      // by internal name
  std::vector<std::optional<FormFieldError>> errors;  // one per form value, in order
  bool ok() const;
};

// A string member of a form body: plain, a number, or a {"DecodedUrl": ...}
// resource path as PnPjs sends paths; "" when absent or of another type.
std::string formText(const web::json::value& v, const char* key);

// The body's formValues (plain or verbose "results" array); 400 when it is
// not an array.
std::vector<FormValue> formValues(const web::json::value& body);

// One form value read as SharePoint's form reads it: dates in ISO or the
// site's locale (en-US "12/5/2026 9:00 AM", in the site's regional zone),
// people as a picker value ([{"Key":"i:0#.f|membership|user@host"}]) or an
// id, yes/no as 1/0/Yes/No/true/false.
std::optional<FormFieldError> readFormValue(const std::string& text, const FieldDef& def, FieldValue& out);

// Every value of the form; a column the list lacks is a 400, as on SharePoint.
ParsedForm parseForm(const ListInfo& list, const std::vector<FormValue>& form);

// The answer: one SP.ListItemFormUpdateValue per form value, then "Id".
Response formResult(ApiContext& ctx, const char* verboseName, const std::vector<FormValue>& form,
                    const ParsedForm& parsed, int itemId);

}  // namespace deskpane::emu
