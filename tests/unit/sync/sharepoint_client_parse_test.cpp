// Response parsing from fixture JSON in all three OData flavours, shaped like
// the captures in shared/sharepoint-rest.md.
#include "sync/sharepoint_client_parse.h"
#include "sync/sharepoint_client.h"

#include <gtest/gtest.h>

namespace deskpane::sync {
namespace {

struct PageCase {
  const char* name;
  const char* body;
  std::vector<std::int64_t> ids;
  std::vector<std::string> etags;
  std::string nextLink;
};

TEST(SharePointParse, ItemPagesInEveryFlavour) {
  const PageCase cases[] = {
      {"verbose",
       R"J({"d":{"results":[
         {"__metadata":{"id":"dd9a","uri":"https://c/_api/Web/Lists(guid'a2')/Items(1)","etag":"\"1\"","type":"SP.Data.X"},
          "FirstUniqueAncestorSecurableObject":{"__deferred":{"uri":"https://c/x"}},"Id":1,"ID":1,"Title":"Triage",
          "AssignedToId":{"results":[1,21]},"PercentComplete":0,"Body":null},
         {"__metadata":{"id":"687e","uri":"u","etag":"\"5\"","type":"SP.Data.X"},"Id":2,"ID":2,"Title":"Assign"}],
         "__next":"https://c/sites/dev/_api/web/lists/GetByTitle('T')/items?%24skiptoken=Paged%3dTRUE%26p_ID%3d2&%24top=2"}})J",
       {1, 2}, {"\"1\"", "\"5\""},
       "https://c/sites/dev/_api/web/lists/GetByTitle('T')/items?%24skiptoken=Paged%3dTRUE%26p_ID%3d2&%24top=2"},
      {"minimal",
       R"J({"odata.metadata":"https://c/_api/$metadata#SP.ListData.TasksListItems&$select=Id,Title",
         "value":[{"odata.type":"SP.Data.TasksListItem","odata.id":"421c","odata.etag":"\"1\"","odata.editLink":"e","Id":1,"Title":"Bananas"},
                  {"odata.type":"SP.Data.TasksListItem","odata.id":"3651","odata.etag":"\"3\"","odata.editLink":"e","Id":2,"Title":"Milk"}],
         "odata.nextLink":"https://c/sites/dev/_api/web/lists/GetByTitle('Tasks')/items?%24skiptoken=Paged%3dTRUE%26p_ID%3d2&%24top=2&%24select=Id%2cTitle"})J",
       {1, 2}, {"\"1\"", "\"3\""},
       "https://c/sites/dev/_api/web/lists/GetByTitle('Tasks')/items?%24skiptoken=Paged%3dTRUE%26p_ID%3d2&%24top=2&%24select=Id%2cTitle"},
      {"nometadata with owshiddenversion",
       R"J({"value":[{"Id":7,"Title":"A","owshiddenversion":4},{"ID":8,"Title":"B","owshiddenversion":1}]})J",
       {7, 8}, {"\"4\"", "\"1\""}, ""},
      {"last page, no link", R"J({"value":[]})J", {}, {}, ""},
  };
  for (const auto& c : cases) {
    const auto page = parseItemPage(c.body);
    ASSERT_TRUE(page.has_value()) << c.name;
    ASSERT_EQ(page->items.size(), c.ids.size()) << c.name;
    for (std::size_t i = 0; i < c.ids.size(); ++i) {
      EXPECT_EQ(page->items[i].id, c.ids[i]) << c.name;
      EXPECT_EQ(page->items[i].etag, c.etags[i]) << c.name;
      EXPECT_FALSE(page->items[i].has("odata.etag")) << c.name;
      EXPECT_FALSE(page->items[i].has("__metadata")) << c.name;
    }
    EXPECT_EQ(page->nextLink, c.nextLink) << c.name;
  }
}

