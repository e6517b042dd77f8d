// getlistitemchangessincetoken without a token (Outlook's first full read)
// on a list past the view threshold: pages of RowLimit rows chained by
// rs:data's ListItemCollectionPositionNext, every item exactly once, and on
// every page the change token from before the first page, so an edit made
// while paging still shows up in the next delta read.
#include "tests/integration/emulator/emu_client.h"
#include "tests/support/child_process.h"

#include <gtest/gtest.h>

#include <map>

namespace deskpane::test {
namespace {

const std::string kNotes = "/sites/demo/_api/web/lists/getByTitle('Notes')";

std::string attribute(const std::string& xml, const std::string& name) {
  const auto at = xml.find(" " + name + "=\"");
  if (at == std::string::npos) return "";
  const auto from = at + name.size() + 3;
  return xml.substr(from, xml.find('"', from) - from);
}

std::vector<int> rowIds(const std::string& xml) {
  std::vector<int> ids;
  for (auto at = xml.find("ows_ID='"); at != std::string::npos; at = xml.find("ows_ID='", at + 1)) {
    ids.push_back(std::stoi(xml.substr(at + 8)));
  }
  return ids;
}

std::string firstRead(const std::string& rowLimit, const std::string& position) {
  std::string q = "{\"query\":{";
  if (!rowLimit.empty()) q += "\"RowLimit\":\"" + rowLimit + "\"";
  if (!position.empty()) {
    q += std::string(rowLimit.empty() ? "" : ",") +
         "\"QueryOptions\":\"<QueryOptions><Paging ListItemCollectionPositionNext=\\\"" + position +
         "\\\"/></QueryOptions>\"";
  }
  return q + "}}";
}

TEST(ChangesFirstReadPaging, RowLimitCapsThePageAndPointsAtTheNext) {
  EmulatorProcess emu({"--seed", "bulk:6000"});
  EmuClient c(emu.origin());
  struct Case {
    std::string rowLimit;
    std::size_t rows;
    std::string next;
  };
  const Case cases[] = {
      {"100", 100, "Paged=TRUE&amp;p_ID=100"},
      {"", 100, "Paged=TRUE&amp;p_ID=100"},  // no RowLimit: 100
      {"5999", 5999, "Paged=TRUE&amp;p_ID=5999"},
      {"6000", 6000, ""},
  };
  for (const auto& k : cases) {
    const auto r = c.write("POST", kNotes + "/getlistitemchangessincetoken", firstRead(k.rowLimit, ""));
    ASSERT_EQ(r.status, 200) << k.rowLimit;
    const auto data = r.body.substr(r.body.find("<rs:data"));
    EXPECT_EQ(attribute(data, "ItemCount"), std::to_string(k.rows)) << k.rowLimit;
    EXPECT_EQ(rowIds(data).size(), k.rows) << k.rowLimit;
    EXPECT_EQ(attribute(data.substr(0, data.find('>')), "ListItemCollectionPositionNext"), k.next) << k.rowLimit;
  }
}

TEST(ChangesFirstReadPaging, PagesCoverEveryItemOnceAndKeepTheFirstToken) {
  EmulatorProcess emu({"--seed", "bulk:6000"});
  EmuClient c(emu.origin());
  std::map<int, int> seen;
  std::string position, firstToken;
  int pages = 0;
  do {
    const auto r = c.write("POST", kNotes + "/getlistitemchangessincetoken", firstRead("1000", position));
    ASSERT_EQ(r.status, 200) << r.body.substr(0, 300);
    const auto token = attribute(r.body, "LastChangeToken");
    if (pages == 0) {
      firstToken = token;
      // Edited while the client pages: already delivered, so only the token
      // from before the first page brings it back.
      ASSERT_EQ(c.write("POST", kNotes + "/items(5)", "{\"Title\":\"edited while paging\"}",
                        {{"X-HTTP-Method", "MERGE"}}).status, 204);
    }
    EXPECT_EQ(token, firstToken) << "page " << pages;
    const auto data = r.body.substr(r.body.find("<rs:data"));
    for (const int id : rowIds(data)) ++seen[id];
    position = attribute(data.substr(0, data.find('>')), "ListItemCollectionPositionNext");
    for (std::size_t amp; (amp = position.find("&amp;")) != std::string::npos;) position.replace(amp, 5, "&");
    ASSERT_LT(++pages, 10);
  } while (!position.empty());
  EXPECT_EQ(pages, 6);
  ASSERT_EQ(seen.size(), 6000u);
  EXPECT_EQ(seen.begin()->first, 1);
  EXPECT_EQ(seen.rbegin()->first, 6000);
  for (const auto& [id, times] : seen) EXPECT_EQ(times, 1) << "ID " << id;

  const auto since = c.write("POST", kNotes + "/getlistitemchangessincetoken",
                             "{\"query\":{\"ChangeToken\":\"" + firstToken + "\"}}");
  ASSERT_EQ(since.status, 200);
  EXPECT_EQ(rowIds(since.body.substr(since.body.find("<rs:data"))), std::vector<int>{5});
  EXPECT_NE(since.body.find("edited while paging"), std::string::npos);
}

}  // namespace
}  // namespace deskpane::test
