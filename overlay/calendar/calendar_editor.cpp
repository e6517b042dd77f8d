#include "overlay/calendar/calendar_editor.h"

#include "overlay/calendar/calendar_view_model.h"
#include "overlay/dialog_focus_return.h"
#include "overlay/time_field.h"

#include <wx/button.h>
#include <wx/checkbox.h>
#include <wx/choice.h>
#include <wx/datectrl.h>
#include <wx/dateevt.h>
#include <wx/dialog.h>
#include <wx/intl.h>
#include <wx/msgdlg.h>
#include <wx/sizer.h>
#include <wx/spinctrl.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>

#include <array>

namespace deskpane::overlay::calendar {

namespace {

wxString utf8(const std::string& s) { return wxString::FromUTF8(s); }
std::string toUtf8(const wxString& s) { return std::string(s.utf8_str()); }

wxDateTime toWx(const Date& d, int minutes = 0) {
  wxDateTime t(static_cast<wxDateTime::wxDateTime_t>(d.day), static_cast<wxDateTime::Month>(d.month - 1), d.year,
               static_cast<wxDateTime::wxDateTime_t>(minutes / 60), static_cast<wxDateTime::wxDateTime_t>(minutes % 60));
  return t;
}

Date dateOf(const wxDateTime& t) { return {t.GetYear(), static_cast<int>(t.GetMonth()) + 1, t.GetDay()}; }

// Choice indices of the recurrence pattern and its end.
enum Repeat { RepeatNone, RepeatDaily, RepeatWeekly, RepeatMonthly, RepeatYearly };
enum Ending { EndNever, EndByDate, EndAfter };

class EventEditor : public wxDialog {
 public:
  EventEditor(wxWindow* parent, const EventDraft& draft, EditorScope scope, Weekday firstDay)
      : wxDialog(parent, wxID_ANY, dialogTitle(scope), wxDefaultPosition, wxDefaultSize,
                 wxDEFAULT_DIALOG_STYLE | wxRESIZE_BORDER),
        original_(draft),
        scope_(scope),
        firstDay_(firstDay) {
    SetName("calendar-editor");
    auto* top = new wxBoxSizer(wxVERTICAL);
    auto* grid = new wxFlexGridSizer(2, wxSize(10, 8));
    grid->AddGrowableCol(1, 1);

    auto label = [&](const wxString& text) {
      grid->Add(new wxStaticText(this, wxID_ANY, text), 0, wxALIGN_CENTER_VERTICAL | wxALIGN_RIGHT);
    };
    label(_("Title"));
    title_ = new wxTextCtrl(this, wxID_ANY, utf8(draft.title));
    title_->SetName(_("Title"));
    title_->SetMinSize(wxSize(FromDIP(300), -1));
    grid->Add(title_, 1, wxEXPAND);

    label(_("Location"));
    location_ = new wxTextCtrl(this, wxID_ANY, utf8(draft.location));
    location_->SetName(_("Location"));
    grid->Add(location_, 1, wxEXPAND);

    const bool use24Hour = locale24Hour();
    label(_("Start"));
    auto* startRow = new wxBoxSizer(wxHORIZONTAL);
    startDate_ = new wxDatePickerCtrl(this, wxID_ANY, toWx(draft.start.date), wxDefaultPosition, wxDefaultSize,
                                      wxDP_DROPDOWN | wxDP_SHOWCENTURY);
    startDate_->SetName(_("Start date"));
    startTime_ = new TimeField(this, draft.start.minutes, use24Hour);
    startTime_->SetName(_("Start time"));
    startRow->Add(startDate_, 1, wxRIGHT, 6);
    startRow->Add(startTime_, 0);
    grid->Add(startRow, 1, wxEXPAND);

    label(_("End"));
    auto* endRow = new wxBoxSizer(wxHORIZONTAL);
    endDate_ = new wxDatePickerCtrl(this, wxID_ANY, toWx(draft.end.date), wxDefaultPosition, wxDefaultSize,
                                    wxDP_DROPDOWN | wxDP_SHOWCENTURY);
    endDate_->SetName(_("End date"));
    endTime_ = new TimeField(this, draft.end.minutes, use24Hour);
    endTime_->SetName(_("End time"));
    endRow->Add(endDate_, 1, wxRIGHT, 6);
    endRow->Add(endTime_, 0);
    grid->Add(endRow, 1, wxEXPAND);

    grid->AddSpacer(0);
    allDay_ = new wxCheckBox(this, wxID_ANY, _("All day"));
    allDay_->SetValue(draft.allDay);
    grid->Add(allDay_);

    // Recurrence: an occurrence of a series has none of its own.
    label(_("Repeat"));
    auto* repeatRow = new wxBoxSizer(wxHORIZONTAL);
    repeat_ = new wxChoice(this, wxID_ANY);
    repeat_->Append(_("Never"));
    repeat_->Append(_("Daily"));
    repeat_->Append(_("Weekly"));
    repeat_->Append(_("Monthly"));
    repeat_->Append(_("Yearly"));
    repeat_->SetName(_("Repeat"));
    every_ = new wxSpinCtrl(this, wxID_ANY, "1", wxDefaultPosition, wxDefaultSize, wxSP_ARROW_KEYS, 1, 99, 1);
    every_->SetName(_("Every"));
    everyLabel_ = new wxStaticText(this, wxID_ANY, _("every"));
    unitLabel_ = new wxStaticText(this, wxID_ANY, wxString());
    repeatRow->Add(repeat_, 0, wxRIGHT, 10);
    repeatRow->Add(everyLabel_, 0, wxALIGN_CENTER_VERTICAL | wxRIGHT, 6);
    repeatRow->Add(every_, 0, wxRIGHT, 6);
    repeatRow->Add(unitLabel_, 0, wxALIGN_CENTER_VERTICAL);
    grid->Add(repeatRow, 1, wxEXPAND);

    grid->AddSpacer(0);
    daysRow_ = new wxBoxSizer(wxHORIZONTAL);
    for (int i = 0; i < 7; ++i) {
      const auto day = static_cast<Weekday>((static_cast<int>(firstDay) + i) % 7);
      auto* box = new wxCheckBox(this, wxID_ANY, utf8(weekdayName(day)));
      box->SetName(utf8(weekdayName(day, false)));
      days_[static_cast<std::size_t>(day)] = box;
      daysRow_->Add(box, 0, wxRIGHT, 6);
    }
    grid->Add(daysRow_);

    label(_("Ends"));
    auto* endsRow = new wxBoxSizer(wxHORIZONTAL);
    ending_ = new wxChoice(this, wxID_ANY);
    ending_->Append(_("Never"));
    ending_->Append(_("On date"));
    ending_->Append(_("After"));
    ending_->SetName(_("Ends"));
    until_ = new wxDatePickerCtrl(this, wxID_ANY, toWx(addMonths(draft.start.date, 3)), wxDefaultPosition,
                                  wxDefaultSize, wxDP_DROPDOWN | wxDP_SHOWCENTURY);
    until_->SetName(_("End of the series"));
    count_ = new wxSpinCtrl(this, wxID_ANY, "10", wxDefaultPosition, wxDefaultSize, wxSP_ARROW_KEYS, 1, 999, 10);
    count_->SetName(_("Number of occurrences"));
    countLabel_ = new wxStaticText(this, wxID_ANY, _("times"));
    endsRow->Add(ending_, 0, wxRIGHT, 10);
    endsRow->Add(until_, 0, wxRIGHT, 6);
    endsRow->Add(count_, 0, wxRIGHT, 6);
    endsRow->Add(countLabel_, 0, wxALIGN_CENTER_VERTICAL);
    grid->Add(endsRow, 1, wxEXPAND);

    label(_("Description"));
    description_ = new wxTextCtrl(this, wxID_ANY, utf8(draft.description), wxDefaultPosition,
                                  wxSize(-1, FromDIP(80)), wxTE_MULTILINE);
    description_->SetName(_("Description"));
    grid->Add(description_, 1, wxEXPAND);
    grid->AddGrowableRow(grid->GetEffectiveRowsCount() - 1, 1);

    top->Add(grid, 1, wxEXPAND | wxALL, 14);
    errors_ = new wxStaticText(this, wxID_ANY, wxString());
    errors_->SetForegroundColour(wxColour(200, 40, 30));
    top->Add(errors_, 0, wxLEFT | wxRIGHT | wxEXPAND, 14);

    auto* buttons = new wxBoxSizer(wxHORIZONTAL);
    if (scope != EditorScope::New) {
      auto* remove = new wxButton(this, wxID_DELETE, scope == EditorScope::Series ? _("Delete series")
                                                     : scope == EditorScope::Occurrence ? _("Delete occurrence")
                                                                                        : _("Delete"));
      remove->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { EndModal(wxID_DELETE); });
      buttons->Add(remove);
    }
    buttons->AddStretchSpacer();
    auto* cancel = new wxButton(this, wxID_CANCEL, _("Cancel"));
    auto* save = new wxButton(this, wxID_OK, _("Save"));
    save->SetDefault();
    save->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { trySave(); });
    buttons->Add(cancel, 0, wxRIGHT, 8);
    buttons->Add(save);
    top->Add(buttons, 0, wxEXPAND | wxALL, 14);
    SetSizerAndFit(top);

