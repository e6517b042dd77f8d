#pragma once
// A time of day to pick or type: a combo box listing every half hour in the
// locale's clock ("14:30" or "2:30 PM"), whose text may be any time
// parseClock reads ("1415", "9:05 pm"). wxTimePickerCtrl on GTK shows
// seconds and steps each part on its own, which no calendar needs.
#include <wx/combobox.h>

#include <functional>

namespace deskpane::overlay {

class TimeField : public wxComboBox {
 public:
  TimeField(wxWindow* parent, int minutes, bool use24Hour);

  // Minutes since midnight: the last time the text read as one.
  int minutes() const { return minutes_; }
  // Shows `minutes`; the change callback is not called.
  void setMinutes(int minutes);
  // Called when the user picks or types another time.
  void onChanged(std::function<void()> changed) { changed_ = std::move(changed); }

 private:
  void textEdited();
  void showCanonical();

  int minutes_ = 0;
  bool use24Hour_ = true;
  std::function<void()> changed_;
};

}  // namespace deskpane::overlay
