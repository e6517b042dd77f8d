// deskpane-bench contacts_search [N]: search-as-you-type in the Contacts pane
// over N (default 10,000) contacts: the model's index (sort + fold, once per
// list change) and each keystroke of typing "müller", a phone number and a
// two-word query, then deleting it again (what the pane does per key: fold
// the query, filter, hand the ids to the row list). Budget: 16 ms a key.
#include "bench/bench.h"
#include "overlay/contacts/contacts_model.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

namespace deskpane::bench {
namespace {

using Clock = std::chrono::steady_clock;

double msSince(Clock::time_point t0) { return std::chrono::duration<double, std::milli>(Clock::now() - t0).count(); }

std::vector<sync::Item> makeContacts(int n) {
  // Names with and without diacritics, so folding does real work.
  const char* last[] = {"Müller", "Dubois", "Nguyễn", "Ødegaard", "García", "Smith", "Kowalski", "Papadopoulos",
                        "O'Brien", "Andersson", "Tanaka", "Łukasiewicz", "Schäfer", "Jones", "Björk", "Fernández"};
  const char* first[] = {"Jürgen", "Chloé", "Thị Lan", "Mårten", "José Luis", "Alice", "Zofia", "Eleni", "Siobhán",
                         "Nils", "Sakura", "Paweł", "Anaïs", "Bob", "Søren", "Inés"};
  const char* company[] = {"Müller GmbH", "Atelier Dubois", "Saigon Tech", "Fjord AS", "Soluciones García",
                           "Contoso", "Wisła Sp. z o.o.", "Ακρόπολη ΑΕ", "Green Isle Ltd", "Älvsbyhus AB"};
  std::vector<sync::Item> items;
  items.reserve(static_cast<std::size_t>(n));
  for (int i = 0; i < n; ++i) {
    sync::Item it;
    it.id = i + 1;
    const std::string l = std::string(last[i % 16]) + (i >= 16 ? "-" + std::to_string(i / 16) : "");
    const std::string f = first[(i / 3) % 16];
    char phone[32];
    std::snprintf(phone, sizeof phone, "+49 30 %07d", (i * 7919) % 10000000);
    it.fields = {{"Title", l},
                 {"FirstName", f},
                 {"FullName", f + " " + l},
                 {"Company", std::string(company[i % 10])},
                 {"JobTitle", std::string(i % 2 ? "Engineer" : "Einkaufsleiterin")},
                 {"Email", "contact" + std::to_string(i) + "@example.com"},
                 {"WorkPhone", std::string(phone)},
                 {"CellPhone", std::string(i % 3 ? "+49 171 2345678" : "")},
                 {"WorkCity", std::string("Berlin")}};
    items.push_back(std::move(it));
  }
  return items;
}

int run(int argc, char** argv) {
  int n = argc > 1 ? std::atoi(argv[1]) : 10000;
  if (n <= 0) n = 10000;
  const auto items = makeContacts(n);

  overlay::contacts::ContactsModel model;
  std::vector<double> index;
  for (int r = 0; r < 5; ++r) {
    const auto t0 = Clock::now();
    model.setItems(items);
    index.push_back(msSince(t0));
  }
  std::sort(index.begin(), index.end());

  // Typing on, then deleting back to nothing, three times over.
  std::vector<std::string> keystrokes;
  for (const std::string query : {"müller", "30 123", "contoso engineer"}) {
    for (std::size_t i = 1; i <= query.size(); ++i)
      if ((static_cast<unsigned char>(query[i - 1]) & 0xC0) != 0xC0) keystrokes.push_back(query.substr(0, i));
    for (std::size_t i = query.size(); i-- > 0;)
      if ((static_cast<unsigned char>(query[i]) & 0xC0) != 0x80) keystrokes.push_back(query.substr(0, i));
  }
  std::vector<double> perKey;
  std::size_t shown = 0;
  for (int round = 0; round < 5; ++round) {
    for (const auto& q : keystrokes) {
      const auto t0 = Clock::now();
      model.setQuery(q);
      const auto ids = model.shownIds();  // what the row list is given
      perKey.push_back(msSince(t0));
      shown += ids.size();
    }
  }
  std::sort(perKey.begin(), perKey.end());
  model.setQuery("müller");
  report("contacts_search.contacts", n, "items");
  report("contacts_search.index_ms", index[index.size() / 2], "ms");
  report("contacts_search.keystroke_median_ms", perKey[perKey.size() / 2], "ms");
  report("contacts_search.keystroke_p95_ms", perKey[perKey.size() * 95 / 100], "ms");
  report("contacts_search.keystroke_max_ms", perKey.back(), "ms");
  report("contacts_search.muller_matches", static_cast<double>(model.shownCount()), "items");
  return shown > 0 ? 0 : 1;
}

}  // namespace

DESKPANE_BENCH("contacts_search", "Contacts pane: fold/sort 10,000 contacts, then each search keystroke [N]", run);

}  // namespace deskpane::bench
