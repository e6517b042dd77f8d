// The emulator's own knobs over HTTP: /_emulator stats and "another user"
// edits, --faults, --latency, --data persistence, bulk seeds and the list
// view threshold, robustness against junk.
#include "tests/integration/emulator/emu_client.h"
#include "tests/support/child_process.h"
#include "tests/support/temp_dir.h"

#include <gtest/gtest.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>

namespace deskpane::test {
namespace {

TEST(Control, StatsCountRequestsByRoute) {
  EmulatorProcess emu;
  EmuClient c(emu.origin());
  ASSERT_EQ(c.send("POST", "/_emulator/stats/reset").status, 204);
  c.get("/sites/demo/_api/web");
  c.get("/sites/demo/_api/web/lists/getByTitle('Tasks')/items");
  c.get("/sites/demo/_api/web/lists/getByTitle('Tasks')/items");
  const auto s = c.get("/_emulator/stats").json();
  EXPECT_EQ(s.at("requests").as_integer(), 3);
  EXPECT_EQ(s.at("by_route").at("GET items").as_integer(), 2);
  EXPECT_EQ(s.at("by_route").at("GET web").as_integer(), 1);
  EXPECT_GT(s.at("bytes_out").as_integer(), 100);
  c.send("POST", "/_emulator/stats/reset");
  EXPECT_EQ(c.get("/_emulator/stats").json().at("requests").as_integer(), 0);
}

TEST(Control, AnotherUserCreatesEditsAndDeletes) {
  EmulatorProcess emu;
  EmuClient c(emu.origin());
  const std::string items = "/sites/demo/_api/web/lists/getByTitle('Tasks')/items";
  const auto created = c.send("POST", "/_emulator/lists/Tasks/items", "{\"Title\":\"Bob's task\"}");
  ASSERT_EQ(created.status, 201) << created.body;
  const int id = created.json().at("Id").as_integer();
  EXPECT_EQ(created.json().at("AuthorId").as_integer(), 12);
  const auto edited = c.send("POST", "/_emulator/lists/Tasks/items/" + std::to_string(id), "{\"Status\":\"Completed\"}");
  ASSERT_EQ(edited.status, 200);
  EXPECT_EQ(edited.json().at("odata.etag").as_string(), "\"2\"");
  // The client's stale ETag now conflicts.
  const auto conflict = c.write("POST", items + "(" + std::to_string(id) + ")", "{\"Title\":\"mine\"}",
                                {{"X-HTTP-Method", "MERGE"}, {"If-Match", "\"1\""}});
  EXPECT_EQ(conflict.status, 412);
  EXPECT_EQ(c.send("DELETE", "/_emulator/lists/Tasks/items/" + std::to_string(id)).status, 200);  // with its recycle-bin id
  EXPECT_EQ(c.get(items + "(" + std::to_string(id) + ")").status, 404);
  EXPECT_EQ(c.send("POST", "/_emulator/lists/Nope/items/1", "{}").status, 404);
  EXPECT_EQ(c.send("POST", "/_emulator/lists/Tasks/items/99999", "{}").status, 404);
  EXPECT_EQ(c.send("POST", "/_emulator/lists/Tasks/items/1", "{\"NoField\":1}").status, 400);
}

TEST(Control, FaultsAnswerWithRetryAfter) {
  EmulatorProcess busy({"--seed", "empty", "--faults", "429:1"});
  EmuClient c(busy.origin());
  const auto r = c.get("/sites/demo/_api/web");
  EXPECT_EQ(r.status, 429);
  EXPECT_EQ(r.header("retry-after"), "1");
  EXPECT_TRUE(r.json().has_field("odata.error"));
  // Control endpoints are never faulted.
  EXPECT_EQ(c.get("/_emulator/stats").status, 200);

  EmulatorProcess unavailable({"--seed", "empty", "--faults", "503:1"});
  EXPECT_EQ(EmuClient(unavailable.origin()).get("/sites/demo/_api/web").status, 503);
}

TEST(Control, TruncatedAndResetResponsesBreakTheConnection) {
  for (const char* spec : {"truncate:1", "reset:1"}) {
    EmulatorProcess emu({"--seed", "demo", "--faults", spec});
    EmuClient c(emu.origin());
    EXPECT_ANY_THROW(c.get("/sites/demo/_api/web/lists/getByTitle('Tasks')/items")) << spec;
    EXPECT_EQ(c.get("/_emulator/stats").status, 200) << spec << ": server still alive";
  }
}

TEST(Control, SlowFaultAndLatencyDelayAnswers) {
  for (const auto& args : {std::vector<std::string>{"--seed", "empty", "--faults", "slow:1@300ms"},
                                              std::vector<std::string>{"--seed", "empty", "--latency", "300"}}) {
    EmulatorProcess emu(args);
    EmuClient c(emu.origin());
    const auto t0 = std::chrono::steady_clock::now();
    EXPECT_EQ(c.get("/sites/demo/_api/web").status, 200);
    EXPECT_GE(std::chrono::steady_clock::now() - t0, std::chrono::milliseconds(290)) << args[3];
  }
}

TEST(Control, DataFileSurvivesARestartMemoryDoesNot) {
  TempDir dir;
  const auto file = dir.file("site.sqlite3");
  int id = 0;
  {
    EmulatorProcess emu({"--seed", "demo", "--data", file});
    EmuClient c(emu.origin());
    id = c.write("POST", "/sites/demo/_api/web/lists/getByTitle('Notes')/items", "{\"Title\":\"Persistent ✓\"}")
             .json().at("Id").as_integer();
  }
  {
    EmulatorProcess emu({"--seed", "demo", "--data", file});
    const auto r = EmuClient(emu.origin()).get("/sites/demo/_api/web/lists/getByTitle('Notes')/items(" + std::to_string(id) + ")");
    ASSERT_EQ(r.status, 200);
    EXPECT_EQ(r.json().at("Title").as_string(), "Persistent ✓");
  }
  EmulatorProcess memory;
  EXPECT_EQ(EmuClient(memory.origin()).get("/sites/demo/_api/web/lists/getByTitle('Notes')/items(" + std::to_string(id) + ")").status, 404);
}

TEST(Control, ListViewThresholdOnLargeLists) {
  EmulatorProcess emu({"--seed", "bulk:5001"});
  EmuClient c(emu.origin());
  const std::string items = "/sites/demo/_api/web/lists/getByTitle('Tasks')/items";
  EXPECT_EQ(c.get("/sites/demo/_api/web/lists/getByTitle('Tasks')").json().at("ItemCount").as_integer(), 5001);
  // ID gt 0 leaves all 5,001 items as candidates for the non-indexed Title condition.
  for (const char* q : {"?$filter=Status+eq+'Completed'", "?$orderby=Title", "?$filter=ID+gt+0+and+Title+eq+'x'"}) {
    const auto r = c.get(items + q);
    EXPECT_EQ(r.status, 500) << q;
    EXPECT_NE(r.body.find("SPQueryThrottledException"), std::string::npos) << q;
    EXPECT_NE(r.body.find("exceeds the list view threshold"), std::string::npos) << q;
  }
  // ID gt 10 narrows to 4,991 candidates, so Title eq 'x' is applied to those only.
  for (const char* q : {"?$top=5000", "?$filter=ID+gt+4990", "?$orderby=ID+desc&$top=3", "?$filter=Modified+ge+datetime'2020-01-01T00:00:00Z'&$top=10",
                        "?$filter=ID+gt+10+and+Title+eq+'x'"}) {
    EXPECT_EQ(c.get(items + q).status, 200) << q;
  }
  const auto page = c.get(items + "?$top=5000&$select=Id").json();
  EXPECT_EQ(page.at("value").size(), 5000u);
  EXPECT_TRUE(page.has_field("odata.nextLink"));
  EXPECT_EQ(c.get(items + "?$top=6000&$select=Id").json().at("value").size(), 5000u);  // $top is capped
  const auto small = c.get(items + "?$select=Id").json();
  EXPECT_EQ(small.at("value").size(), 100u);  // default page size
}

TEST(Control, SurvivesJunkOnTheWire) {
  EmulatorProcess emu;
  const auto port = static_cast<std::uint16_t>(std::stoi(emu.origin().substr(emu.origin().rfind(':') + 1)));
  const std::string junk[] = {
      std::string("\x00\x01\x02\xff\xfe garbage\r\n\r\n", 17),
      "GET /sites/demo/_api/web/lists/getByTitle('%ZZ%')/items(%00) HTTP/1.1\r\nHost: x\r\n\r\n",
      "POST /sites/demo/_api/$batch HTTP/1.1\r\nHost: x\r\nContent-Type: multipart/mixed; boundary=b\r\nContent-Length: 9\r\n\r\n--b\r\n\x01\x02\x03",
      "GET /" + std::string(5000, 'a') + " HTTP/1.1\r\nHost: x\r\n\r\n",
  };
  for (const auto& bytes : junk) {
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(port);
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    ASSERT_EQ(::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr), 0);
    (void)!::send(fd, bytes.data(), bytes.size(), MSG_NOSIGNAL);
    timeval tv{2, 0};
    ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    char buf[512];
    (void)!::recv(fd, buf, sizeof buf, 0);
    ::close(fd);
  }
  EXPECT_EQ(EmuClient(emu.origin()).get("/sites/demo/_api/web").status, 200);
  EXPECT_TRUE(emu.process().running());
}

}  // namespace
}  // namespace deskpane::test
