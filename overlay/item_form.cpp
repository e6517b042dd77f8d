#include "overlay/item_form.h"

#include "overlay/clock_text.h"
#include "overlay/form_layout.h"
#include "overlay/pane_rows.h"
#include "overlay/plain_text.h"
#include "overlay/time_field.h"
#include "sync/list_schema.h"

#include <wx/button.h>
#include <wx/checkbox.h>
#include <wx/choice.h>
#include <wx/datectrl.h>
#include <wx/dateevt.h>
#include <wx/intl.h>
#include <wx/sizer.h>
#include <wx/spinctrl.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>

#include <cmath>
#include <ctime>

namespace deskpane::overlay {

namespace {

using sync::FieldType;

wxString utf8(const std::string& s) { return wxString::FromUTF8(s.data(), s.size()); }
std::string toUtf8(const wxString& s) { return std::string(s.utf8_str()); }

wxString label(const sync::FieldSpec& spec) {
  // Labels are English source strings marked in list_schema.cpp.
  return wxGetTranslation(utf8(std::string(spec.label.empty() ? spec.name : spec.label)));
}

wxDateTime localFromIso(const std::string& iso) {
  const auto t = parseIsoUtc(iso);
  if (!t) return wxInvalidDateTime;
  return wxDateTime(static_cast<time_t>(Clock::to_time_t(*t)));
}

std::string isoFromLocal(const wxDateTime& local) {
  if (!local.IsValid()) return "";
  const time_t t = local.GetTicks();
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

bool isMultiLine(FieldType t) { return t == FieldType::Note || t == FieldType::Html; }

}  // namespace

ItemForm::ItemForm(wxWindow* parent, const wxString& title, sync::ListKind kind,
                   const std::vector<std::string>& fieldNames, const sync::Item* item, const sync::Fields& defaults,
                   const std::vector<sync::Conflict>& conflicts)
    : wxDialog(parent, wxID_ANY, title, wxDefaultPosition, wxDefaultSize, wxDEFAULT_DIALOG_STYLE | wxRESIZE_BORDER),
      kind_(kind),
      names_(fieldNames),
      original_(item ? item->fields : defaults),
      isNew_(item == nullptr) {
  auto* outer = new wxBoxSizer(wxVERTICAL);
  sync::Item shown;
  shown.fields = original_;

  // A long form goes in two columns, so that it fits a laptop's screen.
  std::vector<int> heights;
  for (const auto& name : names_)
    if (const sync::FieldSpec* spec = sync::findField(kind_, name)) heights.push_back(isMultiLine(spec->type) ? 3 : 1);
  const bool twoColumns = heights.size() > kOneColumnFields;
  const std::size_t leftCount = twoColumns ? balancedSplit(heights) : heights.size();
  const int fieldWidth = twoColumns ? 260 : 320;
  auto newGrid = [] {
    auto* g = new wxFlexGridSizer(2, wxSize(12, 8));
    g->AddGrowableCol(1, 1);
    return g;
  };
  wxFlexGridSizer* const left = newGrid();
  wxFlexGridSizer* const right = twoColumns ? newGrid() : nullptr;
  std::size_t placed = 0;

  for (const auto& name : names_) {
    const sync::FieldSpec* spec = sync::findField(kind_, name);
    if (!spec) continue;
    wxFlexGridSizer* const grid = placed++ < leftCount ? left : right;
    auto* caption = new wxStaticText(this, wxID_ANY, label(*spec) + (spec->required ? " *" : ""));
    grid->Add(caption, 0, isMultiLine(spec->type) ? wxALIGN_TOP | wxTOP : wxALIGN_CENTER_VERTICAL, 4);
    std::vector<wxWindow*> made;
    const std::string text = shown.text(name);
    switch (spec->type) {
      case FieldType::Text: {
        auto* c = new wxTextCtrl(this, wxID_ANY, utf8(text), wxDefaultPosition, wxSize(fieldWidth, -1), wxTE_PROCESS_ENTER);
        c->Bind(wxEVT_TEXT_ENTER, [this](wxCommandEvent&) { trySave(); });
        made.push_back(c);
        break;
      }
      case FieldType::Note:
      case FieldType::Html: {
        const std::string plain = spec->type == FieldType::Html ? htmlToPlainText(text) : text;
        made.push_back(
            new wxTextCtrl(this, wxID_ANY, utf8(plain), wxDefaultPosition, wxSize(fieldWidth, 96), wxTE_MULTILINE));
        break;
      }
      case FieldType::DateTime: {
        const wxDateTime at = localFromIso(text);
        auto* date = new wxDatePickerCtrl(this, wxID_ANY, at, wxDefaultPosition, wxDefaultSize,
                                          wxDP_DROPDOWN | wxDP_SHOWCENTURY | (spec->required ? 0 : wxDP_ALLOWNONE));
        // GTK's picker shows today for "no date": an optional date left
        // empty must read as empty, not be saved as today.
        if (!at.IsValid() && !spec->required) date->SetValue(wxInvalidDateTime);
        auto* time = new TimeField(this, at.IsValid() ? at.GetHour() * 60 + at.GetMinute() : 0, locale24Hour());
        time->Enable(date->GetValue().IsValid());
        date->Bind(wxEVT_DATE_CHANGED, [date, time](wxDateEvent& e) {
          time->Enable(date->GetValue().IsValid());
          e.Skip();
        });
        made = {date, time};
        break;
      }
      case FieldType::Boolean:
        made.push_back(new wxCheckBox(this, wxID_ANY, wxString()));
        static_cast<wxCheckBox*>(made.back())->SetValue(shown.flag(name));
        break;
      case FieldType::Choice: {
        auto* c = new wxChoice(this, wxID_ANY);
        if (!spec->required) c->Append(wxString());
        for (auto v : spec->choices) c->Append(wxGetTranslation(utf8(std::string(v))));
        int at = spec->required ? 0 : 0;
        for (std::size_t i = 0; i < spec->choices.size(); ++i)
          if (spec->choices[i] == text) at = static_cast<int>(i) + (spec->required ? 0 : 1);
        c->SetSelection(at);
        made.push_back(c);
        break;
      }
      case FieldType::Percent: {
        const int pct = static_cast<int>(std::lround(shown.number(name).value_or(0.0) * 100));
        made.push_back(new wxSpinCtrl(this, wxID_ANY, wxString(), wxDefaultPosition, wxDefaultSize, wxSP_ARROW_KEYS, 0,
                                      100, pct));
        break;
      }
      case FieldType::Number:
      case FieldType::Integer: {
        auto* c = new wxSpinCtrlDouble(this, wxID_ANY, wxString(), wxDefaultPosition, wxDefaultSize, wxSP_ARROW_KEYS,
                                       -1e9, 1e9, shown.number(name).value_or(0.0), 1);
        if (spec->type == FieldType::Integer) c->SetDigits(0);
        made.push_back(c);
        break;
      }
      case FieldType::Computed:
      case FieldType::Lookup:
        made.push_back(new wxStaticText(this, wxID_ANY, utf8(text)));
        break;
    }
    for (auto* w : made) w->SetName(label(*spec));
    if (made.size() == 1) {
      grid->Add(made[0], 1, wxEXPAND);
    } else {
      auto* row = new wxBoxSizer(wxHORIZONTAL);
      for (auto* w : made) row->Add(w, 0, wxRIGHT, 6);
      grid->Add(row, 1, wxEXPAND);
    }
    controls_[name] = made;
  }
  if (right) {
    auto* columns = new wxBoxSizer(wxHORIZONTAL);
    columns->Add(left, 1, wxEXPAND | wxRIGHT, 24);
    columns->Add(right, 1, wxEXPAND);
    outer->Add(columns, 1, wxEXPAND | wxALL, 16);
  } else {
    outer->Add(left, 1, wxEXPAND | wxALL, 16);
  }

  if (!conflicts.empty()) {
    wxString what = _("This item was changed here and on the server:");
    for (const auto& c : conflicts) {
      switch (c.type) {
        case sync::ConflictKind::Field: {
          const auto* spec = sync::findField(kind_, c.field);
          what += "\n• " + (spec ? label(*spec) : utf8(c.field)) + ": " +
                  wxString::Format(_("yours “%s”, server “%s”"), utf8(sync::displayValue(c.localValue)),
                                   utf8(sync::displayValue(c.serverValue)));
          break;
        }
        case sync::ConflictKind::EditVsServerDelete:
          what += "\n• " + _("It was deleted on the server while you edited it.");
          break;
        case sync::ConflictKind::DeleteVsServerEdit:
          what += "\n• " + _("You deleted it; it was changed on the server.");
          break;
      }
    }
    auto* note = new wxStaticText(this, wxID_ANY, what);
    note->SetForegroundColour(wxColour(200, 80, 40));
    outer->Add(note, 0, wxLEFT | wxRIGHT | wxBOTTOM, 16);
    auto* choice = new wxBoxSizer(wxHORIZONTAL);
    auto* mine = new wxButton(this, ID_KEEP_MINE, _("Keep mine"));
    auto* theirs = new wxButton(this, ID_KEEP_THEIRS, _("Keep theirs"));
    mine->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { EndModal(ID_KEEP_MINE); });
    theirs->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { EndModal(ID_KEEP_THEIRS); });
    choice->Add(mine, 0, wxRIGHT, 8);
    choice->Add(theirs);
    outer->Add(choice, 0, wxLEFT | wxRIGHT | wxBOTTOM, 16);
  }

