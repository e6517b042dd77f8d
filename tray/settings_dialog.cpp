#include "tray/settings_dialog.h"

#include <wx/button.h>
#include <wx/checkbox.h>
#include <wx/choice.h>
#include <wx/combobox.h>
#include <wx/dialog.h>
#include <wx/hyperlink.h>
#include <wx/msgdlg.h>
#include <wx/sizer.h>
#include <wx/slider.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>
#include <wx/timer.h>

#include <array>

namespace deskpane::tray {

namespace {

using sync::ListKind;

class SettingsDialog : public wxDialog {
 public:
  SettingsDialog(const AppConfig& current, bool welcome, bool autostartEnabled,
                 std::function<void(const AppConfig&)> onApply, std::function<void()> onClose,
                 ListLookupRequest lookupLists, std::function<void()> signOut)
      : wxDialog(nullptr, wxID_ANY, welcome ? "Welcome to deskpane" : wxString::FromUTF8("deskpane settings"),
                 wxDefaultPosition, wxDefaultSize, wxDEFAULT_DIALOG_STYLE),
        config_(current),
        welcome_(welcome),
        onApply_(std::move(onApply)),
        onClose_(std::move(onClose)),
        lookupLists_(std::move(lookupLists)),
        signOut_(std::move(signOut)) {
    auto* top = new wxBoxSizer(wxVERTICAL);
    if (welcome) {
      auto* intro = new wxStaticText(this, wxID_ANY,
                                     "deskpane shows SharePoint lists as panes on your desktop.\n"
                                     "Enter your site's URL, or keep the demo emulator's address to try it.");
      top->Add(intro, 0, wxALL, 12);
    }
    auto* grid = new wxFlexGridSizer(2, 8, 12);
    grid->AddGrowableCol(1);
    grid->Add(new wxStaticText(this, wxID_ANY, "Site URL"), 0, wxALIGN_CENTER_VERTICAL);
    url_ = new wxTextCtrl(this, wxID_ANY, wxString::FromUTF8(current.siteUrl.empty()
                                                                 ? "http://127.0.0.1:8080/sites/demo"
                                                                 : current.siteUrl),
                          wxDefaultPosition, wxSize(380, -1));
    grid->Add(url_, 1, wxEXPAND);
    grid->Add(new wxStaticText(this, wxID_ANY, "Sign-in"), 0, wxALIGN_CENTER_VERTICAL);
    auth_ = new wxChoice(this, wxID_ANY);
    auth_->Append("None (on-premises / demo)");
    auth_->Append("Microsoft 365 (device code)");
    auth_->SetSelection(current.auth == "device-code" ? 1 : 0);
    if (signOut_) {
      // Beside the method it belongs to: forgets this site's tokens.
      auto* row = new wxBoxSizer(wxHORIZONTAL);
      row->Add(auth_, 0, wxALIGN_CENTER_VERTICAL);
      signOutButton_ = new wxButton(this, wxID_ANY, "Sign &out");
      row->Add(signOutButton_, 0, wxLEFT | wxALIGN_CENTER_VERTICAL, 8);
      grid->Add(row, 0);
      signOutButton_->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) {
        if (!signOut_) return;
        signOut_();
        signOut_ = nullptr;
        signOutButton_->Disable();
        signOutButton_->SetLabel("Signed out");
        GetSizer()->Layout();
      });
    } else {
      grid->Add(auth_, 0);
    }
    top->Add(grid, 0, wxEXPAND | wxLEFT | wxRIGHT | wxTOP, 12);

    auto* panes = new wxFlexGridSizer(4, 6, 12);
    panes->AddGrowableCol(1);
    panes->Add(new wxStaticText(this, wxID_ANY, "Pane"));
    panes->Add(new wxStaticText(this, wxID_ANY, "List"));
    panes->Add(new wxStaticText(this, wxID_ANY, "Show"));
    panes->Add(new wxStaticText(this, wxID_ANY, "Opacity"));
    for (std::size_t i = 0; i < sync::kAllListKinds.size(); ++i) {
      const ListKind k = sync::kAllListKinds[i];
      const PaneConfig& p = current.pane(k);
      panes->Add(new wxStaticText(this, wxID_ANY, wxString::FromUTF8(std::string(sync::listKindTitle(k)))), 0,
                 wxALIGN_CENTER_VERTICAL);
      wxArrayString choices;
      choices.Add(wxString::FromUTF8(std::string(sync::listKindTitle(k))));
      list_[i] = new wxComboBox(this, wxID_ANY, wxString::FromUTF8(p.list), wxDefaultPosition, wxSize(200, -1),
                                choices);
      list_[i]->SetName(wxString::FromUTF8("list-" + std::string(sync::listKindKey(k))));
      panes->Add(list_[i], 1, wxEXPAND);
      visible_[i] = new wxCheckBox(this, wxID_ANY, "");
      visible_[i]->SetValue(p.visible);
      panes->Add(visible_[i], 0, wxALIGN_CENTER);
      opacity_[i] = new wxSlider(this, wxID_ANY, p.opacity, 20, 100, wxDefaultPosition, wxSize(140, -1),
                                 wxSL_HORIZONTAL | wxSL_VALUE_LABEL);
      panes->Add(opacity_[i], 0, wxEXPAND);
    }
    top->Add(panes, 0, wxEXPAND | wxLEFT | wxRIGHT | wxTOP, 12);
    listsNote_ = new wxStaticText(this, wxID_ANY, "");
    listsNote_->SetForegroundColour(wxColour(96, 96, 96));
    top->Add(listsNote_, 0, wxEXPAND | wxLEFT | wxRIGHT | wxTOP, 12);
    top->AddSpacer(12);

