#pragma once
// The plain two-line list (pane_rows.h) as a pane content: what a kind shows
// until its own view exists. Read-only apart from opening the item's page.
#include "overlay/pane_content.h"
#include "overlay/pane_rows.h"
#include "overlay/row_list.h"
#include "sync/list_kind.h"

#include <string>
#include <vector>

namespace deskpane::overlay {

class PanePresenter;

class RowsContent : public PaneContent {
 public:
  RowsContent(sync::ListKind kind, PaneHost& host, PanePresenter& presenter);

  void itemsChanged() override;
  void paint(wxGraphicsContext& gc, const wxRect& area) override;
  void mouse(wxMouseEvent& event) override;
  bool key(wxKeyEvent& event) override;
  void newItem() override;
  std::string accessibleText() const override;

 private:
  sync::ListKind kind_;
  PaneHost& host_;
  PanePresenter& presenter_;
  std::vector<PaneRow> rows_;
  RowList list_;
};

}  // namespace deskpane::overlay
