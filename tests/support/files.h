#pragma once
// A whole file as bytes, for tests that read what the code wrote or a fixture.
#include <string>

namespace deskpane::test {

// The file's bytes; a file that cannot be read fails the test (and gives "").
std::string readFile(const std::string& path);

}  // namespace deskpane::test
