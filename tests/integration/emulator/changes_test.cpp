// Change tracking over HTTP: CurrentChangeToken, getchanges (limits, types,
// foreign/expired/malformed tokens), getlistitemchangessincetoken.
#include "tests/integration/emulator/emu_client.h"
#include "tests/support/child_process.h"

#include <gtest/gtest.h>

#include <thread>

namespace deskpane::test {
namespace {

const std::string kList = "/sites/demo/_api/web/lists/getByTitle('Notes')";

std::string currentToken(EmuClient& c) {
  return c.get(kList + "?$select=CurrentChangeToken").json().at("CurrentChangeToken").at("StringValue").as_string();
}

std::string changeQuery(const std::string& token, const std::string& extra = "") {
  std::string q = "{\"query\":{\"Item\":true,\"Add\":true,\"Update\":true,\"DeleteObject\":true,\"Restore\":true";
  if (!token.empty()) q += ",\"ChangeTokenStart\":{\"StringValue\":\"" + token + "\"}";
  if (!extra.empty()) q += "," + extra;
  return q + "}}";
}

TEST(Changes, GetChangesListsEveryChangeAfterTheToken) {
  EmulatorProcess emu;
  EmuClient c(emu.origin());
  const auto token = currentToken(c);
  const auto a = c.write("POST", kList + "/items", "{\"Title\":\"a\"}").json().at("Id").as_integer();
  c.write("POST", kList + "/items(" + std::to_string(a) + ")", "{\"Title\":\"a2\"}", {{"X-HTTP-Method", "MERGE"}});
  // Another user's edit lands in the same log.
  EmuClient(emu.origin()).send("POST", "/_emulator/lists/Notes/items/1", "{\"Title\":\"edited elsewhere\"}");
  c.write("POST", kList + "/items(" + std::to_string(a) + ")", "", {{"X-HTTP-Method", "DELETE"}});

  const auto r = c.write("POST", kList + "/getchanges", changeQuery(token));
  ASSERT_EQ(r.status, 200) << r.body;
  const auto changes = r.json().at("value");
  ASSERT_EQ(changes.size(), 4u);
  const int expected[][2] = {{1, a}, {2, a}, {2, 1}, {3, a}};
  std::string last;
  for (std::size_t i = 0; i < 4; ++i) {
    EXPECT_EQ(changes.at(i).at("ChangeType").as_integer(), expected[i][0]);
    EXPECT_EQ(changes.at(i).at("ItemId").as_integer(), expected[i][1]);
    last = changes.at(i).at("ChangeToken").at("StringValue").as_string();
  }
  // Continuing from the last change's token finds nothing more.
  EXPECT_EQ(c.write("POST", kList + "/getchanges", changeQuery(last)).json().at("value").size(), 0u);
  // Only the asked-for types; FetchLimit caps the batch.
  EXPECT_EQ(c.write("POST", kList + "/getchanges",
                    "{\"query\":{\"Item\":true,\"DeleteObject\":true,\"ChangeTokenStart\":{\"StringValue\":\"" + token + "\"}}}")
                .json().at("value").size(), 1u);
  EXPECT_EQ(c.write("POST", kList + "/getchanges", changeQuery(token, "\"FetchLimit\":2")).json().at("value").size(), 2u);
  // Verbose request body and answer.
  const auto v = c.write("POST", kList + "/getchanges",
                         "{\"query\":{\"__metadata\":{\"type\":\"SP.ChangeQuery\"},\"Item\":true,\"Add\":true,"
                         "\"ChangeTokenStart\":{\"__metadata\":{\"type\":\"SP.ChangeToken\"},\"StringValue\":\"" + token + "\"}}}",
                         {{"Accept", "application/json;odata=verbose"}, {"Content-Type", "application/json;odata=verbose"}});
  ASSERT_EQ(v.status, 200) << v.body;
  EXPECT_EQ(v.json().at("d").at("results").size(), 1u);
  // No start token: the whole log of the list (the seed's adds included).
  EXPECT_GE(c.write("POST", kList + "/getchanges", changeQuery("")).json().at("value").size(), 10u);
}

TEST(Changes, AtMostAThousandPerCall) {
  EmulatorProcess emu({"--seed", "bulk:1200"});
  EmuClient c(emu.origin());
  const auto first = c.write("POST", kList + "/getchanges", changeQuery("")).json().at("value");
  ASSERT_EQ(first.size(), 1000u);
  const auto last = first.at(999).at("ChangeToken").at("StringValue").as_string();
  EXPECT_EQ(c.write("POST", kList + "/getchanges", changeQuery(last)).json().at("value").size(), 200u);
}

TEST(Changes, BadTokensGiveSharePointsErrors) {
  EmulatorProcess emu({"--seed", "demo", "--token-retention-s", "2"});
  EmuClient c(emu.origin());
  const auto token = currentToken(c);
  const auto tasksId = c.get("/sites/demo/_api/web/lists/getByTitle('Tasks')").json().at("Id").as_string();
  const auto foreign = "1;3;" + tasksId + token.substr(4 + 36);
  auto r = c.write("POST", kList + "/getchanges", changeQuery(foreign));
  EXPECT_EQ(r.status, 500);
  EXPECT_NE(r.body.find("-2130575173"), std::string::npos);
  r = c.write("POST", kList + "/getchanges", changeQuery("garbage"));
  EXPECT_EQ(r.status, 400);
  std::this_thread::sleep_for(std::chrono::milliseconds(3100));
  r = c.write("POST", kList + "/getchanges", changeQuery(token));
  EXPECT_EQ(r.status, 500);
  EXPECT_NE(r.body.find("The changeToken refers to a time before the start of the current change log."), std::string::npos);
  // Outlook-style call: an expired token says "start over".
  r = c.write("POST", kList + "/getlistitemchangessincetoken", "{\"query\":{\"ChangeToken\":\"" + token + "\"}}");
  EXPECT_EQ(r.status, 200);
  EXPECT_NE(r.body.find("ChangeType=\"InvalidToken\""), std::string::npos);
}

TEST(Changes, ListItemChangesSinceTokenRowset) {
  EmulatorProcess emu;
  EmuClient c(emu.origin());
  const auto full = c.write("POST", kList + "/getlistitemchangessincetoken",
                            "{\"query\":{\"RowLimit\":\"100\",\"ViewFields\":\"<ViewFields><FieldRef Name='Title'/></ViewFields>\"}}");
  ASSERT_EQ(full.status, 200);
  EXPECT_NE(full.header("content-type").find("xml"), std::string::npos);
  EXPECT_NE(full.body.find("<List ID=\"{"), std::string::npos);
  EXPECT_NE(full.body.find("<rs:data ItemCount=\"6\">"), std::string::npos) << full.body.substr(0, 400);
  EXPECT_NE(full.body.find("ows_Title='Wi-Fi guest password'"), std::string::npos);
  const auto pos = full.body.find("LastChangeToken=\"") + 17;
  const auto token = full.body.substr(pos, full.body.find('"', pos) - pos);

  const auto a = c.write("POST", kList + "/items", "{\"Title\":\"fresh & new\"}").json().at("Id").as_integer();
  c.write("POST", kList + "/items(1)", "", {{"X-HTTP-Method", "DELETE"}});
  for (int i = 0; i < 3; ++i) c.write("POST", kList + "/items", "{\"Title\":\"more\"}");
  const auto since = c.write("POST", kList + "/getlistitemchangessincetoken",
                             "{\"query\":{\"ChangeToken\":\"" + token + "\",\"RowLimit\":\"2\"}}");
  ASSERT_EQ(since.status, 200);
  EXPECT_NE(since.body.find("MoreChanges=\"TRUE\""), std::string::npos) << since.body;
  EXPECT_NE(since.body.find("<Id ChangeType=\"Delete\""), std::string::npos) << since.body;
  EXPECT_NE(since.body.find("ows_ID='" + std::to_string(a) + "'"), std::string::npos);
  EXPECT_NE(since.body.find("fresh &amp; new"), std::string::npos);
  EXPECT_EQ(since.body.find("<List "), std::string::npos);
}

}  // namespace
}  // namespace deskpane::test
