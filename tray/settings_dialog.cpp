#include "tray/settings_dialog.h"

#include "sync/settings.h"

#include <wx/button.h>
#include <wx/checkbox.h>
#include <wx/choice.h>
#include <wx/combobox.h>
#include <wx/dialog.h>
#include <wx/hyperlink.h>
#include <wx/msgdlg.h>
#include <wx/settings.h>
#include <wx/sizer.h>
#include <wx/slider.h>
#include <wx/spinctrl.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>
#include <wx/intl.h>
#include <wx/timer.h>
#include <wx/utils.h>

#include <algorithm>
#include <array>

namespace deskpane::tray {

namespace {

using sync::ListKind;

class SettingsDialog : public wxDialog {
 public:
  SettingsDialog(const AppConfig& current, bool welcome, bool autostartEnabled,
                 std::function<void(const AppConfig&)> onApply, std::function<void()> onClose,
                 ListLookupRequest lookupLists, std::function<void()> signOut, DemoRequest tryDemo)
      : wxDialog(nullptr, wxID_ANY, welcome ? _("Welcome to deskpane") : _("deskpane settings"), wxDefaultPosition,
                 wxDefaultSize, wxDEFAULT_DIALOG_STYLE),
        config_(current),
        welcome_(welcome),
        demo_(current.demo),
        onApply_(std::move(onApply)),
        onClose_(std::move(onClose)),
        lookupLists_(std::move(lookupLists)),
        signOut_(std::move(signOut)),
        tryDemo_(std::move(tryDemo)) {
    auto* top = new wxBoxSizer(wxVERTICAL);
    if (welcome) {
      auto* intro = new wxStaticText(this, wxID_ANY,
                                     _("deskpane shows SharePoint lists as panes on your desktop.\n"
                                       "Enter your site's address, or try it first with a demo site."));
      top->Add(intro, 0, wxALL, 12);
    }
    auto* grid = new wxFlexGridSizer(2, 8, 12);
    grid->AddGrowableCol(1);
    grid->Add(new wxStaticText(this, wxID_ANY, _("Site URL")), 0, wxALIGN_CENTER_VERTICAL);
    // A first run starts empty: an address where nothing listens would only
    // lead to an error. The hint shows what one looks like.
    url_ = new wxTextCtrl(this, wxID_ANY, wxString::FromUTF8(current.siteUrl), wxDefaultPosition, wxSize(380, -1));
    url_->SetHint(_("https://contoso.sharepoint.com/sites/team"));
    url_->SetName(_("Site URL"));
    if (tryDemo_) {
      auto* row = new wxBoxSizer(wxHORIZONTAL);
      row->Add(url_, 1, wxALIGN_CENTER_VERTICAL);
      demoButton_ = new wxButton(this, wxID_ANY, _("Try the &demo"));
      demoButton_->SetToolTip(_("Starts a demo SharePoint site on this computer with sample lists"));
      row->Add(demoButton_, 0, wxLEFT | wxALIGN_CENTER_VERTICAL, 8);
      grid->Add(row, 1, wxEXPAND);
      demoButton_->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { startDemo(); });
    } else {
      grid->Add(url_, 1, wxEXPAND);
    }
    grid->Add(new wxStaticText(this, wxID_ANY, _("Sign-in")), 0, wxALIGN_CENTER_VERTICAL);
    auth_ = new wxChoice(this, wxID_ANY);
    auth_->Append(_("None (on-premises / demo)"));
    auth_->Append(_("Microsoft 365 (device code)"));
    auth_->SetSelection(current.auth == "device-code" ? 1 : 0);
    if (signOut_) {
      // Beside the method it belongs to: forgets this site's tokens.
      auto* row = new wxBoxSizer(wxHORIZONTAL);
      row->Add(auth_, 0, wxALIGN_CENTER_VERTICAL);
      signOutButton_ = new wxButton(this, wxID_ANY, _("Sign &out"));
      row->Add(signOutButton_, 0, wxLEFT | wxALIGN_CENTER_VERTICAL, 8);
      grid->Add(row, 0);
      signOutButton_->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) {
        if (!signOut_) return;
        signOut_();
        signOut_ = nullptr;
        signOutButton_->Disable();
        signOutButton_->SetLabel(_("Signed out"));
        GetSizer()->Layout();
      });
    } else {
      grid->Add(auth_, 0);
    }
    top->Add(grid, 0, wxEXPAND | wxLEFT | wxRIGHT | wxTOP, 12);

