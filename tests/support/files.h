#pragma once
// A whole file as bytes, for tests that read what the code wrote or a fixture.
#include <string>

namespace deskpane::test {

// The file's bytes; "" when it cannot be read (the test's own checks then fail).
std::string readFile(const std::string& path);

}  // namespace deskpane::test