  problem_ = new wxStaticText(this, wxID_ANY, wxString());
  problem_->SetForegroundColour(wxColour(200, 40, 40));
  outer->Add(problem_, 0, wxLEFT | wxRIGHT, 16);

  auto* buttons = new wxStdDialogButtonSizer();
  auto* save = new wxButton(this, wxID_OK, _("Save"));
  save->SetDefault();
  buttons->AddButton(save);
  buttons->AddButton(new wxButton(this, wxID_CANCEL, _("Cancel")));
  buttons->Realize();
  outer->Add(buttons, 0, wxEXPAND | wxALL, 12);
  save->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { trySave(); });
  SetEscapeId(wxID_CANCEL);

  // Ctrl+Enter saves from a multi-line field, where Enter is a new line.
  Bind(wxEVT_CHAR_HOOK, [this](wxKeyEvent& e) {
    const int k = e.GetKeyCode();
    if ((k == WXK_RETURN || k == WXK_NUMPAD_ENTER) && e.GetModifiers() == wxMOD_CONTROL) {
      trySave();
      return;
    }
    e.Skip();
  });

  SetSizerAndFit(outer);
  SetMinSize(GetSize());
  if (!names_.empty())
    if (auto* first = control(names_.front())) first->SetFocus();
  CentreOnScreen();
}

