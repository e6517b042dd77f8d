#pragma once
// A scrolling list of fixed-height rows that draws only the visible ones, so
// a 10,000-item list paints as fast as a 10-item one. Not a window: a pane's
// view owns one, feeds it the ids of its rows in display order, forwards the
// wheel, clicks and arrow keys, and draws each visible row in a callback.
// The selection follows the item id, so it survives a sync that re-orders
// or changes the list; the scroll offset is kept, clamped to the new length.
#include <wx/gdicmn.h>

#include <cstdint>
#include <functional>
#include <optional>
#include <vector>

class wxGraphicsContext;
class wxKeyEvent;

namespace deskpane::overlay {

class RowList {
 public:
  // Draws row `index` into `box` (already clipped to the list area).
  using DrawRow = std::function<void(wxGraphicsContext& gc, std::size_t index, const wxRect& box, bool selected,
                                     bool hovered)>;

  explicit RowList(int rowHeight) : rowHeight_(rowHeight) {}

  void setRowHeight(int h) { rowHeight_ = h; }
  int rowHeight() const { return rowHeight_; }
  void setIds(std::vector<std::int64_t> ids);
  const std::vector<std::int64_t>& ids() const { return ids_; }
  std::size_t size() const { return ids_.size(); }

  std::optional<std::size_t> selectedIndex() const;
  std::optional<std::int64_t> selectedId() const { return selected_; }
  void selectId(std::optional<std::int64_t> id) { selected_ = id; }
  void selectIndex(std::size_t index);

  // Row under window point `p` in `area`, if any.
  std::optional<std::size_t> rowAt(const wxPoint& p, const wxRect& area) const;
  void setHover(std::optional<std::size_t> index) { hover_ = index; }

  // Scrolls by dy px (positive = down), clamped; true if it moved.
  bool scrollBy(int dy, const wxRect& area);
  void ensureVisible(std::size_t index, const wxRect& area);
  int scrollOffset() const { return scroll_; }

  // Up/Down/PageUp/PageDown/Home/End move the selection; true if used.
  bool moveKey(int keyCode, const wxRect& area);

  // Draws the visible rows and a scroll thumb in the accent colour.
  void paint(wxGraphicsContext& gc, const wxRect& area, const DrawRow& draw, const wxColour& thumb) const;

 private:
  int maxScroll(const wxRect& area) const;

  std::vector<std::int64_t> ids_;
  std::optional<std::int64_t> selected_;
  std::optional<std::size_t> hover_;
  int rowHeight_;
  int scroll_ = 0;
};

}  // namespace deskpane::overlay