TEST(SharePointParse, FieldValuesKeepTheirTypes) {
  const auto page = parseItemPage(
      R"J({"value":[{"odata.etag":"\"2\"","Id":3,"Title":"Caf\u00e9 \u2615","fAllDayEvent":true,"PercentComplete":0.3,
          "EventType":1,"Body":null,"AssignedToId":[1,21],"WebPage":{"Description":"d","Url":"https://x"},
          "Author":{"Title":"Alice"},"Modified":"2024-01-05T09:00:00Z","GUID":"6f1c1f2a-1111-4222-8333-444455556666"}]})J");
  ASSERT_TRUE(page.has_value());
  const auto& item = page->items.at(0);
  EXPECT_EQ(item.text("Title"), "Caf\xc3\xa9 \xe2\x98\x95");  // \uXXXX decoded to UTF-8
  EXPECT_TRUE(item.flag("fAllDayEvent"));
  EXPECT_DOUBLE_EQ(item.number("PercentComplete").value_or(-1), 0.3);
  EXPECT_EQ(item.integer("EventType"), 1);
  ASSERT_NE(item.find("Body"), nullptr);
  EXPECT_TRUE(std::holds_alternative<std::monostate>(*item.find("Body")));
  EXPECT_EQ(item.text("AssignedToId"), "[1,21]");
  EXPECT_NE(item.text("WebPage").find("\"Url\":\"https://x\""), std::string::npos);
  EXPECT_EQ(item.text("Author/Title"), "Alice");  // $expand flattened
  EXPECT_EQ(item.modified, "2024-01-05T09:00:00Z");
  EXPECT_EQ(item.uniqueId, "6f1c1f2a-1111-4222-8333-444455556666");
}

TEST(SharePointParse, ItemTextThatLooksLikeStructureStaysText) {
  // Braces, brackets, quotes and a "value" key inside items must not confuse
  // the page scanner.
  const auto page = parseItemPage(
      R"J({"odata.metadata":"m{[","value":[{"Id":1,"Title":"a } ] \" , { [","value":[1,2],"Body":"\\"},)J"
      R"J({"Id":2,"Title":"x","Nested":{"value":{"results":[3]}}}],"odata.nextLink":"https://c/n?a=\u0026b"} )J");
  ASSERT_TRUE(page.has_value());
  ASSERT_EQ(page->items.size(), 2u);
  EXPECT_EQ(page->items[0].text("Title"), "a } ] \" , { [");
  EXPECT_EQ(page->items[0].text("Body"), "\\");
  EXPECT_EQ(page->items[1].id, 2);
  EXPECT_EQ(page->nextLink, "https://c/n?a=&b");
}

TEST(SharePointParse, MalformedAndTruncatedBodiesAreRejected) {
  for (const char* body : {"", "{", R"J({"value":[{"Id":1,"Title":"x"})J", R"J({"value":{}})J", R"J({"nothing":1})J",
                           R"J({"value":[{"Title":"no id"}]})J", "<html>gateway</html>",
                           R"J({"value":[]} trailing)J", R"J({"value":[{"Id":1,"Title":"unterminated}]})J",
                           R"J({"value":[{"Id":1},]})J", R"J({"value":[{"Id":1}],"odata.nextLink":)J"}) {
    EXPECT_FALSE(parseItemPage(body).has_value()) << body;
  }
}