    auto* panes = new wxFlexGridSizer(4, 6, 12);
    panes->AddGrowableCol(1);
    panes->Add(new wxStaticText(this, wxID_ANY, _("Pane")));
    panes->Add(new wxStaticText(this, wxID_ANY, _("List")));
    panes->Add(new wxStaticText(this, wxID_ANY, _("Show")));
    panes->Add(new wxStaticText(this, wxID_ANY, _("Opacity")));
    for (std::size_t i = 0; i < sync::kAllListKinds.size(); ++i) {
      const ListKind k = sync::kAllListKinds[i];
      const PaneConfig& p = current.pane(k);
      panes->Add(new wxStaticText(this, wxID_ANY, paneName(k)), 0, wxALIGN_CENTER_VERTICAL);
      wxArrayString choices;
      choices.Add(wxString::FromUTF8(std::string(sync::listKindTitle(k))));
      list_[i] = new wxComboBox(this, wxID_ANY, wxString::FromUTF8(p.list), wxDefaultPosition, wxSize(200, -1),
                                choices);
      list_[i]->SetName(wxString::FromUTF8("list-" + std::string(sync::listKindKey(k))));
      panes->Add(list_[i], 1, wxEXPAND);
      visible_[i] = new wxCheckBox(this, wxID_ANY, wxString());
      visible_[i]->SetName(wxString::Format(_("Show %s"), paneName(k)));
      visible_[i]->SetValue(p.visible);
      panes->Add(visible_[i], 0, wxALIGN_CENTER);
      opacity_[i] = new wxSlider(this, wxID_ANY, p.opacity, 20, 100, wxDefaultPosition, wxSize(140, -1),
                                 wxSL_HORIZONTAL | wxSL_VALUE_LABEL);
      opacity_[i]->SetName(wxString::Format(_("%s opacity"), paneName(k)));
      // The pane follows the slider while it moves (applied for good on OK).
      opacity_[i]->Bind(wxEVT_SLIDER, [this, k, i](wxCommandEvent&) {
        if (previewOpacity_) previewOpacity_(k, opacity_[i]->GetValue());
      });
      panes->Add(opacity_[i], 0, wxEXPAND);
    }
    top->Add(panes, 0, wxEXPAND | wxLEFT | wxRIGHT | wxTOP, 12);
    listsNote_ = new wxStaticText(this, wxID_ANY, wxString());
    listsNote_->SetForegroundColour(wxColour(96, 96, 96));
    top->Add(listsNote_, 0, wxEXPAND | wxLEFT | wxRIGHT | wxTOP, 12);
    top->AddSpacer(12);

    locked_ = new wxCheckBox(this, wxID_ANY, _("Lock panes (no moving or resizing)"));
    locked_->SetValue(current.locked);
    top->Add(locked_, 0, wxLEFT | wxRIGHT, 12);
    top->AddSpacer(8);
    // Reminders: on/off and how long before a timed event (SharePoint's
    // Events list has no reminder column, so one lead time serves them all).
    auto* remind = new wxBoxSizer(wxHORIZONTAL);
    reminders_ = new wxCheckBox(this, wxID_ANY, _("&Remind me of events and of tasks due today"));
    reminders_->SetValue(current.reminders);
    remind->Add(reminders_, 0, wxALIGN_CENTER_VERTICAL);
    top->Add(remind, 0, wxLEFT | wxRIGHT, 12);
    auto* lead = new wxBoxSizer(wxHORIZONTAL);
    lead->AddSpacer(24);  // indented under its checkbox: it belongs to it
    leadLabel_ = new wxStaticText(this, wxID_ANY, _("Minutes before an event:"));
    lead->Add(leadLabel_, 0, wxALIGN_CENTER_VERTICAL | wxRIGHT, 8);
    reminderMinutes_ = new wxSpinCtrl(this, wxID_ANY, wxString(), wxDefaultPosition, wxDefaultSize,
                                      wxSP_ARROW_KEYS, 0, sync::AppSettings::kReminderMinutesMax,
                                      current.reminderMinutes);
    reminderMinutes_->SetName(_("Minutes before an event"));
    lead->Add(reminderMinutes_, 0, wxALIGN_CENTER_VERTICAL);
    top->Add(lead, 0, wxLEFT | wxRIGHT | wxTOP, 12);
    auto followReminders = [this] {
      leadLabel_->Enable(reminders_->GetValue());
      reminderMinutes_->Enable(reminders_->GetValue());
    };
    followReminders();
    reminders_->Bind(wxEVT_CHECKBOX, [followReminders](wxCommandEvent&) { followReminders(); });
    // The panes' colours: the desktop's light or dark theme, or always one.
    auto* themeRow = new wxBoxSizer(wxHORIZONTAL);
    themeRow->Add(new wxStaticText(this, wxID_ANY, _("&Theme:")), 0, wxALIGN_CENTER_VERTICAL | wxRIGHT, 8);
    theme_ = new wxChoice(this, wxID_ANY);
    theme_->Append(_("Follow the desktop"));
    theme_->Append(_("Dark"));
    theme_->Append(_("Light"));
    theme_->SetSelection(current.theme == "dark" ? 1 : current.theme == "light" ? 2 : 0);
    theme_->SetName(_("Theme"));
    themeRow->Add(theme_, 0, wxALIGN_CENTER_VERTICAL);
    top->Add(themeRow, 0, wxLEFT | wxRIGHT | wxTOP, 12);
    autostart_ = new wxCheckBox(this, wxID_ANY, _("Start at login"));
    // Off on a first run until the user asks for it.
    autostart_->SetValue(!welcome && autostartEnabled);
    top->Add(autostart_, 0, wxALL, 12);

