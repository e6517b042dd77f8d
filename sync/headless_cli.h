#pragma once
// `deskpane --sync` and `deskpane --status` (DESIGN §4): the engine without a
// window, for scripts and benchmarks. main() parses the options and calls
// these; they print to `out` and return the process exit code.
#include <memory>
#include <ostream>
#include <string>

namespace deskpane::sync {

class TokenVault;

// One full sync of every bound list through the Engine's syncAll(), the
// app's own path: a line per list with the requests and time that list took
// alone, then the pass (every request, shared `$batch`es included):
//   calendar items=42 requests=2 ms=17 state=synced
//   all lists=5 requests=1 ms=20
// Exit 0 when every list synced, 1 otherwise (including bad settings).
// `vault` holds the refresh token for device-code sites (nullptr: none, so
// such a site reports sign-in-needed).
int runSyncCommand(const std::string& settingsPath, const std::string& cachePath, std::ostream& out,
                   std::shared_ptr<TokenVault> vault = nullptr);

// Each bound list's cached state without touching the network:
//   calendar items=42 pending=0 conflicts=0 last-sync=2024-01-05T09:00:00Z state=synced
int runStatusCommand(const std::string& settingsPath, const std::string& cachePath, std::ostream& out);

}  // namespace deskpane::sync
