#include "overlay/pane_factory.h"

#include "overlay/calendar/calendar_view.h"
#include "overlay/contacts/contacts_view.h"
#include "overlay/inbox/inbox_view.h"
#include "overlay/notes/notes_view.h"
#include "overlay/pane_presenter.h"
#include "overlay/rows_content.h"
#include "overlay/tasks/tasks_view.h"

// Adding or changing a pane: read overlay/HACKING.md first (structure,
// folder and library rules, how to build, test and commit alongside others).

namespace deskpane::overlay {

std::unique_ptr<PaneContent> makePaneContent(sync::ListKind kind, PaneHost& host, PanePresenter& presenter) {
  switch (kind) {
    case sync::ListKind::Calendar:
      return std::make_unique<calendar::CalendarView>(host, presenter);
    case sync::ListKind::Contacts:
      return std::make_unique<contacts::ContactsView>(host, presenter);
    case sync::ListKind::Tasks:
      return std::make_unique<TasksView>(host, presenter);
    case sync::ListKind::Notes:
      return std::make_unique<NotesView>(host, presenter);
    case sync::ListKind::Inbox:
      return std::make_unique<inbox::InboxView>(host, presenter);
  }
  return std::make_unique<RowsContent>(kind, host, presenter);
}

}  // namespace deskpane::overlay
