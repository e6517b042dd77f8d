#include "tests/support/gzip.h"

#include <gtest/gtest.h>
#include <zlib.h>

namespace deskpane::test {

std::string gzip(std::string_view text, int windowBits, bool smallest) {
  z_stream zs{};
  EXPECT_EQ(deflateInit2(&zs, smallest ? Z_BEST_COMPRESSION : Z_BEST_SPEED, Z_DEFLATED, windowBits, 9,
                         Z_DEFAULT_STRATEGY),
            Z_OK);
  std::string out(deflateBound(&zs, static_cast<uLong>(text.size())) + 64, '\0');
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(text.data()));
  zs.avail_in = static_cast<uInt>(text.size());
  zs.next_out = reinterpret_cast<Bytef*>(out.data());
  zs.avail_out = static_cast<uInt>(out.size());
  EXPECT_EQ(deflate(&zs, Z_FINISH), Z_STREAM_END);
  out.resize(zs.total_out);
  deflateEnd(&zs);
  return out;
}

}  // namespace deskpane::test
