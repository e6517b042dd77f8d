// A page read as rows (readItemRows): the fields go straight into the
// cache's JSON text and are held to the list's schema as they are read.
// Rows must be exactly what reading Items and writing their fields with
// fieldsToJson gives, and refuse exactly what schemaProblem refuses; a row
// merged into a cached item must merge as the Item would.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "sync/item_json.h"
#include "sync/item_page_reader.h"
#include "sync/item_schema_check.h"
#include "sync/store.h"
#include "tests/support/gzip.h"
#include "tests/support/temp_dir.h"
#include "tests/support/files.h"
#include "tests/support/test_store.h"

namespace deskpane::sync {
namespace {

namespace fs = std::filesystem;

constexpr std::size_t kMax = std::size_t{64} << 20;

struct Rows {
  ItemPageResult result;
  std::vector<Item> items;
  std::vector<std::string> json;
  std::vector<std::size_t> chunks;  // the size of each chunk handed over
};

Rows readRows(std::string_view body, ListKind kind, std::size_t chunkSize = kItemChunk, bool encoded = false) {
  Rows out;
  const ItemRowSink sink = [&](ItemRows&& rows) {
    EXPECT_EQ(rows.items.size(), rows.fieldsJson.size());
    out.chunks.push_back(rows.items.size());
    for (auto& item : rows.items) out.items.push_back(std::move(item));
    for (auto& text : rows.fieldsJson) out.json.push_back(std::move(text));
    return true;
  };
  out.result = encoded ? readEncodedItemRows(test::gzip(body), "gzip", kMax, kind, sink, chunkSize)
                       : readItemRows(body, kind, sink, chunkSize);
  return out;
}

std::vector<Item> readItems(std::string_view body, ItemPageResult& result) {
  std::vector<Item> out;
  result = readItemPage(body, [&](std::vector<Item>&& items) {
    for (auto& item : items) out.push_back(std::move(item));
    return true;
  });
  return out;
}

using deskpane::test::readFile;

// Over every fixture of the reader, for every kind of list, as text and
// gzipped: what the rows hold, and what they refuse.
TEST(ItemRows, AgreeWithTheItemReadOnEveryFixture) {
  const fs::path dir = fs::path(DESKPANE_SOURCE_DIR) / "tests/unit/sync/fixtures/item_pages";
  int accepted = 0, refusedBySchema = 0;
  for (const auto& e : fs::directory_iterator(dir)) {
    if (e.path().extension() != ".json") continue;
    const auto body = readFile(e.path());
    ItemPageResult itemsRead;
    const auto items = readItems(body, itemsRead);
    for (const ListKind kind : kAllListKinds) {
      for (const bool encoded : {false, true}) {
        SCOPED_TRACE(e.path().filename().string() + " as " + std::string(listKindKey(kind)) + (encoded ? ", gzip" : ""));
        const Rows rows = readRows(body, kind, kItemChunk, encoded);
        if (!itemsRead) {
          ASSERT_FALSE(rows.result);
          EXPECT_TRUE(rows.result.failure.message == itemsRead.failure.message || rows.result.failure.notInSchema)
              << rows.result.failure.message << " against " << itemsRead.failure.message;
          continue;
        }
        if (const auto problem = schemaProblem(kind, items)) {
          ASSERT_FALSE(rows.result);
          EXPECT_TRUE(rows.result.failure.notInSchema);
          EXPECT_EQ(rows.result.failure.message, *problem);
          ++refusedBySchema;
          continue;
        }
        ASSERT_TRUE(rows.result) << rows.result.failure.message;
        EXPECT_FALSE(rows.result.failure.notInSchema);
        EXPECT_EQ(rows.result.page->nextLink, itemsRead.page->nextLink);
        EXPECT_EQ(rows.result.page->items, itemsRead.page->items);
        ASSERT_EQ(rows.items.size(), items.size());
        for (std::size_t n = 0; n < items.size(); ++n) {
          EXPECT_EQ(rows.items[n].id, items[n].id);
          EXPECT_EQ(rows.items[n].uniqueId, items[n].uniqueId);
          EXPECT_EQ(rows.items[n].etag, items[n].etag);
          EXPECT_EQ(rows.items[n].modified, items[n].modified);
          EXPECT_TRUE(rows.items[n].fields.empty()) << "rows build no field map";
          EXPECT_EQ(rows.json[n], fieldsToJson(items[n].fields)) << "item " << items[n].id;
        }
        ++accepted;
      }
    }
  }
  // The fixtures are pages every list's schema takes; ItemRowCases has the
  // ones a schema refuses.
  EXPECT_GE(accepted, 5 * 5 * 2) << "the fixtures have pages the rows accept";
  EXPECT_EQ(refusedBySchema, 0);
}

// Fixture in, row out: the page, the list, and the one row's JSON, or the
// problem that refuses it.
struct RowCase {
  const char* name;
  ListKind kind;
  const char* page;
  const char* json;     // the row's fields; "" when refused
  const char* problem;  // the refusal's message; "" when accepted
};

const RowCase kRowCases[] = {
    {"NamesComeInTheMapsOrder", ListKind::Tasks, R"({"value":[{"Title":"b","Id":1,"Body":"a","Priority":"(2) Normal"}]})",
     R"({"Body":"a","Priority":"(2) Normal","Title":"b"})", ""},
    {"TheLastOfTwoEqualNamesIsKept", ListKind::Calendar, R"({"value":[{"Id":1,"Title":5,"Title":"ok"}]})",
     R"({"Title":"ok"})", ""},
    {"ABadValueReplacedLaterIsNoProblem", ListKind::Calendar,
     R"({"value":[{"Id":1,"EventDate":"soon","EventDate":"2027-03-12T09:00:00Z"}]})",
     R"({"EventDate":"2027-03-12T09:00:00Z"})", ""},
    {"ABadValueThatReplacesAGoodOneRefuses", ListKind::Calendar, R"({"value":[{"Id":4,"Title":"ok","Title":5}]})", "",
     "item 4: field 'Title' is an integer, expected text"},
    {"ADateThatIsNoDateRefusesACalendar", ListKind::Calendar, R"({"value":[{"Id":2,"EventDate":"soon"}]})", "",
     "item 2: field 'EventDate' is text, expected an ISO-8601 date"},
    {"TheSameFieldOutsideTheSchemaIsText", ListKind::Notes, R"({"value":[{"Id":2,"EventDate":"soon"}]})",
     R"({"EventDate":"soon"})", ""},
    {"TheFirstProblemInNameOrderIsNamed", ListKind::Tasks,
     R"({"value":[{"Id":3,"Title":7,"PercentComplete":"half"}]})", "",
     "item 3: field 'PercentComplete' is text, expected a number"},
    {"AnExpandedUserIsFlattened", ListKind::Inbox,
     R"({"d":{"results":[{"__metadata":{"etag":"\"3\""},"Id":5,"Author":{"__metadata":{"type":"SP.Data.UserInfoItem"},"Title":"Ann"},"Title":"Hi"}]}})",
     R"({"Author/Title":"Ann","Title":"Hi"})", ""},
    {"NumbersKeepTheirType", ListKind::Tasks, R"({"value":[{"Id":6,"PercentComplete":1,"Priority":null,"X":0.5}]})",
     R"({"PercentComplete":1,"Priority":null,"X":0.5})", ""},
    {"TextIsEscapedAsTheCacheWritesIt", ListKind::Notes, R"({"value":[{"Id":7,"Body":"a\"b\\c\n\u0001\u00e9"}]})",
     "{\"Body\":\"a\\\"b\\\\c\\n\\u0001\xC3\xA9\"}", ""},
};

