#include "emulator/field_codec.h"
#include "emulator/item_store.h"
#include "emulator/seed_data.h"
#include "emulator/sp_error.h"
#include "tests/support/temp_dir.h"

#include <cpprest/json.h>
#include <gtest/gtest.h>

#include <set>
#include <thread>

namespace deskpane::emu {
namespace {

std::string tasksGuid(const ItemStore& store) { return store.listByTitle("tasks")->guid; }

TEST(ItemStore, EmptySeedCreatesTheFiveDemoLists) {
  ItemStore store(":memory:", "/sites/demo");
  seedStore(store, "empty");
  const auto lists = store.lists();
  ASSERT_EQ(lists.size(), 5u);
  const std::pair<const char*, int> expected[] = {
      {"Calendar", 106}, {"Contacts", 105}, {"Tasks", 171}, {"Notes", 100}, {"Inbox", 108}};
  for (std::size_t i = 0; i < 5; ++i) {
    EXPECT_EQ(lists[i].title, expected[i].first);
    EXPECT_EQ(lists[i].baseTemplate, expected[i].second);
    EXPECT_EQ(lists[i].itemCount, 0);
  }
  EXPECT_EQ(store.listByTitle("TASKS")->itemEntityType(), "SP.Data.TasksListItem");
  EXPECT_TRUE(store.listByUrl("/sites/demo/Lists/Tasks"));
  EXPECT_TRUE(store.listByUrl("Lists/Tasks/"));
  EXPECT_FALSE(store.listByUrl("/sites/demo/Lists/Nope"));
}

TEST(ItemStore, WritesBumpVersionsAndAppendChanges) {
  ItemStore store(":memory:", "/sites/demo");
  seedStore(store, "empty");
  const auto list = tasksGuid(store);
  const auto a = store.create(list, {{"Title", std::string("A")}, {"Status", std::string("Completed")}}, 7);
  EXPECT_EQ(a->id, 1);
  EXPECT_EQ(a->version, 1);
  EXPECT_EQ(a->text("Checkmark"), "1");
  EXPECT_EQ(a->text("FileRef"), "/sites/demo/Lists/Tasks/1_.000");
  EXPECT_EQ(std::get<std::int64_t>(a->get("owshiddenversion")), 1);
  const auto b = store.update(list, 1, {{"Title", std::string("A2")}}, 1, "\"1\"", 12);
  EXPECT_EQ(b->version, 2);
  EXPECT_EQ(b->text("Title"), "A2");
  EXPECT_EQ(b->text("Status"), "Completed");  // MERGE keeps the rest
  EXPECT_EQ(std::get<std::int64_t>(b->get("Editor")), 12);
  try {
    store.update(list, 1, {{"Title", std::string("stale")}}, 1, "\"1\"", 7);
    FAIL() << "stale version accepted";
  } catch (const SpError& e) {
    EXPECT_EQ(e.status(), 412);
  }
  const auto c = store.update(list, 1, {{"Title", std::string("PUT")}}, std::nullopt, "", 7, true);
  EXPECT_TRUE(isNull(c->get("Status")));  // PUT resets what it does not name
  store.remove(list, 1, std::nullopt, "", 7);
  EXPECT_FALSE(store.item(list, 1));
  EXPECT_THROW(store.remove(list, 1, std::nullopt, "", 7), SpError);
  const auto changes = store.changes(list, 0, 0, INT64_MAX, 100);
  ASSERT_EQ(changes.size(), 4u);
  EXPECT_EQ(changes[0].type, ChangeType::Add);
  EXPECT_EQ(changes[1].type, ChangeType::Update);
  EXPECT_EQ(changes[3].type, ChangeType::DeleteObject);
  EXPECT_EQ(store.changes(list, changes[1].number, 0, INT64_MAX, 100).size(), 2u);
  EXPECT_EQ(store.changes(list, 0, 0, INT64_MAX, 100, 1u << 3).size(), 1u);
  EXPECT_EQ(store.changes(list, 0, 0, INT64_MAX, 1).size(), 1u);
  // A new item never reuses a deleted ID.
  EXPECT_EQ(store.create(list, {{"Title", std::string("B")}}, 7)->id, 2);
}

TEST(ItemStore, DataFilePersistsAcrossRestarts) {
  test::TempDir dir;
  const auto path = dir.path() + "/emu.sqlite3";
  int id = 0;
  {
    ItemStore store(path, "/sites/demo");
    seedStore(store, "demo");
    id = store.create(tasksGuid(store), {{"Title", std::string("Überleben")}}, 7)->id;
    store.update(tasksGuid(store), id, {{"PercentComplete", 0.5}}, std::nullopt, "", 7);
  }
  ItemStore again(path, "/sites/demo");
  seedStore(again, "demo");  // must not re-seed a file that has data
  const auto item = again.item(tasksGuid(again), id);
  ASSERT_TRUE(item);
  EXPECT_EQ(item->text("Title"), "Überleben");
  EXPECT_EQ(item->version, 2);
  EXPECT_DOUBLE_EQ(std::get<double>(item->get("PercentComplete")), 0.5);
  EXPECT_EQ(again.changes(tasksGuid(again), 0, 0, INT64_MAX, 5000).back().itemId, id);
  EXPECT_EQ(again.create(tasksGuid(again), {{"Title", std::string("next")}}, 7)->id, id + 1);
}

TEST(ItemStore, BulkSeedIsDeterministic) {
  ItemStore a(":memory:", "/sites/demo");
  ItemStore b(":memory:", "/sites/demo");
  seedStore(a, "bulk:50");
  seedStore(b, "bulk:50");
  for (const auto& list : a.lists()) {
    EXPECT_EQ(list.itemCount, 50) << list.title;
    const auto ia = a.items(list.guid);
    const auto ib = b.items(list.guid);
    ASSERT_EQ(ia.size(), ib.size());
    for (std::size_t i = 0; i < ia.size(); ++i) {
      EXPECT_EQ(encodeValues(ia[i]->values), encodeValues(ib[i]->values)) << list.title << " " << i;
    }
  }
  EXPECT_THROW(seedStore(a, "nonsense"), std::invalid_argument);
}

TEST(ItemStore, DemoSeedCoversEveryTaskStateAndDiscussionReplies) {
  ItemStore store(":memory:", "/sites/demo");
  seedStore(store, "demo");
  std::set<std::string> states;
  for (const auto& t : store.items(tasksGuid(store))) states.insert(t->text("Status"));
  EXPECT_EQ(states.size(), 5u);
  int recurring = 0, allDay = 0, exceptions = 0;
  for (const auto& e : store.items(store.listByTitle("Calendar")->guid)) {
    if (e->text("RecurrenceData").find("<recurrence><rule>") == 0) ++recurring;
    if (std::get<bool>(e->get("fAllDayEvent"))) ++allDay;
    const auto* type = std::get_if<std::int64_t>(&e->get("EventType"));
    if (type && (*type == 3 || *type == 4)) ++exceptions;
  }
  EXPECT_GE(recurring, 3);
  EXPECT_GE(allDay, 2);
  EXPECT_EQ(exceptions, 2);
  int threads = 0, replies = 0;
  for (const auto& m : store.items(store.listByTitle("Inbox")->guid)) {
    if (m->fsObjType == 1) {
      ++threads;
      EXPECT_EQ(m->text("ContentType"), "Discussion");
    } else {
      ++replies;
      EXPECT_EQ(m->text("ContentType"), "Message");
      EXPECT_EQ(m->text("FileDirRef").rfind("/sites/demo/Lists/Inbox/", 0), 0u);
    }
  }
  EXPECT_GE(threads, 3);
  EXPECT_GE(replies, 4);
}

TEST(ItemStore, ConcurrentReadersAndWritersStayConsistent) {
  ItemStore store(":memory:", "/sites/demo");
  seedStore(store, "empty");
  const auto list = tasksGuid(store);
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 100; ++i) {
        store.create(list, {{"Title", "t" + std::to_string(t) + "-" + std::to_string(i)}}, 7);
        (void)store.items(list);
      }
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(store.items(list).size(), 400u);
  EXPECT_EQ(store.changes(list, 0, 0, INT64_MAX, 1000).size(), 400u);
}

TEST(FieldCodec, ParsesLightAndVerboseValues) {
  const auto fields = fieldsForTemplate(171);
  auto def = [&](const char* name) {
    for (const auto& f : fields) if (f.internalName == name) return f;
    throw std::runtime_error(name);
  };
  using web::json::value;
  EXPECT_EQ(std::get<std::vector<std::int64_t>>(parseFieldValue(value::parse("[1,21]"), def("AssignedTo"))),
            (std::vector<std::int64_t>{1, 21}));
  EXPECT_EQ(std::get<std::vector<std::int64_t>>(parseFieldValue(value::parse("{\"results\":[4]}"), def("Predecessors"))),
            (std::vector<std::int64_t>{4}));
  EXPECT_EQ(std::get<std::string>(parseFieldValue(value::string("2024-01-31T17:00:00.000Z"), def("DueDate"))),
            "2024-01-31T17:00:00Z");
  EXPECT_DOUBLE_EQ(std::get<double>(parseFieldValue(value::number(0.5), def("PercentComplete"))), 0.5);
  EXPECT_TRUE(isNull(parseFieldValue(value::null(), def("Title"))));
  EXPECT_THROW(parseFieldValue(value::string("soon"), def("DueDate")), SpError);
  EXPECT_THROW(parseFieldValue(value::parse("{}"), def("Title")), SpError);
  EXPECT_EQ(def("AssignedTo").restName(), "AssignedToId");
  EXPECT_EQ(def("_UIVersionString").restName(), "OData__UIVersionString");
  EXPECT_FALSE(def("Title").hidden);
  EXPECT_TRUE(def("owshiddenversion").hidden);
}

TEST(FieldCodec, WritesMultiValuesPerFlavour) {
  FieldDef multi;
  multi.internalName = "AssignedTo";
  multi.type = FieldType::UserMulti;
  const FieldValue v = std::vector<std::int64_t>{1, 21};
  JsonWriter light;
  writeFieldValue(light, multi, v, Flavour::Minimal);
  EXPECT_EQ(light.str(), "[1,21]");
  JsonWriter verbose;
  writeFieldValue(verbose, multi, v, Flavour::Verbose);
  EXPECT_EQ(verbose.str(), "{\"__metadata\":{\"type\":\"Collection(Edm.Int32)\"},\"results\":[1,21]}");
  JsonWriter empty;
  writeFieldValue(empty, multi, FieldValue{}, Flavour::NoMetadata);
  EXPECT_EQ(empty.str(), "[]");
}

}  // namespace
}  // namespace deskpane::emu
