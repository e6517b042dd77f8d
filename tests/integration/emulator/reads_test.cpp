// Reads over HTTP: routing, the three flavours, paging with absolute next
// links, $filter/$orderby/$select, hidden fields, errors, gzip.
#include "tests/integration/emulator/emu_client.h"
#include "tests/support/child_process.h"

#include <gtest/gtest.h>

namespace deskpane::test {
namespace {

const std::string kList = "/sites/demo/_api/web/lists/getByTitle('Tasks')";

class Reads : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { emulator_ = new EmulatorProcess({"--seed", "demo"}); }
  static void TearDownTestSuite() {
    delete emulator_;
    emulator_ = nullptr;
  }
  EmuClient client() { return EmuClient(emulator_->origin()); }
  static EmulatorProcess* emulator_;
};
EmulatorProcess* Reads::emulator_ = nullptr;

TEST_F(Reads, WebInEveryFlavourWithMatchingContentType) {
  auto c = client();
  struct Case {
    const char* accept;
    const char* contentType;
    bool verbose;
    bool metadata;
  };
  const Case cases[] = {
      {"application/json;odata=verbose", "application/json;odata=verbose;charset=utf-8", true, true},
      {"application/json", "application/json;odata=minimalmetadata;streaming=true;charset=utf-8", false, true},
      {"application/json;odata=minimalmetadata", "application/json;odata=minimalmetadata;streaming=true;charset=utf-8", false, true},
      {"application/json;odata=nometadata", "application/json;odata=nometadata;streaming=true;charset=utf-8", false, false},
  };
  for (const auto& k : cases) {
    const auto r = c.get("/sites/demo/_api/web", k.accept);
    ASSERT_EQ(r.status, 200) << k.accept;
    EXPECT_EQ(r.header("content-type"), k.contentType);
    const auto j = r.json();
    const auto& web = k.verbose ? j.at("d") : j;
    EXPECT_EQ(web.at("ServerRelativeUrl").as_string(), "/sites/demo");
    EXPECT_EQ(web.at("Url").as_string(), emulator_->siteUrl());
    if (k.verbose) {
      EXPECT_EQ(web.at("__metadata").at("type").as_string(), "SP.Web");
    } else {
      EXPECT_EQ(j.has_field("odata.metadata"), k.metadata) << k.accept;
    }
  }
}

TEST_F(Reads, ListsByEveryAddressingForm) {
  auto c = client();
  const auto byTitle = c.get(kList).json();
  const auto guid = byTitle.at("Id").as_string();
  EXPECT_EQ(byTitle.at("BaseTemplate").as_integer(), 171);
  EXPECT_EQ(byTitle.at("ListItemEntityTypeFullName").as_string(), "SP.Data.TasksListItem");
  EXPECT_EQ(byTitle.at("CurrentChangeToken").at("StringValue").as_string().rfind("1;3;" + guid + ";", 0), 0u);
  for (const std::string& path : std::vector<std::string>{"/sites/demo/_api/web/lists('" + guid + "')",
                                 "/sites/demo/_api/Web/Lists(guid'" + guid + "')",
                                 "/sites/demo/_api/web/lists/GetByTitle('tasks')",
                                 "/sites/demo/_api/WEB/LISTS/GETBYTITLE(%27Tasks%27)",
                                 "/sites/demo/_api/web/getlist('/sites/demo/Lists/Tasks')"}) {
    const auto r = c.get(path);
    ASSERT_EQ(r.status, 200) << path;
    EXPECT_EQ(r.json().at("Id").as_string(), guid) << path;
  }
  const auto lists = c.get("/sites/demo/_api/web/lists?$select=Title,BaseTemplate&$filter=BaseTemplate+eq+106").json();
  ASSERT_EQ(lists.at("value").size(), 1u);
  EXPECT_EQ(lists.at("value").at(0).at("Title").as_string(), "Calendar");
  EXPECT_FALSE(lists.at("value").at(0).has_field("ItemCount"));
  EXPECT_EQ(c.get("/sites/demo/_api/web/lists?$filter=Hidden%20eq%20false").json().at("value").size(), 5u);
}

TEST_F(Reads, NotFoundBodiesAreSharePoints) {
  auto c = client();
  auto r = c.get("/sites/demo/_api/web/lists/getByTitle('Nope')");
  EXPECT_EQ(r.status, 404);
  EXPECT_EQ(r.json().at("odata.error").at("code").as_string(), "-1, System.ArgumentException");
  EXPECT_NE(r.json().at("odata.error").at("message").at("value").as_string().find("List 'Nope' does not exist"), std::string::npos);
  r = c.get(kList + "/items(99999)", "application/json;odata=verbose");
  EXPECT_EQ(r.status, 404);
  EXPECT_EQ(r.json().at("error").at("message").at("value").as_string(),
            "Item does not exist. It may have been deleted by another user.");
  r = c.get("/sites/demo/_api/web/nonsense");
  EXPECT_EQ(r.status, 404);
  r = c.get(kList + "/items?$filter=Title+eq");
  EXPECT_EQ(r.status, 400);
  EXPECT_TRUE(r.json().has_field("odata.error"));
  r = c.get(kList + "/items?$filter=NoSuchColumn+eq+1");
  EXPECT_EQ(r.status, 400);
  r = c.get(kList + "/items?$select=NoSuchColumn");
  EXPECT_EQ(r.status, 400);
  r = c.get("/sites/demo/_api/web/lists/getByTitle('Tasks");
  EXPECT_EQ(r.status, 400);
}

TEST_F(Reads, PagingFollowsAbsoluteNextLinksThatKeepTheQuery) {
  auto c = client();
  std::string url = kList + "/items?$select=Id,Title&$top=5";
  std::vector<int> ids;
  int pages = 0;
  while (!url.empty()) {
    const auto r = c.get(url);
    ASSERT_EQ(r.status, 200) << url;
    const auto j = r.json();
    for (const auto& item : j.at("value").as_array()) {
      ids.push_back(item.at("Id").as_integer());
      EXPECT_FALSE(item.has_field("Status")) << "$select must carry over to later pages";
    }
    ++pages;
    url.clear();
    if (j.has_field("odata.nextLink")) {
      const auto next = j.at("odata.nextLink").as_string();
      ASSERT_EQ(next.rfind(emulator_->origin() + "/", 0), 0u) << "next link must be absolute: " << next;
      EXPECT_NE(next.find("%24skiptoken=Paged%3dTRUE%26p_ID%3d"), std::string::npos) << next;
      EXPECT_NE(next.find("%24top=5"), std::string::npos) << next;
      EXPECT_NE(next.find("%24select="), std::string::npos) << next;
      EXPECT_FALSE(j.has_field("@odata.nextLink"));
      url = next.substr(emulator_->origin().size());
    }
  }
  EXPECT_EQ(pages, 3);  // 12 demo tasks in pages of 5
  ASSERT_EQ(ids.size(), 12u);
  EXPECT_TRUE(std::is_sorted(ids.begin(), ids.end()));
  // Verbose carries the same link as d.__next.
  const auto v = c.get(kList + "/items?$top=5", "application/json;odata=verbose").json();
  EXPECT_EQ(v.at("d").at("results").size(), 5u);
  EXPECT_TRUE(v.at("d").has_field("__next"));
  // PnPjs' skip() form.
  const auto skipped = c.get(kList + "/items?$top=2&$skiptoken=Paged%3DTRUE%26p_ID%3D2&$select=Id").json();
  EXPECT_EQ(skipped.at("value").at(0).at("Id").as_integer(), 3);
}

TEST_F(Reads, FilterAndOrderBy) {
  auto c = client();
  struct Case {
    std::string query;
    std::size_t expected;
  };
  const Case cases[] = {
      {"$filter=Status+eq+'Completed'", 2},
      {"$filter=Status+ne+'Completed'", 10},
      {"$filter=startswith(Title,'Re')", 2},
      {"$filter=substringof('Lisbon',Title)", 1},
      {"$filter=PercentComplete+ge+0.5+and+Status+ne+'Completed'", 2},
      {"$filter=(Priority+eq+'(1)+High')+or+(Priority+eq+'(3)+Low')", 6},
      {"$filter=not+(Status+eq+'Completed')", 10},
      {"$filter=Modified+ge+datetime'2000-01-01T00:00:00Z'", 12},
      {"$filter=Created+ge+'2000-01-05T09:00:00.000Z'", 12},
      {"$filter=ID+le+3", 3},
      {"$filter=ID+eq+3+or+ID+eq+9", 2},
      {"$filter=ID+ge+11", 2},
      {"$filter=ID+gt+2+and+ID+lt+5+and+Status+ne+'x'", 2},
  };
  for (const auto& k : cases) {
    const auto r = c.get(kList + "/items?$select=Id&" + k.query);
    ASSERT_EQ(r.status, 200) << k.query << " " << r.body;
    EXPECT_EQ(r.json().at("value").size(), k.expected) << k.query;
  }
  const auto sorted = c.get(kList + "/items?$select=Title,Priority&$orderby=Priority+desc,Title").json().at("value");
  ASSERT_EQ(sorted.size(), 12u);
  EXPECT_EQ(sorted.at(0).at("Priority").as_string(), "(3) Low");
  EXPECT_EQ(sorted.at(11).at("Priority").as_string(), "(1) High");
  // Paging over a non-ID order keeps going where it stopped.
  std::vector<std::string> titles;
  std::string url = kList + "/items?$select=Title&$orderby=Title&$top=5";
  while (!url.empty()) {
    const auto j = c.get(url).json();
    for (const auto& item : j.at("value").as_array()) titles.push_back(item.at("Title").as_string());
    url = j.has_field("odata.nextLink") ? j.at("odata.nextLink").as_string().substr(emulator_->origin().size()) : "";
  }
  ASSERT_EQ(titles.size(), 12u);
  EXPECT_TRUE(std::is_sorted(titles.begin(), titles.end(), [](const std::string& a, const std::string& b) {
    return lower(a) < lower(b);
  }));
}

TEST_F(Reads, HiddenFieldsOnlyWhenSelected) {
  auto c = client();
  const std::string cal = "/sites/demo/_api/web/lists/getByTitle('Calendar')/items";
  const auto plain = c.get(cal + "?$top=1").json().at("value").at(0);
  EXPECT_TRUE(plain.has_field("EventDate"));
  EXPECT_TRUE(plain.has_field("Title"));
  for (const char* hidden : {"RecurrenceData", "EventType", "MasterSeriesItemID", "owshiddenversion", "UID"})
    EXPECT_FALSE(plain.has_field(hidden)) << hidden;
  const auto selected =
      c.get(cal + "?$select=Id,Title,RecurrenceData,EventType,owshiddenversion&$filter=EventType+eq+1").json().at("value");
  ASSERT_GE(selected.size(), 3u);
  for (const auto& e : selected.as_array()) {
    EXPECT_EQ(e.at("EventType").as_integer(), 1);
    EXPECT_EQ(e.at("RecurrenceData").as_string().rfind("<recurrence><rule>", 0), 0u);
    EXPECT_GE(e.at("owshiddenversion").as_integer(), 1);
    EXPECT_FALSE(e.has_field("EventDate"));
  }
}

TEST_F(Reads, SingleItemCarriesBothEtagForms) {
  auto c = client();
  for (const std::string& path : std::vector<std::string>{kList + "/items(1)", kList + "/items/getbyid(1)", kList + "/getitembyid(1)"}) {
    const auto r = c.get(path);
    ASSERT_EQ(r.status, 200) << path;
    const auto j = r.json();
    EXPECT_EQ(j.at("Id").as_integer(), 1);
    EXPECT_EQ(j.at("odata.etag").as_string(), "\"1\"");
    const auto etag = r.header("etag");
    EXPECT_EQ(etag, "\"" + j.at("GUID").as_string() + ",1\"");
    EXPECT_NE(j.at("odata.metadata").as_string().find("SP.ListData.TasksListItems/@Element"), std::string::npos);
  }
  const auto v = c.get(kList + "/items(1)", "application/json;odata=verbose").json().at("d");
  EXPECT_EQ(v.at("__metadata").at("etag").as_string(), "\"1\"");
  EXPECT_EQ(v.at("__metadata").at("type").as_string(), "SP.Data.TasksListItem");
  EXPECT_TRUE(v.at("AssignedToId").has_field("results"));
  const auto n = c.get(kList + "/items(1)", "application/json;odata=nometadata").json();
  EXPECT_FALSE(n.has_field("odata.etag"));
  EXPECT_TRUE(n.at("AssignedToId").is_array());
}

TEST_F(Reads, FieldsUserAndTimeZone) {
  auto c = client();
  const auto fields = c.get("/sites/demo/_api/web/lists/getByTitle('Calendar')/fields?$select=InternalName,TypeAsString,Hidden")
                          .json().at("value");
  bool recurrence = false, eventType = false;
  for (const auto& f : fields.as_array()) {
    if (f.at("InternalName").as_string() == "RecurrenceData") recurrence = f.at("Hidden").as_bool();
    if (f.at("InternalName").as_string() == "EventType") eventType = true;
  }
  EXPECT_TRUE(recurrence);
  EXPECT_TRUE(eventType);
  const auto visible = c.get("/sites/demo/_api/web/lists/getByTitle('Tasks')/fields?$filter=Hidden+eq+false").json().at("value");
  for (const auto& f : visible.as_array()) EXPECT_FALSE(f.at("Hidden").as_bool());
  EXPECT_EQ(c.get("/sites/demo/_api/web/currentUser").json().at("Id").as_integer(), 7);
  // The demo site's regional zone is Pacific (SharePoint zone 13, bias 480 minutes).
  const auto tz = c.get("/sites/demo/_api/web/regionalSettings/timeZone").json();
  EXPECT_EQ(tz.at("Id").as_integer(), 13);
  EXPECT_EQ(tz.at("Information").at("Bias").as_integer(), 480);
  EXPECT_EQ(tz.at("Information").at("DaylightBias").as_integer(), -60);
}

TEST_F(Reads, GzipWhenAccepted) {
  auto c = client();
  const auto r = c.send("GET", kList + "/items", "", {{"Accept", "application/json"}, {"Accept-Encoding", "gzip, deflate"}});
  ASSERT_EQ(r.status, 200);
  EXPECT_EQ(r.header("content-encoding"), "gzip");
  ASSERT_GE(r.body.size(), 2u);
  EXPECT_EQ(static_cast<unsigned char>(r.body[0]), 0x1f);
  EXPECT_EQ(static_cast<unsigned char>(r.body[1]), 0x8b);
  const auto plain = c.get(kList + "/items");
  EXPECT_TRUE(plain.header("content-encoding").empty());
  EXPECT_LT(r.body.size(), plain.body.size());
}

}  // namespace
}  // namespace deskpane::test
