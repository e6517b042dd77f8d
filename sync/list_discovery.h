#pragma once
// Which of a site's lists each pane can show, for the welcome and settings
// dialogs: Events (template 106) for Calendar, Contacts (105), Tasks (171,
// and the classic 107), custom lists (100) for Notes and discussion boards
// (108) for the Inbox. One request for the whole site.
#include "sync/list_kind.h"
#include "sync/sharepoint_client.h"

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace deskpane::sync {

using ListChoices = std::map<ListKind, std::vector<std::string>>;

// Titles per kind, sorted case-insensitively; kinds with no list are absent.
ListChoices groupListsByKind(const std::vector<ListInfo>& lists);

// The site's visible lists, grouped (see above).
ClientResult<ListChoices> discoverLists(SharePointClient& client);

// What the settings dialog's OK needs to know of a list title the user
// typed: does the site have it, and can this pane show it. No toolkit, no
// request: it reads the choices the dialog's lookup already brought.
struct ListCheck {
  enum class Verdict {
    Found,       // a list of this pane's kind; `title` is the site's own spelling
    WrongKind,   // the site has it, but it is of another kind (`foundKind`)
    NotFound,    // no visible list of a kind deskpane shows has this title
  };
  Verdict verdict = Verdict::NotFound;
  std::string title;                      // Found: the title as the site writes it (case may differ)
  std::optional<ListKind> foundKind;      // WrongKind: the pane that could show it
  std::string suggestion;                 // NotFound: the closest title of this pane's kind, if any is close
  std::string message;                    // "" when Found; else plain words for the user
  bool ok() const { return verdict == Verdict::Found; }
};
// SharePoint list titles are compared without regard to case, as the site does.
ListCheck checkListTitle(const ListChoices& choices, ListKind kind, const std::string& title);

// Plain words for a list title the site does not have (also ListStatus.message).
std::string noSuchListMessage(const std::string& title);

}  // namespace deskpane::sync
