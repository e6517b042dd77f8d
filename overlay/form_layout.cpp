#include "overlay/form_layout.h"

#include <algorithm>
#include <numeric>
#include <utility>

namespace deskpane::overlay {

std::size_t balancedSplit(const std::vector<int>& heights) {
  const int total = std::accumulate(heights.begin(), heights.end(), 0);
  std::size_t best = 0;
  // Compared as (taller column, left column shorter): lower is better.
  std::pair<int, bool> bestKey{total + 1, true};
  int left = 0;
  for (std::size_t i = 0; i < heights.size(); ++i) {
    left += heights[i];
    const int right = total - left;
    const std::pair<int, bool> key{std::max(left, right), left < right};
    if (key < bestKey) {
      bestKey = key;
      best = i + 1;
    }
  }
  return best;
}

}  // namespace deskpane::overlay
