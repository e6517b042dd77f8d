#include "emulator/gzip.h"

#include "emulator/url_codec.h"

#include <zlib.h>

#include <stdexcept>

namespace deskpane::emu {

std::string gzipCompress(std::string_view data) {
  z_stream zs{};
  // 15 + 16: zlib writes a gzip header and trailer instead of a zlib one.
  if (deflateInit2(&zs, Z_BEST_SPEED, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK)
    throw std::runtime_error("deflateInit2 failed");
  std::string out;
  out.resize(deflateBound(&zs, static_cast<uLong>(data.size())) + 32);
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  zs.avail_in = static_cast<uInt>(data.size());
  zs.next_out = reinterpret_cast<Bytef*>(out.data());
  zs.avail_out = static_cast<uInt>(out.size());
  const int rc = deflate(&zs, Z_FINISH);
  const auto written = zs.total_out;
  deflateEnd(&zs);
  if (rc != Z_STREAM_END) throw std::runtime_error("deflate failed");
  out.resize(written);
  return out;
}

bool acceptsGzip(std::string_view acceptEncoding) {
  const auto lower = toLower(acceptEncoding);
  const auto pos = lower.find("gzip");
  if (pos == std::string::npos) return false;
  // "gzip;q=0" is an explicit refusal.
  const auto rest = lower.substr(pos + 4, 6);
  return rest.rfind(";q=0", 0) != 0 || rest.rfind(";q=0.", 0) == 0;
}

}  // namespace deskpane::emu
