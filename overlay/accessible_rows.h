#pragma once
// Shows a pane's custom-drawn rows to screen readers. The rows are painted,
// not widgets, so GTK's accessibility tree (what AT-SPI serves to Orca)
// would name the pane window and nothing inside it. This puts an invisible,
// input-less GTK widget into the window whose ATK object is a list (role
// LIST) with one list item per row, named after the row; the selected row is
// SELECTED, and FOCUSED while its window is the active one. Row objects are
// made only when an assistive technology asks for them, so a 10,000-row
// list costs nothing but its names until someone listens.
//
// No GTK header here: this header is included by the pane window's.
#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <vector>

class wxWindow;

namespace deskpane::overlay {

class AccessibleRows {
 public:
  // Adds the list, named `name`, to `window`'s client area.
  AccessibleRows(wxWindow& window, const std::string& name);
  ~AccessibleRows();
  AccessibleRows(const AccessibleRows&) = delete;
  AccessibleRows& operator=(const AccessibleRows&) = delete;

  // The rows' names in display order; `selected` indexes them.
  void setRows(std::vector<std::string> names, std::optional<std::size_t> selected);
  // Only the selection moved (arrow keys): no names are re-read.
  void setSelected(std::optional<std::size_t> selected);

  struct State;  // shared with the ATK callbacks in the .cpp

 private:
  std::unique_ptr<State> state_;
};

// The lines of `text`, one per row, so line i is row i (a final '\n' ends the
// last line rather than starting an empty one).
std::vector<std::string> accessibleLines(const std::string& text);

}  // namespace deskpane::overlay
