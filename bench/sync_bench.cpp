// deskpane-bench sync: the sync engine against a deskpane-spemu child process
// over loopback — first sync of 5 lists × 10,000 items against a bare fetch of
// the same pages, "Sync all" with nothing changed, 10 changes in a large vs a
// small list, and the engine's peak RSS during the first sync.
#include "bench/bench.h"
#include "sync/process_memory.h"
#include "sync/sharepoint_client.h"
#include "sync/store.h"
#include "sync/sync_job.h"

#include <cpprest/http_client.h>

#include <signal.h>
#include <sched.h>
#include <spawn.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <optional>
#include <string>
#include <thread>
#include <vector>

extern char** environ;

namespace deskpane::bench {
namespace {

using Clock = std::chrono::steady_clock;

double msSince(Clock::time_point start) {
  return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

// DESKPANE_BENCH_SERVER_CPU=N: the emulator runs on CPU N alone and every
// client (this process, the CLI, PnPjs, the bare fetch) on the other CPUs,
// as a SharePoint on another machine would leave the client its CPUs.
const char* serverCpu() {
  const char* cpu = std::getenv("DESKPANE_BENCH_SERVER_CPU");
  return cpu && *cpu ? cpu : nullptr;
}

// deskpane-spemu next to this binary, stopped by PID when done.
class Emulator {
 public:
  explicit Emulator(const std::string& seed, std::vector<std::string> extra = {}) {
    const auto exe = std::filesystem::read_symlink("/proc/self/exe").parent_path() / "deskpane-spemu";
    int fds[2];
    if (pipe(fds) != 0) return;
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, fds[1], STDOUT_FILENO);
    posix_spawn_file_actions_addclose(&actions, fds[0]);
    std::vector<std::string> args = {exe.string(), "--port", "0", "--data", ":memory:", "--seed", seed};
    args.insert(args.end(), extra.begin(), extra.end());
    if (const char* cpu = serverCpu()) args.insert(args.begin(), {"/usr/bin/taskset", "-c", cpu});
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    if (posix_spawn(&pid_, argv[0], &actions, nullptr, argv.data(), environ) != 0) pid_ = -1;
    posix_spawn_file_actions_destroy(&actions);
    close(fds[1]);
    std::string line;
    char c;
    while (read(fds[0], &c, 1) == 1 && c != '\n') line += c;
    close(fds[0]);
    const auto at = line.find("http://");
    if (at != std::string::npos) siteUrl_ = line.substr(at);
  }
  ~Emulator() {
    if (pid_ <= 0) return;
    kill(pid_, SIGTERM);
    int status = 0;
    waitpid(pid_, &status, 0);
  }
  const std::string& siteUrl() const { return siteUrl_; }
  std::string origin() const { return siteUrl_.substr(0, siteUrl_.find('/', 7)); }

 private:
  pid_t pid_ = -1;
  std::string siteUrl_;
};

std::map<sync::ListKind, std::string> allTitles() {
  std::map<sync::ListKind, std::string> t;
  for (auto k : sync::kAllListKinds) t[k] = std::string(sync::listKindTitle(k));
  return t;
}

std::set<sync::ListKind> allKinds() { return {sync::kAllListKinds.begin(), sync::kAllListKinds.end()}; }

double peakRssMb() {
  rusage ru{};
  getrusage(RUSAGE_SELF, &ru);
  return static_cast<double>(ru.ru_maxrss) / 1024.0;
}

void post(const std::string& origin, const std::string& path, const std::string& body) {
  web::http::client::http_client client(origin);
  web::http::http_request req(web::http::methods::POST);
  req.set_request_uri(path);
  req.set_body(body, "application/json");
  client.request(req).get().extract_string().get();
}

struct Workspace {
  std::string dir;
  Workspace() {
    char tmpl[] = "/tmp/deskpane-bench-XXXXXX";
    dir = mkdtemp(tmpl);
  }
  ~Workspace() { std::filesystem::remove_all(dir); }
};

// One list behind its own emulator, synced once (first read) and again (the
// form digest warm), ready for rounds of "10 server-side edits, then one
// incremental sync".
class TenChangesRig {
 public:
  TenChangesRig(const std::string& seed, int idRange)
      : emu_(seed), idRange_(idRange), store_(sync::Store::open(ws_.dir + "/cache.sqlite3").value()),
        client_(options(emu_.siteUrl())), job_(store_, client_, allTitles(), select_) {
    job_.run({kKind});
    job_.run({kKind});
  }
  // Requests and milliseconds of one round.
  std::pair<long long, double> round(int run) {
    const auto title = std::string(sync::listKindTitle(kKind));
    for (int i = 0; i < 10; ++i) {
      // Ten distinct items a round, spread over the list (wrapping in a small one).
      const int id = 1 + ((run * 10 + i) * std::max(1, idRange_ / 100)) % idRange_;
      post(emu_.origin(), "/_emulator/lists/" + title + "/items/" + std::to_string(id),
           "{\"Title\":\"bench edit " + std::to_string(run) + "\"}");
    }
    const auto before = client_.requestCount();
    const auto start = Clock::now();
    job_.run({kKind});
    return {client_.requestCount() - before, msSince(start)};
  }

