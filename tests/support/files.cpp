#include "tests/support/files.h"

#include <fstream>
#include <sstream>

namespace deskpane::test {

std::string readFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

}  // namespace deskpane::test
