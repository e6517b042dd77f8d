#include "sync/list_schema.h"

#include <map>
#include <set>
#include <string>

namespace deskpane::sync {

namespace {

// Marks a label for xgettext without translating it here: sync/ has no
// catalogue of its own, the GUI translates labels where it shows them.
constexpr std::string_view N_(std::string_view s) { return s; }

using T = FieldType;

// Fields every list has; read for sorting ("newest first") and the detail views.
void appendCommon(std::vector<FieldSpec>& v) {
  v.push_back({"GUID", "", T::Computed, false});
  v.push_back({"Created", N_("Created"), T::DateTime, false});
  v.push_back({"Modified", N_("Modified"), T::DateTime, false});
}

std::vector<FieldSpec> calendarFields() {
  std::vector<FieldSpec> v = {
      {"Title", N_("Title"), T::Text, true, true},
      {"Location", N_("Location"), T::Text},
      {"EventDate", N_("Start"), T::DateTime, true, true},
      {"EndDate", N_("End"), T::DateTime, true, true},
      {"fAllDayEvent", N_("All day"), T::Boolean},
      {"Description", N_("Description"), T::Html},
      // Choice values go to the site in English; N_ lists them for the
      // translators, the GUI shows them through wxGetTranslation.
      {"Category", N_("Category"), T::Choice, true, false,
       {N_("Meeting"), N_("Work hours"), N_("Business"), N_("Holiday"), N_("Get-together"), N_("Gifts"), N_("Birthday"), N_("Anniversary")}},
      {"fRecurrence", N_("Recurring"), T::Boolean},
      // Hidden fields: the series pattern and the occurrence bookkeeping.
      {"RecurrenceData", "", T::Note},
      {"EventType", "", T::Integer},
      {"MasterSeriesItemID", "", T::Integer},
      {"RecurrenceID", "", T::DateTime},
      {"UID", "", T::Text},
      // The series' occurrence length (seconds) and its own zone (a SharePoint
      // zone id): a weekly 09:00 recurs at 09:00 there across its DST changes.
      {"Duration", "", T::Integer},
      {"TimeZone", "", T::Integer},
  };
  appendCommon(v);
  return v;
}

std::vector<FieldSpec> contactFields() {
  std::vector<FieldSpec> v = {
      {"FirstName", N_("First name"), T::Text},
      {"Title", N_("Last name"), T::Text, true, true},
      {"Company", N_("Company"), T::Text},
      {"JobTitle", N_("Job title"), T::Text},
      {"Email", N_("Email"), T::Text},
      {"WorkPhone", N_("Business phone"), T::Text},
      {"CellPhone", N_("Mobile phone"), T::Text},
      {"HomePhone", N_("Home phone"), T::Text},
      {"WorkFax", N_("Fax"), T::Text},
      {"WorkAddress", N_("Address"), T::Note},
      {"WorkCity", N_("City"), T::Text},
      {"WorkState", N_("State/Province"), T::Text},
      {"WorkZip", N_("ZIP/Postal code"), T::Text},
      {"WorkCountry", N_("Country/Region"), T::Text},
      {"Comments", N_("Notes"), T::Note},
      {"FullName", "", T::Computed, false},
  };
  appendCommon(v);
  return v;
}

std::vector<FieldSpec> taskFields() {
  std::vector<FieldSpec> v = {
      {"Title", N_("Task name"), T::Text, true, true},
      {"StartDate", N_("Start date"), T::DateTime},
      {"DueDate", N_("Due date"), T::DateTime},
      {"Status", N_("Status"), T::Choice, true, false,
       {N_("Not Started"), N_("In Progress"), N_("Completed"), N_("Deferred"), N_("Waiting on someone else")}},
      {"Priority", N_("Priority"), T::Choice, true, false, {N_("(1) High"), N_("(2) Normal"), N_("(3) Low")}},
      // xgettext:no-c-format
      {"PercentComplete", N_("% complete"), T::Percent},
      {"Body", N_("Description"), T::Html},
      {"Checkmark", "", T::Computed, false},
  };
  appendCommon(v);
  return v;
}

std::vector<FieldSpec> noteFields() {
  std::vector<FieldSpec> v = {
      {"Title", N_("Title"), T::Text, true, true},
      {"Body", N_("Text"), T::Note},
      // Lists made by hand often call the text column NoteBody; read either.
      {"NoteBody", "", T::Note},
      // A custom column; a list without it keeps the default card colour.
      {"Color", N_("Colour"), T::Text},
  };
  appendCommon(v);
  return v;
}

std::vector<FieldSpec> messageFields() {
  std::vector<FieldSpec> v = {
      {"Title", N_("Subject"), T::Text, true, true},
      {"Body", N_("Message"), T::Html},
      {"IsQuestion", N_("Question"), T::Boolean},
      {"ParentItemID", "", T::Integer, false},
      {"ParentFolderId", "", T::Integer, false},
      {"DiscussionLastUpdated", "", T::DateTime, false},
      {"FileSystemObjectType", "", T::Integer, false},
      {"FileRef", "", T::Computed, false},
      {"Author/Title", N_("From"), T::Lookup, false},
      {"Editor/Title", "", T::Lookup, false},
  };
  appendCommon(v);
  return v;
}

}  // namespace

const std::vector<FieldSpec>& listFields(ListKind kind) {
  static const std::map<ListKind, std::vector<FieldSpec>> kFields = {
      {ListKind::Calendar, calendarFields()}, {ListKind::Contacts, contactFields()},
      {ListKind::Tasks, taskFields()},        {ListKind::Notes, noteFields()},
      {ListKind::Inbox, messageFields()},
  };
  return kFields.at(kind);
}

const FieldSpec* findField(ListKind kind, std::string_view name) {
  for (const auto& f : listFields(kind))
    if (f.name == name) return &f;
  return nullptr;
}

std::vector<std::string> selectFields(ListKind kind) {
  std::vector<std::string> out;
  for (const auto& f : listFields(kind)) out.emplace_back(f.name);
  return out;
}

bool isSchemaField(std::string_view name) {
  static const std::set<std::string, std::less<>> kNames = [] {
    std::set<std::string, std::less<>> names;
    for (ListKind k : kAllListKinds)
      for (const auto& f : listFields(k)) names.emplace(f.name);
    return names;
  }();
  return kNames.count(name) != 0;
}

}  // namespace deskpane::sync
