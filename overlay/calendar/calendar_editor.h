#pragma once
// The Calendar pane's event editor: a normal decorated dialog over the pane
// with title, location, start/end, all-day, description and recurrence.
// It edits an EventDraft (calendar_model.h) and never writes: the view turns
// the result into the presenter's writes. Enter (Ctrl+Enter in the
// description) saves, Esc cancels.
#include "overlay/calendar/calendar_model.h"

#include <optional>

class wxWindow;

namespace deskpane::overlay::calendar {

enum class EditorScope {
  New,         // a new event or series
  Single,      // an existing single event
  Occurrence,  // one occurrence of a series: no recurrence of its own
  Series,      // the whole series
};

struct EditorResult {
  enum class Action { Cancel, Save, Delete };
  Action action = Action::Cancel;
  EventDraft draft;
};

EditorResult editEvent(wxWindow* parent, const EventDraft& draft, EditorScope scope, Weekday firstDayOfWeek);

// "This occurrence or the whole series?" for opening (deleting = false) or
// deleting a recurring event's occurrence: true = the whole series, false =
// this occurrence, nullopt = cancelled.
std::optional<bool> askSeriesOrOccurrence(wxWindow* parent, const std::string& title, bool deleting);
// An event changed here and on the server since the last sync: true keeps
// this desktop's version (sent again), false the server's; nullopt: not now.
// `fields` names what differs ("Title, Location"), empty when not known.
std::optional<bool> askKeepMine(wxWindow* parent, const std::string& title, const std::string& fields);

}  // namespace deskpane::overlay::calendar
