// The Contacts pane's model against fixture files (as KDE's PIM tests do):
// fixtures/contacts.jsonl holds the items; rows.expected, search.txt,
// validation.txt and export.vcf what the model must make of them.
#include "overlay/contacts/contacts_model.h"
#include "overlay/contacts/contacts_vcard.h"
#include "overlay/contacts/search_fold.h"
#include "sync/item_json.h"
#include "sync/store.h"
#include "tests/support/temp_dir.h"
#include "tests/support/files.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <ctime>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace deskpane::overlay::contacts {
namespace {

const std::string kFixtures = std::string(DESKPANE_SOURCE_DIR) + "/tests/unit/panes/contacts/fixtures/";

using deskpane::test::readFile;

// Non-empty lines that are not "# comments".
std::vector<std::string> fixtureLines(const std::string& name) {
  std::vector<std::string> lines;
  std::istringstream in(readFile(kFixtures + name));
  for (std::string line; std::getline(in, line);)
    if (!line.empty() && line[0] != '#') lines.push_back(line);
  EXPECT_FALSE(lines.empty()) << "no fixture " << name;
  return lines;
}

sync::Fields parseFields(const std::string& json) {
  auto fields = sync::fieldsFromJson(json);
  EXPECT_TRUE(fields.has_value()) << json;
  return fields.value_or(sync::Fields{});
}

std::vector<sync::Item> fixtureContacts() {
  std::vector<sync::Item> items;
  for (const auto& line : fixtureLines("contacts.jsonl")) {
    sync::Fields fields = parseFields(line);
    sync::Item item;
    auto take = [&](const char* key) {
      auto node = fields.extract(key);
      return node ? node.mapped() : sync::FieldValue{};
    };
    item.id = std::get<std::int64_t>(take("_id"));
    item.uniqueId = std::get<std::string>(take("_guid"));
    item.modified = std::get<std::string>(take("_modified"));
    const auto state = take("_state");
    const std::string st = std::holds_alternative<std::string>(state) ? std::get<std::string>(state) : "clean";
    item.state = st == "dirty" ? sync::LocalState::Dirty
                 : st == "conflict" ? sync::LocalState::Conflict
                                    : sync::LocalState::Clean;
    item.fields = std::move(fields);
    items.push_back(std::move(item));
  }
  return items;
}

std::string rowText(const ContactRow& r) {
  std::string s = r.name + " | " + r.org + " | " + r.reach;
  if (r.pending) s += " [pending]";
  if (r.conflict) s += " [conflict]";
  return s;
}

std::string shownNames(const ContactsModel& model) {
  if (model.shownCount() == 0) return "-";
  std::string out;
  for (std::size_t i = 0; i < model.shownCount(); ++i) out += (i ? "; " : "") + model.row(i).name;
  return out;
}

class ContactsModelTest : public ::testing::Test {
 protected:
  void SetUp() override {
    // The card shows dates in the desktop's zone: pin it.
    setenv("TZ", "Europe/Berlin", 1);
    tzset();
    model_.setItems(fixtureContacts());
  }
  ContactsModel model_;
};

TEST(SearchFold, FoldsCaseAndDiacriticsOfLatinGreekAndCyrillic) {
  EXPECT_EQ(foldForSearch("Müller"), "muller");
  EXPECT_EQ(foldForSearch("MÜLLER"), "muller");
  EXPECT_EQ(foldForSearch("Chloé Dubois"), "chloe dubois");
  EXPECT_EQ(foldForSearch("Nguyễn Thị"), "nguyen thi");
  EXPECT_EQ(foldForSearch("Ødegaard Mårten"), "odegaard marten");
  EXPECT_EQ(foldForSearch("Wisła Kraków"), "wisla krakow");
  EXPECT_EQ(foldForSearch("Straße"), "strasse");
  EXPECT_EQ(foldForSearch("Æsir Œuvre"), "aesir oeuvre");
  EXPECT_EQ(foldForSearch("Παπαδόπουλος"), "παπαδοπουλοσ");
  EXPECT_EQ(foldForSearch("ЁЛКА Йошкар"), "елка иошкар");
  EXPECT_EQ(foldForSearch("ﬁle"), "file");
  // Scripts without case pass through; ill-formed bytes are dropped.
  EXPECT_EQ(foldForSearch("田中商事"), "田中商事");
  EXPECT_EQ(foldForSearch("a\xC3(b\xE2\x82"), "a(b");
  EXPECT_EQ(foldForSearch("\xC0\x80x"), "x");  // overlong NUL
}

TEST_F(ContactsModelTest, RowsInDisplayOrderAsTheFixtureSays) {
  const auto expected = fixtureLines("rows.expected");
  ASSERT_EQ(model_.shownCount(), expected.size());
  ASSERT_EQ(model_.total(), expected.size());
  for (std::size_t i = 0; i < expected.size(); ++i) EXPECT_EQ(rowText(model_.row(i)), expected[i]) << "row " << i;
}

TEST_F(ContactsModelTest, SearchAsTheFixtureSays) {
  for (const auto& line : fixtureLines("search.txt")) {
    const auto arrow = line.find(" => ");
    ASSERT_NE(arrow, std::string::npos) << line;
    model_.setQuery(line.substr(0, arrow));
    EXPECT_EQ(shownNames(model_), line.substr(arrow + 4)) << "query '" << line.substr(0, arrow) << "'";
  }
}

TEST_F(ContactsModelTest, TypingAndDeletingGiveWhatAFreshSearchGives) {
  // Keystroke by keystroke the model narrows what it showed; each step must
  // still equal a search from scratch, also after backspaces and new terms.
  const std::vector<std::string> steps = {"m",    "mu",   "mul",     "mull",     "mu",     "",     "+",     "+4",
                                          "+49",  "+49 ", "+49 3",   "+49 30",   "smith",  "smith ", "smith c",
                                          "smith co", "smith", "s", "30-", "30-1", "30-12", "3", ""};
  std::vector<sync::Item> items = fixtureContacts();
  for (const auto& q : steps) {
    model_.setQuery(q);
    ContactsModel fresh;
    fresh.setItems(items);
    fresh.setQuery(q);
    EXPECT_EQ(model_.shownIds(), fresh.shownIds()) << "after typing '" << q << "'";
  }
}

TEST_F(ContactsModelTest, NewItemsKeepTheQuery) {
  model_.setQuery("smith");
  ASSERT_EQ(model_.shownCount(), 2u);
  auto items = fixtureContacts();
  items.erase(items.begin() + 8);  // Alice Smith (id -3) reached the server as 9
  sync::Item alice = fixtureContacts()[8];
  alice.id = 9;
  alice.state = sync::LocalState::Clean;
  items.push_back(alice);
  model_.setItems(items);
  EXPECT_EQ(model_.query(), "smith");
  EXPECT_EQ(model_.shownIds(), (std::vector<std::int64_t>{10, 9}));
  ASSERT_NE(model_.find(9), nullptr);
  EXPECT_EQ(model_.find(9)->name, "Alice Smith");
  EXPECT_EQ(model_.find(-3), nullptr);
  EXPECT_EQ(model_.row(1).pending, false);
}

TEST_F(ContactsModelTest, CardHasEveryFieldWithLinksOnEmailAndPhones) {
  const auto items = fixtureContacts();
  const auto mueller = itemsInOrder(items, {1}).at(0);
  ASSERT_NE(mueller, nullptr);
  std::string card;
  for (const auto& l : cardLines(*mueller))
    card += l.field + "|" + l.label + "|" + l.value + "|" + l.link + "\n";
  EXPECT_EQ(card,
            "FirstName|First name|Jürgen|\n"
            "Title|Last name|Müller|\n"
            "Company|Company|Müller GmbH|\n"
            "JobTitle|Job title|Einkaufsleiter|\n"
            "Email|Email|juergen.mueller@mueller-gmbh.de|mailto:juergen.mueller@mueller-gmbh.de\n"
            "WorkPhone|Business phone|+49 30 1234567|tel:+49-30-1234567\n"
            "CellPhone|Mobile phone|+49 171 2345678|tel:+49-171-2345678\n"
            "WorkAddress|Address|Hauptstraße 10\n2nd floor|\n"
            "WorkCity|City|Berlin|\n"
            "WorkCountry|Country/Region|Germany|\n");
  // Notes are shown as plain text; dates in the desktop's zone.
  sync::Item dubois = *itemsInOrder(items, {2}).at(0);
  dubois.fields["Modified"] = std::string("2024-11-21T10:00:00Z");
  const auto lines = cardLines(dubois);
  ASSERT_GE(lines.size(), 2u);
  EXPECT_EQ(lines[lines.size() - 2].value, "Met at the trade fair — prefers e-mail.\nSpeaks French; English, too.");
  EXPECT_EQ(lines.back().label, "Modified");
  EXPECT_EQ(lines.back().value, "2024-11-21 11:00");
}

TEST(ContactsItemsInOrder, PicksTheAskedIdsInTheirOrder) {
  // The model keeps rows, not items: the export and the card take the
  // items from a cache read, in the order the model shows them.
  const auto items = fixtureContacts();
  struct Case {
    std::vector<std::int64_t> ids;
    std::vector<std::int64_t> expected;
  };
  const std::vector<Case> cases = {
      {{}, {}},
      {{1}, {1}},
      {{2, 1}, {2, 1}},
      {{-3, 404, 1}, {-3, 1}},  // an id with no item (deleted meanwhile) is skipped
      {{1, 1}, {1, 1}},
  };
  for (const auto& c : cases) {
    std::vector<std::int64_t> got;
    for (const sync::Item* item : itemsInOrder(items, c.ids)) got.push_back(item->id);
    EXPECT_EQ(got, c.expected) << "ids " << c.ids.size();
  }
}

TEST(ContactLinks, MailtoAndTelUris) {
  EXPECT_EQ(mailtoUri("alice@contoso.com"), "mailto:alice@contoso.com");
  EXPECT_EQ(mailtoUri(" o'brien+news@example.ie "), "mailto:o'brien+news@example.ie");
  EXPECT_EQ(mailtoUri("a b?c@example.com"), "mailto:a%20b%3Fc@example.com");
  EXPECT_EQ(mailtoUri("jürgen@example.de"), "mailto:j%C3%BCrgen@example.de");
  EXPECT_EQ(mailtoUri(""), "");
  EXPECT_EQ(telUri("+49 30 1234567"), "tel:+49-30-1234567");
  EXPECT_EQ(telUri("+1 (425) 555-0100"), "tel:+1-425-555-0100");
  EXPECT_EQ(telUri("+81 3-1234-5678"), "tel:+81-3-1234-5678");
  EXPECT_EQ(telUri("030/123.45"), "tel:030-123-45");
  EXPECT_EQ(telUri("+47 22 12 34 56 x 12"), "tel:+47-22-12-34-56;ext=12");
  EXPECT_EQ(telUri("+1 425 555 0100 ext. 7"), "tel:+1-425-555-0100;ext=7");
  EXPECT_EQ(telUri("call me"), "");
}

TEST(ContactValidation, AsTheFixtureSays) {
  for (const auto& line : fixtureLines("validation.txt")) {
    const auto arrow = line.find(" => ");
    ASSERT_NE(arrow, std::string::npos) << line;
    std::string got;
    for (const auto& p : validateContact(parseFields(line.substr(0, arrow))))
      got += (got.empty() ? "" : " | ") + p.field + ": " + p.message;
    EXPECT_EQ(got.empty() ? "ok" : got, line.substr(arrow + 4)) << line.substr(0, arrow);
  }
}

TEST(ContactValidation, OneLineTextsWithinSharePointsLimit) {
  std::string company;
  for (int i = 0; i < 255; ++i) company += "ü";  // 255 characters, 510 bytes
  EXPECT_TRUE(validateContact({{"Title", std::string("X")}, {"Company", company}}).empty());
  const auto problems = validateContact({{"Title", std::string("X")}, {"Company", company + "x"}});
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(problems[0].field, "Company");
  EXPECT_EQ(problems[0].message, "Company: at most 255 characters");
}

TEST(ContactValidation, SavedValuesAreTrimmed) {
  const auto fields = trimmedFields({{"Title", std::string("  Müller \n")}, {"Email", std::string("\ta@b.de ")}});
  EXPECT_EQ(std::get<std::string>(fields.at("Title")), "Müller");
  EXPECT_EQ(std::get<std::string>(fields.at("Email")), "a@b.de");
}

// ------------------------------------------------------------------ vCard

TEST(VCard, EscapesTextValues) {
  EXPECT_EQ(escapeValue("a,b;c\\d"), "a\\,b\\;c\\\\d");
  EXPECT_EQ(escapeValue("line 1\nline 2\r\nline 3"), "line 1\\nline 2\\nline 3");
  EXPECT_EQ(escapeValue("Müller: \"A\""), "Müller: \"A\"");
}

// Undoes RFC 6350 §3.2 folding.
std::string unfold(const std::string& text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text.compare(i, 3, "\r\n ") == 0) {
      i += 2;
      continue;
    }
    out += text[i];
  }
  return out;
}

