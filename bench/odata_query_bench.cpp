// deskpane-bench odata: cost of the emulator's query pieces on a 10,000-item
// list (thread CPU time) — $filter parse, per-item evaluation (by index and by name), sorting
// by an $orderby list, and $batch decode/encode.
#include <algorithm>
#include <ctime>
#include <numeric>
#include <string>
#include <vector>

#include "bench/bench.h"
#include "emulator/batch_codec.h"
#include "emulator/odata_query.h"

namespace deskpane::bench {
namespace {

using emu::Value;

// Single-threaded work measured in thread CPU time, so the figures hold up
// when other processes share the 2 cores.
struct Clock {
  using time_point = double;
  static double now() {
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
  }
};

double secondsSince(double start) { return Clock::now() - start; }

struct Row {
  std::vector<Value> values;  // ID, Title, Modified, Done, Priority, AuthorId
};

const char* const kColumns[] = {"ID", "Title", "Modified", "Done", "Priority", "AuthorId"};

std::vector<Row> makeRows(int n) {
  std::vector<Row> rows(static_cast<std::size_t>(n));
  for (int i = 0; i < n; ++i) {
    char date[32];
    std::snprintf(date, sizeof date, "2024-%02d-%02dT%02d:00:00Z", 1 + i % 12, 1 + i % 28, i % 24);
    rows[static_cast<std::size_t>(i)].values = {std::int64_t{i + 1}, std::string("Task number ") + std::to_string(i),
                                                std::string(date), i % 3 == 0, std::int64_t{i % 5},
                                                std::int64_t{7 + i % 4}};
  }
  return rows;
}

int columnOf(std::string_view name) {
  for (int c = 0; c < 6; ++c) {
    if (name == kColumns[c] || (c == 0 && name == "Id")) return c;
  }
  return -1;
}

int run(int, char**) {
  const std::vector<Row> rows = makeRows(10000);
  const char* filterText =
      "Modified ge datetime'2024-03-01T00:00:00Z' and (Done eq 1 or startswith(Title,'Task number 9')) and "
      "Priority lt 4 and substringof('number',Title)";

  auto start = Clock::now();
  const int parses = 20000;
  std::size_t sink = 0;
  for (int i = 0; i < parses; ++i) sink += emu::parseFilter(filterText)->fields().size();
  report("odata.filter_parse", parses / secondsSince(start), "parses/s");

  auto filter = emu::parseFilter(filterText).value();
  std::vector<int> bound;
  for (const auto& f : filter.fields()) bound.push_back(columnOf(f));

  const int passes = 20;
  start = Clock::now();
  for (int p = 0; p < passes; ++p) {
    for (const auto& row : rows) {
      sink += filter.matchesByIndex([&](std::size_t i) -> const Value& {
        return row.values[static_cast<std::size_t>(bound[i])];
      });
    }
  }
  double secs = secondsSince(start);
  report("odata.filter_eval_by_index", passes * rows.size() / secs / 1e6, "Mitems/s");
  report("odata.filter_10k_list_by_index", secs / passes * 1e3, "ms");

  start = Clock::now();
  for (int p = 0; p < passes; ++p) {
    for (const auto& row : rows) {
      sink += filter.matches([&](std::string_view name) { return row.values[static_cast<std::size_t>(columnOf(name))]; });
    }
  }
  secs = secondsSince(start);
  report("odata.filter_10k_list_by_name", secs / passes * 1e3, "ms");

  auto keys = emu::withIdTiebreak(emu::parseOrderBy("Priority desc, Modified asc").value());
  std::vector<std::vector<Value>> keyValues;
  for (const auto& row : rows) {
    std::vector<Value> k;
    for (const auto& key : keys) k.push_back(row.values[static_cast<std::size_t>(columnOf(key.field))]);
    keyValues.push_back(std::move(k));
  }
  start = Clock::now();
  const int sorts = 10;
  for (int s = 0; s < sorts; ++s) {
    std::vector<std::size_t> order(rows.size());
    std::iota(order.begin(), order.end(), std::size_t{0});
    std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
      return emu::compareRows(keys, keyValues[a].data(), keyValues[b].data()) < 0;
    });
    sink += order.front();
  }
  report("odata.sort_10k_by_priority_modified", secondsSince(start) / sorts * 1e3, "ms");

  std::string body;
  for (int i = 0; i < 20; ++i) {
    body += "--batch_x\r\nContent-Type: application/http\r\nContent-Transfer-Encoding: binary\r\n\r\n"
            "GET http://127.0.0.1/sites/demo/_api/web/lists/getByTitle('Tasks')/items(" + std::to_string(i) +
            ") HTTP/1.1\r\naccept: application/json\r\ncontent-type: application/json;charset=utf-8\r\n\r\n";
  }
  body += "--batch_x--\r\n";
  start = Clock::now();
  const int batches = 20000;
  for (int i = 0; i < batches; ++i) sink += emu::parseBatch(body, "batch_x")->size();
  report("odata.batch_parse_20_parts", batches / secondsSince(start), "batches/s");

  std::vector<emu::BatchResponse> answers(20);
  for (auto& a : answers) {
    a.headers = {{"CONTENT-TYPE", "application/json;odata=minimalmetadata;streaming=true;charset=utf-8"}};
    a.body = std::string(600, 'x');
  }
  start = Clock::now();
  for (int i = 0; i < batches; ++i) sink += emu::formatBatchResponse(answers, "batchresponse_y").size();
  report("odata.batch_format_20_parts", batches / secondsSince(start), "batches/s");

  return sink == 0 ? 1 : 0;
}

DESKPANE_BENCH("odata", "$filter parse/evaluate on 10k items, $orderby sort, $batch codec", run);

}  // namespace
}  // namespace deskpane::bench
