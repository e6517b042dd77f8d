#include "tests/support/files.h"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

namespace deskpane::test {

std::string readFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  // A file a test reads and cannot open is the test's failure, not an empty text.
  if (!in) {
    ADD_FAILURE() << "cannot read " << path;
    return {};
  }
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

}  // namespace deskpane::test
