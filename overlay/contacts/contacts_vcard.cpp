#include "overlay/contacts/contacts_vcard.h"

#include "overlay/contacts/contacts_model.h"
#include "overlay/plain_text.h"
#include "sync/store.h"

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>

namespace deskpane::overlay::contacts {

namespace {

namespace f = sync::field;

constexpr std::size_t kMaxLineOctets = 75;

void addLine(std::string& out, std::string_view line) {
  out += foldLine(line);
  out += "\r\n";
}

// "2024-11-26T12:00:00Z" (fraction allowed) -> "20241126T120000Z" (RFC 6350 §4.3.5).
std::string timestamp(const std::string& iso) {
  std::string out;
  for (char c : iso) {
    if (c == '.' || c == 'Z' || c == '+') break;
    if (c != '-' && c != ':') out += c;
  }
  return out.size() == 15 ? out + "Z" : "";
}

// "{6F9619FF-8B86-D011-B42D-00CF4FC964FF}" -> "urn:uuid:6f9619ff-8b86-d011-b42d-00cf4fc964ff".
std::string uidOf(const sync::Item& contact) {
  std::string guid = contact.uniqueId.empty() ? contact.text("GUID") : contact.uniqueId;
  std::string out;
  for (char c : guid) {
    if (c == '{' || c == '}') continue;
    out += static_cast<char>(c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c);
  }
  return out.empty() ? "" : "urn:uuid:" + out;
}

// A phone as TEL: a global number ("+49 30 …") as a tel: URI, which RFC 6350
// prefers; a local one as text, since a tel: URI would need its context.
void addPhone(std::string& out, const std::string& phone, const char* types) {
  if (phone.empty()) return;
  const std::string uri = telUri(phone);
  if (!uri.empty() && phone.front() == '+')
    addLine(out, std::string("TEL;VALUE=uri;TYPE=") + types + ":" + uri);
  else
    addLine(out, std::string("TEL;TYPE=") + types + ":" + escapeValue(phone));
}

}  // namespace

std::string escapeValue(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    switch (c) {
      case '\\': out += "\\\\"; break;
      case ',': out += "\\,"; break;
      case ';': out += "\\;"; break;
      case '\r':
        if (i + 1 < text.size() && text[i + 1] == '\n') ++i;
        out += "\\n";
        break;
      case '\n': out += "\\n"; break;
      default: out += c;
    }
  }
  return out;
}

std::string foldLine(std::string_view line) {
  std::string out;
  out.reserve(line.size() + line.size() / 70 * 3);
  std::size_t room = kMaxLineOctets;  // the first line has no leading space
  while (line.size() > room) {
    std::size_t cut = room;
    // Back off to the first byte of a UTF-8 sequence.
    while (cut > 0 && (static_cast<unsigned char>(line[cut]) & 0xC0) == 0x80) --cut;
    out.append(line.substr(0, cut));
    out += "\r\n ";
    line.remove_prefix(cut);
    room = kMaxLineOctets - 1;
  }
  out.append(line);
  return out;
}

std::string vcardOf(const sync::Item& contact) {
  const sync::ConstContact c(contact);
  std::string out;
  addLine(out, "BEGIN:VCARD");
  addLine(out, "VERSION:4.0");
  addLine(out, "PRODID:-//deskpane//Contacts pane//EN");
  if (const std::string uid = uidOf(contact); !uid.empty()) addLine(out, "UID:" + uid);
  addLine(out, "FN:" + escapeValue(displayName(contact)));
  if (!c.lastName().empty() || !c.firstName().empty())
    addLine(out, "N:" + escapeValue(c.lastName()) + ";" + escapeValue(c.firstName()) + ";;;");
  if (!c.company().empty()) addLine(out, "ORG:" + escapeValue(c.company()));
  if (!c.jobTitle().empty()) addLine(out, "TITLE:" + escapeValue(c.jobTitle()));
  if (!c.email().empty()) addLine(out, "EMAIL;TYPE=work:" + escapeValue(c.email()));
  addPhone(out, c.workPhone(), "work,voice");
  addPhone(out, c.cellPhone(), "cell,voice");
  addPhone(out, c.homePhone(), "home,voice");
  addPhone(out, c.workFax(), "work,fax");
  // ADR: PO box; extended address; street; locality; region; postal code; country.
  if (!(c.workAddress() + c.workCity() + c.workState() + c.workZip() + c.workCountry()).empty())
    addLine(out, "ADR;TYPE=work:;;" + escapeValue(c.workAddress()) + ";" + escapeValue(c.workCity()) + ";" +
                     escapeValue(c.workState()) + ";" + escapeValue(c.workZip()) + ";" + escapeValue(c.workCountry()));
  if (const std::string note = htmlToPlainText(c.comments()); !note.empty()) addLine(out, "NOTE:" + escapeValue(note));
  const std::string modified = contact.modified.empty() ? contact.text(f::Modified) : contact.modified;
  if (const std::string rev = timestamp(modified); !rev.empty()) addLine(out, "REV:" + rev);
  addLine(out, "END:VCARD");
  return out;
}

std::string vcardsOf(const std::vector<const sync::Item*>& contacts) {
  std::string out;
  for (const sync::Item* c : contacts) out += vcardOf(*c);
  return out;
}

std::string writeFile(const std::string& path, const std::string& text) {
  std::ofstream file(path, std::ios::binary | std::ios::trunc);
  if (file) file.write(text.data(), static_cast<std::streamsize>(text.size()));
  if (file) file.close();
  if (!file) return path + ": " + std::strerror(errno ? errno : EIO);
  return "";
}

int runExportVcfCommand(const std::string& cachePath, const std::string& file, std::ostream& out, std::ostream& err) {
  std::error_code ec;
  if (!std::filesystem::exists(cachePath, ec)) {
    err << "deskpane: no cache at " << cachePath
        << ": nothing to export (start deskpane or run deskpane --sync first)\n";
    return 1;
  }
  auto store = sync::Store::open(cachePath);
  if (!store) {
    err << "deskpane: cannot open the cache " << cachePath << ": " << store.error().message << "\n";
    return 1;
  }
  ContactsModel model;
  std::vector<sync::Item> items;
  try {
    if (!store->list(sync::ListKind::Contacts) && store->count(sync::ListKind::Contacts) == 0) {
      err << "deskpane: the cache " << cachePath
          << " holds no Contacts list: nothing to export (bind one in Settings and sync first)\n";
      return 1;
    }
    items = store->items(sync::ListKind::Contacts);
    model.setItems(items);
  } catch (const std::exception& e) {
    err << "deskpane: cache error: " << e.what() << "\n";
    return 1;
  }
  if (const std::string error = writeFile(file, vcardsOf(itemsInOrder(items, model.shownIds()))); !error.empty()) {
    err << "deskpane: cannot write " << error << "\n";
    return 1;
  }
  out << "deskpane: exported " << model.total() << " contacts to " << file << "\n";
  return 0;
}

}  // namespace deskpane::overlay::contacts