wxWindow* ItemForm::control(const std::string& name) const {
  const auto it = controls_.find(name);
  return it == controls_.end() || it->second.empty() ? nullptr : it->second.front();
}

sync::Fields ItemForm::values() const {
  sync::Fields out;
  for (const auto& name : names_) {
    const sync::FieldSpec* spec = sync::findField(kind_, name);
    const auto it = controls_.find(name);
    if (!spec || it == controls_.end() || !spec->editable) continue;
    const auto& ws = it->second;
    switch (spec->type) {
      case FieldType::Text:
        out[name] = toUtf8(static_cast<wxTextCtrl*>(ws[0])->GetValue().Trim().Trim(false));
        break;
      case FieldType::Note:
      case FieldType::Html: {
        const std::string text = toUtf8(static_cast<wxTextCtrl*>(ws[0])->GetValue());
        out[name] = spec->type == FieldType::Html ? plainTextToHtml(text) : text;
        break;
      }
      case FieldType::DateTime: {
        wxDateTime date = static_cast<wxDatePickerCtrl*>(ws[0])->GetValue();
        if (!date.IsValid()) {
          out[name] = std::monostate{};
          break;
        }
        const int minutes = static_cast<TimeField*>(ws[1])->minutes();
        date.SetHour(static_cast<wxDateTime::wxDateTime_t>(minutes / 60));
        date.SetMinute(static_cast<wxDateTime::wxDateTime_t>(minutes % 60));
        date.SetSecond(0);
        out[name] = isoFromLocal(date);
        break;
      }
      case FieldType::Boolean:
        out[name] = static_cast<wxCheckBox*>(ws[0])->GetValue();
        break;
      case FieldType::Choice: {
        const int at = static_cast<wxChoice*>(ws[0])->GetSelection() - (spec->required ? 0 : 1);
        if (at < 0 || at >= static_cast<int>(spec->choices.size()))
          out[name] = std::monostate{};
        else
          out[name] = std::string(spec->choices[static_cast<std::size_t>(at)]);
        break;
      }
      case FieldType::Percent:
        out[name] = static_cast<wxSpinCtrl*>(ws[0])->GetValue() / 100.0;
        break;
      case FieldType::Number:
        out[name] = static_cast<wxSpinCtrlDouble*>(ws[0])->GetValue();
        break;
      case FieldType::Integer:
        out[name] = static_cast<std::int64_t>(std::llround(static_cast<wxSpinCtrlDouble*>(ws[0])->GetValue()));
        break;
      case FieldType::Computed:
      case FieldType::Lookup:
        break;
    }
  }
  return out;
}

