// Many clients at once: every write lands exactly once, versions and the
// change log stay consistent, readers never see a torn page.
#include "tests/integration/emulator/emu_client.h"
#include "tests/support/child_process.h"

#include <gtest/gtest.h>

#include <atomic>
#include <set>
#include <thread>

namespace deskpane::test {
namespace {

TEST(Concurrency, ParallelWritersAndReaders) {
  EmulatorProcess emu({"--seed", "empty"});
  const std::string list = "/sites/demo/_api/web/lists/getByTitle('Notes')";
  const auto token = EmuClient(emu.origin()).get(list + "?$select=CurrentChangeToken").json()
                         .at("CurrentChangeToken").at("StringValue").as_string();
  constexpr int kWriters = 6;
  constexpr int kPerWriter = 25;
  std::atomic<int> failures{0};
  std::atomic<bool> writing{true};
  std::vector<std::thread> threads;
  for (int w = 0; w < kWriters; ++w) {
    threads.emplace_back([&, w] {
      EmuClient c(emu.origin());
      for (int i = 0; i < kPerWriter; ++i) {
        const auto created = c.write("POST", list + "/items", "{\"Title\":\"w" + std::to_string(w) + "-" + std::to_string(i) + "\"}");
        if (created.status != 201) {
          ++failures;
          continue;
        }
        const auto id = created.json().at("Id").as_integer();
        // Everyone edits item 1 too, unconditionally: versions must not be lost.
        if (c.write("POST", list + "/items(" + std::to_string(id) + ")", "{\"Title\":\"edited\"}",
                    {{"X-HTTP-Method", "MERGE"}, {"If-Match", "\"1\""}}).status != 204) {
          ++failures;
        }
      }
    });
  }
  threads.emplace_back([&] {
    EmuClient c(emu.origin());
    while (writing) {
      const auto r = c.get(list + "/items?$select=Id,Title&$top=50");
      if (r.status != 200) ++failures;
      else (void)r.json();  // must parse: no torn bodies
    }
  });
  for (int w = 0; w < kWriters; ++w) threads[static_cast<std::size_t>(w)].join();
  writing = false;
  threads.back().join();
  EXPECT_EQ(failures.load(), 0);

  EmuClient c(emu.origin());
  std::set<int> ids;
  std::string url = list + "/items?$select=Id,Title,owshiddenversion&$top=40";
  while (!url.empty()) {
    const auto j = c.get(url).json();
    for (const auto& item : j.at("value").as_array()) {
      EXPECT_TRUE(ids.insert(item.at("Id").as_integer()).second);
      EXPECT_EQ(item.at("Title").as_string(), "edited");
      EXPECT_EQ(item.at("owshiddenversion").as_integer(), 2);
    }
    url = j.has_field("odata.nextLink") ? j.at("odata.nextLink").as_string().substr(emu.origin().size()) : "";
  }
  EXPECT_EQ(ids.size(), static_cast<std::size_t>(kWriters * kPerWriter));
  const auto changes = c.write("POST", list + "/getchanges",
                               "{\"query\":{\"Item\":true,\"Add\":true,\"Update\":true,\"ChangeTokenStart\":{\"StringValue\":\"" +
                                   token + "\"}}}").json().at("value");
  EXPECT_EQ(changes.size(), static_cast<std::size_t>(2 * kWriters * kPerWriter));
  long long previous = 0;
  for (const auto& ch : changes.as_array()) {
    const auto t = ch.at("ChangeToken").at("StringValue").as_string();
    const long long number = std::stoll(t.substr(t.rfind(';') + 1));
    EXPECT_GT(number, previous);
    previous = number;
  }
}

}  // namespace
}  // namespace deskpane::test
