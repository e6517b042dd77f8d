#pragma once
// Each list kind's fields, described once: what the engine `$select`s, what
// the pane models read and what the editors offer and validate. Names are
// SharePoint's internal names; labels are English source strings that the
// GUI translates (they are marked for xgettext with N_ in list_schema.cpp).
#include "sync/list_kind.h"

#include <string>
#include <string_view>
#include <vector>

namespace deskpane::sync {

enum class FieldType {
  Text,      // single line of text
  Note,      // multiple lines, plain
  Html,      // multiple lines, rich text (sanitised before display)
  DateTime,  // ISO-8601 UTC on the wire
  Boolean,
  Number,    // double
  Percent,   // double 0..1 on the wire, shown as 0..100 %
  Integer,
  Choice,    // one of `choices`
  Computed,  // read-only, computed by the server (FullName, Checkmark, ...)
  Lookup,    // read-only person/lookup flattened by $expand ("Author/Title")
};

struct FieldSpec {
  std::string_view name;   // internal name ("DueDate")
  std::string_view label;  // English label ("Due date"); "" = not shown in editors
  FieldType type = FieldType::Text;
  bool editable = true;    // offered by the editor and sent in writes
  bool required = false;   // SharePoint refuses an item without it
  std::vector<std::string_view> choices = {};  // Choice fields: allowed values, in display order
};

// Every field deskpane knows of `kind`, in editor order (editable ones first).
const std::vector<FieldSpec>& listFields(ListKind kind);
// The spec of `name` in `kind`, or nullptr.
const FieldSpec* findField(ListKind kind, std::string_view name);
// What a read `$select`s for `kind` (hidden fields named explicitly:
// SharePoint leaves RecurrenceData, EventType, ParentItemID... out otherwise).
std::vector<std::string> selectFields(ListKind kind);
// Is `name` a field of any kind's schema? All of them hold scalars, so one
// arriving as an object or array is an answer deskpane cannot store.
bool isSchemaField(std::string_view name);

}  // namespace deskpane::sync
