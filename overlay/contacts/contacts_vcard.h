#pragma once
// Contacts as vCard 4.0 (RFC 6350): UTF-8, CRLF line ends, values escaped
// (\\ \, \; \n), lines folded at 75 octets without splitting a character.
// What the pane's menu exports (the contacts it shows) and what
// `deskpane --export-vcf FILE` writes (every cached contact).
#include "sync/item.h"

#include <ostream>
#include <string>
#include <string_view>
#include <vector>

namespace deskpane::overlay::contacts {

// One BEGIN:VCARD ... END:VCARD block.
std::string vcardOf(const sync::Item& contact);
// The blocks of `contacts`, in their order.
std::string vcardsOf(const std::vector<const sync::Item*>& contacts);

// A text value escaped for a property (RFC 6350 §3.4): backslash, comma and
// semicolon get a backslash, a line break becomes "\n".
std::string escapeValue(std::string_view text);
// One content line (without its CRLF) folded: CRLF + one space before every
// further 74 octets, never inside a UTF-8 sequence.
std::string foldLine(std::string_view line);

// Writes `text` to `path` (replacing it). Empty on success, else why not.
std::string writeFile(const std::string& path, const std::string& text);

// `deskpane --export-vcf FILE`: every contact in the cache at `cachePath`
// into FILE, sorted as the pane sorts them. Without a cache (or one that never
// held the Contacts list) it says so on `err` and returns 1; otherwise prints
// "deskpane: exported N contacts to FILE" on `out` and returns 0.
int runExportVcfCommand(const std::string& cachePath, const std::string& file, std::ostream& out, std::ostream& err);

}  // namespace deskpane::overlay::contacts
