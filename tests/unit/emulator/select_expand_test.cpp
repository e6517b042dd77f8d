// $select of a lookup's property ("Author/Title") is only valid with that
// lookup in $expand; SharePoint answers 400 otherwise, so a client that
// forgets $expand must fail here as it would against SharePoint Online.
#include "tests/unit/emulator/site_driver.h"

#include <gtest/gtest.h>

namespace deskpane::emu::test {
namespace {

const std::string kTasks = "/sites/demo/_api/web/lists/getbytitle('Tasks')/items";
const std::string kInbox = "/sites/demo/_api/web/lists/getbytitle('Inbox')/items";

struct Case {
  std::string url;
  int status;
  const char* field;   // quoted in the error, when 400
  const char* expand;  // named in the error, when 400
};

TEST(SelectExpand, PropertyOfALookupNeedsItsExpand) {
  SiteDriver site;
  const Case cases[] = {
      {kTasks + "?$select=Id,Author/Title&$expand=Author", 200, "", ""},
      {kTasks + "?$select=Id,author/Title&$expand=AUTHOR", 200, "", ""},  // names ignore case
      {kTasks + "?$select=Author/Title,Editor/EMail&$expand=Editor,%20Author", 200, "", ""},
      {kTasks + "(1)?$select=AssignedTo/Title&$expand=AssignedTo", 200, "", ""},
      {kInbox + "?$select=ContentType/Name&$expand=ContentType", 200, "", ""},
      {kTasks + "?$select=Id,Author/Title", 400, "Author/Title", "Author"},
      {kTasks + "(1)?$select=Id,Author/Title", 400, "Author/Title", "Author"},
      {kTasks + "?$select=Author/Title,Editor/Title&$expand=Author", 400, "Editor/Title", "Editor"},
      {kTasks + "?$select=Author/Title&$expand=AuthorId", 400, "Author/Title", "Author"},
      {kInbox + "?$select=ContentType/Name", 400, "ContentType/Name", "ContentType"},
      // A person column by its own name is an entity, not a value: 400 too.
      // Its id column ("AuthorId") is a plain value.
      {kTasks + "?$select=Id,Author", 400, "Author", "Author"},
      {kTasks + "?$select=AssignedTo", 400, "AssignedTo", "AssignedTo"},
      {kTasks + "?$select=Id,AuthorId,AssignedToId", 200, "", ""},
  };
  for (const auto& k : cases) {
    const auto r = site.get(k.url);
    ASSERT_EQ(r.status, k.status) << k.url << "\n" << r.body;
    if (k.status != 400) continue;
    const auto error = r.json().at("odata.error");
    EXPECT_EQ(error.at("code").as_string(), "-1, Microsoft.SharePoint.SPException") << k.url;
    EXPECT_EQ(error.at("message").at("value").as_string(),
              std::string("The query to field '") + k.field +
                  "' is not valid. The $select query string must specify the target fields and the $expand query "
                  "string must contains " + k.expand + ".")
        << k.url;
  }
}

TEST(SelectExpand, NextLinksKeepTheExpand) {
  SiteDriver site;
  const auto first = site.get(kTasks + "?$select=Id,Author/Title&$expand=Author&$top=5").json();
  ASSERT_TRUE(first.has_field("odata.nextLink"));
  const auto next = site.get(first.at("odata.nextLink").as_string());
  ASSERT_EQ(next.status, 200) << next.body;
  EXPECT_EQ(next.json().at("value").at(0).at("Author").at("Title").as_string().empty(), false);
}

}  // namespace
}  // namespace deskpane::emu::test