    error_ = new wxStaticText(this, wxID_ANY, wxString());
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
      // An OK waiting for the lists was for the URL as it was: the dialog
      // must not close by itself once the new one is looked up.
      if (okPending_) setNote("");
      okPending_ = false;
      if (!settingDemoUrl_) demo_ = false;  // typed by hand: a site of the user's
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

  void setPreviewOpacity(std::function<void(sync::ListKind, int)> f) { previewOpacity_ = std::move(f); }

  void showLists(const std::string& siteUrl, const sync::ListChoices& choices, const std::string& error) {
    if (siteUrl != currentUrl()) return;  // an answer for a URL since edited
    lookedUpUrl_ = siteUrl;
    lookedUp_ = choices;
    lookupError_ = error;
    const bool okWaiting = okPending_;
    okPending_ = false;
    if (!error.empty()) {
      setNote(toUtf8(wxString::Format(_("Could not read the site's lists (%s). Type each list's title instead."),
                                      wxString::FromUTF8(error))));
      if (okWaiting) apply();
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
    setNote(offered == 0
                ? toUtf8(_("The site has no lists these panes can show; type a list's title."))
                : toUtf8(wxString::Format(wxPLURAL("%d list found on the site: pick one for each pane from its menu.",
                                                   "%d lists found on the site: pick one for each pane from its menu.",
                                                   offered),
                                          offered)));
    if (okWaiting) apply();
  }

 private:
  static wxString paneName(sync::ListKind k) { return wxGetTranslation(wxString::FromUTF8(std::string(sync::listKindTitle(k)))); }
  static std::string toUtf8(const wxString& s) { return std::string(s.utf8_str()); }

  void onOk(wxCommandEvent&) {
    // A list name is checked against the site before anything is applied; if
    // the site's lists are still being looked up, OK waits for the answer.
    const std::string url = currentUrl();
    AppConfig probe = config_;
    probe.siteUrl = url;
    // A URL that cannot be a site is said at once, not after a look-up.
    const bool urlUsable = validateConfig(probe).empty();
    if (!url.empty() && urlUsable && lookupLists_ && lookedUpUrl_ != url) {
      okPending_ = true;
      setNote(toUtf8(_("Checking the site's lists…")));
      if (!lookupDelay_.IsRunning()) requestLists();
      return;
    }
    apply();
  }

  // "" when every bound list is one the site has (or the site could not be
  // asked, e.g. offline: the name is kept and checked by the first sync).
  std::string unknownList(const AppConfig& next) const {
    if (lookedUpUrl_ != next.siteUrl || !lookupError_.empty()) return "";
    for (ListKind k : sync::kAllListKinds) {
      const std::string& title = next.pane(k).list;
      if (title.empty()) continue;
      const auto found = lookedUp_.find(k);
      const bool there = found != lookedUp_.end() &&
                         std::find(found->second.begin(), found->second.end(), title) != found->second.end();
      if (!there)
        return toUtf8(wxString::Format(_("%s: the site has no list named “%s” that this pane can show."),
                                       paneName(k), wxString::FromUTF8(title)));
    }
    return "";
  }

  void apply() {
    AppConfig next = config_;
    next.siteUrl = currentUrl();
    next.demo = demo_ && !next.siteUrl.empty();
    next.auth = auth_->GetSelection() == 1 ? "device-code" : "none";
    for (std::size_t i = 0; i < sync::kAllListKinds.size(); ++i) {
      PaneConfig& p = next.panes[i];
      p.list = list_[i]->GetValue().Trim().Trim(false).ToStdString(wxConvUTF8);
      p.visible = visible_[i]->GetValue();
      p.opacity = opacity_[i]->GetValue();
    }
    next.locked = locked_->GetValue();
    next.autostart = autostart_->GetValue();
    next.reminders = reminders_->GetValue();
    next.reminderMinutes = reminderMinutes_->GetValue();
    static const char* const kThemes[] = {"auto", "dark", "light"};
    next.theme = kThemes[std::clamp(theme_->GetSelection(), 0, 2)];
    // Validate everything before anything is applied.
    std::string problem = validateConfig(next);
    if (problem.empty()) problem = unknownList(next);
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
    setNote(toUtf8(_("Looking up the site's lists…")));
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
    error_->SetLabel(wxString());
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

  void startDemo() {
    if (!tryDemo_) return;
    wxBusyCursor busy;
    std::string error;
    const std::string url = tryDemo_(error);
    if (url.empty()) {
      error_->SetLabel(wxString::FromUTF8(error));
      GetSizer()->Layout();
      Fit();
      return;
    }
    settingDemoUrl_ = true;
    url_->SetValue(wxString::FromUTF8(url));
    settingDemoUrl_ = false;
    demo_ = true;
    auth_->SetSelection(0);
    for (std::size_t i = 0; i < sync::kAllListKinds.size(); ++i) {
      list_[i]->SetValue(wxString::FromUTF8(std::string(sync::listKindTitle(sync::kAllListKinds[i]))));
      visible_[i]->SetValue(true);
    }
    requestLists();
  }

  AppConfig config_;
  bool welcome_;
  bool demo_ = false;             // the URL is the bundled demo site's
  bool settingDemoUrl_ = false;   // the URL field is being filled by "Try the demo", not typed
  bool okPending_ = false;        // OK waits for the lists of the URL to be looked up
  std::string lookedUpUrl_;       // the URL whose lists are known
  sync::ListChoices lookedUp_;
  std::string lookupError_;
  wxButton* demoButton_ = nullptr;
  std::function<void(sync::ListKind, int)> previewOpacity_;
  std::function<void(const AppConfig&)> onApply_;
  std::function<void()> onClose_;
  ListLookupRequest lookupLists_;
  std::function<void()> signOut_;
  DemoRequest tryDemo_;
  wxButton* signOutButton_ = nullptr;
  wxTimer lookupDelay_;  // one-shot, no owner: it handles its own event (the URL has settled)
  wxStaticText* listsNote_ = nullptr;
  wxTextCtrl* url_;
  wxChoice* auth_;
  std::array<wxComboBox*, 5> list_{};
  std::array<wxCheckBox*, 5> visible_{};
  std::array<wxSlider*, 5> opacity_{};
  wxCheckBox* locked_;
  wxCheckBox* reminders_;
  wxStaticText* leadLabel_;
  wxSpinCtrl* reminderMinutes_;
  wxChoice* theme_;
  wxCheckBox* autostart_;
  wxStaticText* error_;
};

}  // namespace

wxDialog* openSettingsDialog(const AppConfig& current, bool welcome, bool autostartEnabled,
                             std::function<void(const AppConfig&)> onApply, std::function<void()> onClose,
                             ListLookupRequest lookupLists, std::function<void()> signOut, DemoRequest tryDemo,
                             std::function<void(sync::ListKind, int)> previewOpacity) {
  auto* dlg = new SettingsDialog(current, welcome, autostartEnabled, std::move(onApply), std::move(onClose),
                                 std::move(lookupLists), std::move(signOut), std::move(tryDemo));
  dlg->setPreviewOpacity(std::move(previewOpacity));
  dlg->Show();
  dlg->Raise();
  return dlg;
}

void showListChoices(wxDialog* dialog, const std::string& siteUrl, const sync::ListChoices& choices,
                     const std::string& error) {
  if (auto* settings = dynamic_cast<SettingsDialog*>(dialog)) settings->showLists(siteUrl, choices, error);
}

void showSignInCode(wxWindow* parent, const std::string& userCode, const std::string& verificationUri) {
  wxDialog dlg(parent, wxID_ANY, _("Sign in to SharePoint"));
  auto* top = new wxBoxSizer(wxVERTICAL);
  top->Add(new wxStaticText(&dlg, wxID_ANY, _("Open this page in a browser and enter the code:")), 0, wxALL, 12);
  top->Add(new wxHyperlinkCtrl(&dlg, wxID_ANY, wxString::FromUTF8(verificationUri),
                               wxString::FromUTF8(verificationUri)),
           0, wxLEFT | wxRIGHT, 12);
  auto* code = new wxTextCtrl(&dlg, wxID_ANY, wxString::FromUTF8(userCode), wxDefaultPosition, wxDefaultSize,
                              wxTE_READONLY | wxTE_CENTRE);
  // Large enough to read across the room, in proportion to the desktop's font.
  const int codeSize = wxSystemSettings::GetFont(wxSYS_DEFAULT_GUI_FONT).GetPointSize() * 8 / 5;
  code->SetFont(wxFont(wxFontInfo(codeSize).Bold().Family(wxFONTFAMILY_TELETYPE)));
  top->Add(code, 0, wxEXPAND | wxALL, 12);
  top->Add(dlg.CreateStdDialogButtonSizer(wxOK), 0, wxEXPAND | wxALL, 12);
  dlg.SetSizerAndFit(top);
  dlg.ShowModal();
}

}  // namespace deskpane::tray
