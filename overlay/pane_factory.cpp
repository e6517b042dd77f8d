#include "overlay/pane_factory.h"

#include "overlay/calendar/calendar_view.h"
#include "overlay/contacts/contacts_view.h"
#include "overlay/inbox/inbox_view.h"
#include "overlay/notes/notes_view.h"
#include "overlay/pane_presenter.h"
#include "overlay/tasks/tasks_view.h"

#include <stdexcept>

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
  // Only a corrupted value gets here; -Wswitch keeps the cases complete.
  throw std::logic_error("no pane content for list kind " + std::to_string(static_cast<int>(kind)));
}

}  // namespace deskpane::overlay
