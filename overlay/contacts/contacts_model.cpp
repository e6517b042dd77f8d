#include "overlay/contacts/contacts_model.h"

#include "overlay/contacts/search_fold.h"
#include "overlay/i18n.h"
#include "overlay/plain_text.h"
#include "sync/list_schema.h"

#include <algorithm>
#include <iterator>
#include <cstdio>
#include <ctime>
#include <tuple>
#include <unordered_map>

namespace deskpane::overlay::contacts {

namespace {

namespace f = sync::field;
using sync::ConstContact;

// SharePoint's limit for a single line of text.
constexpr std::size_t kMaxTextLength = 255;

// The phone fields, in the order the row prefers them.
constexpr std::string_view kPhoneFields[] = {f::WorkPhone, f::CellPhone, f::HomePhone, f::WorkFax};

bool isSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }
bool isDigit(char c) { return c >= '0' && c <= '9'; }

std::string_view trim(std::string_view s) {
  while (!s.empty() && isSpace(s.front())) s.remove_prefix(1);
  while (!s.empty() && isSpace(s.back())) s.remove_suffix(1);
  return s;
}

std::string joined(const std::string& a, const std::string& b, const char* sep = " · ") {
  return a.empty() ? b : b.empty() ? a : a + sep + b;
}

// Code points, not bytes: "Müller" is 6 characters long.
std::size_t utf8Length(std::string_view s) {
  return static_cast<std::size_t>(
      std::count_if(s.begin(), s.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

std::string digitsOf(std::string_view s) {
  std::string out;
  for (char c : s)
    if (isDigit(c)) out += c;
  return out;
}

// Only phone punctuation and at least one digit: such a term may be typed
// with other separators than the stored number has.
bool isPhoneTerm(std::string_view term) {
  bool digit = false;
  for (char c : term) {
    if (isDigit(c))
      digit = true;
    else if (std::string_view("+-()./").find(c) == std::string_view::npos)
      return false;
  }
  return digit;
}

std::string labelOf(std::string_view name) {
  const sync::FieldSpec* spec = sync::findField(sync::ListKind::Contacts, name);
  return spec ? std::string(spec->label) : std::string(name);
}

// "Email: …" with the label in the user's language.
std::string problemText(std::string_view field, const std::string& what) {
  return std::string(::gettext(labelOf(field).c_str())) + ": " + what;
}

std::string format(const char* fmt, const std::string& arg) {
  const int n = std::snprintf(nullptr, 0, fmt, arg.c_str());
  std::string out(n > 0 ? static_cast<std::size_t>(n) : 0, '\0');
  std::snprintf(out.data(), out.size() + 1, fmt, arg.c_str());
  return out;
}

// "2024-11-26T12:00:00Z" as "2024-11-26 13:00" in the desktop's zone.
std::string localDateTime(const std::string& iso) {
  std::tm tm{};
  if (std::sscanf(iso.c_str(), "%4d-%2d-%2dT%2d:%2d:%2d", &tm.tm_year, &tm.tm_mon, &tm.tm_mday, &tm.tm_hour,
                  &tm.tm_min, &tm.tm_sec) != 6)
    return iso;
  tm.tm_year -= 1900;
  tm.tm_mon -= 1;
  const std::time_t t = timegm(&tm);
  std::tm local{};
  localtime_r(&t, &local);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%d %H:%M", &local);
  return buf;
}

}  // namespace

std::string displayName(const sync::Item& contact) {
  const ConstContact c(contact);
  std::string name(trim(c.fullName()));
  if (name.empty()) name = std::string(trim(c.company()));
  if (name.empty()) name = std::string(trim(c.email()));
  return name;
}

std::string primaryPhone(const sync::Item& contact) {
  for (std::string_view field : {f::WorkPhone, f::CellPhone, f::HomePhone}) {
    std::string phone(trim(contact.text(field)));
    if (!phone.empty()) return phone;
  }
  return "";
}

ContactRow contactRow(const sync::Item& contact) {
  const ConstContact c(contact);
  ContactRow row;
  row.id = contact.id;
  row.name = displayName(contact);
  if (row.name.empty()) row.name = _("(no name)");
  // A nameless contact shows its company as the name: not twice.
  const std::string company = c.fullName().empty() ? "" : std::string(trim(c.company()));
  row.org = joined(company, std::string(trim(c.jobTitle())));
  // A contact known only by its address shows it once, as its name.
  const std::string email(trim(c.email()));
  row.reach = joined(primaryPhone(contact), email == row.name ? "" : email);
  row.pending = contact.state == sync::LocalState::Dirty || contact.isTemporary();
  row.conflict = contact.state == sync::LocalState::Conflict;
  return row;
}

std::vector<CardLine> cardLines(const sync::Item& contact) {
  std::vector<CardLine> out;
  for (const sync::FieldSpec& spec : sync::listFields(sync::ListKind::Contacts)) {
    if (spec.label.empty()) continue;
    std::string value = contact.text(spec.name);
    if (spec.name == f::Comments)
      value = htmlToPlainText(value);  // the demo and some lists keep HTML here
    else if (spec.type == sync::FieldType::DateTime)
      value = value.empty() ? value : localDateTime(value);
    value = std::string(trim(value));
    if (value.empty()) continue;
    CardLine line{std::string(spec.name), std::string(spec.label), value, ""};
    if (spec.name == f::Email)
      line.link = mailtoUri(value);
    else if (std::find(std::begin(kPhoneFields), std::end(kPhoneFields), spec.name) != std::end(kPhoneFields))
      line.link = telUri(value);
    out.push_back(std::move(line));
  }
  return out;
}

std::string mailtoUri(std::string_view email) {
  email = trim(email);
  if (email.empty()) return "";
  // RFC 6068: the address as it is, with what a URI cannot hold %-escaped.
  static const char* kHex = "0123456789ABCDEF";
  std::string out = "mailto:";
  for (unsigned char c : email) {
    const bool plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || isDigit(static_cast<char>(c)) ||
                       std::string_view("@.-_~!$'*+=").find(static_cast<char>(c)) != std::string_view::npos;
    if (plain) {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

std::string telUri(std::string_view phone) {
  phone = trim(phone);
  std::string number;
  bool separator = false;
  for (std::size_t i = 0; i < phone.size(); ++i) {
    const char c = phone[i];
    if (isDigit(c)) {
      if (separator && !number.empty() && number != "+") number += '-';
      separator = false;
      number += c;
    } else if (c == '+' && number.empty()) {
      number += c;
    } else if (c == 'x' || c == 'X' || (c == 'e' && phone.substr(i, 3) == "ext")) {
      // An extension: ";ext=" followed by its digits.
      const std::string ext = digitsOf(phone.substr(i));
      if (!ext.empty()) number += ";ext=" + ext;
      break;
    } else {
      separator = true;  // spaces, ( ) . / and - are visual separators
    }
  }
  if (digitsOf(number).empty()) return "";
  return "tel:" + number;
}

bool looksLikeEmail(std::string_view email) {
  const std::size_t at = email.find('@');
  if (at == std::string_view::npos || at == 0 || email.find('@', at + 1) != std::string_view::npos) return false;
  const std::string_view local = email.substr(0, at), domain = email.substr(at + 1);
  if (local.front() == '.' || local.back() == '.' || local.find("..") != std::string_view::npos) return false;
  for (unsigned char c : local) {
    const bool ok = c >= 0x80 || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || isDigit(static_cast<char>(c)) ||
                    std::string_view("!#$%&'*+/=?^_`{|}~.-").find(static_cast<char>(c)) != std::string_view::npos;
    if (!ok) return false;
  }
  // Domain: two or more labels of letters, digits and inner hyphens; the last
  // (the top-level domain) at least two characters long.
  std::size_t labels = 0, start = 0;
  while (start <= domain.size()) {
    std::size_t dot = domain.find('.', start);
    if (dot == std::string_view::npos) dot = domain.size();
    const std::string_view label = domain.substr(start, dot - start);
    if (label.empty() || label.front() == '-' || label.back() == '-') return false;
    for (unsigned char c : label) {
      const bool ok = c >= 0x80 || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                      isDigit(static_cast<char>(c)) || c == '-';
      if (!ok) return false;
    }
    ++labels;
    if (dot == domain.size()) return labels >= 2 && utf8Length(label) >= 2;
    start = dot + 1;
  }
  return false;
}

bool looksLikePhone(std::string_view phone) {
  phone = trim(phone);
  // An extension at the end: "x 12", "ext. 12", "ext 12".
  std::string_view number = phone;
  for (std::string_view mark : {"ext.", "ext", "x", "X"}) {
    const std::size_t at = phone.rfind(mark);
    if (at == std::string_view::npos || at == 0) continue;
    const std::string_view ext = trim(phone.substr(at + mark.size()));
    if (!ext.empty() && std::all_of(ext.begin(), ext.end(), isDigit)) {
      number = trim(phone.substr(0, at));
      break;
    }
  }
  int digits = 0;
  for (std::size_t i = 0; i < number.size(); ++i) {
    const char c = number[i];
    if (isDigit(c))
      ++digits;
    else if (c == '+' ? i != 0 : std::string_view(" ()-./").find(c) == std::string_view::npos)
      return false;
  }
  return digits >= 3;
}

std::vector<ContactProblem> validateContact(const sync::Fields& values) {
  std::vector<ContactProblem> problems;
  auto text = [&](std::string_view name) -> std::string {
    const auto it = values.find(name);
    if (it == values.end()) return "";
    const auto* s = std::get_if<std::string>(&it->second);
    return s ? std::string(trim(*s)) : std::string();
  };
  for (const sync::FieldSpec& spec : sync::listFields(sync::ListKind::Contacts)) {
    if (!spec.editable) continue;
    const std::string value = text(spec.name);
    if (spec.required && value.empty()) {
      problems.push_back({std::string(spec.name), problemText(spec.name, _("required"))});
    } else if (value.empty()) {
      continue;
    } else if (spec.name == f::Email && !looksLikeEmail(value)) {
      problems.push_back({std::string(spec.name),
                          problemText(spec.name, format(_("\"%s\" is not an email address (like name@example.com)"),
                                                        value))});
    } else if (std::find(std::begin(kPhoneFields), std::end(kPhoneFields), spec.name) != std::end(kPhoneFields) &&
               !looksLikePhone(value)) {
      problems.push_back(
          {std::string(spec.name),
           problemText(spec.name, format(_("\"%s\" is not a phone number (digits, spaces and + ( ) - . / only)"),
                                         value))});
    } else if (spec.type == sync::FieldType::Text && utf8Length(value) > kMaxTextLength) {
      problems.push_back({std::string(spec.name), problemText(spec.name, _("at most 255 characters"))});
    }
  }
  return problems;
}

std::vector<std::string> editorFields() {
  std::vector<std::string> names;
  for (const sync::FieldSpec& spec : sync::listFields(sync::ListKind::Contacts))
    if (spec.editable && !spec.label.empty()) names.emplace_back(spec.name);
  return names;
}

sync::Fields trimmedFields(sync::Fields values) {
  for (auto& [name, value] : values)
    if (auto* s = std::get_if<std::string>(&value)) *s = std::string(trim(*s));
  return values;
}

// ---------------------------------------------------------------- the list

void ContactsModel::setItems(const std::vector<sync::Item>& items) {
  // Sorted through an index, so that the sort keys live only while sorting.
  std::vector<std::string> keys(items.size());
  std::vector<std::size_t> order(items.size());
  for (std::size_t i = 0; i < items.size(); ++i) {
    order[i] = i;
    std::string& key = keys[i];
    const ConstContact c(items[i]);
    const std::string last(trim(c.lastName())), first(trim(c.firstName()));
    if (!last.empty() || !first.empty()) {
      appendFolded(key, last);
      key += '\x01';
      appendFolded(key, first);
      key += '\x01';
    }
    appendFolded(key, displayName(items[i]));  // nameless: by company, then email
  }
  std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    return std::tie(keys[a], items[a].id) < std::tie(keys[b], items[b].id);
  });
  keys = {};
  // The search texts, back to back in display order.
  std::vector<Entry> entries(items.size());
  haystacks_.clear();
  digits_.clear();
  for (std::size_t k = 0; k < order.size(); ++k) {
    const sync::Item& item = items[order[k]];
    Entry& e = entries[k];
    e.row = contactRow(item);
    e.hay = haystacks_.size();
    for (std::string_view name : {f::FirstName, f::Title, f::FullName, f::Company, f::JobTitle, f::Email}) {
      if (const auto* v = item.find(name); v && std::holds_alternative<std::string>(*v))
        appendFolded(haystacks_, std::get<std::string>(*v));
      haystacks_ += '\x1f';
    }
    e.dig = digits_.size();
    for (std::string_view name : kPhoneFields) {
      const auto* v = item.find(name);
      if (!v || !std::holds_alternative<std::string>(*v)) continue;
      const std::string& phone = std::get<std::string>(*v);
      if (phone.empty()) continue;
      haystacks_ += phone;
      haystacks_ += '\x1f';
      for (char ch : phone)
        if (isDigit(ch)) digits_ += ch;
      digits_ += '\x1f';
    }
    e.hayEnd = haystacks_.size();
    e.digEnd = digits_.size();
  }
  haystacks_.shrink_to_fit();
  digits_.shrink_to_fit();
  entries_ = std::move(entries);
  searchAll();
}

void ContactsModel::setQuery(std::string_view query) {
  const std::vector<std::string> previousTerms = terms_;
  query_ = std::string(query);
  terms_.clear();
  digitTerms_.clear();
  const std::string folded = foldForSearch(query);
  std::size_t i = 0;
  // Control characters (a pasted tab, the texts' own separators) split terms.
  auto separator = [](char c) { return static_cast<unsigned char>(c) <= ' '; };
  while (i < folded.size()) {
    while (i < folded.size() && separator(folded[i])) ++i;
    std::size_t end = i;
    while (end < folded.size() && !separator(folded[end])) ++end;
    if (end > i) {
      terms_.push_back(folded.substr(i, end - i));
      digitTerms_.push_back(isPhoneTerm(terms_.back()) ? digitsOf(terms_.back()) : "");
    }
    i = end;
  }
  // Typing on narrows what is shown: when every earlier term is still part of
  // one now, only the contacts shown so far need a look.
  bool narrowing = !previousTerms.empty() && terms_.size() >= previousTerms.size();
  for (std::size_t t = 0; narrowing && t < previousTerms.size(); ++t)
    // (a term matched by its digits narrows only an earlier term that was too)
    narrowing = terms_[t].find(previousTerms[t]) != std::string::npos &&
                (digitTerms_[t].empty() || isPhoneTerm(previousTerms[t]));
  if (!narrowing) {
    searchAll();
    return;
  }
  std::vector<std::size_t> kept;
  kept.reserve(shown_.size());
  for (std::size_t idx : shown_)
    if (matches(entries_[idx])) kept.push_back(idx);
  shown_ = std::move(kept);
}

void ContactsModel::collect(const std::string& text, const std::string& term, bool digitsText,
                            std::vector<std::size_t>& out) const {
  std::size_t k = 0;
  for (std::size_t pos = text.find(term); pos != std::string::npos && k < entries_.size();) {
    // Positions only grow: walk the entries along with them.
    while (k < entries_.size() && (digitsText ? entries_[k].digEnd : entries_[k].hayEnd) <= pos) ++k;
    if (k == entries_.size()) break;
    out.push_back(k);
    pos = text.find(term, digitsText ? entries_[k].digEnd : entries_[k].hayEnd);
    ++k;
  }
}

void ContactsModel::searchAll() {
  shown_.clear();
  if (terms_.empty()) {
    shown_.resize(entries_.size());
    for (std::size_t k = 0; k < entries_.size(); ++k) shown_[k] = k;
    return;
  }
  std::vector<std::size_t> found;
  collect(haystacks_, terms_[0], false, found);
  if (!digitTerms_[0].empty()) {
    std::vector<std::size_t> byDigits, merged;
    collect(digits_, digitTerms_[0], true, byDigits);
    std::set_union(found.begin(), found.end(), byDigits.begin(), byDigits.end(), std::back_inserter(merged));
    found = std::move(merged);
  }
  shown_.reserve(found.size());
  for (std::size_t k : found)
    if (terms_.size() == 1 || matches(entries_[k])) shown_.push_back(k);
}

bool ContactsModel::matches(const Entry& e) const {
  const std::string_view hay(haystacks_.data() + e.hay, e.hayEnd - e.hay);
  const std::string_view dig(digits_.data() + e.dig, e.digEnd - e.dig);
  for (std::size_t t = 0; t < terms_.size(); ++t) {
    if (hay.find(terms_[t]) != std::string_view::npos) continue;
    if (!digitTerms_[t].empty() && dig.find(digitTerms_[t]) != std::string_view::npos) continue;
    return false;
  }
  return true;
}

std::vector<std::int64_t> ContactsModel::shownIds() const {
  std::vector<std::int64_t> ids;
  ids.reserve(shown_.size());
  for (std::size_t idx : shown_) ids.push_back(entries_[idx].row.id);
  return ids;
}

const ContactRow* ContactsModel::find(std::int64_t id) const {
  for (const auto& e : entries_)
    if (e.row.id == id) return &e.row;
  return nullptr;
}

std::vector<const sync::Item*> itemsInOrder(const std::vector<sync::Item>& items, const std::vector<std::int64_t>& ids) {
  std::unordered_map<std::int64_t, const sync::Item*> byId;
  byId.reserve(items.size());
  for (const auto& item : items) byId.emplace(item.id, &item);
  std::vector<const sync::Item*> out;
  out.reserve(ids.size());
  for (std::int64_t id : ids)
    if (const auto it = byId.find(id); it != byId.end()) out.push_back(it->second);
  return out;
}

}  // namespace deskpane::overlay::contacts