 private:
  static constexpr sync::ListKind kKind = sync::ListKind::Tasks;
  static sync::ClientOptions options(const std::string& site) {
    sync::ClientOptions o;
    o.siteUrl = site;
    return o;
  }
  Emulator emu_;
  int idRange_;
  Workspace ws_;
  sync::Store store_;
  sync::SharePointClient client_;
  sync::SelectCache select_;
  sync::SyncJob job_;
};

// A child process run to its end: its stdout, wall time and peak RSS.
struct ChildRun {
  int status = -1;
  std::string out;
  double ms = 0;
  double peakRssMb = 0;
};

ChildRun runChild(std::vector<std::string> args, const std::string& cwd = {}) {
  ChildRun run;
  char outPath[] = "/tmp/deskpane-bench-out-XXXXXX";
  const int fd = mkstemp(outPath);
  if (fd < 0) return run;
  // The child's own peak RSS comes from /usr/bin/time: wait4's ru_maxrss
  // of a child made by posix_spawn (a vfork) starts at this process's peak,
  // the bench's own tens of MB, whatever the child uses.
  char rssPath[] = "/tmp/deskpane-bench-rss-XXXXXX";
  const int rssFd = mkstemp(rssPath);
  const bool timed = rssFd >= 0 && access("/usr/bin/time", X_OK) == 0;
  if (timed) args.insert(args.begin(), {"/usr/bin/time", "-q", "-f", "%M", "-o", rssPath});
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, fd, STDOUT_FILENO);
  if (!cwd.empty()) posix_spawn_file_actions_addchdir_np(&actions, cwd.c_str());
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  pid_t pid = -1;
  const auto start = Clock::now();
  const int spawned = posix_spawnp(&pid, argv[0], &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  if (spawned == 0) {
    rusage ru{};
    int status = 0;
    wait4(pid, &status, 0, &ru);  // this child only, by its PID
    run.ms = msSince(start);
    run.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    run.peakRssMb = static_cast<double>(ru.ru_maxrss) / 1024.0;
  }
  lseek(fd, 0, SEEK_SET);
  char buf[4096];
  ssize_t n;
  while ((n = read(fd, buf, sizeof buf)) > 0) run.out.append(buf, static_cast<std::size_t>(n));
  close(fd);
  unlink(outPath);
  if (rssFd >= 0) {
    char kb[64] = {};
    if (timed && read(rssFd, kb, sizeof kb - 1) > 0) run.peakRssMb = std::atof(kb) / 1024.0;
    close(rssFd);
    unlink(rssPath);
  }
  return run;
}

// `deskpane --sync` against `siteUrl` with a settings file binding every list.
class CliRig {
 public:
  explicit CliRig(const std::string& siteUrl) {
    std::FILE* f = std::fopen((ws_.dir + "/settings.ini").c_str(), "w");
    std::fprintf(f, "[site]\nurl=%s\nauth=none\n", siteUrl.c_str());
    for (auto k : sync::kAllListKinds)
      std::fprintf(f, "[%s]\nlist=%s\n", std::string(sync::listKindKey(k)).c_str(),
                   std::string(sync::listKindTitle(k)).c_str());
    std::fclose(f);
  }
  // One `deskpane --sync`; requests from its "all" line (-1 when missing).
  std::pair<ChildRun, long long> sync() {
    const auto exe = std::filesystem::read_symlink("/proc/self/exe").parent_path() / "deskpane";
    auto run = runChild({exe.string(), "--sync", "--config", ws_.dir + "/settings.ini", "--cache", ws_.dir + "/cache.sqlite3"});
    long long requests = -1;
    const auto at = run.out.find("\nall lists=");
    if (at != std::string::npos) {
      const auto r = run.out.find("requests=", at);
      if (r != std::string::npos) requests = std::atoll(run.out.c_str() + r + 9);
    }
    if (run.status != 0) std::fprintf(stderr, "sync bench: deskpane --sync: exit %d\n%s", run.status, run.out.c_str());
    return {run, requests};
  }

