#pragma once
// Which of a site's lists each pane can show, for the welcome and settings
// dialogs: Events (template 106) for Calendar, Contacts (105), Tasks (171,
// and the classic 107), custom lists (100) for Notes and discussion boards
// (108) for the Inbox. One request for the whole site.
#include "sync/list_kind.h"
#include "sync/sharepoint_client.h"

#include <map>
#include <string>
#include <vector>

namespace deskpane::sync {

using ListChoices = std::map<ListKind, std::vector<std::string>>;

// Titles per kind, sorted case-insensitively; kinds with no list are absent.
ListChoices groupListsByKind(const std::vector<ListInfo>& lists);

// The site's visible lists, grouped (see above).
ClientResult<ListChoices> discoverLists(SharePointClient& client);

}  // namespace deskpane::sync