    locked_ = new wxCheckBox(this, wxID_ANY, "Lock panes (no moving or resizing)");
    locked_->SetValue(current.locked);
    top->Add(locked_, 0, wxLEFT | wxRIGHT, 12);
    autostart_ = new wxCheckBox(this, wxID_ANY, "Start at login");
    autostart_->SetValue(autostartEnabled);
    top->Add(autostart_, 0, wxALL, 12);

    error_ = new wxStaticText(this, wxID_ANY, "");
    error_->SetForegroundColour(wxColour(190, 30, 30));
    top->Add(error_, 0, wxLEFT | wxRIGHT | wxEXPAND, 12);
    top->Add(CreateStdDialogButtonSizer(wxOK | wxCANCEL), 0, wxEXPAND | wxALL, 12);
    SetSizerAndFit(top);
    CentreOnScreen();
    url_->SetFocus();
    url_->SelectAll();
    Bind(wxEVT_BUTTON, &SettingsDialog::onOk, this, wxID_OK);
    // A message about an earlier OK goes once the user edits again; the
    // site's lists are looked up once the URL has settled for a moment.
    url_->Bind(wxEVT_TEXT, [this](wxCommandEvent&) {
      clearError();
      lookupDelay_.StartOnce(700);
    });
    auth_->Bind(wxEVT_CHOICE, [this](wxCommandEvent&) {
      clearError();
      requestLists();
    });
    for (auto* list : list_) list->Bind(wxEVT_TEXT, [this](wxCommandEvent&) { clearError(); });
    lookupDelay_.Bind(wxEVT_TIMER, [this](wxTimerEvent&) { requestLists(); });
    Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { Close(); }, wxID_CANCEL);
    Bind(wxEVT_CLOSE_WINDOW, [this](wxCloseEvent&) { finish(); });
    requestLists();
  }

  void showLists(const std::string& siteUrl, const sync::ListChoices& choices, const std::string& error) {
    if (siteUrl != currentUrl()) return;  // an answer for a URL since edited
    if (!error.empty()) {
      setNote("Could not read the site's lists (" + error + "). Type each list's title instead.");
      return;
    }
    int offered = 0;
    for (std::size_t i = 0; i < sync::kAllListKinds.size(); ++i) {
      const auto found = choices.find(sync::kAllListKinds[i]);
      const wxString typed = list_[i]->GetValue();
      list_[i]->Clear();
      if (found == choices.end()) {
        list_[i]->SetValue(typed);
        continue;
      }
      bool typedIsThere = false;
      for (const auto& title : found->second) {
        list_[i]->Append(wxString::FromUTF8(title));
        typedIsThere = typedIsThere || wxString::FromUTF8(title) == typed;
        ++offered;
      }
      // A first run proposes a list the site has; settings keep what was bound.
      list_[i]->SetValue(typedIsThere || !welcome_ || found->second.empty() ? typed
                                                                              : wxString::FromUTF8(found->second.front()));
    }
    setNote(offered == 0 ? std::string("The site has no lists these panes can show; type a list's title.")
                         : std::to_string(offered) + " list" + (offered == 1 ? "" : "s") +
                               " found on the site: pick one for each pane from its menu.");
  }

 private:
  void onOk(wxCommandEvent&) {
    AppConfig next = config_;
    next.siteUrl = currentUrl();
    next.auth = auth_->GetSelection() == 1 ? "device-code" : "none";
    for (std::size_t i = 0; i < sync::kAllListKinds.size(); ++i) {
      PaneConfig& p = next.panes[i];
      p.list = list_[i]->GetValue().Trim().Trim(false).ToStdString(wxConvUTF8);
      p.visible = visible_[i]->GetValue();
      p.opacity = opacity_[i]->GetValue();
    }
    next.locked = locked_->GetValue();
    next.autostart = autostart_->GetValue();
    // Validate everything before anything is applied.
    const std::string problem = validateConfig(next);
    if (!problem.empty()) {
      error_->SetLabel(wxString::FromUTF8(problem));
      GetSizer()->Layout();
      Fit();
      return;
    }
    config_ = next;
    auto apply = onApply_;
    finish();
    if (apply) apply(config_);
  }

  std::string currentUrl() const {
    std::string url = url_->GetValue().Trim().Trim(false).ToStdString(wxConvUTF8);
    while (!url.empty() && url.back() == '/') url.pop_back();
    return url;
  }

  void requestLists() {
    const std::string url = currentUrl();
    if (!lookupLists_ || (url.rfind("http://", 0) != 0 && url.rfind("https://", 0) != 0)) return;
    setNote("Looking up the site's lists…");
    lookupLists_(url, auth_->GetSelection() == 1 ? "device-code" : "none");
  }

  void setNote(const std::string& text) {
    listsNote_->SetLabel(wxString::FromUTF8(text));
    listsNote_->Wrap(GetClientSize().GetWidth() - 24);
    GetSizer()->Layout();
    Fit();
  }

  void clearError() {
    if (error_->GetLabel().empty()) return;
    error_->SetLabel("");
    GetSizer()->Layout();
    Fit();
  }

  void finish() {
    lookupDelay_.Stop();
    lookupLists_ = nullptr;
    signOut_ = nullptr;
    if (onClose_) onClose_();
    onClose_ = nullptr;
    onApply_ = nullptr;
    Destroy();  // modeless: wx deletes it once the event is done
  }

  AppConfig config_;
  bool welcome_;
  std::function<void(const AppConfig&)> onApply_;
  std::function<void()> onClose_;
  ListLookupRequest lookupLists_;
  std::function<void()> signOut_;
  wxButton* signOutButton_ = nullptr;
  wxTimer lookupDelay_;  // one-shot, no owner: it handles its own event (the URL has settled)
  wxStaticText* listsNote_ = nullptr;
  wxTextCtrl* url_;
  wxChoice* auth_;
  std::array<wxComboBox*, 5> list_{};
  std::array<wxCheckBox*, 5> visible_{};
  std::array<wxSlider*, 5> opacity_{};
  wxCheckBox* locked_;
  wxCheckBox* autostart_;
  wxStaticText* error_;
};

}  // namespace

