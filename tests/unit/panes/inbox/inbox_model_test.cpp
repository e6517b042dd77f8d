// The Inbox model from fixture files (fixtures/threads/*.txt):
//   now ISO            the clock
//   read ID...         ids marked read here
//   item ID {json}     a cached item (negative id = a local create)
//   expect             then one line per thread and, indented, its replies:
//   thread ID read|unread "TITLE" | DETAIL
//     reply ID read|unread AUTHOR|- WHEN
// Local time is UTC, so the expected texts do not depend on the machine.
#include "overlay/inbox/inbox_model.h"

#include "overlay/pane_rows.h"
#include "overlay/rich_text.h"
#include "sync/item_json.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace deskpane::overlay::inbox {
namespace {

namespace fs = std::filesystem;

struct Fixture {
  Clock::time_point now;
  std::set<std::int64_t> read;
  std::vector<sync::Item> items;
  std::string expected;
};

Fixture load(const fs::path& path) {
  Fixture f;
  std::ifstream in(path);
  std::string line;
  bool expecting = false;
  while (std::getline(in, line)) {
    if (expecting) {
      f.expected += line + "\n";
      continue;
    }
    if (line.empty() || line[0] == '#') continue;
    std::istringstream s(line);
    std::string word;
    s >> word;
    if (word == "now") {
      std::string iso;
      s >> iso;
      f.now = *parseIsoUtc(iso);
    } else if (word == "read") {
      std::int64_t id;
      while (s >> id) f.read.insert(id);
    } else if (word == "item") {
      sync::Item item;
      s >> item.id;
      std::string json;
      std::getline(s, json);
      auto fields = sync::fieldsFromJson(json);
      EXPECT_TRUE(fields) << path << ": bad JSON: " << json;
      if (fields) item.fields = *fields;
      if (item.id < 0) item.state = sync::LocalState::Dirty;
      f.items.push_back(std::move(item));
    } else if (word == "expect") {
      expecting = true;
    } else {
      ADD_FAILURE() << path << ": unknown line " << line;
    }
  }
  return f;
}

std::string render(const std::vector<InboxThread>& threads, Clock::time_point now) {
  std::string out;
  for (const auto& t : threads) {
    out += "thread " + std::to_string(t.id()) + (t.unread() ? " unread" : " read") + " \"" + threadTitle(t) +
           "\" | " + threadDetail(t, now) + "\n";
    for (const auto& r : t.replies)
      out += "  reply " + std::to_string(r.id) + (r.unread ? " unread " : " read ") +
             (r.author.empty() ? "-" : r.author) + " " + whenText(r.created, now) + "\n";
  }
  return out;
}

class InboxModel : public ::testing::Test {
 protected:
  void SetUp() override {
    setenv("TZ", "UTC", 1);
    tzset();
  }
};

TEST_F(InboxModel, Fixtures) {
  const fs::path dir = fs::path(DESKPANE_SOURCE_DIR) / "tests/unit/panes/inbox/fixtures/threads";
  int checked = 0;
  for (const auto& entry : fs::directory_iterator(dir)) {
    if (entry.path().extension() != ".txt") continue;
    const Fixture f = load(entry.path());
    EXPECT_EQ(render(inboxThreads(f.items, f.read), f.now), f.expected) << entry.path().filename();
    ++checked;
  }
  EXPECT_GE(checked, 3);
}

TEST_F(InboxModel, OpeningMarksTheThreadAndEveryReply) {
  std::vector<sync::Item> items(3);
  items[0].id = 1;
  sync::Message(items[0]).setDiscussion(true);
  items[1].id = 2;
  sync::Message(items[1]).setParentItemId(1);
  items[2].id = 3;
  sync::Message(items[2]).setParentItemId(2);
  const auto threads = inboxThreads(items, {});
  ASSERT_EQ(threads.size(), 1u);
  EXPECT_EQ(threads[0].allIds(), (std::vector<std::int64_t>{1, 2, 3}));
  const std::set<std::int64_t> all{1, 2, 3};
  EXPECT_FALSE(inboxThreads(items, all)[0].unread());
}

TEST_F(InboxModel, WritesCarryWhatTheEngineNeeds) {
  const sync::Fields thread = newDiscussionFields("  Lunch  ", "Pizza?\n\nOr sushi <3");
  sync::Item t;
  t.fields = thread;
  EXPECT_TRUE(sync::ConstMessage(t).isDiscussion());
  EXPECT_EQ(t.text("Title"), "Lunch");
  EXPECT_EQ(t.text("Body"), "<p>Pizza?</p><p>Or sushi &lt;3</p>");

  InboxThread parent;
  parent.message.id = 42;
  parent.subject = "Lunch";
  sync::Item r;
  r.fields = replyFields(parent, "Sushi");
  EXPECT_FALSE(sync::ConstMessage(r).isDiscussion());
  EXPECT_EQ(sync::ConstMessage(r).parentItemId(), 42);
  EXPECT_EQ(r.text("Title"), "Lunch");
  EXPECT_EQ(sanitiseHtml(r.text("Body")).plainText(), "Sushi");
}

TEST_F(InboxModel, Validation) {
  EXPECT_TRUE(validateDiscussion(" \n", "body"));
  EXPECT_FALSE(validateDiscussion("Subject", ""));
  EXPECT_TRUE(validateDiscussion(std::string(256, 'x'), ""));
  EXPECT_TRUE(validateReply("  \n "));
  EXPECT_FALSE(validateReply("ok"));
}

}  // namespace
}  // namespace deskpane::overlay::inbox
