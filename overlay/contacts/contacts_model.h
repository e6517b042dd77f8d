#pragma once
// The Contacts pane as data (SharePoint Contacts list, template 105): the
// cached items sorted by name, search-as-you-type over name, company, email
// and phone (case- and diacritic-insensitive, search_fold.h), what a row and
// the detail card say, the mailto:/tel: links, and the editor's validation.
// No toolkit here: contacts_view.cpp draws what this computes and
// tests/unit/panes/contacts/ checks it headless, from fixture files.
#include "sync/item.h"

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace deskpane::overlay::contacts {

// One line of the list: "Jürgen Müller" / "Müller GmbH · Einkaufsleiter" /
// "+49 30 1234567 · juergen.mueller@mueller-gmbh.de".
struct ContactRow {
  std::int64_t id = 0;
  std::string name;  // FullName, else "First Last", else company, else email
  std::string org;   // company · job title (either may be missing)
  std::string reach; // primary phone · email
  bool pending = false;   // a local change waiting for upload
  bool conflict = false;
};

// One line of the detail card. `link` is what a click opens (mailto:, tel:),
// empty for plain values.
struct CardLine {
  std::string field;  // internal name ("Email")
  std::string label;  // English label from sync/list_schema (translate to show)
  std::string value;  // plain text, may hold line breaks (address, notes)
  std::string link;
};

// A problem the editor names: the field's internal name and the message.
struct ContactProblem {
  std::string field;
  std::string message;
};

std::string displayName(const sync::Item& contact);
// Business phone, else mobile, else home.
std::string primaryPhone(const sync::Item& contact);
ContactRow contactRow(const sync::Item& contact);
// Every field of the list's schema that has a value, in the schema's order
// (names first, then company, email, phones, address, notes, dates).
std::vector<CardLine> cardLines(const sync::Item& contact);

// "mailto:a%20b@example.com"; "" for an empty address.
std::string mailtoUri(std::string_view email);
// RFC 3966: "+49 (30) 123 45" -> "tel:+49-30-123-45"; "" when it has no digit.
std::string telUri(std::string_view phone);

// The editor's checks, in the form's field order: Last name given (SharePoint
// requires Title), email shaped like name@example.com, phones made of phone
// characters (digits, spaces, + ( ) - . / and an extension "x 12"), one-line
// texts within SharePoint's 255 characters. Empty when all is well.
std::vector<ContactProblem> validateContact(const sync::Fields& values);
bool looksLikeEmail(std::string_view email);
bool looksLikePhone(std::string_view phone);

// What the editor offers, in its order: the list's editable, labelled fields.
std::vector<std::string> editorFields();

// Text values with surrounding white space removed (what the editor saves).
sync::Fields trimmedFields(sync::Fields values);

// The items among `items` whose ids are `ids`, in the order of `ids` (an id
// with no item is skipped): the shown contacts for the vCard export, read
// from the cache when the user asks for them.
std::vector<const sync::Item*> itemsInOrder(const std::vector<sync::Item>& items, const std::vector<std::int64_t>& ids);

// The list: items sorted by last name, first name, company (folded, so
// "Ødegaard" sorts with the O's), and the ones the query shows. Each item's
// search text is folded once in setItems, so a keystroke only scans.
// The model keeps each contact's row and search text, not the item: 10,000
// cached items with all their fields cost tens of megabytes, and only the
// open card needs every field (the view reads that one from the cache).
class ContactsModel {
 public:
  void setItems(const std::vector<sync::Item>& items);
  // Whitespace-separated terms, each of which must occur in a contact's
  // name, company, job title, email or phones; a term made of phone
  // characters also matches by its digits alone, so "30-123" finds
  // "+49 30 1234567".
  void setQuery(std::string_view query);
  const std::string& query() const { return query_; }

  std::size_t total() const { return entries_.size(); }
  std::size_t shownCount() const { return shown_.size(); }
  // The shown contacts' ids, in display order.
  std::vector<std::int64_t> shownIds() const;
  const ContactRow& row(std::size_t index) const { return entries_[shown_[index]].row; }
  // Any cached contact's row by id (shown or not); nullptr when there is none.
  const ContactRow* find(std::int64_t id) const;

 private:
  struct Entry {
    ContactRow row;
    // This contact's folded fields in haystacks_ and its phones' digits in
    // digits_, each field closed by '\x1f' (so no match spans two fields).
    std::size_t hay = 0, hayEnd = 0, dig = 0, digEnd = 0;
  };
  bool matches(const Entry& e) const;
  // Every contact that matches, in display order, scanning the joined texts
  // for the first term (one pass over contiguous memory) and checking the
  // others on the contacts it found.
  void searchAll();
  // Indices of the entries whose [begin, end) range in `text` holds `term`.
  void collect(const std::string& text, const std::string& term, bool digitsText, std::vector<std::size_t>& out) const;

  std::vector<Entry> entries_;
  std::string haystacks_;
  std::string digits_;
  std::vector<std::size_t> shown_;  // indices into entries_
  std::string query_;
  std::vector<std::string> terms_;       // folded
  std::vector<std::string> digitTerms_;  // per term: its digits when it is a phone term, else ""
};

}  // namespace deskpane::overlay::contacts
