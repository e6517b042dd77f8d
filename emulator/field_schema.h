#pragma once
// Field definitions of the five list templates (sharepoint-rest.md §5): the
// internal name, the REST property name, type, and whether SharePoint leaves
// the field out of the default projection (hidden) or lets large lists filter
// on it (indexed).
#include <string>
#include <vector>

namespace deskpane::emu {

enum class FieldType {
  Counter, Text, Note, Choice, MultiChoice, Number, Integer, Boolean, DateTime,
  User, UserMulti, Lookup, LookupMulti, Url, Guid, Computed, ContentTypeId,
  AllDayEvent, Recurrence
};

struct FieldDef {
  std::string internalName;
  std::string title;
  FieldType type = FieldType::Text;
  bool hidden = false;
  bool readOnly = false;
  bool indexed = false;
  std::vector<std::string> choices;

  // How the field is named in REST JSON: lookups/users get "Id", a leading
  // underscore becomes "OData_".
  std::string restName() const;
  const char* typeAsString() const;
  bool isMulti() const {
    return type == FieldType::MultiChoice || type == FieldType::UserMulti || type == FieldType::LookupMulti;
  }
  bool isIdValued() const {
    return type == FieldType::User || type == FieldType::UserMulti || type == FieldType::Lookup ||
           type == FieldType::LookupMulti;
  }
};

enum class ListTemplate { Generic = 100, Contacts = 105, Events = 106, Discussion = 108, Tasks = 171 };

// Standard item fields followed by the template's own.
std::vector<FieldDef> fieldsForTemplate(int baseTemplate);
// Content type id and name of a new item of that template (non-folder).
std::string defaultContentTypeId(int baseTemplate);
std::string defaultContentTypeName(int baseTemplate);
// "Tasks" -> "TasksList"; spaces become _x0020_.
std::string entityTypeNameFor(const std::string& urlLeaf);

}  // namespace deskpane::emu
