#include "emulator/field_schema.h"

#include <cctype>

namespace deskpane::emu {

std::string FieldDef::restName() const {
  std::string name = internalName;
  if (!name.empty() && name[0] == '_') name = "OData_" + name;
  if (isIdValued()) name += "Id";
  return name;
}

const char* FieldDef::typeAsString() const {
  switch (type) {
    case FieldType::Counter: return "Counter";
    case FieldType::Text: return "Text";
    case FieldType::Note: return "Note";
    case FieldType::Choice: return "Choice";
    case FieldType::MultiChoice: return "MultiChoice";
    case FieldType::Number: return "Number";
    case FieldType::Integer: return "Integer";
    case FieldType::Boolean: return "Boolean";
    case FieldType::DateTime: return "DateTime";
    case FieldType::User: return "User";
    case FieldType::UserMulti: return "UserMulti";
    case FieldType::Lookup: return "Lookup";
    case FieldType::LookupMulti: return "LookupMulti";
    case FieldType::Url: return "URL";
    case FieldType::Guid: return "Guid";
    case FieldType::Computed: return "Computed";
    case FieldType::ContentTypeId: return "ContentTypeId";
    case FieldType::AllDayEvent: return "AllDayEvent";
    case FieldType::Recurrence: return "Recurrence";
  }
  return "Text";
}

namespace {

FieldDef f(std::string name, std::string title, FieldType type, bool hidden = false) {
  FieldDef d;
  d.internalName = std::move(name);
  d.title = std::move(title);
  d.type = type;
  d.hidden = hidden;
  return d;
}

FieldDef choice(std::string name, std::string title, std::vector<std::string> choices) {
  FieldDef d = f(std::move(name), std::move(title), FieldType::Choice);
  d.choices = std::move(choices);
  return d;
}

// Order = the order SharePoint serialises a default item projection in.
std::vector<FieldDef> standardHead() {
  auto ct = f("ContentTypeId", "Content Type ID", FieldType::ContentTypeId);
  ct.readOnly = true;
  return {ct, f("Title", "Title", FieldType::Text)};
}

std::vector<FieldDef> standardTail() {
  std::vector<FieldDef> v;
  auto id = f("ID", "ID", FieldType::Counter);
  id.readOnly = id.indexed = true;
  auto modified = f("Modified", "Modified", FieldType::DateTime);
  modified.readOnly = modified.indexed = true;
  auto created = f("Created", "Created", FieldType::DateTime);
  created.readOnly = true;
  auto author = f("Author", "Created By", FieldType::User);
  author.readOnly = true;
  auto editor = f("Editor", "Modified By", FieldType::User);
  editor.readOnly = true;
  auto ver = f("_UIVersionString", "Version", FieldType::Text);
  ver.readOnly = true;
  auto attachments = f("Attachments", "Attachments", FieldType::Boolean);
  auto guid = f("GUID", "GUID", FieldType::Guid);
  guid.readOnly = true;
  auto hiddenVersion = f("owshiddenversion", "owshiddenversion", FieldType::Integer, true);
  hiddenVersion.readOnly = true;
  auto ctName = f("ContentType", "Content Type", FieldType::Computed, true);
  auto fileRef = f("FileRef", "URL Path", FieldType::Text, true);
  fileRef.readOnly = true;
  auto fileDirRef = f("FileDirRef", "Path", FieldType::Text, true);
  fileDirRef.readOnly = true;
  auto fsObj = f("FSObjType", "Item Type", FieldType::Integer, true);
  fsObj.readOnly = true;
  v = {id, modified, created, author, editor, ver, attachments, guid, hiddenVersion, ctName, fileRef, fileDirRef, fsObj};
  return v;
}

std::vector<FieldDef> templateFields(int t) {
  switch (t) {
    case 106:
      return {f("Location", "Location", FieldType::Text),
              f("EventDate", "Start Time", FieldType::DateTime),
              f("EndDate", "End Time", FieldType::DateTime),
              f("Description", "Description", FieldType::Note),
              f("fAllDayEvent", "All Day Event", FieldType::AllDayEvent),
              f("fRecurrence", "Recurrence", FieldType::Recurrence),
              choice("Category", "Category",
                     {"Meeting", "Work hours", "Business", "Holiday", "Get-together", "Gifts", "Birthday",
                      "Anniversary"}),
              f("RecurrenceData", "RecurrenceData", FieldType::Note, true),
              f("EventType", "Event Type", FieldType::Integer, true),
              f("MasterSeriesItemID", "MasterSeriesItemID", FieldType::Integer, true),
              f("RecurrenceID", "Recurrence ID", FieldType::DateTime, true),
              f("UID", "UID", FieldType::Guid, true),
              f("Duration", "Duration", FieldType::Integer, true),
              f("TimeZone", "Time Zone", FieldType::Integer, true),
              f("XMLTZone", "XML TZone", FieldType::Note, true)};
    case 105:
      return {f("FirstName", "First Name", FieldType::Text), f("FullName", "Full Name", FieldType::Text),
              f("Email", "E-mail Address", FieldType::Text), f("Company", "Company", FieldType::Text),
              f("JobTitle", "Job Title", FieldType::Text), f("WorkPhone", "Business Phone", FieldType::Text),
              f("HomePhone", "Home Phone", FieldType::Text), f("CellPhone", "Mobile Number", FieldType::Text),
              f("WorkFax", "Fax Number", FieldType::Text), f("WorkAddress", "Address", FieldType::Note),
              f("WorkCity", "City", FieldType::Text), f("WorkState", "State/Province", FieldType::Text),
              f("WorkZip", "ZIP/Postal Code", FieldType::Text),
              f("WorkCountry", "Country/Region", FieldType::Text), f("WebPage", "Web Page", FieldType::Url),
              f("Comments", "Notes", FieldType::Note)};
    case 171:
      return {f("PercentComplete", "% Complete", FieldType::Number),
              choice("Status", "Task Status",
                     {"Not Started", "In Progress", "Completed", "Deferred", "Waiting on someone else"}),
              choice("Priority", "Priority", {"(1) High", "(2) Normal", "(3) Low"}),
              f("StartDate", "Start Date", FieldType::DateTime),
              f("DueDate", "Due Date", FieldType::DateTime),
              f("Body", "Description", FieldType::Note),
              f("AssignedTo", "Assigned To", FieldType::UserMulti),
              f("Predecessors", "Predecessors", FieldType::LookupMulti),
              f("Checkmark", "Completed", FieldType::Computed),
              f("RelatedItems", "Related Items", FieldType::Note)};
    case 100:
      return {f("NoteBody", "Text", FieldType::Note),
              choice("Color", "Colour", {"Yellow", "Blue", "Green", "Pink", "White"}),
              f("Pinned", "Pinned", FieldType::Boolean),
              f("Tags", "Tags", FieldType::MultiChoice)};
    case 108:
      return {f("Body", "Body", FieldType::Note),
              f("TrimmedBody", "Trimmed Body", FieldType::Note),
              f("DiscussionLastUpdated", "Last Updated", FieldType::DateTime),
              f("LastReplyBy", "Last Reply By", FieldType::User),
              f("IsQuestion", "Question", FieldType::Boolean),
              f("IsFeatured", "Featured", FieldType::Boolean),
              f("ParentItemID", "Parent Item ID", FieldType::Integer, true),
              f("ParentFolderId", "Parent Folder Id", FieldType::Integer, true),
              f("ParentItemEditor", "Parent Item Editor", FieldType::User, true),
              f("ThreadIndex", "Thread Index", FieldType::Text, true),
              f("ItemChildCount", "Item Child Count", FieldType::Integer, true),
              f("DiscussionTitleLookup", "Discussion Title", FieldType::Text, true)};
    default:
      return {};
  }
}

}  // namespace

std::vector<FieldDef> fieldsForTemplate(int baseTemplate) {
  auto fields = standardHead();
  for (auto& fd : templateFields(baseTemplate)) {
    if (fd.internalName == "Checkmark" || fd.internalName == "TrimmedBody" ||
        fd.internalName == "ItemChildCount" || fd.internalName == "DiscussionTitleLookup") {
      fd.readOnly = true;
    }
    fields.push_back(std::move(fd));
  }
  for (auto& fd : standardTail()) fields.push_back(std::move(fd));
  return fields;
}

std::string defaultContentTypeId(int baseTemplate) {
  switch (baseTemplate) {
    case 106: return "0x0102004F51EFDEA49C49668EF9C6744C8CF87D";
    case 105: return "0x010600C4B6CC1FD0C3A74FB9C0B0B3A33E5A79";
    case 171: return "0x0108004F8963A897E4E64A83E990C1B6B65770";
    case 108: return "0x0107002D9E1A62C6B4B74C9BC0C8BB2C2C4E2F";
    default: return "0x0100B0A9D5E0F4C2B44CA2E7E4E1D56C7A2E";
  }
}

std::string defaultContentTypeName(int baseTemplate) {
  switch (baseTemplate) {
    case 106: return "Event";
    case 105: return "Contact";
    case 171: return "Task";
    case 108: return "Message";
    default: return "Item";
  }
}

std::string entityTypeNameFor(const std::string& urlLeaf) {
  std::string out;
  for (std::size_t i = 0; i < urlLeaf.size(); ++i) {
    const char c = urlLeaf[i];
    if (c == ' ') {
      out += "_x0020_";
    } else {
      out.push_back(i == 0 ? static_cast<char>(std::toupper(static_cast<unsigned char>(c))) : c);
    }
  }
  return out + "List";
}

}  // namespace deskpane::emu