 private:
  Workspace ws_;
};

// PnPjs (tests/integration/pnpjs) reading every item of the five lists, as
// many pages as it takes; nullopt when its node_modules are not installed.
std::optional<ChildRun> pnpjsRead(const std::string& siteUrl) {
  const std::filesystem::path dir = std::filesystem::path(DESKPANE_SOURCE_DIR) / "tests/integration/pnpjs";
  if (!std::filesystem::exists(dir / "node_modules/@pnp/sp")) return std::nullopt;
  std::string lists;
  for (auto k : sync::kAllListKinds) lists += (lists.empty() ? "" : ",") + std::string(sync::listKindTitle(k));
  auto run = runChild({"node", (std::filesystem::path(DESKPANE_SOURCE_DIR) / "bench/pnpjs_read.mjs").string(), siteUrl, lists},
                      dir.string());
  if (run.status != 0) return std::nullopt;
  return run;
}

// The wire's lower bound: every page of the five lists fetched (gzip, as the
// client asks) and drained, nothing parsed or stored; the lists side by side
// on threads of their own, as the engine's fetchers go, each list's pages in
// turn (a page's next link is only known once it has arrived). The URLs are
// the client's own (itemsQuery: the same $select, $expand and $top) with the
// fields the client's sync settled on (`select`: a list without a column
// refuses it, and the client drops it), so the server does the same work for
// both. Returns the pages read; a page that is not a 200 stops its list and
// is not counted.
long long bareFetch(const Emulator& emu, int pageSize, sync::SelectCache& select) {
  std::atomic<long long> pages{0};
  std::vector<std::thread> lists;
  for (auto kind : sync::kAllListKinds) {
    std::vector<std::string> fields = {"Id"};
    for (const auto& f : select.fields(kind)) fields.push_back(f);
    lists.emplace_back([&emu, &pages, kind, pageSize, fields] {
      web::http::client::http_client_config config;
      config.set_request_compressed_response(web::http::compression::builtin::supported());
      web::http::client::http_client http(emu.origin(), config);
      std::string url = emu.siteUrl().substr(emu.origin().size()) + "/_api/web/lists/getbytitle('" +
                        std::string(sync::listKindTitle(kind)) + "')/items?" +
                        sync::itemsQuery(fields, "$top=" + std::to_string(pageSize));
      while (!url.empty()) {
        web::http::http_request req(web::http::methods::GET);
        req.set_request_uri(url);
        req.headers().add("Accept", "application/json;odata=minimalmetadata");
        const auto response = http.request(req).get();
        const auto body = response.extract_utf8string(true).get();
        if (response.status_code() != web::http::status_codes::OK) return;
        ++pages;
        // Only the next link is looked for (a string search, no JSON parse).
        url.clear();
        const auto at = body.find("\"odata.nextLink\":\"");
        if (at != std::string::npos) {
          const auto end = body.find('"', at + 18);
          url = body.substr(at + 18, end - at - 18).substr(emu.origin().size());
        }
      }
    });
  }
  for (auto& t : lists) t.join();
  return pages;
}

// The client's page size, as the bench runs it (DESKPANE_BENCH_PAGE=N).
int benchPageSize() {
  if (const char* ps = std::getenv("DESKPANE_BENCH_PAGE")) return std::atoi(ps);
  return sync::ClientOptions{}.pageSize;
}

// The bare fetch, timed; nullopt (and why, on stderr) when it did not read
// every page: a refused request would make the lower bound look lower.
std::optional<double> timedBareFetch(const Emulator& emu, int perList, sync::SelectCache& select) {
  const int pageSize = benchPageSize();
  const long long expected = static_cast<long long>(sync::kAllListKinds.size()) * ((perList + pageSize - 1) / pageSize);
  const auto start = Clock::now();
  const long long pages = bareFetch(emu, pageSize, select);
  const double ms = msSince(start);
  if (pages != expected) {
    std::fprintf(stderr, "sync bench: the bare fetch read %lld pages, not %lld\n", pages, expected);
    return std::nullopt;
  }
  return ms;
}

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v[v.size() / 2];
}

int benchSync(int, char**) {
  // As deskpane's main() does (process_memory.h); first thing, so that run
  // alone (`deskpane-bench sync`) no other thread has made an arena yet.
  sync::limitMallocArenas();
  if (const char* cpu = serverCpu()) {
    cpu_set_t clientCpus;
    CPU_ZERO(&clientCpus);
    const long cpus = sysconf(_SC_NPROCESSORS_ONLN);
    for (long c = 0; c < cpus; ++c)
      if (c != std::atol(cpu)) CPU_SET(static_cast<int>(c), &clientCpus);
    if (sched_setaffinity(0, sizeof clientCpus, &clientCpus) != 0) std::perror("sync bench: sched_setaffinity");
  }
  const int perList = 10000;
  Emulator emu("bulk:" + std::to_string(perList));
  if (emu.siteUrl().empty()) {
    std::fprintf(stderr, "sync bench: deskpane-spemu did not start\n");
    return 1;
  }
  Workspace ws;
  const double rssBefore = peakRssMb();
  double bareFetchMs = 0;
  double firstSyncMs = 0;
  std::size_t items = 0;
  // The fields each list's sync settled on: what the bare fetches ask for.
  sync::SelectCache select;
  {
    auto store = sync::Store::open(ws.dir + "/cache.sqlite3");
    sync::ClientOptions o;
    o.siteUrl = emu.siteUrl();
    o.pageSize = benchPageSize();
    sync::SharePointClient client(o);
    sync::SyncJob job(*store, client, allTitles(), select);
    const auto start = Clock::now();
    const auto reports = job.run(allKinds());
    firstSyncMs = msSince(start);
    for (const auto& r : reports) {
      if (r.state != sync::SyncState::Synced) {
        std::fprintf(stderr, "sync bench: %s: %s\n", std::string(sync::listKindTitle(r.kind)).c_str(), r.message.c_str());
        return 1;
      }
      items += store->count(r.kind);
    }
    report("sync.first_sync_5x10000_s", firstSyncMs / 1000.0, "s");
    report("sync.first_sync_items_per_s", static_cast<double>(items) / (firstSyncMs / 1000.0), "items/s");
    report("sync.first_sync_requests", static_cast<double>(client.requestCount()), "requests");
    report("sync.first_sync_peak_rss", peakRssMb(), "MB");
    report("sync.first_sync_peak_rss_growth", peakRssMb() - rssBefore, "MB");

    // The wire's lower bound: the same pages fetched and drained, nothing parsed or stored.
    const auto bare = timedBareFetch(emu, perList, select);
    if (!bare) return 1;
    const double bareMs = *bare;
    bareFetchMs = bareMs;
    report("sync.bare_fetch_same_pages_s", bareMs / 1000.0, "s");
    report("sync.first_sync_vs_bare_fetch", firstSyncMs / bareMs, "x");

    // "Sync all" with nothing changed (digest warm after one pass).
    job.run(allKinds());
    std::vector<double> times;
    long long requests = 0;
    for (int i = 0; i < 9; ++i) {
      const auto before = client.requestCount();
      const auto start = Clock::now();
      job.run(allKinds());
      times.push_back(msSince(start));
      requests = client.requestCount() - before;
    }
    std::sort(times.begin(), times.end());
    report("sync.sync_all_unchanged_requests", static_cast<double>(requests), "requests");
    report("sync.sync_all_unchanged_ms", times[times.size() / 2], "ms");
  }

  // Side by side against the same emulators: PnPjs reading the same lists,
  // and `deskpane --sync` (the app's Engine::syncAll path) as a process.
  {
    const auto pnp = pnpjsRead(emu.siteUrl());
    if (pnp) report("sync.pnpjs_first_read_0ms_s", pnp->ms / 1000.0, "s");
    CliRig cli(emu.siteUrl());
    const auto first = cli.sync();
    report("sync.cli_first_sync_0ms_s", first.first.ms / 1000.0, "s");
    report("sync.cli_first_sync_0ms_requests", static_cast<double>(first.second), "requests");
    report("sync.cli_first_sync_peak_rss", first.first.peakRssMb, "MB");
    report("sync.cli_first_sync_0ms_vs_bare_fetch", first.first.ms / bareFetchMs, "x");
    if (pnp) report("sync.cli_first_sync_0ms_vs_pnpjs", first.first.ms / pnp->ms, "x");
    if (pnp) report("sync.pnpjs_first_read_0ms_vs_bare_fetch", pnp->ms / bareFetchMs, "x");
    if (pnp) report("sync.pnpjs_peak_rss", pnp->peakRssMb, "MB");
    cli.sync();  // the first incremental sync of a cache fetches (and keeps) the form digest
    const auto unchanged = cli.sync();
    report("sync.cli_unchanged_requests", static_cast<double>(unchanged.second), "requests");
    report("sync.cli_unchanged_ms", unchanged.first.ms, "ms");
    for (int i = 1; i <= 5; ++i) {
      for (const char* title : {"Tasks", "Contacts"})
        post(emu.origin(), "/_emulator/lists/" + std::string(title) + "/items/" + std::to_string(i * 997),
             "{\"Title\":\"cli bench edit\"}");
    }
    const auto edited = cli.sync();
    report("sync.cli_ten_edits_two_lists_requests", static_cast<double>(edited.second), "requests");
    report("sync.cli_ten_edits_two_lists_ms", edited.first.ms, "ms");
  }
  {
    Emulator slow("bulk:" + std::to_string(perList), {"--latency", "150"});
    const auto bare = timedBareFetch(slow, perList, select);
    if (!bare) return 1;
    const double bareSlowMs = *bare;
    report("sync.bare_fetch_same_pages_150ms_s", bareSlowMs / 1000.0, "s");
    const auto pnp = pnpjsRead(slow.siteUrl());
    if (pnp) report("sync.pnpjs_first_read_150ms_s", pnp->ms / 1000.0, "s");
    CliRig cli(slow.siteUrl());
    const auto first = cli.sync();
    report("sync.cli_first_sync_150ms_s", first.first.ms / 1000.0, "s");
    report("sync.cli_first_sync_150ms_requests", static_cast<double>(first.second), "requests");
    report("sync.cli_first_sync_150ms_peak_rss", first.first.peakRssMb, "MB");
    report("sync.cli_first_sync_150ms_vs_bare_fetch", first.first.ms / bareSlowMs, "x");
    if (pnp) report("sync.pnpjs_first_read_150ms_vs_bare_fetch", pnp->ms / bareSlowMs, "x");
    if (pnp) report("sync.cli_first_sync_150ms_vs_pnpjs", first.first.ms / pnp->ms, "x");
    cli.sync();
    const auto unchanged = cli.sync();
    report("sync.cli_unchanged_150ms_requests", static_cast<double>(unchanged.second), "requests");
    report("sync.cli_unchanged_150ms_ms", unchanged.first.ms, "ms");
  }

  // Both lists side by side, rounds alternating, so that drift in the
  // machine's speed (a shared VM) weighs on both medians alike.
  TenChangesRig bigRig("bulk:10000", 10000), smallRig("bulk:100", 100);
  std::vector<double> bigTimes, smallTimes;
  std::pair<long long, double> big, small;
  for (int run = 0; run < 25; ++run) {
    big = bigRig.round(run);
    small = smallRig.round(run);
    bigTimes.push_back(big.second);
    smallTimes.push_back(small.second);
  }
  big.second = median(bigTimes);
  small.second = median(smallTimes);
  report("sync.ten_changes_10000_requests", static_cast<double>(big.first), "requests");
  report("sync.ten_changes_10000_ms", big.second, "ms");
  report("sync.ten_changes_100_requests", static_cast<double>(small.first), "requests");
  report("sync.ten_changes_100_ms", small.second, "ms");
  report("sync.ten_changes_time_ratio_10000_vs_100", big.second / small.second, "x");
  return 0;
}

}  // namespace
DESKPANE_BENCH("sync", "sync engine vs deskpane-spemu: first sync, unchanged Sync all, 10 changes, peak RSS (env DESKPANE_BENCH_PAGE=N sets the page size)", benchSync);
}  // namespace deskpane::bench