sync::Fields ItemForm::changed() const {
  sync::Fields out;
  sync::Item before;
  before.fields = original_;
  for (const auto& [name, value] : values()) {
    const sync::FieldSpec* spec = sync::findField(kind_, name);
    const sync::FieldValue* old = before.find(name);
    if (spec && spec->type == FieldType::Html) {
      // Compare the words: the stored HTML is never what the form writes back.
      const std::string now = htmlToPlainText(std::get<std::string>(value));
      if (now != htmlToPlainText(before.text(name))) out[name] = value;
      continue;
    }
    const bool emptyNow = std::holds_alternative<std::monostate>(value) ||
                          (std::holds_alternative<std::string>(value) && std::get<std::string>(value).empty());
    if (isNew_ && emptyNow) continue;
    // A new item sends every value it has, the pane's defaults included
    // (Status "Not Started", 0 %), as SharePoint's own new-item form does.
    if (isNew_) {
      out[name] = value;
      continue;
    }
    if (!old) {
      if (!emptyNow) out[name] = value;
      continue;
    }
    const bool emptyBefore = std::holds_alternative<std::monostate>(*old) ||
                             (std::holds_alternative<std::string>(*old) && std::get<std::string>(*old).empty());
    if (emptyNow && emptyBefore) continue;
    if (!sync::sameValue(*old, value)) out[name] = value;
  }
  return out;
}

bool ItemForm::trySave() {
  const sync::Fields now = values();
  for (const auto& name : names_) {
    const sync::FieldSpec* spec = sync::findField(kind_, name);
    if (!spec || !spec->required) continue;
    const auto it = now.find(name);
    const bool empty = it == now.end() || std::holds_alternative<std::monostate>(it->second) ||
                       (std::holds_alternative<std::string>(it->second) && std::get<std::string>(it->second).empty());
    if (empty) {
      showProblem({name, toUtf8(wxString::Format(_("%s is required."), label(*spec)))});
      return false;
    }
  }
  if (validator_)
    if (auto problem = validator_(now)) {
      showProblem(*problem);
      return false;
    }
  EndModal(wxID_OK);
  return true;
}

void ItemForm::showProblem(const FieldProblem& problem) {
  problem_->SetLabel(utf8(problem.message));
  if (auto* c = control(problem.field)) c->SetFocus();
  Layout();
  Fit();
}

}  // namespace deskpane::overlay
