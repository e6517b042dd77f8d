// Where a long form breaks into two columns: heights in, left count out.
#include "overlay/form_layout.h"

#include <gtest/gtest.h>

namespace deskpane::overlay {
namespace {

struct SplitCase {
  const char* name;
  std::vector<int> heights;
  std::size_t left;
};

TEST(FormLayout, TheTallerColumnIsAsShortAsItCanBe) {
  const SplitCase cases[] = {
      {"nothing", {}, 0},
      {"one field", {1}, 1},
      {"two equal", {1, 1}, 1},
      {"even count", {1, 1, 1, 1}, 2},
      {"odd count: the left one taller", {1, 1, 1, 1, 1}, 3},
      // The contact form: nine one-line fields, Address (3), four one-line
      // fields, Notes (3): nine rows left, ten right, not twelve and seven.
      {"contacts", {1, 1, 1, 1, 1, 1, 1, 1, 1, 3, 1, 1, 1, 1, 3}, 9},
      {"a tall field first", {5, 1, 1, 1, 1, 1}, 1},
      {"a tall field last", {1, 1, 1, 1, 1, 5}, 5},
  };
  for (const auto& c : cases) EXPECT_EQ(balancedSplit(c.heights), c.left) << c.name;
}

}  // namespace
}  // namespace deskpane::overlay
