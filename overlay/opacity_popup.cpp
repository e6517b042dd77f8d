#include "overlay/opacity_popup.h"

#include <wx/intl.h>
#include <wx/panel.h>
#include <wx/sizer.h>
#include <wx/slider.h>
#include <wx/stattext.h>

namespace deskpane::overlay {

OpacityPopup::OpacityPopup(wxWindow* parent, int percent, std::function<void(int)> changed,
                           std::function<void()> done)
    : wxPopupTransientWindow(parent, wxBORDER_SIMPLE), changed_(std::move(changed)), done_(std::move(done)) {
  auto* panel = new wxPanel(this);  // wx parenting: freed with the popup
  auto* sizer = new wxBoxSizer(wxVERTICAL);
  sizer->Add(new wxStaticText(panel, wxID_ANY, _("Opacity")), 0, wxLEFT | wxRIGHT | wxTOP, 10);
  slider_ = new wxSlider(panel, wxID_ANY, percent, 20, 100, wxDefaultPosition, wxSize(200, -1),
                         wxSL_HORIZONTAL | wxSL_LABELS);
  slider_->SetName(_("Opacity"));
  sizer->Add(slider_, 0, wxEXPAND | wxALL, 8);
  panel->SetSizer(sizer);
  auto* outer = new wxBoxSizer(wxVERTICAL);
  outer->Add(panel, 1, wxEXPAND);
  SetSizerAndFit(outer);
  // Live: every step of the drag repaints the pane at the new alpha.
  slider_->Bind(wxEVT_SLIDER, [this](wxCommandEvent&) {
    if (changed_) changed_(slider_->GetValue());
  });
  slider_->Bind(wxEVT_SCROLL_THUMBTRACK, [this](wxScrollEvent& e) {
    if (changed_) changed_(e.GetPosition());
    e.Skip();
  });
}

void OpacityPopup::open() {
  Popup(slider_);
  slider_->SetFocus();
  // Esc and Enter close it like a click elsewhere does.
  slider_->Bind(wxEVT_KEY_DOWN, [this](wxKeyEvent& e) {
    if (e.GetKeyCode() == WXK_ESCAPE || e.GetKeyCode() == WXK_RETURN || e.GetKeyCode() == WXK_NUMPAD_ENTER) {
      Dismiss();
      OnDismiss();
      return;
    }
    e.Skip();
  });
}

void OpacityPopup::OnDismiss() {
  if (dismissed_) return;
  dismissed_ = true;
  if (done_) done_();
  // A transient popup is not destroyed by dismissing it; nothing else refers to it.
  CallAfter([this] { Destroy(); });
}

}  // namespace deskpane::overlay