TEST(SharePointParse, ListsWebAndContextInfo) {
  const auto verbose = parseList(
      R"J({"d":{"__metadata":{"type":"SP.List"},"BaseTemplate":171,"Id":"5b9d1c5e-3f4a-4b1e-9a57-0c3e2f1d2a11","ItemCount":5,
          "ListItemEntityTypeFullName":"SP.Data.TasksListItem","Title":"Tasks",
          "CurrentChangeToken":{"__metadata":{"type":"SP.ChangeToken"},"StringValue":"1;3;5b9d;638400000000000000;290418294"}}})J");
  ASSERT_TRUE(verbose.has_value());
  EXPECT_EQ(verbose->baseTemplate, 171);
  EXPECT_EQ(verbose->itemCount, 5);
  EXPECT_EQ(verbose->entityTypeFullName, "SP.Data.TasksListItem");
  EXPECT_EQ(verbose->currentChangeToken, "1;3;5b9d;638400000000000000;290418294");
  const auto minimal = parseList(
      R"J({"odata.metadata":"m","odata.type":"SP.List","BaseTemplate":106,"CurrentChangeToken":{"StringValue":"1;3;g;1;7"},
          "Id":"6c0e2d6f-4a5b-4c2f-8b68-1d4f3a2e3b22","ItemCount":12000,"Title":"Calendar"})J");
  ASSERT_TRUE(minimal.has_value());
  EXPECT_EQ(minimal->itemCount, 12000);
  EXPECT_EQ(minimal->currentChangeToken, "1;3;g;1;7");
  const auto lists = parseLists(R"J({"value":[{"Id":"0a000000-0000-4000-8000-00000000000a","Title":"A","BaseTemplate":106},{"Id":"0b000000-0000-4000-8000-00000000000b","Title":"B","BaseTemplate":106}]})J");
  ASSERT_TRUE(lists.has_value());
  EXPECT_EQ(lists->size(), 2u);

  const auto web = parseWeb(R"J({"d":{"Id":"w","Title":"Dev","Url":"https://c/sites/dev","ServerRelativeUrl":"/sites/dev"}})J");
  ASSERT_TRUE(web.has_value());
  EXPECT_EQ(web->serverRelativeUrl, "/sites/dev");

  const auto light = parseContextInfo(R"J({"odata.metadata":"m","FormDigestTimeoutSeconds":1800,"FormDigestValue":"0xAB,05 Jan 2024"})J");
  ASSERT_TRUE(light.has_value());
  EXPECT_EQ(light->value, "0xAB,05 Jan 2024");
  EXPECT_EQ(light->lifetime, std::chrono::seconds(1800));
  const auto verboseDigest = parseContextInfo(
      R"J({"d":{"GetContextWebInformation":{"FormDigestTimeoutSeconds":60,"FormDigestValue":"0xCD"}}})J");
  ASSERT_TRUE(verboseDigest.has_value());
  EXPECT_EQ(verboseDigest->value, "0xCD");
  EXPECT_FALSE(parseContextInfo(R"J({"d":{}})J").has_value());
}

TEST(SharePointParse, ChangesAndTheirSummary) {
  const auto changes = parseChanges(
      R"J({"value":[
        {"ChangeToken":{"StringValue":"1;3;l;1;10"},"ChangeType":1,"ItemId":5},
        {"ChangeToken":{"StringValue":"1;3;l;1;11"},"ChangeType":2,"ItemId":6},
        {"ChangeToken":{"StringValue":"1;3;l;1;12"},"ChangeType":3,"ItemId":5},
        {"ChangeToken":{"StringValue":"1;3;l;1;13"},"ChangeType":3,"ItemId":7},
        {"ChangeToken":{"StringValue":"1;3;l;1;14"},"ChangeType":7,"ItemId":7},
        {"ChangeToken":{"StringValue":"1;3;l;1;15"},"ChangeType":3,"ItemId":8},
        {"ChangeToken":{"StringValue":"1;3;l;1;16"},"ChangeType":15,"ItemId":9},
        {"ChangeToken":{"StringValue":"1;3;l;1;17"},"ChangeType":22,"ItemId":0}]})J");
  ASSERT_TRUE(changes.has_value());
  ASSERT_EQ(changes->size(), 8u);
  ChangeSummary s;
  s.lastToken = "start";
  applyChanges(*changes, s);
  EXPECT_EQ(s.changedIds, (std::vector<std::int64_t>{6, 7, 9}));  // 5 added then deleted; 7 restored
  EXPECT_EQ(s.deletedIds, (std::vector<std::int64_t>{5, 8}));
  EXPECT_EQ(s.lastToken, "1;3;l;1;17");

  const auto verbose = parseChanges(
      R"J({"d":{"results":[{"__metadata":{"type":"SP.ChangeItem"},"ChangeToken":{"__metadata":{"type":"SP.ChangeToken"},"StringValue":"t"},"ChangeType":2,"ItemId":1}]}})J");
  ASSERT_TRUE(verbose.has_value());
  EXPECT_EQ(verbose->at(0).type, ChangeType::Update);
  ChangeSummary empty;
  empty.lastToken = "keep";
  applyChanges({}, empty);
  EXPECT_EQ(empty.lastToken, "keep");
}

