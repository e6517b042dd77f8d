#pragma once
// A cache for a test: the file at `path` opened (made if new) as the app
// opens it. A file that cannot be opened throws with the store's message,
// which fails the test that asked for it.
#include "sync/store.h"

#include <string>

namespace deskpane::test {

sync::Store openStore(const std::string& path);

}  // namespace deskpane::test
