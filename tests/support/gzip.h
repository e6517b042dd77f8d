#pragma once
// Compressed bytes for tests of the readers that inflate: what a server
// sends with Content-Encoding gzip (windowBits 15 + 16) or deflate (15).
#include <string>
#include <string_view>

namespace deskpane::test {

std::string gzip(std::string_view text, int windowBits = 15 + 16, bool smallest = false);

}  // namespace deskpane::test
