#pragma once
// The cached copy of one SharePoint list item, and typed views over it.
// Field names are SharePoint's REST internal names (shared/sharepoint-rest.md §5);
// dates are ISO-8601 UTC strings exactly as REST returns them ("2024-01-05T09:00:00Z").
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <variant>

namespace deskpane::sync {

// null, bool, integer, number, text (dates are text).
using FieldValue = std::variant<std::monostate, bool, std::int64_t, double, std::string>;
// Sorted so that JSON text and diffs are deterministic; transparent lookups by string_view.
using Fields = std::map<std::string, FieldValue, std::less<>>;

// Equal as SharePoint would see them: a missing field equals null, and 1 == 1.0.
bool sameValue(const FieldValue& a, const FieldValue& b);
// A readable rendering for conflict lists and logs ("null", "true", "42", "text").
std::string displayValue(const FieldValue& v);

enum class LocalState {
  Clean,     // equal to the last server version seen
  Dirty,     // local edits waiting in the outbox
  Deleted,   // deleted locally, delete waiting in the outbox
  Conflict,  // has unresolved conflicts (see Store::conflicts)
};
std::string_view localStateName(LocalState s);

// Parses the version out of any ETag form SharePoint sends: "\"4\"", "4",
// "\"guid,4\"", "{GUID},4". nullopt when there is no number.
std::optional<std::int64_t> etagVersion(std::string_view etag);

struct Item {
  std::int64_t id = 0;   // SharePoint ID; negative = local create not yet pushed
  std::string uniqueId;  // SharePoint GUID, or the client GUID of a local create
  std::string etag;      // as SharePoint sends it, e.g. "\"3\""
  std::string modified;  // ISO-8601 UTC
  Fields fields;
  LocalState state = LocalState::Clean;

  bool isTemporary() const { return id < 0; }
  bool has(std::string_view name) const;
  const FieldValue* find(std::string_view name) const;
  // Lenient typed reads: SharePoint sends Checkmark as "1", numbers as ints or doubles.
  std::string text(std::string_view name) const;  // "" when null or missing
  std::optional<std::int64_t> integer(std::string_view name) const;
  std::optional<double> number(std::string_view name) const;
  bool flag(std::string_view name) const;  // false when null or missing
  void set(std::string_view name, FieldValue value);
};

namespace field {
inline constexpr std::string_view Title = "Title";
inline constexpr std::string_view Body = "Body";
// Events (106)
inline constexpr std::string_view EventDate = "EventDate";
inline constexpr std::string_view EndDate = "EndDate";
inline constexpr std::string_view AllDayEvent = "fAllDayEvent";
inline constexpr std::string_view Recurrence = "fRecurrence";
inline constexpr std::string_view RecurrenceData = "RecurrenceData";
inline constexpr std::string_view EventType = "EventType";
inline constexpr std::string_view MasterSeriesItemID = "MasterSeriesItemID";
inline constexpr std::string_view RecurrenceID = "RecurrenceID";
inline constexpr std::string_view UID = "UID";
inline constexpr std::string_view Location = "Location";
inline constexpr std::string_view Description = "Description";
inline constexpr std::string_view Category = "Category";
// Contacts (105); Title is the last name
inline constexpr std::string_view FirstName = "FirstName";
inline constexpr std::string_view FullName = "FullName";
inline constexpr std::string_view Email = "Email";
inline constexpr std::string_view Company = "Company";
inline constexpr std::string_view JobTitle = "JobTitle";
inline constexpr std::string_view WorkPhone = "WorkPhone";
inline constexpr std::string_view HomePhone = "HomePhone";
inline constexpr std::string_view CellPhone = "CellPhone";
inline constexpr std::string_view WorkFax = "WorkFax";
inline constexpr std::string_view WorkAddress = "WorkAddress";
inline constexpr std::string_view WorkCity = "WorkCity";
inline constexpr std::string_view WorkState = "WorkState";
inline constexpr std::string_view WorkZip = "WorkZip";
inline constexpr std::string_view WorkCountry = "WorkCountry";
inline constexpr std::string_view Comments = "Comments";
// Tasks (171/107)
inline constexpr std::string_view Status = "Status";
inline constexpr std::string_view Priority = "Priority";
inline constexpr std::string_view PercentComplete = "PercentComplete";
inline constexpr std::string_view DueDate = "DueDate";
inline constexpr std::string_view StartDate = "StartDate";
inline constexpr std::string_view Checkmark = "Checkmark";
// Notes (100): a custom column holding the card colour
inline constexpr std::string_view Color = "Color";
// Discussion board (108)
inline constexpr std::string_view ParentItemID = "ParentItemID";
inline constexpr std::string_view ParentFolderId = "ParentFolderId";
inline constexpr std::string_view DiscussionLastUpdated = "DiscussionLastUpdated";
inline constexpr std::string_view LastReplyBy = "LastReplyBy";
inline constexpr std::string_view IsQuestion = "IsQuestion";
inline constexpr std::string_view FileSystemObjectType = "FileSystemObjectType";
// Flattened "$expand=Author,Editor&$select=Author/Title": the client stores them under these names.
inline constexpr std::string_view AuthorTitle = "Author/Title";
inline constexpr std::string_view EditorTitle = "Editor/Title";
// Common
inline constexpr std::string_view Created = "Created";
inline constexpr std::string_view Modified = "Modified";
}  // namespace field

// Typed views. `ItemT` is Item (read/write) or const Item (read only): a setter
// on a const view does not compile. Views borrow the item; they never own it.
template <class ItemT>
class ItemView {
 public:
  explicit ItemView(ItemT& item) : item_(item) {}
  ItemT& item() const { return item_; }
  std::string title() const { return item_.text(field::Title); }
  void setTitle(std::string v) const { setText(field::Title, std::move(v)); }