class ItemRowCases : public ::testing::TestWithParam<RowCase> {};

TEST_P(ItemRowCases, GiveTheRowOrTheProblem) {
  const auto& c = GetParam();
  const Rows rows = readRows(c.page, c.kind);
  if (std::string(c.problem).empty()) {
    ASSERT_TRUE(rows.result) << rows.result.failure.message;
    ASSERT_EQ(rows.json.size(), 1u);
    EXPECT_EQ(rows.json[0], c.json);
    // And what reading Items and writing their fields gives.
    ItemPageResult itemsRead;
    const auto items = readItems(c.page, itemsRead);
    ASSERT_TRUE(itemsRead);
    EXPECT_EQ(fieldsToJson(items.at(0).fields), c.json);
  } else {
    ASSERT_FALSE(rows.result);
    EXPECT_TRUE(rows.result.failure.notInSchema);
    EXPECT_EQ(rows.result.failure.message, c.problem);
  }
}

INSTANTIATE_TEST_SUITE_P(Rows, ItemRowCases, ::testing::ValuesIn(kRowCases),
                         [](const ::testing::TestParamInfo<RowCase>& info) { return std::string(info.param.name); });

// Pages of several items, whose fields come in the same order or not: the
// reader sorts an item's fields the way the item before it was sorted, and
// looks its schema up the same way, only while the names are the same ones
// in the same order. Fixture in, every row (one a line) or the problem out.
struct ShapeCase {
  const char* name;
  ListKind kind;
  const char* page;
  const char* rows;     // each row's fields, one a line; "" when refused
  const char* problem;  // the refusal's message; "" when accepted
};

