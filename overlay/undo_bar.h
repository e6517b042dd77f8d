#pragma once
// The "Deleted … Undo" strip at the foot of a pane, shared by the Tasks,
// Notes and Contacts views: a delete hides the item at once and is made after the
// presenter's undo delay, unless the user clicks "Undo" or presses Ctrl+Z.
// A wxTimer fires when the next delete is due and hands it to the presenter.
#include <wx/gdicmn.h>
#include <wx/string.h>
#include <wx/timer.h>

#include <cstdint>
#include <functional>
#include <vector>

class wxGraphicsContext;

namespace deskpane::overlay {

class PanePresenter;

class UndoBar {
 public:
  static constexpr int kHeight = 36;

  // `changed` runs after a delete was made or undone (the view re-reads).
  UndoBar(PanePresenter& presenter, std::function<void()> changed);
  ~UndoBar();
  UndoBar(const UndoBar&) = delete;
  UndoBar& operator=(const UndoBar&) = delete;

  // Hides `id` now and deletes it after the delay; `what` names it in the bar.
  void remove(std::int64_t id, const wxString& what);
  // Brings back the most recent delete still waiting; false when none is.
  bool undo();
  bool visible() const { return !waiting_.empty(); }

  // The bar's strip at the bottom of `area` and what is left above it.
  wxRect barRect(const wxRect& area) const;
  wxRect listArea(const wxRect& area) const;
  void paint(wxGraphicsContext& gc, const wxRect& area);
  // True when a click at `p` hit the bar (the Undo button undoes).
  bool click(const wxPoint& p, const wxRect& area);
  // "Deleted “Buy milk”. Undo with Ctrl+Z" for assistive technologies; "" when hidden.
  std::string accessibleText() const;

 private:
  void arm();
  void onTimer();

  struct Waiting {
    std::int64_t id;
    wxString what;
  };
  PanePresenter& presenter_;
  std::function<void()> changed_;
  std::vector<Waiting> waiting_;
  wxTimer timer_;
  wxRect button_;  // where "Undo" was last drawn
};

}  // namespace deskpane::overlay
