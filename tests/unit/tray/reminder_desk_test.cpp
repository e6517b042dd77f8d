// The reminders' tray logic with an in-memory notifier and a fake clock: what
// is shown once, what a dismiss, a snooze and a click do, that a dismissal is
// kept across a restart (a new desk over the same stored marks), and that a
// reminder whose item changed in the cache is closed.
#include "tray/reminder_desk.h"

#include "sync/recurrence_time.h"
#include "tests/unit/tray/fake_notifier.h"

#include <gtest/gtest.h>

namespace deskpane::tray {
namespace {

using overlay::reminders::UtcTime;
using testing::FakeNotifier;

UtcTime t(const char* iso) { return *sync::parseUtcTime(iso); }

sync::Item event(std::int64_t id, const char* title, const char* start, const char* end) {
  sync::Item item;
  item.id = id;
  item.set(sync::field::Title, std::string(title));
  item.set(sync::field::EventDate, std::string(start));
  item.set(sync::field::EndDate, std::string(end));
  item.set(sync::field::EventType, std::int64_t{0});
  return item;
}

sync::Item task(std::int64_t id, const char* title, const char* due, const char* status) {
  sync::Item item;
  item.id = id;
  item.set(sync::field::Title, std::string(title));
  item.set(sync::field::DueDate, std::string(due));
  item.set(sync::field::Status, std::string(status));
  return item;
}

// The cache and the stored marks a desk reads; kept by the test across "restarts".
struct World {
  std::vector<sync::Item> events{event(1, "Design review", "2026-12-05T15:00:00Z", "2026-12-05T16:00:00Z")};
  std::vector<sync::Item> tasks{task(2, "Pay invoices", "2026-12-05T00:00:00Z", "Not Started")};
  std::string marks;
  std::vector<std::string> revealed;
  std::vector<std::string> trace;