    loadRecurrence(draft);
    allDay_->Bind(wxEVT_CHECKBOX, [this](wxCommandEvent&) { updateEnabled(); });
    repeat_->Bind(wxEVT_CHOICE, [this](wxCommandEvent&) {
      recurrenceTouched_ = true;
      // Weekly starts with the start's weekday ticked, as calendars do.
      if (repeat_->GetSelection() == RepeatWeekly && weekMask() == 0)
        days_[static_cast<std::size_t>(weekdayOf(dateOf(startDate_->GetValue())))]->SetValue(true);
      updateEnabled();
    });
    auto touched = [this](wxEvent& e) {
      recurrenceTouched_ = true;
      updateEnabled();
      e.Skip();
    };
    ending_->Bind(wxEVT_CHOICE, touched);
    every_->Bind(wxEVT_SPINCTRL, touched);
    count_->Bind(wxEVT_SPINCTRL, touched);
    until_->Bind(wxEVT_DATE_CHANGED, touched);
    for (auto* d : days_) d->Bind(wxEVT_CHECKBOX, touched);
    // A start moved later drags the end along, keeping the length.
    startDate_->Bind(wxEVT_DATE_CHANGED, [this](wxDateEvent& e) { keepLength(); e.Skip(); });
    startTime_->onChanged([this] { keepLength(); });
    Bind(wxEVT_CHAR_HOOK, &EventEditor::onCharHook, this);
    updateEnabled();
    lastStart_ = currentStart();
    CentreOnParent();
    title_->SetFocus();
    title_->SelectAll();
  }

