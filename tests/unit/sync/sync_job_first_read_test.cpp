// A list bound for the first time with nothing cached starts its read beside
// its lookup: the first page is asked for by title, the rest from its next
// link, and the read keeps a change token from a time before that page
// (changeTokenBefore), so a change made after the page was read is still
// seen by the next sync. Any other first read waits for the lookup, and a
// token that carries no time sends the read the usual way. Beside them, the
// two things that keep a list whole and cheap from one pass to the next:
// the columns it lacks, remembered, and its count, held to the cache's.
#include <gtest/gtest.h>

#include "sync/store.h"
#include "sync/sync_job.h"
#include "tests/support/fake_list_service.h"
#include "tests/support/temp_dir.h"
#include "tests/support/test_store.h"

#include <algorithm>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

namespace deskpane::sync {
namespace {

using test::FakeCall;

// changeTokenBefore: token and ticks back in, the token or none out.
struct TokenCase {
  const char* name;
  const char* token;
  long long back;
  const char* expected;  // "" = none
};

void PrintTo(const TokenCase& c, std::ostream* os) { *os << c.name; }

class ChangeTokenBefore : public ::testing::TestWithParam<TokenCase> {};

TEST_P(ChangeTokenBefore, GivesATimeTokenOrNone) {
  const auto& c = GetParam();
  EXPECT_EQ(changeTokenBefore(c.token, c.back).value_or(""), c.expected);
}

INSTANTIATE_TEST_SUITE_P(
    Cases, ChangeTokenBefore,
    ::testing::Values(
        TokenCase{"SharePointOnlinesToken", "1;3;71b5c280-f303-46fa-b818-755bf9b91837;637933377461200000;290418294",
                  600000000, "1;3;71b5c280-f303-46fa-b818-755bf9b91837;637933376861200000;-1"},
        TokenCase{"ATimeTokenGoesFurtherBack", "1;3;abc;638400000000000000;-1", 10, "1;3;abc;638399999999999990;-1"},
        TokenCase{"NothingBack", "1;3;abc;5;7", 0, "1;3;abc;5;-1"},
        TokenCase{"NoTimeInIt", "1;3;abc;0;7", 0, ""},
        TokenCase{"BackPastItsTime", "1;3;abc;100;7", 100, ""},
        TokenCase{"BackIsNegative", "1;3;abc;638400000000000000;7", -1, ""},
        TokenCase{"AWebsToken", "1;2;abc;638400000000000000;7", 10, ""},
        TokenCase{"FourParts", "1;3;abc;638400000000000000", 10, ""},
        TokenCase{"SixParts", "1;3;abc;638400000000000000;7;8", 10, ""},
        TokenCase{"TicksNotANumber", "1;3;abc;63840000000000000x;7", 10, ""},
        TokenCase{"TicksTooLong", "1;3;abc;6384000000000000000000;7", 10, ""},
        TokenCase{"NoListId", "1;3;;638400000000000000;7", 10, ""},
        TokenCase{"Empty", "", 10, ""}),
    [](const auto& info) { return std::string(info.param.name); });

constexpr ListKind K = ListKind::Tasks;
constexpr long long kFirstTicks = 638400000000000000LL;  // 2024-01-01, as .NET ticks
constexpr long long kMinuteTicks = 60LL * 10'000'000LL;

// A first sync of Tasks (7 items, pages of 3) beside Notes: how the read went.
struct FirstReadCase {
  const char* name;
  bool timedTokens;  // the site's tokens carry a time (SharePoint's do)
  bool localCreate;  // Tasks has an unsent change before its first sync
  int byTitle, from, allPages;  // Tasks' and Notes' calls of each fetch
  bool timeToken;               // Tasks keeps a "…;-1" token
};

void PrintTo(const FirstReadCase& c, std::ostream* os) { *os << c.name; }

class SyncJobFirstRead : public ::testing::TestWithParam<FirstReadCase> {};

TEST_P(SyncJobFirstRead, ReadsEveryItemAndMissesNoLaterChange) {
  const auto& c = GetParam();
  test::TempDir dir;
  Store store = test::openStore(dir.file("cache.sqlite3"));
  test::FakeListService site;
  if (c.timedTokens) site.setTokenTicks(kFirstTicks);
  const auto tasks = site.addList("Tasks", 171);
  const auto notes = site.addList("Notes", 100);
  for (int i = 1; i <= 7; ++i) site.serverAdd(tasks, {{"Title", "task " + std::to_string(i)}});
  site.serverAdd(notes, {{"Title", "note"}});
  site.setPageSize(3);  // Tasks in three pages: 3, 3 and 1 items
  if (c.localCreate) store.createLocal(K, {{"Title", std::string("made here")}});
  SelectCache select;
  SyncJob job(store, site, {{K, "Tasks"}, {ListKind::Notes, "Notes"}}, select);

  for (const auto& r : job.run({K, ListKind::Notes})) ASSERT_EQ(r.state, SyncState::Synced) << r.message;
  EXPECT_EQ(store.count(K), 7u + (c.localCreate ? 1u : 0u));
  EXPECT_EQ(store.count(ListKind::Notes), 1u);
  EXPECT_EQ(site.calls(FakeCall::FetchPagesByTitle), c.byTitle);
  EXPECT_EQ(site.calls(FakeCall::FetchPagesFrom), c.from);
  EXPECT_EQ(site.calls(FakeCall::FetchAllPages), c.allPages);
  const std::string token = store.list(K)->changeToken;
  EXPECT_EQ(token.size() > 3 && token.compare(token.size() - 3, 3, ";-1") == 0, c.timeToken) << token;
  if (c.timeToken) {
    // From at least a minute before the lookup's token (change 8 at 8 s).
    const auto ticks = std::stoll(token.substr(token.rfind(';', token.size() - 4) + 1));
    EXPECT_LE(ticks, kFirstTicks + 8 * 10'000'000LL - kMinuteTicks) << token;
  }

  // Changes made after the first sync: the next sync sees each of them.
  const auto items = site.serverItems(tasks);
  site.serverEdit(tasks, items.front().id, {{"Title", std::string("edited there")}});
  site.serverDelete(tasks, items.back().id);
  for (const auto& r : job.run({K, ListKind::Notes})) ASSERT_EQ(r.state, SyncState::Synced) << r.message;
  EXPECT_EQ(store.item(K, items.front().id)->text("Title"), "edited there");
  EXPECT_FALSE(store.item(K, items.back().id).has_value());
  EXPECT_EQ(store.count(K), 6u + (c.localCreate ? 1u : 0u));
  EXPECT_EQ(site.calls(FakeCall::FetchAllPages), c.allPages) << "the second sync read changes, not the lists";
  EXPECT_EQ(store.list(K)->changeToken.compare(store.list(K)->changeToken.size() - 3, 3, ";-1") == 0, false)
      << "a change moves the token on to a numbered one: " << store.list(K)->changeToken;
}

INSTANTIATE_TEST_SUITE_P(
    Cases, SyncJobFirstRead,
    ::testing::Values(
        // Both lists start beside their lookups; Tasks' pages 2 and 3 follow.
        FirstReadCase{"TokensWithATime", true, false, 2, 1, 0, true},
        // Tasks must push first: it is read after its lookup, Notes beside.
        FirstReadCase{"AnUnsentChangeWaitsForTheLookup", true, true, 1, 0, 1, false},
        // The early pages are fetched, but with no time to go back from the
        // reads go the usual way.
        FirstReadCase{"TokensWithoutATime", false, false, 2, 0, 2, false}),
    [](const auto& info) { return std::string(info.param.name); });

// The columns a list lacks, as the store keeps them between processes and
// the select leaves them out: names in, the select and the stored text out.
TEST(MissingColumns, AreKeptForTheListAndForgottenWithIt) {
  test::TempDir dir;
  Store store = test::openStore(dir.file("cache.sqlite3"));
  const std::vector<std::string> lacks = {"Body", "Color", "Author/Title"};
  store.setMissingColumns(ListKind::Notes, lacks);
  EXPECT_EQ(store.missingColumns(ListKind::Notes), lacks);
  EXPECT_TRUE(store.missingColumns(ListKind::Tasks).empty()) << "each list its own";

  SelectCache select;
  select.dropNames(ListKind::Notes, store.missingColumns(ListKind::Notes));
  const auto& fields = select.fields(ListKind::Notes);
  EXPECT_EQ(std::count(fields.begin(), fields.end(), "Body"), 0);
  EXPECT_EQ(std::count(fields.begin(), fields.end(), "Color"), 0);
  EXPECT_EQ(std::count(fields.begin(), fields.end(), "NoteBody"), 1);
  // Only what the full select names comes back as missing (Notes selects no Author/Title).
  EXPECT_EQ(select.missing(ListKind::Notes), (std::vector<std::string>{"Body", "Color"}));
  select.reset(ListKind::Notes);
  EXPECT_TRUE(select.missing(ListKind::Notes).empty());

  store.setMissingColumns(ListKind::Notes, {});
  EXPECT_TRUE(store.missingColumns(ListKind::Notes).empty());
  // Bound to another list, the remembered columns go with the old one.
  store.setMissingColumns(ListKind::Notes, lacks);
  ListBinding binding;
  binding.kind = ListKind::Notes;
  binding.listId = "list-1";
  binding.title = "Notes";
  store.setList(binding);
  EXPECT_EQ(store.missingColumns(ListKind::Notes), lacks) << "the same list keeps them";
  binding.listId = "list-2";
  binding.title = "Other notes";
  store.setList(binding);
  EXPECT_TRUE(store.missingColumns(ListKind::Notes).empty());
}

TEST(SyncJobItemCount, ACacheShortOfTheListsCountIsReadAgain) {
  // The change log says nothing of an item the cache lost (a short read, a
  // lost change); the list's own count does, and the list is read again.
  test::TempDir dir;
  Store store = test::openStore(dir.file("cache.sqlite3"));
  test::FakeListService site;
  const auto tasks = site.addList("Tasks", 171);
  for (int i = 1; i <= 4; ++i) site.serverAdd(tasks, {{"Title", "task " + std::to_string(i)}});
  SelectCache select;
  SyncJob job(store, site, {{K, "Tasks"}}, select);
  ASSERT_EQ(job.run({K})[0].state, SyncState::Synced);
  ASSERT_EQ(store.count(K), 4u);
  store.applyServerDeletes(K, {site.serverItems(tasks)[1].id});  // lost here, still there
  const auto again = job.run({K});
  EXPECT_EQ(again[0].state, SyncState::Synced) << again[0].message;
  EXPECT_TRUE(again[0].fullRead);
  EXPECT_EQ(store.count(K), 4u);
  EXPECT_FALSE(job.run({K})[0].fullRead) << "counts agree: incremental again";
}

}  // namespace
}  // namespace deskpane::sync
