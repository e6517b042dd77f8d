// Times as typed into a time field (parseClock) and as the field lists them
// (clockChoices): a table of text in, minutes out.
#include "overlay/clock_text.h"

#include <gtest/gtest.h>

#include <clocale>
#include <cstdlib>

namespace deskpane::overlay {
namespace {

struct ClockCase {
  const char* typed;
  int minutes;  // -1: not a time
};

class ClockText : public ::testing::Test {
 protected:
  // The C locale's AM/PM words; the suffixes below do not depend on them.
  void SetUp() override { setenv("LC_ALL", "C", 1); }
  void TearDown() override { unsetenv("LC_ALL"); }
};

TEST_F(ClockText, TypedTimesReadAsMinutes) {
  const ClockCase cases[] = {
      {"9", 9 * 60},        {"09", 9 * 60},       {"0", 0},
      {"23", 23 * 60},      {"9:30", 570},        {"09:30", 570},
      {"21.45", 1305},      {"9h05", 545},        {"930", 570},
      {"0930", 570},        {"2359", 1439},       {" 14 : 15 ", 855},
      {"9am", 540},         {"9 AM", 540},        {"9:30 pm", 1290},
      {"9:30p", 1290},      {"12am", 0},          {"12:15 a.m.", 15},
      {"12pm", 720},        {"12:45 P.M.", 765},  {"1p", 780},
      {"24", -1},           {"24:00", -1},        {"9:60", -1},
      {"9:5", -1},          {"13pm", -1},         {"0am", -1},
      {"12345", -1},        {"", -1},             {"   ", -1},
      {"pm", -1},           {"nine", -1},         {"9:30:00", -1},
      {"-1", -1},           {"9::30", -1},        {"a9", -1},
  };
  for (const auto& c : cases) {
    const auto got = parseClock(c.typed);
    if (c.minutes < 0) {
      EXPECT_FALSE(got) << '"' << c.typed << "\" read as " << got.value_or(-1);
    } else {
      EXPECT_EQ(got, std::optional<int>(c.minutes)) << '"' << c.typed << '"';
    }
  }
}

TEST_F(ClockText, EveryListedTimeReadsBack) {
  for (bool use24Hour : {true, false}) {
    const auto list = clockChoices(use24Hour);
    ASSERT_EQ(list.size(), 48u);
    for (std::size_t i = 0; i < list.size(); ++i)
      EXPECT_EQ(parseClock(list[i]), std::optional<int>(static_cast<int>(i) * 30)) << list[i];
  }
  EXPECT_EQ(clockChoices(true)[19], "09:30");
  EXPECT_EQ(clockChoices(false)[0], "12:00 AM");
  EXPECT_EQ(clockChoices(false)[27], "1:30 PM");
  EXPECT_EQ(clockChoices(true, 15).size(), 96u);
  EXPECT_TRUE(clockChoices(true, 0).empty());
}

}  // namespace
}  // namespace deskpane::overlay