  ReminderSources sources() {
    ReminderSources s;
    s.events = [this] { return overlay::calendar::CalendarModel(events, {"UTC", 0}); };
    s.tasks = [this] { return tasks; };
    s.loadMarks = [this] { return marks; };
    s.saveMarks = [this](const std::string& text) { marks = text; };
    s.reveal = [this](sync::ListKind kind, std::int64_t id, UtcTime start) {
      revealed.push_back(std::string(sync::listKindKey(kind)) + " " + std::to_string(id) + " " +
                         sync::formatUtcTime(start));
    };
    s.trace = [this](const std::string& line) { trace.push_back(line); };
    return s;
  }
};

const std::string kEventKey = "calendar/1/2026-12-05T15:00:00Z";
const std::string kTaskKey = "tasks/2/2026-12-05";

class ReminderDeskTest : public ::testing::Test {
 protected:
  void SetUp() override { desk = std::make_unique<ReminderDesk>(notifier, world.sources(), settings()); }
  static overlay::reminders::ReminderSettings settings() {
    overlay::reminders::ReminderSettings s;
    s.eventLeadMinutes = 15;
    s.use24Hour = true;
    return s;
  }
  World world;
  FakeNotifier notifier;
  std::unique_ptr<ReminderDesk> desk;
};

TEST_F(ReminderDeskTest, ShowsWhatIsDueOnceWithItsActions) {
  // 14:00: the task (due today) is due, the 15:00 event's reminder comes at 14:45.
  EXPECT_EQ(desk->refresh(t("2026-12-05T14:00:00Z")), t("2026-12-05T14:45:00Z"));
  ASSERT_EQ(notifier.shows.size(), 1u);
  EXPECT_EQ(notifier.shows[0].key, kTaskKey);
  EXPECT_EQ(notifier.shows[0].notification.summary, "Pay invoices");
  EXPECT_EQ(notifier.shows[0].notification.body, "Task due today");

  // The timer fires at 14:45: the event joins; the task is not shown twice.
  desk->refresh(t("2026-12-05T14:45:00Z"));
  ASSERT_EQ(notifier.shows.size(), 2u);
  const auto& shown = notifier.shows[1];
  EXPECT_EQ(shown.key, kEventKey);
  EXPECT_EQ(shown.notification.summary, "Design review");
  EXPECT_EQ(shown.notification.body, "Today 15:00–16:00");
  std::vector<std::string> actions;
  for (const auto& a : shown.notification.actions) actions.push_back(a.id + "=" + a.label);
  EXPECT_EQ(actions, (std::vector<std::string>{"default=Show", "snooze=Snooze 10 min", "dismiss=Dismiss"}));
  desk->refresh(t("2026-12-05T14:50:00Z"));  // a cache change with nothing new
  EXPECT_EQ(notifier.shows.size(), 2u);
}

TEST_F(ReminderDeskTest, DismissedStaysAwayAfterARestart) {
  desk->refresh(t("2026-12-05T14:46:00Z"));
  ASSERT_EQ(notifier.open.count(kEventKey), 1u);
  notifier.setActionHandler([&](const std::string& key, const std::string& action) {
    desk->act(key, action, t("2026-12-05T14:47:00Z"));
  });
  notifier.invoke(kEventKey, "dismiss");
  EXPECT_EQ(notifier.open.count(kEventKey), 0u);
  EXPECT_NE(world.marks.find("dismissed " + kEventKey), std::string::npos) << world.marks;
  desk->refresh(t("2026-12-05T14:48:00Z"));
  EXPECT_EQ(notifier.open.count(kEventKey), 0u);

  // A new run: another desk and notifier over the same cache and marks.
  FakeNotifier next;
  ReminderDesk restarted(next, world.sources(), settings());
  restarted.refresh(t("2026-12-05T14:50:00Z"));
  for (const auto& s : next.shows) EXPECT_NE(s.key, kEventKey) << "a dismissed reminder came back";
  EXPECT_EQ(next.open.count(kTaskKey), 1u) << "the task was not dismissed";
}

TEST_F(ReminderDeskTest, SnoozeBringsItBackTenMinutesLater) {
  desk->refresh(t("2026-12-05T14:46:00Z"));
  const auto next = desk->act(kEventKey, "snooze", t("2026-12-05T14:46:00Z"));
  EXPECT_EQ(next, t("2026-12-05T14:56:00Z"));
  EXPECT_EQ(notifier.open.count(kEventKey), 0u);
  desk->refresh(t("2026-12-05T14:55:59Z"));
  EXPECT_EQ(notifier.open.count(kEventKey), 0u);
  const auto before = notifier.shows.size();
  desk->refresh(t("2026-12-05T14:56:00Z"));
  ASSERT_EQ(notifier.shows.size(), before + 1);
  EXPECT_EQ(notifier.shows.back().key, kEventKey);

  // The snooze is stored too: a restart during it does not show it early.
  desk->act(kEventKey, "snooze", t("2026-12-05T14:57:00Z"));
  FakeNotifier other;
  ReminderDesk restarted(other, world.sources(), settings());
  EXPECT_EQ(restarted.refresh(t("2026-12-05T15:00:00Z")), t("2026-12-05T15:07:00Z"));
  EXPECT_EQ(other.open.count(kEventKey), 0u);
}

TEST_F(ReminderDeskTest, ClickRevealsTheItemAndKeepsTheReminder) {
  desk->refresh(t("2026-12-05T14:46:00Z"));
  desk->act(kEventKey, "default", t("2026-12-05T14:47:00Z"));
  EXPECT_EQ(world.revealed, (std::vector<std::string>{"calendar 1 2026-12-05T15:00:00Z"}));
  EXPECT_EQ(world.marks, "");
  desk->act(kTaskKey, "default", t("2026-12-05T14:47:00Z"));
  EXPECT_EQ(world.revealed.back(), "tasks 2 2026-12-05T00:00:00Z");
}

TEST_F(ReminderDeskTest, ClosesRemindersWhoseItemChangedOrEnded) {
  desk->refresh(t("2026-12-05T14:46:00Z"));
  ASSERT_EQ(notifier.open.size(), 2u);
  // Completed on the site: the next sync's cache change closes it.
  world.tasks[0].set(sync::field::Status, std::string("Completed"));
  desk->refresh(t("2026-12-05T14:50:00Z"));
  EXPECT_EQ(notifier.open.count(kTaskKey), 0u);
  EXPECT_EQ(notifier.withdrawn, (std::vector<std::string>{kTaskKey}));
  // The event is over at 16:00.
  desk->refresh(t("2026-12-05T16:00:00Z"));
  EXPECT_TRUE(notifier.open.empty());
}

TEST_F(ReminderDeskTest, MovedEventIsANewReminder) {
  desk->refresh(t("2026-12-05T14:46:00Z"));
  desk->act(kEventKey, "dismiss", t("2026-12-05T14:46:00Z"));
  // Moved to 15:30 by someone else: the dismissal was for 15:00.
  world.events[0] = event(1, "Design review", "2026-12-05T15:30:00Z", "2026-12-05T16:30:00Z");
  EXPECT_EQ(desk->refresh(t("2026-12-05T14:50:00Z")), t("2026-12-05T15:15:00Z"));
  desk->refresh(t("2026-12-05T15:15:00Z"));
  EXPECT_EQ(notifier.open.count("calendar/1/2026-12-05T15:30:00Z"), 1u);
}

TEST_F(ReminderDeskTest, NoServiceIsNotRetriedAtEveryChange) {
  notifier.available = false;
  desk->refresh(t("2026-12-05T14:46:00Z"));
  const auto tries = notifier.shows.size();
  desk->refresh(t("2026-12-05T14:47:00Z"));
  EXPECT_EQ(notifier.shows.size(), tries);
  EXPECT_NE(std::find_if(world.trace.begin(), world.trace.end(),
                         [](const std::string& l) { return l.find("no notification service") != std::string::npos; }),
            world.trace.end());
}

}  // namespace
}  // namespace deskpane::tray