  EventDraft draft() const {
    EventDraft d = original_;
    d.title = toUtf8(title_->GetValue().Strip(wxString::both));
    d.location = toUtf8(location_->GetValue().Strip(wxString::both));
    d.description = toUtf8(description_->GetValue());
    d.allDay = allDay_->GetValue();
    d.start = currentStart();
    d.end = {dateOf(endDate_->GetValue()), d.allDay ? 0 : endTime_->minutes()};
    if (d.allDay) d.start.minutes = 0;
    if (scope_ == EditorScope::Occurrence) {
      d.recurrence.reset();
      d.until.reset();
      return d;
    }
    if (!recurrenceTouched_) return d;  // a rule the editor cannot show (monthly by weekday...) stays as it was
    d.recurrence.reset();
    d.until.reset();
    const int repeat = repeat_->GetSelection();
    if (repeat == RepeatNone) return d;
    sync::RecurrenceRule rule;
    rule.firstDayOfWeek = firstDay_;
    rule.pattern.frequency = every_->GetValue();
    switch (repeat) {
      case RepeatDaily: rule.pattern.kind = sync::PatternKind::Daily; break;
      case RepeatWeekly:
        rule.pattern.kind = sync::PatternKind::Weekly;
        rule.pattern.days = weekMask() ? weekMask() : sync::weekdayBit(weekdayOf(d.start.date));
        break;
      case RepeatMonthly:
        rule.pattern.kind = sync::PatternKind::Monthly;
        rule.pattern.dayOfMonth = d.start.date.day;
        break;
      default:
        rule.pattern.kind = sync::PatternKind::Yearly;
        rule.pattern.month = d.start.date.month;
        rule.pattern.dayOfMonth = d.start.date.day;
        break;
    }
    switch (ending_->GetSelection()) {
      case EndByDate:
        rule.range = sync::RangeKind::Until;
        d.until = dateOf(until_->GetValue());
        break;
      case EndAfter:
        rule.range = sync::RangeKind::Count;
        rule.instances = count_->GetValue();
        break;
      default: rule.range = sync::RangeKind::Forever; break;
    }
    d.recurrence = rule;
    return d;
  }

