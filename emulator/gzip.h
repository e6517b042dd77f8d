#pragma once
// gzip for responses when the client sends Accept-Encoding: gzip.
#include <string>
#include <string_view>

namespace deskpane::emu {

std::string gzipCompress(std::string_view data);
bool acceptsGzip(std::string_view acceptEncoding);

}  // namespace deskpane::emu
