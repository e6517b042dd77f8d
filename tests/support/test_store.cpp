#include "tests/support/test_store.h"

#include <stdexcept>
#include <utility>

namespace deskpane::test {

sync::Store openStore(const std::string& path) {
  auto opened = sync::Store::open(path);
  if (!opened) throw std::runtime_error(path + ": " + opened.error().message);
  return std::move(opened).value();
}

}  // namespace deskpane::test
