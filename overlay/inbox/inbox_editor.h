#pragma once
// The Inbox's writing dialog: a new discussion (subject + message) or a
// reply (message only, under the thread's subject). Keyboard: Enter in the
// subject sends, Ctrl+Enter sends from the message, Esc cancels. Nothing is
// sent from here: the view reads subject()/body() after ShowModal() == wxID_OK.
#include <wx/dialog.h>

#include <functional>
#include <optional>
#include <string>

class wxStaticText;
class wxTextCtrl;

namespace deskpane::overlay::inbox {

class InboxEditor : public wxDialog {
 public:
  // The check run before the dialog closes with OK: a message naming the
  // problem keeps it open.
  using Validator = std::function<std::optional<std::string>(const std::string& subject, const std::string& body)>;

  // `replyTo` empty = a new discussion; else the subject being answered.
  InboxEditor(wxWindow* parent, const std::string& replyTo, Validator validator);

  std::string subject() const;
  std::string body() const;

 private:
  void trySend();
  void onCharHook(wxKeyEvent& e);

  Validator validator_;
  wxTextCtrl* subject_ = nullptr;
  wxTextCtrl* body_ = nullptr;
  wxStaticText* problem_ = nullptr;
};

}  // namespace deskpane::overlay::inbox
