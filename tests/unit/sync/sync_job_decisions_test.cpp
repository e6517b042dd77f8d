// SyncJob's push and pull decisions, case by case, against an in-memory site
// (tests/support/fake_list_service.h) instead of the emulator process: what
// a 412, a 404, a 403, a 429, a 401 or a lost answer leaves in the outbox,
// the cache and on the site. The wire itself (status codes, ETags, batches)
// is the integration suite's.
//
// Every case starts from the same Tasks list on the site, a/todo and b/todo,
// most of them synced (a first pass reads it in full), then plays its story:
// edits here (the cache and its outbox) and by another user (on the site),
// failures scripted into the site's next matching calls. Then it runs its
// passes, each with a new SyncJob as the Engine makes one per pass, and
// compares the outcome.
#include <gtest/gtest.h>

#include "sync/store.h"
#include "sync/sync_job.h"
#include "tests/support/fake_list_service.h"
#include "tests/support/temp_dir.h"
#include "tests/support/test_store.h"

#include <algorithm>
#include <map>
#include <ostream>
#include <string>
#include <vector>

namespace deskpane::sync {
namespace {

using test::FakeCall;
using test::FakeFailure;

constexpr ListKind K = ListKind::Tasks;
const std::string kListTitle = "Tasks";

enum class Who { Me, Them };  // this user (the cache and its outbox) or another one (the site)
enum class Op { Create, Edit, Delete };

struct Step {
  Who who = Who::Me;
  Op op = Op::Edit;
  std::string item;  // the item acted on by its first title ("a", "b"); unused for Create
  Fields fields;     // Create: all fields; Edit: the changed ones
};

struct Inject {
  FakeCall call = FakeCall::Update;
  FakeFailure failure = FakeFailure::Forbidden;
  std::string item;     // "" = the next such call, whatever item
  bool applied = true;  // OutcomeUnknown: the write happened before the answer was lost
};

struct Case {
  std::string name;
  std::vector<Step> story;      // after the first sync, before the passes
  std::vector<Inject> failures;
  int passes = 1;
  // Afterwards. Items read "Title/Status", the cache's with their state when
  // not clean; the outbox as "op Title" in push order.
  std::vector<std::string> outbox;
  std::vector<std::string> cache;
  std::vector<std::string> server;
  int conflicts = 0;
  // The last pass's report (message: a part of it, "" = none expected).
  SyncState state = SyncState::Synced;
  int pushed = 0;
  int refused = 0;
  std::string message;
  // Calls the passes made, for those named.
  std::map<FakeCall, int> calls;
  // false: the story starts before the list was ever synced (no change
  // token stored, nothing cached; only creates of mine make sense).
  bool startsSynced = true;
};

// Failure messages name the case, not its bytes.
void PrintTo(const Case& c, std::ostream* os) { *os << c.name; }

Fields title(const std::string& t) { return {{"Title", t}}; }
Fields titled(const std::string& t, const std::string& status) { return {{"Title", t}, {"Status", status}}; }

std::vector<Case> cases() {
  return {
      {"UpdateAfterTheirEdit412RereadsMergesAndPushesTheRest",
       {{Who::Me, Op::Edit, "a", title("a-mine")},
        {Who::Me, Op::Edit, "b", title("b-mine")},
        {Who::Them, Op::Edit, "a", {{"Status", std::string("done")}}}},
       {},
       1,
       // a: 412, re-read, merged (my title, their status), sent again on
       // the new version; then b.
       {},
       {"a-mine/done", "b-mine/todo"},
       {"a-mine/done", "b-mine/todo"},
       0,
       SyncState::Synced, 2, 0, "",
       {{FakeCall::Update, 3}, {FakeCall::ReadItems, 1}}},

      {"UpdateOfAnItemDeletedThere404RecreatesIt",
       {{Who::Me, Op::Edit, "a", title("a-mine")}, {Who::Them, Op::Delete, "a", {}}},
       {},
       1,
       // Edited here, deleted there: my version lives on as a new item,
       // created in the same pass, with a conflict to tell the user.
       {},
       {"a-mine/todo (conflict)", "b/todo"},
       {"a-mine/todo", "b/todo"},
       1,
       SyncState::Synced, 1, 0, "",
       {{FakeCall::Update, 1}, {FakeCall::Create, 1}}},

      {"UntouchedItemDeletedThereIsRemovedHere",
       {{Who::Me, Op::Edit, "b", title("b-mine")}, {Who::Them, Op::Delete, "a", {}}},
       {},
       1,
       // Clean here, deleted there: the pull removes it, nothing to recreate.
       {},
       {"b-mine/todo"},
       {"b-mine/todo"},
       0,
       SyncState::Synced, 1, 0, "",
       {{FakeCall::Update, 1}, {FakeCall::Create, 0}}},

      {"DeleteOfAnItemAlreadyDeletedThere404IsDone",
       {{Who::Me, Op::Delete, "a", {}}, {Who::Them, Op::Delete, "a", {}}},
       {},
       1,
       {},
       {"b/todo"},
       {"b/todo"},
       0,
       SyncState::Synced, 1, 0, "",
       {{FakeCall::Remove, 1}}},

      {"Refused403HoldsThatEntryAndPushesTheOthers",
       {{Who::Me, Op::Edit, "a", title("a-mine")}, {Who::Me, Op::Edit, "b", title("b-mine")}},
       {{FakeCall::Update, FakeFailure::Forbidden, "a"}},
       1,
       // a stays queued (retried next pass), b goes through, the list is pulled.
       {"update a-mine"},
       {"a-mine/todo (dirty)", "b-mine/todo"},
       {"a/todo", "b-mine/todo"},
       0,
       SyncState::Synced, 1, 1, "refused",
       {{FakeCall::Update, 2}, {FakeCall::GetChangesForLists, 1}}},

      {"RefusedEditHoldsThatItemsLaterEdits",
       {{Who::Me, Op::Edit, "a", title("a-mine")},
        {Who::Me, Op::Edit, "b", title("b-mine")},
        {Who::Me, Op::Edit, "a", {{"Status", std::string("done")}}}},
       {{FakeCall::Update, FakeFailure::Forbidden, "a"}},
       1,
       // Order per item matters: a's second edit waits behind its refused first.
       {"update a-mine", "update a-mine"},
       {"a-mine/done (dirty)", "b-mine/todo"},
       {"a/todo", "b-mine/todo"},
       0,
       SyncState::Synced, 1, 1, "refused",
       {{FakeCall::Update, 2}}},

      {"Throttled429StopsThePassAndKeepsEveryEntry",
       {{Who::Me, Op::Edit, "a", title("a-mine")}, {Who::Me, Op::Edit, "b", title("b-mine")}},
       {{FakeCall::Update, FakeFailure::Throttled, ""}},
       1,
       // Nothing lost, nothing more sent, no pull: the server asked for quiet.
       {"update a-mine", "update b-mine"},
       {"a-mine/todo (dirty)", "b-mine/todo (dirty)"},
       {"a/todo", "b/todo"},
       0,
       SyncState::Offline, 0, 0, "429",
       {{FakeCall::Update, 1}, {FakeCall::GetChangesForLists, 0}}},

      {"Expired401SaysSignInAndKeepsTheEntry",
       {{Who::Me, Op::Edit, "a", title("a-mine")}},
       {{FakeCall::Update, FakeFailure::SignInNeeded, ""}},
       1,
       {"update a-mine"},
       {"a-mine/todo (dirty)", "b/todo"},
       {"a/todo", "b/todo"},
       0,
       SyncState::SignInNeeded, 0, 0, "401",
       {{FakeCall::Update, 1}, {FakeCall::GetChangesForLists, 0}}},

      {"CreateWithLostAnswerIsLookedUpNotSentAgain",
       {{Who::Me, Op::Create, "", title("new")}},
       {{FakeCall::Create, FakeFailure::OutcomeUnknown, "", true}},
       2,
       // Pass 1 sent it and lost the answer; pass 2 finds it in the changes
       // since the mark and adopts it: one item, one create.
       {},
       {"a/todo", "b/todo", "new"},
       {"a/todo", "b/todo", "new"},
       0,
       SyncState::Synced, 1, 0, "",
       {{FakeCall::Create, 1}, {FakeCall::GetChanges, 1}}},

      {"CreateLostBeforeTheServerIsSentAgainOnce",
       {{Who::Me, Op::Create, "", title("new")}},
       {{FakeCall::Create, FakeFailure::OutcomeUnknown, "", false}},
       2,
       // The lookup finds nothing, so the create goes out again.
       {},
       {"a/todo", "b/todo", "new"},
       {"a/todo", "b/todo", "new"},
       0,
       SyncState::Synced, 1, 0, "",
       {{FakeCall::Create, 2}, {FakeCall::GetChanges, 1}}},

      {"CreateWithLostAnswerBeforeTheFirstSyncIsLookedUpFromItsMark",
       {{Who::Me, Op::Create, "", title("new")}},
       {{FakeCall::Create, FakeFailure::OutcomeUnknown, "", true}},
       2,
       // No change token is stored yet: the list's token taken just before
       // the create left, kept with the entry, is what pass 2 looks it up
       // from. Then the first full read brings the rest.
       {},
       {"a/todo", "b/todo", "new"},
       {"a/todo", "b/todo", "new"},
       0,
       SyncState::Synced, 1, 0, "",
       {{FakeCall::Create, 1}, {FakeCall::GetChanges, 1}, {FakeCall::FetchAllPages, 1}},
       false},

      {"CreateCreateOfOneTitleByTwoUsersMakesTwoItems",
       {{Who::Me, Op::Create, "", title("same")}, {Who::Them, Op::Create, "", title("same")}},
       {},
       1,
       // A create that got its answer is never matched against the site:
       // two people adding "same" mean two items.
       {},
       {"a/todo", "b/todo", "same", "same"},
       {"a/todo", "b/todo", "same", "same"},
       0,
       SyncState::Synced, 1, 0, "",
       {{FakeCall::Create, 1}, {FakeCall::GetChanges, 0}}},
  };
}

std::string describe(const Item& item) {
  const auto status = item.text("Status");
  return item.text("Title") + (status.empty() ? "" : "/" + status);
}

std::string describeCached(const Item& item) {
  switch (item.state) {
    case LocalState::Clean: return describe(item);
    case LocalState::Dirty: return describe(item) + " (dirty)";
    case LocalState::Deleted: return describe(item) + " (deleted)";
    case LocalState::Conflict: return describe(item) + " (conflict)";
  }
  return describe(item);
}

template <class Items, class Describe>
std::vector<std::string> sortedDescriptions(const Items& items, Describe&& describeOne) {
  std::vector<std::string> out;
  for (const auto& item : items) out.push_back(describeOne(item));
  std::sort(out.begin(), out.end());
  return out;
}

const FakeCall kAllCalls[] = {FakeCall::SiteTimeZoneId, FakeCall::ListByTitle,       FakeCall::List,
                              FakeCall::FetchAllPages,  FakeCall::ReadItems,         FakeCall::ReadItemsForLists,
                              FakeCall::GetChanges,     FakeCall::GetChangesForLists, FakeCall::Create,
                              FakeCall::CreateWithPath, FakeCall::Update,            FakeCall::Remove};

class SyncJobDecisions : public ::testing::TestWithParam<Case> {};

TEST_P(SyncJobDecisions, OutcomeAsTabled) {
  const Case& c = GetParam();
  test::TempDir dir;
  Store store = test::openStore(dir.file("cache.sqlite3"));
  test::FakeListService site;
  const auto listId = site.addList(kListTitle, 171);
  std::map<std::string, std::int64_t> ids;
  ids["a"] = site.serverAdd(listId, titled("a", "todo"));
  ids["b"] = site.serverAdd(listId, titled("b", "todo"));
  SelectCache select;
  const std::map<ListKind, std::string> titles{{K, kListTitle}};
  if (c.startsSynced) {
    SyncJob first(store, site, titles, select);
    const auto reports = first.run({K});
    ASSERT_EQ(reports.at(0).state, SyncState::Synced) << reports.at(0).message;
    ASSERT_TRUE(reports.at(0).fullRead);
    ASSERT_EQ(store.count(K), 2u);
  }

  for (const auto& step : c.story) {
    const auto id = step.item.empty() ? 0 : ids.at(step.item);
    if (step.who == Who::Me) {
      if (step.op == Op::Create) store.createLocal(K, step.fields);
      if (step.op == Op::Edit) store.updateLocal(K, id, step.fields);
      if (step.op == Op::Delete) store.removeLocal(K, id);
    } else {
      if (step.op == Op::Create) site.serverAdd(listId, step.fields);
      if (step.op == Op::Edit) site.serverEdit(listId, id, step.fields);
      if (step.op == Op::Delete) site.serverDelete(listId, id);
    }
  }
  for (const auto& f : c.failures)
    site.inject(test::InjectedFailure{f.call, f.failure, f.item.empty() ? 0 : ids.at(f.item), f.applied});
  std::map<FakeCall, int> callsBefore;
  for (auto call : kAllCalls) callsBefore[call] = site.calls(call);

  std::vector<ListSyncReport> reports;
  for (int pass = 0; pass < c.passes; ++pass) {
    SyncJob job(store, site, titles, select);
    reports = job.run({K});
  }
  ASSERT_EQ(reports.size(), 1u);
  const auto& report = reports.front();

  std::vector<std::string> outbox;
  for (const auto& entry : store.pendingOutbox(K)) {
    const auto item = store.item(K, entry.itemId);
    outbox.push_back(std::string(outboxOpName(entry.op)) + " " + (item ? item->text("Title") : "(no item)"));
  }
  EXPECT_EQ(outbox, c.outbox) << "outbox";
  EXPECT_EQ(sortedDescriptions(store.items(K, true), describeCached), c.cache) << "cache";
  EXPECT_EQ(sortedDescriptions(site.serverItems(listId), describe), c.server) << "server";
  EXPECT_EQ(store.conflicts(K).size(), static_cast<std::size_t>(c.conflicts)) << "conflicts";
  EXPECT_EQ(report.state, c.state) << report.message;
  EXPECT_EQ(report.pushed, c.pushed);
  EXPECT_EQ(report.refused, c.refused);
  if (c.message.empty()) {
    EXPECT_EQ(report.message, "");
  } else {
    EXPECT_NE(report.message.find(c.message), std::string::npos) << report.message;
  }
  for (const auto& [call, expected] : c.calls)
    EXPECT_EQ(site.calls(call) - callsBefore[call], expected) << "calls of FakeCall " << static_cast<int>(call);
  EXPECT_EQ(site.pendingFailures(), 0u) << "a scripted failure was never met";
}

INSTANTIATE_TEST_SUITE_P(Table, SyncJobDecisions, ::testing::ValuesIn(cases()),
                         [](const ::testing::TestParamInfo<Case>& info) { return info.param.name; });

}  // namespace
}  // namespace deskpane::sync
