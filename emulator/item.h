#pragma once
// A list item as stored: its id, version (= owshiddenversion = ETag number)
// and field values keyed by internal name. Immutable once published, so
// readers share it without locks.
#include "emulator/field_value.h"

#include <map>
#include <memory>
#include <string>

namespace deskpane::emu {

struct Item {
  int id = 0;
  int version = 1;
  int fsObjType = 0;  // 1 = folder (a discussion thread)
  std::map<std::string, FieldValue> values;

  const FieldValue& get(const std::string& internalName) const {
    static const FieldValue nullValue;
    const auto it = values.find(internalName);
    return it == values.end() ? nullValue : it->second;
  }
  std::string text(const std::string& internalName) const {
    const auto* s = std::get_if<std::string>(&get(internalName));
    return s ? *s : std::string();
  }
  std::string guid() const { return text("GUID"); }
  std::string etagHeader() const { return "\"" + guid() + "," + std::to_string(version) + "\""; }
  std::string etagBody() const { return "\"" + std::to_string(version) + "\""; }
};

using ItemPtr = std::shared_ptr<const Item>;

}  // namespace deskpane::emu
