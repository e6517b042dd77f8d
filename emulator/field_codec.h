#pragma once
// Field values in and out of JSON: the REST body forms (JSON light plain
// arrays, verbose {"results":[...]}) and the store's own JSON column.
#include "emulator/field_schema.h"
#include "emulator/field_value.h"
#include "emulator/flavour.h"
#include "emulator/json_writer.h"

#include <map>
#include <string>

namespace web::json {
class value;
}

namespace deskpane::emu {

// Writes the value as SharePoint serialises it in that flavour.
void writeFieldValue(JsonWriter& w, const FieldDef& def, const FieldValue& v, Flavour f);
// Converts a request-body JSON value; throws SpError(400) on a type mismatch.
FieldValue parseFieldValue(const web::json::value& json, const FieldDef& def);
// A string form value (validateupdatelistitem, seeds) to a typed value.
FieldValue parseFieldText(const std::string& text, const FieldDef& def);
// The value as text: form values, CAML rows, "id;#value" not applied.
std::string fieldValueText(const FieldValue& v);

std::string encodeValues(const std::map<std::string, FieldValue>& values);
std::map<std::string, FieldValue> decodeValues(const std::string& json, const std::vector<FieldDef>& fields);

}  // namespace deskpane::emu
