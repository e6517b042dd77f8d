// deskpane-bench store [N]: the cache's speed with N (default 10,000) realistic
// task items: applying a first sync in one transaction, re-applying an
// incremental batch of 100 changes, reading a whole list the way a pane does
// (first read on a fresh connection = cold, then again),
// a single local edit (item + outbox, durable), and the file size.
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "bench/bench.h"
#include "sync/store.h"

namespace deskpane::bench {
namespace {

using Clock = std::chrono::steady_clock;
using sync::FieldValue;
using sync::Item;
using sync::ListKind;

double msSince(Clock::time_point t0) {
  return std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
}

Item task(int id, int version) {
  Item it;
  it.id = id;
  char guid[40];
  std::snprintf(guid, sizeof guid, "%08x-0000-4000-8000-%012x", id, id);
  it.uniqueId = guid;
  it.etag = "\"" + std::to_string(version) + "\"";
  it.modified = "2024-01-05T09:00:00Z";
  it.fields = {{"Title", std::string("Task number ") + std::to_string(id) + " with a realistic title"},
               {"Status", std::string(id % 3 ? "Not Started" : "In Progress")},
               {"Priority", std::string("(2) Normal")},
               {"PercentComplete", 0.25 * (id % 5)},
               {"DueDate", std::string("2024-02-01T08:00:00Z")},
               {"StartDate", std::string("2024-01-05T08:00:00Z")},
               {"Body", std::string("<div>Details of task ") + std::to_string(id) +
                            ": call the supplier, update the sheet and report back.</div>"},
               {"Checkmark", std::string("0")},
               {"AuthorId", std::int64_t{7}},
               {"EditorId", std::int64_t{7}},
               {"Created", std::string("2024-01-05T09:00:00Z")},
               {"Modified", std::string("2024-01-05T09:00:00Z")},
               {"ContentTypeId", std::string("0x0108009B3D4E7A2B4C4F4C9F0E0B0A0A0A0A0A")}};
  return it;
}

int run(int argc, char** argv) {
  int n = argc > 1 ? std::atoi(argv[1]) : 10000;
  if (n <= 0) n = 10000;
  const char* tmp = std::getenv("TMPDIR");
  std::string dirTemplate = std::string(tmp && *tmp ? tmp : "/tmp") + "/deskpane-bench-XXXXXX";
  std::vector<char> buf(dirTemplate.begin(), dirTemplate.end());
  buf.push_back('\0');
  if (!::mkdtemp(buf.data())) return 1;
  const std::string dir = buf.data();
  const std::string path = dir + "/cache.sqlite3";

  int rc = 0;
  {
    auto opened = sync::Store::open(path);
    if (!opened) {
      std::fprintf(stderr, "store bench: %s\n", opened.error().message.c_str());
      return 1;
    }
    sync::Store store = std::move(opened).value();
    store.setList({ListKind::Tasks, "bench-list", "Tasks", 171, "SP.Data.TasksListItem", "", "", ""});

    std::vector<Item> items;
    items.reserve(static_cast<std::size_t>(n));
    for (int i = 1; i <= n; ++i) items.push_back(task(i, 1));

    auto t0 = Clock::now();
    {
      sync::Store::Transaction tx(store);
      store.applyServerItems(ListKind::Tasks, items);
      tx.commit();
    }
    double applyMs = msSince(t0);
    report("store.apply_first_sync_ms", applyMs, "ms");
    report("store.apply_first_sync_items_per_s", n / (applyMs / 1000.0), "items/s");

    std::vector<Item> changed;
    for (int i = 1; i <= n && changed.size() < 100; i += n / 100 > 0 ? n / 100 : 1) changed.push_back(task(i, 2));
    t0 = Clock::now();
    {
      sync::Store::Transaction tx(store);
      store.applyServerItems(ListKind::Tasks, changed);
      tx.commit();
    }
    report("store.apply_100_changes_ms", msSince(t0), "ms");

    // The UI reads on its own connection (WAL), like the app does.
    auto reader = sync::Store::open(path);
    if (!reader) return 1;
    t0 = Clock::now();
    auto all = reader->items(ListKind::Tasks);
    double readMs = msSince(t0);
    if (all.size() != static_cast<std::size_t>(n)) {
      std::fprintf(stderr, "store bench: read %zu items, expected %d\n", all.size(), n);
      rc = 1;
    }
    report("store.read_all_items_cold_ms", readMs, "ms");
    // Best of a few runs: the figure is the code's cost, not the machine's load.
    double best = 1e300;
    for (int i = 0; i < 3; ++i) {
      t0 = Clock::now();
      all = reader->items(ListKind::Tasks);
      best = std::min(best, msSince(t0));
    }
    report("store.read_all_items_ms", best, "ms");
    best = 1e300;
    for (int i = 0; i < 5; ++i) {
      t0 = Clock::now();
      if (reader->count(ListKind::Tasks) != static_cast<std::size_t>(n)) rc = 1;
      best = std::min(best, msSince(t0));
    }
    report("store.count_ms", best, "ms");

    t0 = Clock::now();
    auto one = reader->item(ListKind::Tasks, n / 2);
    report("store.read_one_item_ms", msSince(t0), "ms");
    (void)one;

    const int edits = 50;
    t0 = Clock::now();
    for (int i = 0; i < edits; ++i)
      reader->updateLocal(ListKind::Tasks, 1 + i, {{"Status", FieldValue{std::string("Completed")}}});
    report("store.local_edit_ms", msSince(t0) / edits, "ms");
  }
  struct stat st {};
  double bytes = 0;
  for (const char* suffix : {"", "-wal"})
    if (::stat((path + suffix).c_str(), &st) == 0) bytes += static_cast<double>(st.st_size);
  report("store.db_size_mb", bytes / (1024.0 * 1024.0), "MB");
  report("store.db_bytes_per_item", bytes / n, "bytes");
  for (const char* suffix : {"", "-wal", "-shm"}) ::unlink((path + suffix).c_str());
  ::rmdir(dir.c_str());
  return rc;
}

}  // namespace

DESKPANE_BENCH("store", "SQLite cache: apply/read 10,000 items, local edit, DB size [N]", run);

}  // namespace deskpane::bench
