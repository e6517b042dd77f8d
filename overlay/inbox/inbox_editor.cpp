#include "overlay/inbox/inbox_editor.h"

#include <wx/button.h>
#include <wx/intl.h>
#include <wx/settings.h>
#include <wx/sizer.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>

namespace deskpane::overlay::inbox {

InboxEditor::InboxEditor(wxWindow* parent, const std::string& replyTo, Validator validator)
    : wxDialog(parent, wxID_ANY, replyTo.empty() ? _("New discussion") : _("Reply"), wxDefaultPosition,
               wxDefaultSize, wxDEFAULT_DIALOG_STYLE | wxRESIZE_BORDER),
      validator_(std::move(validator)) {
  auto* sizer = new wxBoxSizer(wxVERTICAL);
  if (replyTo.empty()) {
    sizer->Add(new wxStaticText(this, wxID_ANY, _("Subject")), 0, wxLEFT | wxRIGHT | wxTOP, 12);
    subject_ = new wxTextCtrl(this, wxID_ANY, "", wxDefaultPosition, wxDefaultSize, wxTE_PROCESS_ENTER);
    subject_->SetName(_("Subject"));
    subject_->Bind(wxEVT_TEXT_ENTER, [this](wxCommandEvent&) { trySend(); });
    sizer->Add(subject_, 0, wxEXPAND | wxLEFT | wxRIGHT | wxTOP, 12);
  } else {
    auto* about = new wxStaticText(this, wxID_ANY, wxString::Format(_("Re: %s"), wxString::FromUTF8(replyTo)));
    about->SetFont(about->GetFont().Bold());
    sizer->Add(about, 0, wxLEFT | wxRIGHT | wxTOP, 12);
  }
  sizer->Add(new wxStaticText(this, wxID_ANY, _("Message")), 0, wxLEFT | wxRIGHT | wxTOP, 12);
  body_ = new wxTextCtrl(this, wxID_ANY, "", wxDefaultPosition, wxSize(420, 180), wxTE_MULTILINE);
  body_->SetName(_("Message"));
  sizer->Add(body_, 1, wxEXPAND | wxLEFT | wxRIGHT | wxTOP, 12);
  problem_ = new wxStaticText(this, wxID_ANY, "");
  problem_->SetForegroundColour(wxColour(200, 40, 40));
  sizer->Add(problem_, 0, wxEXPAND | wxLEFT | wxRIGHT | wxTOP, 12);
  auto* hint = new wxStaticText(this, wxID_ANY, _("Ctrl+Enter sends · Esc cancels"));
  hint->SetForegroundColour(wxSystemSettings::GetColour(wxSYS_COLOUR_GRAYTEXT));
  auto* buttons = new wxBoxSizer(wxHORIZONTAL);
  buttons->Add(hint, 1, wxALIGN_CENTER_VERTICAL);
  auto* cancel = new wxButton(this, wxID_CANCEL, _("Cancel"));
  auto* send = new wxButton(this, wxID_OK, replyTo.empty() ? _("Post") : _("Send"));
  send->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { trySend(); });
  buttons->Add(cancel, 0, wxRIGHT, 8);
  buttons->Add(send, 0);
  sizer->Add(buttons, 0, wxEXPAND | wxALL, 12);
  SetSizerAndFit(sizer);
  SetEscapeId(wxID_CANCEL);
  Bind(wxEVT_CHAR_HOOK, &InboxEditor::onCharHook, this);
  (subject_ ? static_cast<wxWindow*>(subject_) : body_)->SetFocus();
}

std::string InboxEditor::subject() const { return subject_ ? subject_->GetValue().utf8_string() : ""; }
std::string InboxEditor::body() const { return body_->GetValue().utf8_string(); }

void InboxEditor::trySend() {
  if (validator_) {
    if (auto problem = validator_(subject(), body())) {
      problem_->SetLabel(wxString::FromUTF8(*problem));
      Layout();
      (subject_ && problem->rfind(_("Subject").utf8_string(), 0) == 0 ? static_cast<wxWindow*>(subject_) : body_)
          ->SetFocus();
      return;
    }
  }
  EndModal(wxID_OK);
}

void InboxEditor::onCharHook(wxKeyEvent& e) {
  const int code = e.GetKeyCode();
  if ((code == WXK_RETURN || code == WXK_NUMPAD_ENTER) && e.GetModifiers() == wxMOD_CONTROL) {
    trySend();
    return;
  }
  e.Skip();
}

}  // namespace deskpane::overlay::inbox