 protected:
  void setText(std::string_view name, std::string v) const { item_.set(name, std::move(v)); }
  // Empty text is stored as null, which is how SharePoint clears a date/optional field.
  void setOptionalText(std::string_view name, std::string v) const {
    if (v.empty())
      item_.set(name, std::monostate{});
    else
      item_.set(name, std::move(v));
  }
  ItemT& item_;
};

template <class ItemT>
class EventT : public ItemView<ItemT> {
 public:
  enum Type : int { Single = 0, RecurringMaster = 1, DeletedOccurrence = 3, ChangedOccurrence = 4 };
  using ItemView<ItemT>::ItemView;
  std::string eventDate() const { return this->item_.text(field::EventDate); }
  std::string endDate() const { return this->item_.text(field::EndDate); }
  bool allDay() const { return this->item_.flag(field::AllDayEvent); }
  bool recurrence() const { return this->item_.flag(field::Recurrence); }
  std::string recurrenceData() const { return this->item_.text(field::RecurrenceData); }
  int eventType() const { return static_cast<int>(this->item_.integer(field::EventType).value_or(0)); }
  std::optional<std::int64_t> masterSeriesItemId() const { return this->item_.integer(field::MasterSeriesItemID); }
  std::string recurrenceId() const { return this->item_.text(field::RecurrenceID); }
  std::string uid() const { return this->item_.text(field::UID); }
  std::string location() const { return this->item_.text(field::Location); }
  std::string description() const { return this->item_.text(field::Description); }
  std::string category() const { return this->item_.text(field::Category); }

  void setEventDate(std::string v) const { this->setText(field::EventDate, std::move(v)); }
  void setEndDate(std::string v) const { this->setText(field::EndDate, std::move(v)); }
  void setAllDay(bool v) const { this->item_.set(field::AllDayEvent, v); }
  void setRecurrence(bool v) const { this->item_.set(field::Recurrence, v); }
  void setRecurrenceData(std::string v) const { this->setOptionalText(field::RecurrenceData, std::move(v)); }
  void setEventType(int v) const { this->item_.set(field::EventType, std::int64_t{v}); }
  void setMasterSeriesItemId(std::optional<std::int64_t> v) const {
    this->item_.set(field::MasterSeriesItemID, v ? FieldValue{*v} : FieldValue{});
  }
  void setRecurrenceId(std::string v) const { this->setOptionalText(field::RecurrenceID, std::move(v)); }
  void setUid(std::string v) const { this->setOptionalText(field::UID, std::move(v)); }
  void setLocation(std::string v) const { this->setText(field::Location, std::move(v)); }
  void setDescription(std::string v) const { this->setText(field::Description, std::move(v)); }
  void setCategory(std::string v) const { this->setOptionalText(field::Category, std::move(v)); }
};

template <class ItemT>
class ContactT : public ItemView<ItemT> {
 public:
  using ItemView<ItemT>::ItemView;
  std::string lastName() const { return this->item_.text(field::Title); }
  std::string firstName() const { return this->item_.text(field::FirstName); }
  // FullName when the server filled it, else "First Last".
  std::string fullName() const {
    auto full = this->item_.text(field::FullName);
    if (!full.empty()) return full;
    auto first = firstName(), last = lastName();
    return first.empty() ? last : last.empty() ? first : first + " " + last;
  }
  std::string email() const { return this->item_.text(field::Email); }
  std::string company() const { return this->item_.text(field::Company); }
  std::string jobTitle() const { return this->item_.text(field::JobTitle); }
  std::string workPhone() const { return this->item_.text(field::WorkPhone); }
  std::string cellPhone() const { return this->item_.text(field::CellPhone); }
  std::string homePhone() const { return this->item_.text(field::HomePhone); }
  std::string workFax() const { return this->item_.text(field::WorkFax); }
  std::string workAddress() const { return this->item_.text(field::WorkAddress); }
  std::string workCity() const { return this->item_.text(field::WorkCity); }
  std::string workState() const { return this->item_.text(field::WorkState); }
  std::string workZip() const { return this->item_.text(field::WorkZip); }
  std::string workCountry() const { return this->item_.text(field::WorkCountry); }
  std::string comments() const { return this->item_.text(field::Comments); }

