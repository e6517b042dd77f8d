#pragma once
// Compact JSON text for a flat field map, as stored in the cache. Types survive
// a round trip: integers are written without a fraction, doubles always with
// one ("1.0"), so 1 and 1.0 come back as they went in.
#include <optional>
#include <string>
#include <string_view>

#include "sync/item.h"

namespace deskpane::sync {

std::string fieldsToJson(const Fields& fields);
// nullopt when the text is not a flat JSON object of scalars.
std::optional<Fields> fieldsFromJson(std::string_view json);

std::string valueToJson(const FieldValue& value);
// The pieces fieldsToJson is made of, for text built elsewhere (a page read
// straight into the cache's rows) that must come out byte for byte the same.
void appendJsonString(std::string& out, std::string_view s);
void appendValueJson(std::string& out, const FieldValue& value);
std::optional<FieldValue> valueFromJson(std::string_view json);

}  // namespace deskpane::sync
