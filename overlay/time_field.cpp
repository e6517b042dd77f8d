#include "overlay/time_field.h"

#include "overlay/clock_text.h"

#include <wx/arrstr.h>

#include <string>

namespace deskpane::overlay {

namespace {

wxString utf8(const std::string& s) { return wxString::FromUTF8(s); }

wxArrayString choices(bool use24Hour) {
  wxArrayString out;
  for (const auto& c : clockChoices(use24Hour)) out.Add(utf8(c));
  return out;
}

}  // namespace

TimeField::TimeField(wxWindow* parent, int minutes, bool use24Hour)
    : wxComboBox(parent, wxID_ANY, wxString(), wxDefaultPosition, wxDefaultSize, choices(use24Hour), wxCB_DROPDOWN),
      minutes_(minutes),
      use24Hour_(use24Hour) {
  showCanonical();
  // Wide enough for the longest entry and the arrow, not the dialog's width.
  int w = 0, h = 0;
  GetTextExtent(utf8(formatClock(23 * 60 + 58, use24Hour_)), &w, &h);
  SetMinSize(wxSize(w + FromDIP(64), -1));
  Bind(wxEVT_TEXT, [this](wxCommandEvent& e) {
    textEdited();
    e.Skip();
  });
  Bind(wxEVT_COMBOBOX, [this](wxCommandEvent& e) {
    textEdited();
    e.Skip();
  });
  // Leaving the field shows what it holds: "930" becomes "09:30", and text
  // that reads as no time goes back to the last time it did.
  Bind(wxEVT_KILL_FOCUS, [this](wxFocusEvent& e) {
    showCanonical();
    e.Skip();
  });
}

void TimeField::setMinutes(int minutes) {
  minutes_ = minutes;
  showCanonical();
}

void TimeField::textEdited() {
  const auto typed = parseClock(std::string(GetValue().utf8_str()));
  if (!typed || *typed == minutes_) return;
  minutes_ = *typed;
  if (changed_) changed_();
}

void TimeField::showCanonical() {
  const wxString text = utf8(formatClock(minutes_, use24Hour_));
  // A listed time is selected too, so the list opens at it.
  const int listed = minutes_ % kClockStep == 0 ? minutes_ / kClockStep : wxNOT_FOUND;
  if (listed != wxNOT_FOUND && GetSelection() != listed) SetSelection(listed);
  if (GetValue() != text) ChangeValue(text);
}

}  // namespace deskpane::overlay