struct RejectionCase {
  int status;
  const char* body;
  bool rejected;
};

TEST(SharePointParse, ChangeTokenRejectionTable) {
  const RejectionCase cases[] = {
      {500, R"J({"odata.error":{"code":"-2130575172, Microsoft.SharePoint.SPException","message":{"lang":"en-US","value":"The changeToken refers to a time before the start of the current change log."}}})J", true},
      {400, R"J({"error":{"code":"-2146232832, Microsoft.SharePoint.SPException","message":{"lang":"en-US","value":"x"}}})J", true},
      {500, R"J({"odata.error":{"code":"-2130575173, Microsoft.SharePoint.SPException","message":{"value":"Cannot use the changeToken from one object against a different object"}}})J", true},
      {400, R"J({"odata.error":{"code":"-1, System.FormatException","message":{"value":"bad"}}})J", true},
      {400, R"J({"odata.error":{"code":"-2146233086, System.ArgumentOutOfRangeException","message":{"value":"bad"}}})J", true},
      {500, R"J({"odata.error":{"code":"-2147024860, Microsoft.SharePoint.SPQueryThrottledException","message":{"value":"The attempted operation is prohibited because it exceeds the list view threshold."}}})J", false},
      {503, R"J({"odata.error":{"code":"-1, x","message":{"value":"changeToken busy"}}})J", false},
      {404, R"J({"odata.error":{"code":"-1, System.ArgumentException","message":{"value":"List 'Tasks' does not exist"}}})J", false},
      {500, "not json", false},
  };
  for (const auto& c : cases) EXPECT_EQ(isChangeTokenRejection(c.status, parseError(c.body)), c.rejected) << c.body;
}

TEST(SharePointParse, ErrorEnvelopes) {
  const auto light = parseError(R"J({"odata.error":{"code":"-1, Microsoft.SharePoint.Client.ClientServiceException","message":{"lang":"en-US","value":"The request ETag value '\"8\"' does not match the object's ETag value '\"68be87d5-96e5-49ab-8477-9b17070c8a33,9\"'."}}})J");
  ASSERT_TRUE(light.has_value());
  EXPECT_EQ(light->code, "-1, Microsoft.SharePoint.Client.ClientServiceException");
  EXPECT_NE(light->message.find("does not match"), std::string::npos);
  const auto verbose = parseError(R"J({"error":{"code":"-2130575251, Microsoft.SharePoint.SPException","message":{"lang":"en-US","value":"The security validation for this page is invalid"}}})J");
  ASSERT_TRUE(verbose.has_value());
  EXPECT_EQ(verbose->code, "-2130575251, Microsoft.SharePoint.SPException");
  EXPECT_FALSE(parseError(R"J({"value":[]})J").has_value());
}

struct FormCase {
  const char* name;
  const char* body;
  bool parses;
  std::int64_t itemId;
  std::size_t errors;
};