  void setLastName(std::string v) const { this->setText(field::Title, std::move(v)); }
  void setFirstName(std::string v) const { this->setText(field::FirstName, std::move(v)); }
  void setFullName(std::string v) const { this->setText(field::FullName, std::move(v)); }
  void setEmail(std::string v) const { this->setText(field::Email, std::move(v)); }
  void setCompany(std::string v) const { this->setText(field::Company, std::move(v)); }
  void setJobTitle(std::string v) const { this->setText(field::JobTitle, std::move(v)); }
  void setWorkPhone(std::string v) const { this->setText(field::WorkPhone, std::move(v)); }
  void setCellPhone(std::string v) const { this->setText(field::CellPhone, std::move(v)); }
  void setHomePhone(std::string v) const { this->setText(field::HomePhone, std::move(v)); }
  void setWorkFax(std::string v) const { this->setText(field::WorkFax, std::move(v)); }
  void setWorkAddress(std::string v) const { this->setText(field::WorkAddress, std::move(v)); }
  void setWorkCity(std::string v) const { this->setText(field::WorkCity, std::move(v)); }
  void setWorkState(std::string v) const { this->setText(field::WorkState, std::move(v)); }
  void setWorkZip(std::string v) const { this->setText(field::WorkZip, std::move(v)); }
  void setWorkCountry(std::string v) const { this->setText(field::WorkCountry, std::move(v)); }
  void setComments(std::string v) const { this->setText(field::Comments, std::move(v)); }
};

template <class ItemT>
class TaskT : public ItemView<ItemT> {
 public:
  using ItemView<ItemT>::ItemView;
  std::string status() const { return this->item_.text(field::Status); }
  std::string priority() const { return this->item_.text(field::Priority); }
  double percentComplete() const { return this->item_.number(field::PercentComplete).value_or(0.0); }
  std::string dueDate() const { return this->item_.text(field::DueDate); }
  std::string startDate() const { return this->item_.text(field::StartDate); }
  std::string body() const { return this->item_.text(field::Body); }
  // Completed when SharePoint's computed Checkmark says so or Status is "Completed".
  bool completed() const { return this->item_.flag(field::Checkmark) || status() == "Completed"; }

  void setStatus(std::string v) const { this->setText(field::Status, std::move(v)); }
  void setPriority(std::string v) const { this->setText(field::Priority, std::move(v)); }
  void setPercentComplete(double v) const {
    this->item_.set(field::PercentComplete, v < 0.0 ? 0.0 : v > 1.0 ? 1.0 : v);
  }
  void setDueDate(std::string v) const { this->setOptionalText(field::DueDate, std::move(v)); }
  void setStartDate(std::string v) const { this->setOptionalText(field::StartDate, std::move(v)); }
  void setBody(std::string v) const { this->setText(field::Body, std::move(v)); }
  // Checkmark is computed by the server; completing a task means Status + 100 %.
  void setCompleted(bool done) const {
    setStatus(done ? "Completed" : "Not Started");
    setPercentComplete(done ? 1.0 : 0.0);
  }
};

template <class ItemT>
class NoteT : public ItemView<ItemT> {
 public:
  using ItemView<ItemT>::ItemView;
  std::string body() const { return this->item_.text(field::Body); }
  std::string color() const { return this->item_.text(field::Color); }
  void setBody(std::string v) const { this->setText(field::Body, std::move(v)); }
  void setColor(std::string v) const { this->setOptionalText(field::Color, std::move(v)); }
};

template <class ItemT>
class MessageT : public ItemView<ItemT> {
 public:
  using ItemView<ItemT>::ItemView;
  std::string body() const { return this->item_.text(field::Body); }
  // A discussion (thread) is a folder item; a reply is a plain item inside it.
  bool isDiscussion() const { return this->item_.integer(field::FileSystemObjectType).value_or(0) == 1; }
  std::optional<std::int64_t> parentItemId() const { return this->item_.integer(field::ParentItemID); }
  std::optional<std::int64_t> parentFolderId() const { return this->item_.integer(field::ParentFolderId); }
  std::string discussionLastUpdated() const { return this->item_.text(field::DiscussionLastUpdated); }
  std::string author() const { return this->item_.text(field::AuthorTitle); }
  std::string editor() const { return this->item_.text(field::EditorTitle); }
  std::string created() const { return this->item_.text(field::Created); }
  bool isQuestion() const { return this->item_.flag(field::IsQuestion); }

  void setBody(std::string v) const { this->setText(field::Body, std::move(v)); }
  void setDiscussion(bool thread) const { this->item_.set(field::FileSystemObjectType, std::int64_t{thread ? 1 : 0}); }
  void setParentItemId(std::optional<std::int64_t> v) const {
    this->item_.set(field::ParentItemID, v ? FieldValue{*v} : FieldValue{});
  }
  void setIsQuestion(bool v) const { this->item_.set(field::IsQuestion, v); }
};

using Event = EventT<Item>;
using ConstEvent = EventT<const Item>;
using Contact = ContactT<Item>;
using ConstContact = ContactT<const Item>;
using Task = TaskT<Item>;
using ConstTask = TaskT<const Item>;
using Note = NoteT<Item>;
using ConstNote = NoteT<const Item>;
using Message = MessageT<Item>;
using ConstMessage = MessageT<const Item>;

}  // namespace deskpane::sync
