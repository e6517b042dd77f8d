#pragma once
// The Tasks pane: one row per task (check box, title, due date — red when
// overdue —, priority mark, % complete bar, upload dot or conflict badge),
// filtered Active / All / Completed and sorted by due date or priority from
// the pane menu (kept for the session). A click on the check box or Space
// completes a task; Enter or a double click edits it; Delete deletes it with
// an Undo bar for 5 s; Ctrl+N (or "+") makes a new one.
#include "overlay/pane_content.h"
#include "overlay/row_list.h"
#include "overlay/tasks/tasks_model.h"
#include "overlay/undo_bar.h"

#include <optional>
#include <string>
#include <vector>

namespace deskpane::overlay {

class PanePresenter;

class TasksView : public PaneContent {
 public:
  TasksView(PaneHost& host, PanePresenter& presenter);

  void itemsChanged() override;
  void paint(wxGraphicsContext& gc, const wxRect& area) override;
  void mouse(wxMouseEvent& event) override;
  bool key(wxKeyEvent& event) override;
  void newItem() override;
  void appendMenu(wxMenu& menu) override;
  void layout() override;
  std::string accessibleText() const override;
  std::optional<std::size_t> accessibleSelection() const override { return list_.selectedIndex(); }
  bool reveal(std::int64_t itemId, std::int64_t startUnixSeconds) override;

 private:
  const tasks::TaskRow* rowById(std::int64_t id) const;
  void toggle(std::int64_t id);
  void edit(std::int64_t id);
  void removeSelected();
  void conflictMenu(std::int64_t id, const wxPoint& at);
  void rowMenu(std::int64_t id, const wxPoint& at);
  void resolve(std::int64_t id, bool keepMine);
  void reportError(const std::string& what);
  wxRect listArea() const;
  wxRect checkRect(const wxRect& row) const;
  wxRect badgeRect(const wxRect& row) const;

  PaneHost& host_;
  PanePresenter& presenter_;
  tasks::Zone zone_;
  tasks::TaskQuery query_;
  std::vector<tasks::TaskRow> rows_;
  RowList list_;
  UndoBar undo_;
};

}  // namespace deskpane::overlay