 private:
  static wxString dialogTitle(EditorScope scope) {
    switch (scope) {
      case EditorScope::New: return _("New event");
      case EditorScope::Single: return _("Edit event");
      case EditorScope::Occurrence: return _("Edit this occurrence");
      case EditorScope::Series: return _("Edit series");
    }
    return _("Edit event");
  }

  WallTime currentStart() const {
    return {dateOf(startDate_->GetValue()), allDay_->GetValue() ? 0 : startTime_->minutes()};
  }

  sync::WeekdayMask weekMask() const {
    sync::WeekdayMask m = 0;
    for (std::size_t i = 0; i < days_.size(); ++i)
      if (days_[i]->GetValue()) m = static_cast<sync::WeekdayMask>(m | (1u << i));
    return m;
  }

  void loadRecurrence(const EventDraft& d) {
    repeat_->SetSelection(RepeatNone);
    ending_->SetSelection(EndNever);
    if (!d.recurrence) return;
    const auto& r = *d.recurrence;
    every_->SetValue(std::max(1, r.pattern.frequency));
    switch (r.pattern.kind) {
      case sync::PatternKind::Daily: repeat_->SetSelection(RepeatDaily); break;
      case sync::PatternKind::EveryWeekday:
        repeat_->SetSelection(RepeatWeekly);
        every_->SetValue(1);
        for (std::size_t i = 0; i < days_.size(); ++i) days_[i]->SetValue((sync::kMondayToFriday >> i) & 1u);
        break;
      case sync::PatternKind::Weekly:
        repeat_->SetSelection(RepeatWeekly);
        for (std::size_t i = 0; i < days_.size(); ++i) days_[i]->SetValue((r.pattern.days >> i) & 1u);
        break;
      case sync::PatternKind::Monthly:
      case sync::PatternKind::MonthlyByDay: repeat_->SetSelection(RepeatMonthly); break;
      default: repeat_->SetSelection(RepeatYearly); break;
    }
    if (r.range == sync::RangeKind::Until) {
      ending_->SetSelection(EndByDate);
      if (d.until) until_->SetValue(toWx(*d.until));
    } else if (r.range == sync::RangeKind::Count) {
      ending_->SetSelection(EndAfter);
      count_->SetValue(r.instances);
    }
  }

  void updateEnabled() {
    const bool allDay = allDay_->GetValue();
    startTime_->Enable(!allDay);
    endTime_->Enable(!allDay);
    const bool canRepeat = scope_ != EditorScope::Occurrence;
    repeat_->Enable(canRepeat);
    const int repeat = repeat_->GetSelection();
    const bool repeating = canRepeat && repeat != RepeatNone;
    every_->Show(repeating);
    everyLabel_->Show(repeating);
    unitLabel_->Show(repeating);
    static const wxString kUnits[] = {wxString(), _("day(s)"), _("week(s)"), _("month(s)"), _("year(s)")};
    unitLabel_->SetLabel(kUnits[std::max(0, repeat)]);
    for (auto* d : days_) d->Show(repeating && repeat == RepeatWeekly);
    ending_->Enable(repeating);
    until_->Show(repeating && ending_->GetSelection() == EndByDate);
    count_->Show(repeating && ending_->GetSelection() == EndAfter);
    countLabel_->Show(repeating && ending_->GetSelection() == EndAfter);
    Layout();
  }

  void keepLength() {
    const WallTime start = currentStart();
    const long long shift = minutesBetween(lastStart_, start);
    lastStart_ = start;
    if (shift == 0) return;
    const WallTime end{dateOf(endDate_->GetValue()), endTime_->minutes()};
    const WallTime moved = addMinutesTo(end, static_cast<int>(shift));
    endDate_->SetValue(toWx(moved.date));
    endTime_->setMinutes(moved.minutes);
  }

  void trySave() {
    const auto problems = validateDraft(draft());
    if (problems.empty()) {
      EndModal(wxID_OK);
      return;
    }
    wxString text;
    for (const auto& p : problems) text += (text.empty() ? "" : "\n") + utf8(p.message);
    errors_->SetLabel(text);
    errors_->Wrap(GetClientSize().x - FromDIP(28));
    Fit();
    if (problems.front().field == "Title") title_->SetFocus();
  }