wxDialog* openSettingsDialog(const AppConfig& current, bool welcome, bool autostartEnabled,
                             std::function<void(const AppConfig&)> onApply, std::function<void()> onClose,
                             ListLookupRequest lookupLists, std::function<void()> signOut) {
  auto* dlg = new SettingsDialog(current, welcome, autostartEnabled, std::move(onApply), std::move(onClose),
                                 std::move(lookupLists), std::move(signOut));
  dlg->Show();
  dlg->Raise();
  return dlg;
}

void showListChoices(wxDialog* dialog, const std::string& siteUrl, const sync::ListChoices& choices,
                     const std::string& error) {
  if (auto* settings = dynamic_cast<SettingsDialog*>(dialog)) settings->showLists(siteUrl, choices, error);
}

void showSignInCode(wxWindow* parent, const std::string& userCode, const std::string& verificationUri) {
  wxDialog dlg(parent, wxID_ANY, "Sign in to SharePoint");
  auto* top = new wxBoxSizer(wxVERTICAL);
  top->Add(new wxStaticText(&dlg, wxID_ANY, "Open this page in a browser and enter the code:"), 0, wxALL, 12);
  top->Add(new wxHyperlinkCtrl(&dlg, wxID_ANY, wxString::FromUTF8(verificationUri),
                               wxString::FromUTF8(verificationUri)),
           0, wxLEFT | wxRIGHT, 12);
  auto* code = new wxTextCtrl(&dlg, wxID_ANY, wxString::FromUTF8(userCode), wxDefaultPosition, wxDefaultSize,
                              wxTE_READONLY | wxTE_CENTRE);
  code->SetFont(wxFont(wxFontInfo(16).Bold().Family(wxFONTFAMILY_TELETYPE)));
  top->Add(code, 0, wxEXPAND | wxALL, 12);
  top->Add(dlg.CreateStdDialogButtonSizer(wxOK), 0, wxEXPAND | wxALL, 12);
  dlg.SetSizerAndFit(top);
  dlg.ShowModal();
}

}  // namespace deskpane::tray
