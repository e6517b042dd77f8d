// Writes over HTTP: digest, create/update/delete/recycle in JSON light and
// verbose, every ETag form in If-Match, 412 and 400 bodies.
#include "tests/integration/emulator/emu_client.h"
#include "tests/support/child_process.h"

#include <gtest/gtest.h>

namespace deskpane::test {
namespace {

const std::string kItems = "/sites/demo/_api/web/lists/getByTitle('Tasks')/items";

TEST(Writes, ContextInfoAnswersEveryFlavourAndIsPostOnly) {
  EmulatorProcess emu;
  EmuClient c(emu.origin());
  const auto minimal = c.send("POST", "/sites/demo/_api/contextinfo").json();
  EXPECT_EQ(minimal.at("FormDigestTimeoutSeconds").as_integer(), 1800);
  EXPECT_EQ(minimal.at("FormDigestValue").as_string().rfind("0x", 0), 0u);
  EXPECT_TRUE(minimal.at("SupportedSchemaVersions").is_array());
  const auto verbose =
      c.send("POST", "/sites/demo/_api/contextinfo", "", {{"Accept", "application/json;odata=verbose"}}).json();
  EXPECT_TRUE(verbose.at("d").at("GetContextWebInformation").has_field("FormDigestValue"));
  EXPECT_EQ(c.get("/sites/demo/_api/contextinfo").status, 405);
}

TEST(Writes, DigestRequiredUnlessBearer) {
  EmulatorProcess emu;
  EmuClient c(emu.origin());
  for (const std::string& digest : std::vector<std::string>{"", "undefined", "0xDEADBEEF,1 Jan 2024"}) {
    std::map<std::string, std::string> h;
    if (!digest.empty()) h["X-RequestDigest"] = digest;
    const auto r = c.send("POST", kItems, "{\"Title\":\"x\"}", h);
    EXPECT_EQ(r.status, 403) << digest;
    EXPECT_NE(r.body.find("The security validation for this page is invalid"), std::string::npos);
  }
  const auto bearer = c.send("POST", kItems, "{\"Title\":\"x\"}", {{"Authorization", "Bearer anything"}});
  EXPECT_EQ(bearer.status, 201);
}

TEST(Writes, CreateUpdateDeleteWithEtags) {
  EmulatorProcess emu;
  EmuClient c(emu.origin());
  const auto created = c.write("POST", kItems, "{\"Title\":\"New task\",\"PercentComplete\":0.5,\"AssignedToId\":[7],\"DueDate\":\"2024-01-31T17:00:00.000Z\"}");
  ASSERT_EQ(created.status, 201) << created.body;
  const auto item = created.json();
  const int id = item.at("Id").as_integer();
  const auto guid = item.at("GUID").as_string();
  EXPECT_EQ(created.header("etag"), "\"" + guid + ",1\"");
  EXPECT_EQ(created.header("location"), emu.siteUrl() + "/_api/Web/Lists(guid'" +
                                            c.get("/sites/demo/_api/web/lists/getByTitle('Tasks')").json().at("Id").as_string() +
                                            "')/Items(" + std::to_string(id) + ")");
  EXPECT_EQ(item.at("DueDate").as_string(), "2024-01-31T17:00:00Z");
  EXPECT_EQ(item.at("odata.etag").as_string(), "\"1\"");
  const auto path = kItems + "(" + std::to_string(id) + ")";

  // Every If-Match form names the version; MERGE via X-HTTP-Method and real verbs.
  struct Step {
    std::string method;
    std::string xHttpMethod;
    std::string ifMatch;
  };
  const Step steps[] = {
      {"POST", "MERGE", "\"1\""},
      {"POST", "MERGE", "\"" + guid + ",2\""},
      {"PATCH", "", "\"{" + guid + "},3\""},
      {"MERGE", "", "W/\"4\""},
      {"POST", "MERGE", "*"},
      {"POST", "MERGE", ""},
  };
  int version = 1;
  for (const auto& s : steps) {
    std::map<std::string, std::string> h;
    if (!s.xHttpMethod.empty()) h["X-HTTP-Method"] = s.xHttpMethod;
    if (!s.ifMatch.empty()) h["If-Match"] = s.ifMatch;
    const auto r = c.write(s.method, path, "{\"Title\":\"v" + std::to_string(version + 1) + "\"}", h);
    ASSERT_EQ(r.status, 204) << s.method << " " << s.ifMatch << " " << r.body;
    ++version;
    EXPECT_EQ(r.header("etag"), "\"" + guid + "," + std::to_string(version) + "\"");
    EXPECT_TRUE(r.body.empty());
  }
  const auto read = c.get(path + "?$select=Title,owshiddenversion,PercentComplete").json();
  EXPECT_EQ(read.at("owshiddenversion").as_integer(), version);
  EXPECT_EQ(read.at("Title").as_string(), "v" + std::to_string(version));
  EXPECT_DOUBLE_EQ(read.at("PercentComplete").as_double(), 0.5);

  const auto stale = c.write("POST", path, "{\"Title\":\"stale\"}", {{"X-HTTP-Method", "MERGE"}, {"If-Match", "\"1\""}});
  ASSERT_EQ(stale.status, 412);
  EXPECT_EQ(stale.json().at("odata.error").at("code").as_string(), "-1, Microsoft.SharePoint.Client.ClientServiceException");
  EXPECT_EQ(stale.json().at("odata.error").at("message").at("value").as_string(),
            "The request ETag value '\"1\"' does not match the object's ETag value '\"" + guid + "," +
                std::to_string(version) + "\"'.");
  // PUT replaces: what it does not name goes back to empty.
  ASSERT_EQ(c.write("POST", path, "{\"Title\":\"put\"}", {{"X-HTTP-Method", "PUT"}}).status, 204);
  EXPECT_TRUE(c.get(path).json().at("PercentComplete").is_null());

  const auto staleDelete = c.write("POST", path, "", {{"X-HTTP-Method", "DELETE"}, {"If-Match", "\"1\""}});
  EXPECT_EQ(staleDelete.status, 412);
  const auto del = c.write("POST", path, "", {{"X-HTTP-Method", "DELETE"}, {"If-Match", "*"}});
  EXPECT_EQ(del.status, 200);
  EXPECT_TRUE(del.body.empty());
  EXPECT_EQ(c.get(path).status, 404);
  EXPECT_EQ(c.write("DELETE", path, "").status, 404);
}

TEST(Writes, VerboseBodiesAndRecycle) {
  EmulatorProcess emu;
  EmuClient c(emu.origin());
  const std::map<std::string, std::string> verbose{{"Accept", "application/json;odata=verbose"},
                                                   {"Content-Type", "application/json;odata=verbose"}};
  const auto created = c.write("POST", kItems,
                               "{\"__metadata\":{\"type\":\"SP.Data.TasksListItem\"},\"Title\":\"Verbose\","
                               "\"AssignedToId\":{\"results\":[7,12]},\"PredecessorsId\":{\"results\":[1]}}",
                               verbose);
  ASSERT_EQ(created.status, 201) << created.body;
  const auto d = created.json().at("d");
  EXPECT_EQ(d.at("AssignedToId").at("results").size(), 2u);
  EXPECT_EQ(d.at("__metadata").at("type").as_string(), "SP.Data.TasksListItem");
  const auto wrongType = c.write("POST", kItems, "{\"__metadata\":{\"type\":\"SP.Data.NotesListItem\"},\"Title\":\"x\"}", verbose);
  EXPECT_EQ(wrongType.status, 400);
  EXPECT_TRUE(wrongType.json().has_field("error"));
  const auto metadataInLight = c.write("POST", kItems, "{\"__metadata\":{\"type\":\"SP.Data.TasksListItem\"},\"Title\":\"x\"}");
  EXPECT_EQ(metadataInLight.status, 400);
  EXPECT_NE(metadataInLight.body.find("The property '__metadata' does not exist on type 'SP.Data.TasksListItem'"), std::string::npos);
  const auto unknown = c.write("POST", kItems, "{\"Foo\":1}");
  EXPECT_EQ(unknown.status, 400);
  EXPECT_NE(unknown.body.find("The property 'Foo' does not exist"), std::string::npos);
  EXPECT_EQ(c.write("POST", kItems, "{\"DueDate\":\"soon\"}").status, 400);
  EXPECT_EQ(c.write("POST", kItems, "{not json").status, 400);
  EXPECT_EQ(c.write("POST", kItems, "[1,2]").status, 400);

  const int id = d.at("Id").as_integer();
  const auto recycled = c.write("POST", kItems + "(" + std::to_string(id) + ")/recycle", "");
  ASSERT_EQ(recycled.status, 200);
  EXPECT_EQ(recycled.json().at("value").as_string().size(), 36u);
  EXPECT_EQ(c.get(kItems + "(" + std::to_string(id) + ")").status, 404);
}

TEST(Writes, ValidateUpdateListItemSetsFieldsByFormValues) {
  EmulatorProcess emu;
  EmuClient c(emu.origin());
  const auto r = c.write("POST", kItems + "(1)/validateupdatelistitem",
                         "{\"formValues\":[{\"FieldName\":\"Status\",\"FieldValue\":\"Deferred\"}],\"bNewDocumentUpdate\":false}");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_FALSE(r.json().at("value").at(0).at("HasException").as_bool());
  EXPECT_EQ(c.get(kItems + "(1)").json().at("Status").as_string(), "Deferred");
}

}  // namespace
}  // namespace deskpane::test