TEST(SharePointParse, FormUpdateAnswers) {
  const FormCase cases[] = {
      {"json light", R"({"value":[{"ErrorCode":0,"ErrorMessage":null,"FieldName":"Title","FieldValue":"x",)"
                     R"("HasException":false,"ItemId":12},{"FieldName":"Id","FieldValue":"12","HasException":false,)"
                     R"("ItemId":12}]})",
       true, 12, 0},
      {"verbose", R"({"d":{"AddValidateUpdateItemUsingPath":{"results":[{"FieldName":"Id","FieldValue":"7",)"
                  R"("HasException":false}]}}})",
       true, 7, 0},
      {"a refused value", R"({"value":[{"FieldName":"IsQuestion","FieldValue":"maybe","HasException":true,)"
                          R"("ErrorMessage":"Invalid yes/no value","ItemId":0}]})",
       true, 0, 1},
      {"empty answer", R"({"value":[]})", true, 0, 0},
      {"not a form answer", R"({"value":{"Id":3}})", false, 0, 0},
      {"truncated", R"({"value":[{"FieldName":"Id")", false, 0, 0},
  };
  for (const auto& c : cases) {
    const auto r = parseFormUpdate(c.body);
    ASSERT_EQ(r.has_value(), c.parses) << c.name;
    if (!r) continue;
    EXPECT_EQ(r->itemId, c.itemId) << c.name;
    EXPECT_EQ(r->errors.size(), c.errors) << c.name;
  }
  EXPECT_EQ(parseFormUpdate(cases[2].body)->errors.at(0), "IsQuestion: Invalid yes/no value");
}

struct ByIdCase {
  const char* name;
  std::size_t count;
  std::int64_t firstId;
  std::size_t maxUrls;  // the fewest URLs a sane split needs
};

TEST(SharePointClientRequests, ReadsByIdStayUnderTheUrlLimit) {
  // The widest select deskpane sends (Calendar) with large ids: 100 ids in
  // one $filter made 2.6 KB URLs, which SharePoint Online refuses.
  const std::vector<std::string> select = {"Title", "Location", "EventDate", "EndDate", "Description",
                                           "fAllDayEvent", "fRecurrence", "RecurrenceData", "EventType",
                                           "MasterSeriesItemID", "RecurrenceID", "UID", "Category", "GUID",
                                           "Created", "Modified"};
  const std::string items = "https://contoso.sharepoint.com/sites/team/_api/web/lists(guid'0c1d2e3f-4a5b-6c7d-8e9f-"
                            "0a1b2c3d4e5f')/items";
  const ByIdCase cases[] = {
      {"one", 1, 7, 1}, {"ten small", 10, 1, 1}, {"hundred large", 100, 1000000, 3}, {"thousand", 1000, 40000, 30},
  };
  for (const auto& c : cases) {
    std::vector<std::int64_t> ids;
    for (std::size_t i = 0; i < c.count; ++i) ids.push_back(c.firstId + static_cast<std::int64_t>(i) * 3);
    const auto urls = itemsByIdUrls(items, select, ids);
    EXPECT_LE(urls.size(), c.maxUrls) << c.name;
    std::size_t seen = 0;
    for (const auto& url : urls) {
      EXPECT_LE(url.size(), 2000u) << c.name;
      EXPECT_EQ(url.rfind(items + "?$select=", 0), 0u) << c.name;
      for (auto at = url.find("ID%20eq%20"); at != std::string::npos; at = url.find("ID%20eq%20", at + 1)) ++seen;
    }
    EXPECT_EQ(seen, c.count) << c.name << ": every id asked for exactly once";
  }
}

TEST(SharePointClientRequests, IdFiltersAndWriteBodies) {
  EXPECT_EQ(idFilter({3, 9, 12}), "ID eq 3 or ID eq 9 or ID eq 12");
  EXPECT_EQ(listUrl("https://c/sites/dev", "ab-12"), "https://c/sites/dev/_api/web/lists(guid'ab-12')");
  Fields f;
  f["Title"] = std::string("[draft] \"quoted\"");
  f["AssignedToId"] = std::string("[1,21]");
  f["WebPage"] = std::string(R"J({"Description":"d","Url":"https://x"})J");
  f["PercentComplete"] = 0.5;
  f["EventType"] = std::int64_t{1};
  f["fAllDayEvent"] = true;
  f["DueDate"] = std::monostate{};
  EXPECT_EQ(writeBody(f),
            R"J({"AssignedToId":[1,21],"DueDate":null,"EventType":1,"PercentComplete":0.5,"Title":"[draft] \"quoted\"",)J"
            R"J("WebPage":{"Description":"d","Url":"https://x"},"fAllDayEvent":true})J");
}

}  // namespace
}  // namespace deskpane::sync