TEST(VCard, FoldsAt75OctetsWithoutSplittingACharacter) {
  EXPECT_EQ(foldLine("NOTE:short"), "NOTE:short");
  const std::string ascii = "NOTE:" + std::string(200, 'a');
  const std::string folded = foldLine(ascii);
  EXPECT_EQ(unfold(folded), ascii);
  // Every physical line fits in 75 octets (the continuation's space included).
  std::size_t start = 0;
  std::vector<std::string> lines;
  while (true) {
    const auto end = folded.find("\r\n", start);
    lines.push_back(folded.substr(start, end == std::string::npos ? std::string::npos : end - start));
    if (end == std::string::npos) break;
    start = end + 2;
  }
  ASSERT_EQ(lines.size(), 3u);
  EXPECT_EQ(lines[0].size(), 75u);
  EXPECT_EQ(lines[1].size(), 75u);
  EXPECT_EQ(lines[1][0], ' ');
  // Multi-byte characters straddling the 75th octet move to the next line whole.
  for (std::size_t pad = 0; pad < 4; ++pad) {
    const std::string text = "NOTE:" + std::string(pad, 'x') + [] {
      std::string s;
      for (int i = 0; i < 60; ++i) s += "日ü";
      return s;
    }();
    const std::string f = foldLine(text);
    EXPECT_EQ(unfold(f), text);
    std::size_t from = 0;
    while (from < f.size()) {
      auto end = f.find("\r\n", from);
      if (end == std::string::npos) end = f.size();
      const std::string line = f.substr(from, end - from);
      EXPECT_LE(line.size(), 75u);
      // No line starts (after the fold's space) or ends inside a UTF-8 sequence.
      const std::string body = from == 0 ? line : line.substr(1);
      ASSERT_FALSE(body.empty());
      EXPECT_NE(static_cast<unsigned char>(body.front()) & 0xC0, 0x80) << "pad " << pad;
      from = end + 2;
    }
  }
}