const ShapeCase kShapeCases[] = {
    {"TheSameFieldsTwice", ListKind::Tasks,
     R"({"value":[{"Id":1,"Title":"b","Body":"a"},{"Id":2,"Title":"d","Body":"c"}]})",
     "{\"Body\":\"a\",\"Title\":\"b\"}\n{\"Body\":\"c\",\"Title\":\"d\"}", ""},
    {"TheSameNamesInAnotherOrder", ListKind::Tasks,
     R"({"value":[{"Id":1,"Title":"b","Body":"a"},{"Id":2,"Body":"c","Title":"d"}]})",
     "{\"Body\":\"a\",\"Title\":\"b\"}\n{\"Body\":\"c\",\"Title\":\"d\"}", ""},
    {"FewerFieldsThanTheItemBefore", ListKind::Tasks,
     R"({"value":[{"Id":1,"Title":"b","Body":"a","Priority":"(1) High"},{"Id":2,"Title":"d","Body":"c"}]})",
     "{\"Body\":\"a\",\"Priority\":\"(1) High\",\"Title\":\"b\"}\n{\"Body\":\"c\",\"Title\":\"d\"}", ""},
    {"MoreFieldsThanTheItemBefore", ListKind::Tasks,
     R"({"value":[{"Id":1,"Title":"b","Body":"a"},{"Id":2,"Title":"d","Body":"c","Priority":"(1) High"}]})",
     "{\"Body\":\"a\",\"Title\":\"b\"}\n{\"Body\":\"c\",\"Priority\":\"(1) High\",\"Title\":\"d\"}", ""},
    {"OneNameChangedInPlace", ListKind::Tasks,
     R"({"value":[{"Id":1,"Title":"b","Body":"a"},{"Id":2,"Title":"d","Status":"Completed"},{"Id":3,"Title":"f","Body":"e"}]})",
     "{\"Body\":\"a\",\"Title\":\"b\"}\n{\"Status\":\"Completed\",\"Title\":\"d\"}\n{\"Body\":\"e\",\"Title\":\"f\"}", ""},
    {"ARepeatedNameAfterTheSameFields", ListKind::Tasks,
     R"({"value":[{"Id":1,"Title":"a","Body":"b"},{"Id":2,"Title":"c","Body":"d","Title":"e"},{"Id":3,"Title":"f","Body":"g"}]})",
     "{\"Body\":\"b\",\"Title\":\"a\"}\n{\"Body\":\"d\",\"Title\":\"e\"}\n{\"Body\":\"g\",\"Title\":\"f\"}", ""},
    {"EscapedNamesReadAsTheirText", ListKind::Tasks,
     R"({"value":[{"Id":1,"Ti\u0074le":"a","Body":"b"},{"Id":2,"Title":"c","B\u006fdy":"d"}]})",
     "{\"Body\":\"b\",\"Title\":\"a\"}\n{\"Body\":\"d\",\"Title\":\"c\"}", ""},
    {"NamesThatNeedEscapesKeepThem", ListKind::Notes,
     R"({"value":[{"Id":1,"a\"b":"x","c\\d":"y"},{"Id":2,"a\"b":"z","c\\d":"w"}]})",
     "{\"a\\\"b\":\"x\",\"c\\\\d\":\"y\"}\n{\"a\\\"b\":\"z\",\"c\\\\d\":\"w\"}", ""},
    {"ABadValueInTheSameFieldsRefuses", ListKind::Tasks,
     R"({"value":[{"Id":1,"Title":"a","PercentComplete":1},{"Id":2,"Title":"b","PercentComplete":"half"}]})", "",
     "item 2: field 'PercentComplete' is text, expected a number"},
    {"AFieldOfTheSchemaWhereOneOutsideItStood", ListKind::Calendar,
     R"({"value":[{"Id":1,"Title":"a","X":"soon"},{"Id":2,"Title":"b","EventDate":"soon"}]})", "",
     "item 2: field 'EventDate' is text, expected an ISO-8601 date"},
    {"AFieldOutsideTheSchemaWhereOneOfItStood", ListKind::Calendar,
     R"({"value":[{"Id":1,"Title":"a","EventDate":"2027-03-12T09:00:00Z"},{"Id":2,"Title":"b","Xventdate":"soon"}]})",
     "{\"EventDate\":\"2027-03-12T09:00:00Z\",\"Title\":\"a\"}\n{\"Title\":\"b\",\"Xventdate\":\"soon\"}", ""},
};

