#pragma once
// Where a long form breaks into a second column, without a toolkit: the
// contact form's sixteen fields in one column were taller than a 768-pixel
// screen, Save below its edge. item_form.cpp lays the fields out with it.
#include <cstddef>
#include <vector>

namespace deskpane::overlay {

// Forms with more fields than this get two columns.
inline constexpr std::size_t kOneColumnFields = 10;

// The count of fields that go in the left column, in order, so that the
// taller column is as short as it can be; `heights` are the fields' heights
// in rows (a multi-line field is several). Ties keep the left column the
// taller, as a reader starts there. 0 for no fields.
std::size_t balancedSplit(const std::vector<int>& heights);

}  // namespace deskpane::overlay
