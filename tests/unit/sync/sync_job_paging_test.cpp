// A list read over several pages: the fetch may take a page's next link from
// the page's end alone, so the read that stores the page compares the link
// it finds with the one the fetch followed. Pages that disagree are not
// stored, and the list's pass fails in words; pages that agree are all kept.
#include <gtest/gtest.h>

#include "sync/store.h"
#include "sync/sync_job.h"
#include "tests/support/fake_list_service.h"
#include "tests/support/temp_dir.h"
#include "tests/support/test_store.h"

#include <optional>
#include <ostream>
#include <string>

namespace deskpane::sync {
namespace {

constexpr ListKind K = ListKind::Tasks;

struct PagingCase {
  const char* name;
  std::optional<std::string> followed;  // the first page's link as the fetch read it; none: the page's own
  SyncState state;
  std::size_t cached;
  const char* message;  // a part of the report's message ("" = none)
};

void PrintTo(const PagingCase& c, std::ostream* os) { *os << c.name; }

class SyncJobPaging : public ::testing::TestWithParam<PagingCase> {};

TEST_P(SyncJobPaging, StoresOnlyPagesWhoseLinksAgree) {
  const auto& c = GetParam();
  test::TempDir dir;
  Store store = test::openStore(dir.file("cache.sqlite3"));
  test::FakeListService site;
  const auto listId = site.addList("Tasks", 171);
  for (int i = 1; i <= 7; ++i) site.serverAdd(listId, {{"Title", "task " + std::to_string(i)}});
  site.setPageSize(3);  // three pages: 3, 3 and 1 items
  site.setFirstPageFollowedLink(c.followed);
  SelectCache select;
  SyncJob job(store, site, {{K, "Tasks"}}, select);
  const auto reports = job.run({K});
  ASSERT_EQ(reports.size(), 1u);
  EXPECT_EQ(reports[0].state, c.state) << reports[0].message;
  EXPECT_EQ(store.count(K), c.cached);
  if (*c.message) {
    EXPECT_NE(reports[0].message.find(c.message), std::string::npos) << reports[0].message;
  }
  EXPECT_EQ(store.list(K)->changeToken.empty(), c.state != SyncState::Synced)
      << "a list read only in part keeps no change token";
}

INSTANTIATE_TEST_SUITE_P(
    Cases, SyncJobPaging,
    ::testing::Values(
        PagingCase{"LinksAgree", std::nullopt, SyncState::Synced, 7, ""},
        PagingCase{"TheFetchFollowedAnotherLink", std::string("fake://elsewhere"), SyncState::Error, 0,
                   "its next link is \"fake://"},
        PagingCase{"TheFetchSawNoLink", std::string(), SyncState::Error, 0, "next link"}),
    [](const auto& info) { return std::string(info.param.name); });

}  // namespace
}  // namespace deskpane::sync