class ItemShapeCases : public ::testing::TestWithParam<ShapeCase> {};

TEST_P(ItemShapeCases, GiveEveryRowOrTheProblem) {
  const auto& c = GetParam();
  for (const bool encoded : {false, true}) {
    SCOPED_TRACE(encoded ? "gzip" : "text");
    const Rows rows = readRows(c.page, c.kind, kItemChunk, encoded);
    if (std::string(c.problem).empty()) {
      ASSERT_TRUE(rows.result) << rows.result.failure.message;
      std::string got;
      for (const auto& json : rows.json) got += (got.empty() ? "" : "\n") + json;
      EXPECT_EQ(got, c.rows);
      // And what reading Items and writing their fields gives.
      ItemPageResult itemsRead;
      const auto items = readItems(c.page, itemsRead);
      ASSERT_TRUE(itemsRead);
      std::string fromItems;
      for (const auto& item : items) fromItems += (fromItems.empty() ? "" : "\n") + fieldsToJson(item.fields);
      EXPECT_EQ(fromItems, c.rows);
    } else {
      ASSERT_FALSE(rows.result);
      EXPECT_TRUE(rows.result.failure.notInSchema);
      EXPECT_EQ(rows.result.failure.message, c.problem);
      ItemPageResult itemsRead;
      const auto items = readItems(c.page, itemsRead);
      ASSERT_TRUE(itemsRead);
      EXPECT_EQ(schemaProblem(c.kind, items).value_or(""), c.problem);
    }
  }
}

INSTANTIATE_TEST_SUITE_P(Rows, ItemShapeCases, ::testing::ValuesIn(kShapeCases),
                         [](const ::testing::TestParamInfo<ShapeCase>& info) { return std::string(info.param.name); });

std::string pageOf(int count) {
  std::string page = R"({"value":[)";
  for (int id = 1; id <= count; ++id) {
    if (id > 1) page += ',';
    page += R"({"Id":)" + std::to_string(id) + R"(,"Title":"t)" + std::to_string(id) + R"(","odata.etag":"\")" +
            std::to_string(id % 7 + 1) + R"(\""})";
  }
  return page + "]}";
}

TEST(ItemRows, LeaveInChunksWithTheirText) {
  const Rows rows = readRows(pageOf(1201), ListKind::Notes, 500);
  ASSERT_TRUE(rows.result) << rows.result.failure.message;
  EXPECT_EQ(rows.chunks, (std::vector<std::size_t>{500, 500, 201}));
  ASSERT_EQ(rows.json.size(), 1201u);
  EXPECT_EQ(rows.json[1200], R"({"Title":"t1201"})");
  EXPECT_EQ(rows.items[1200].etag, "\"5\"");  // 1201 % 7 + 1
}

TEST(ItemRows, ASinkThatStopsStopsTheRead) {
  int calls = 0;
  const auto result = readItemRows(pageOf(1201), ListKind::Notes, [&](ItemRows&&) { return ++calls < 2; }, 500);
  EXPECT_FALSE(result);
  EXPECT_TRUE(result.failure.stopped);
  EXPECT_FALSE(result.failure.notInSchema);
  EXPECT_EQ(calls, 2);
}

// A row of an item already cached is merged as its Item would be: the
// fields are read back from the row's text.
TEST(ItemRows, ARowMergesIntoAnEditedItemAsItsItemWould) {
  test::TempDir dir;
  Store store = test::openStore(dir.file("cache.sqlite3"));
  constexpr ListKind K = ListKind::Tasks;
  ItemPageResult first;
  store.applyServerItems(K, readItems(R"({"value":[{"Id":1,"Title":"a","Status":"Not Started","odata.etag":"\"1\""}]})", first));
  ASSERT_TRUE(first);
  store.updateLocal(K, 1, {{"Status", FieldValue{std::string("Completed")}}});

  const Rows rows = readRows(R"({"value":[{"Id":1,"Title":"b","Status":"Not Started","odata.etag":"\"2\""}]})", K);
  ASSERT_TRUE(rows.result);
  ASSERT_TRUE(rows.items.at(0).fields.empty());
  const auto applied = store.applyServerItems(K, rows.items, rows.json);
  EXPECT_EQ(applied.merged, 1);
  const auto merged = store.item(K, 1);
  ASSERT_TRUE(merged);
  EXPECT_EQ(merged->text("Title"), "b") << "the server's edit, read from the row's text";
  EXPECT_EQ(merged->text("Status"), "Completed") << "the user's edit";
  EXPECT_EQ(merged->etag, "\"2\"");
}

}  // namespace
}  // namespace deskpane::sync