  void onCharHook(wxKeyEvent& e) {
    const int code = e.GetKeyCode();
    if (code == WXK_RETURN || code == WXK_NUMPAD_ENTER) {
      // In the description Enter is a new line; Ctrl+Enter saves from anywhere.
      if (FindFocus() == description_ && !e.ControlDown()) {
        e.Skip();
        return;
      }
      // A button with the focus acts on Enter as on a click.
      if (auto* b = dynamic_cast<wxButton*>(FindFocus()); b && b->GetId() != wxID_OK) {
        e.Skip();
        return;
      }
      trySave();
      return;
    }
    if (code == WXK_ESCAPE) {
      EndModal(wxID_CANCEL);
      return;
    }
    e.Skip();
  }

  EventDraft original_;
  EditorScope scope_;
  Weekday firstDay_;
  bool recurrenceTouched_ = false;
  WallTime lastStart_;
  wxTextCtrl* title_ = nullptr;
  wxTextCtrl* location_ = nullptr;
  wxDatePickerCtrl* startDate_ = nullptr;
  TimeField* startTime_ = nullptr;
  wxDatePickerCtrl* endDate_ = nullptr;
  TimeField* endTime_ = nullptr;
  wxCheckBox* allDay_ = nullptr;
  wxChoice* repeat_ = nullptr;
  wxSpinCtrl* every_ = nullptr;
  wxStaticText* everyLabel_ = nullptr;
  wxStaticText* unitLabel_ = nullptr;
  wxBoxSizer* daysRow_ = nullptr;
  std::array<wxCheckBox*, 7> days_{};  // by Weekday
  wxChoice* ending_ = nullptr;
  wxDatePickerCtrl* until_ = nullptr;
  wxSpinCtrl* count_ = nullptr;
  wxStaticText* countLabel_ = nullptr;
  wxTextCtrl* description_ = nullptr;
  wxStaticText* errors_ = nullptr;
};

}  // namespace

EditorResult editEvent(wxWindow* parent, const EventDraft& draft, EditorScope scope, Weekday firstDayOfWeek) {
  EventEditor dlg(parent, draft, scope, firstDayOfWeek);
  EditorResult result;
  const int code = dlg.ShowModal();
  if (code == wxID_OK) {
    result.action = EditorResult::Action::Save;
    result.draft = dlg.draft();
  } else if (code == wxID_DELETE) {
    result.action = EditorResult::Action::Delete;
  }
  return result;
}

std::optional<bool> askSeriesOrOccurrence(wxWindow* parent, const std::string& title, bool deleting) {
  const wxString question = deleting ? _("“%s” is a recurring event. Delete only this occurrence or the whole series?")
                                     : _("“%s” is a recurring event. Open only this occurrence or the whole series?");
  wxMessageDialog dlg(parent, wxString::Format(question, utf8(title)),
                      deleting ? _("Delete recurring event") : _("Open recurring event"),
                      wxYES_NO | wxCANCEL | wxICON_QUESTION);
  dlg.SetYesNoCancelLabels(_("This occurrence"), _("The whole series"), _("Cancel"));
  const int answer = dlg.ShowModal();
  giveKeyboardBack(parent);
  switch (answer) {
    case wxID_YES: return false;
    case wxID_NO: return true;
    default: return std::nullopt;
  }
}

std::optional<bool> askKeepMine(wxWindow* parent, const std::string& title, const std::string& fields) {
  wxString question = wxString::Format(_("“%s” was changed here and on the server. Keep your version or the server’s?"),
                                       utf8(title));
  if (!fields.empty()) question += "\n\n" + wxString::Format(_("Changed on both sides: %s"), utf8(fields));
  wxMessageDialog dlg(parent, question, _("Conflicting changes"), wxYES_NO | wxCANCEL | wxICON_QUESTION);
  dlg.SetYesNoCancelLabels(_("Keep mine"), _("Keep theirs"), _("Cancel"));
  const int answer = dlg.ShowModal();
  giveKeyboardBack(parent);
  switch (answer) {
    case wxID_YES: return true;
    case wxID_NO: return false;
    default: return std::nullopt;
  }
}

}  // namespace deskpane::overlay::calendar
