// The emulator's JSON string escaping copies runs of plain ASCII eight bytes
// at a time. Whatever the alignment, a byte that needs care (a quote, a
// backslash, a control byte, UTF-8, bytes that are not UTF-8) must be
// written exactly as it is alone: each row puts one such piece at every
// offset of a plain text and compares.
#include "emulator/json_writer.h"

#include <gtest/gtest.h>

#include <string>

namespace deskpane::emu {
namespace {

std::string escaped(std::string_view s) {
  std::string out;
  JsonWriter::escapeInto(out, s);
  return out;
}

struct Piece {
  const char* name;
  std::string raw;
  std::string written;  // as escapeInto writes it, without the quotes
};

const Piece kPieces[] = {
    {"Quote", "\"", "\\\""},
    {"Backslash", "\\", "\\\\"},
    {"Newline", "\n", "\\n"},
    {"Tab", "\t", "\\t"},
    {"ControlByte", std::string(1, '\x01'), "\\u0001"},
    {"Nul", std::string(1, '\0'), "\\u0000"},
    {"UnitSeparator", "\x1f", "\\u001f"},
    {"Delete", "\x7f", "\x7f"},
    {"TwoByteUtf8", "\xC3\xA9", "\xC3\xA9"},
    {"FourByteUtf8", "\xF0\x9F\x98\x80", "\xF0\x9F\x98\x80"},
    {"CutSequence", "\xE2\x82", "\xEF\xBF\xBD"},
    {"LoneContinuation", "\x80", "\xEF\xBF\xBD"},
};

class JsonEscapeAtEveryOffset : public ::testing::TestWithParam<Piece> {};

TEST_P(JsonEscapeAtEveryOffset, IsWrittenAsItIsAlone) {
  const auto& p = GetParam();
  const std::string plain = "abcdefghijklmnopqrstuvwxyz0123456789 ~";
  EXPECT_EQ(escaped(p.raw), "\"" + p.written + "\"");
  for (std::size_t at = 0; at <= plain.size(); ++at) {
    const std::string text = plain.substr(0, at) + p.raw + plain.substr(at);
    EXPECT_EQ(escaped(text), "\"" + plain.substr(0, at) + p.written + plain.substr(at) + "\"") << "at " << at;
  }
}

INSTANTIATE_TEST_SUITE_P(Pieces, JsonEscapeAtEveryOffset, ::testing::ValuesIn(kPieces),
                         [](const ::testing::TestParamInfo<Piece>& info) { return std::string(info.param.name); });

TEST(JsonEscape, PlainTextOfEveryLengthIsCopied) {
  std::string plain;
  for (int n = 0; n < 40; ++n) {
    EXPECT_EQ(escaped(plain), "\"" + plain + "\"");
    plain.push_back(static_cast<char>(' ' + (n * 7) % 95));
    if (plain.back() == '"' || plain.back() == '\\') plain.back() = 'x';
  }
}

}  // namespace
}  // namespace deskpane::emu