TEST_F(ContactsModelTest, ExportOfTheShownContactsMatchesTheExpectedFile) {
  const auto items = fixtureContacts();
  const std::string vcf = vcardsOf(itemsInOrder(items, model_.shownIds()));
  EXPECT_EQ(vcf, readFile(kFixtures + "export.vcf"));
  // The export is what the pane shows: a search narrows it.
  model_.setQuery("contoso");
  const std::string two = vcardsOf(itemsInOrder(items, model_.shownIds()));
  std::size_t cards = 0;
  for (auto at = two.find("BEGIN:VCARD\r\n"); at != std::string::npos; at = two.find("BEGIN:VCARD\r\n", at + 1)) ++cards;
  EXPECT_EQ(cards, 2u);
  EXPECT_NE(two.find("FN:Aaron Smith\r\n"), std::string::npos);
  EXPECT_NE(two.find("FN:Alice Smith\r\n"), std::string::npos);
}

TEST(VCardCommand, ExportsTheCachedContactsAndFailsClearlyWithoutACache) {
  test::TempDir dir;
  const std::string cache = dir.path() + "/cache.sqlite3", out = dir.path() + "/contacts.vcf";
  std::ostringstream stdoutText, stderrText;
  EXPECT_EQ(runExportVcfCommand(cache, out, stdoutText, stderrText), 1);
  EXPECT_NE(stderrText.str().find("no cache at " + cache), std::string::npos) << stderrText.str();
  EXPECT_FALSE(std::ifstream(out).good());
  {
    auto store = sync::Store::open(cache);
    ASSERT_TRUE(store.ok());
    sync::ListBinding binding;
    binding.kind = sync::ListKind::Contacts;
    binding.listId = "list-guid";
    binding.title = "Contacts";
    binding.baseTemplate = 105;
    store->setList(binding);
    std::vector<sync::Item> items = fixtureContacts();
    items.erase(std::remove_if(items.begin(), items.end(), [](const sync::Item& i) { return i.id < 0; }),
                items.end());
    for (auto& i : items) i.state = sync::LocalState::Clean;
    store->applyServerItems(sync::ListKind::Contacts, items);
  }
  stderrText.str("");
  EXPECT_EQ(runExportVcfCommand(cache, out, stdoutText, stderrText), 0) << stderrText.str();
  EXPECT_EQ(stdoutText.str(), "deskpane: exported 10 contacts to " + out + "\n");
  const std::string vcf = readFile(out);
  EXPECT_EQ(vcf.rfind("BEGIN:VCARD\r\nVERSION:4.0\r\n", 0), 0u);
  EXPECT_NE(vcf.find("FN:Jürgen Müller\r\n"), std::string::npos);
  EXPECT_EQ(vcf.find("Alice"), std::string::npos);  // never reached this cache
}

}  // namespace
}  // namespace deskpane::overlay::contacts
