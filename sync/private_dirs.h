#pragma once
// Folders for the user's data (cache, settings, log), made private (0700):
// the files in them hold calendars, contacts and messages, and a 0755 folder
// lets every local user list them.
#include "sync/result.h"

#include <string>

namespace deskpane::sync {

// Creates `dir` and any missing parents, each new one with mode 0700 (the
// umask cannot widen it). Folders that exist are left as they are: they may
// be shared ones such as ~/.local/share. Empty `dir` = nothing to do.
Result<void> makePrivateDirectories(const std::string& dir);

}  // namespace deskpane::sync
