// Error bodies quote what the client sent (a list title, a token). Request
// bytes are not trusted to be UTF-8, and a JSON body that is not valid UTF-8
// makes strict clients (PnPjs's JSON.parse on a TextDecoder'd body, cpprest)
// throw instead of reporting SharePoint's error, so the message must survive
// whatever bytes arrive: bad sequences as U+FFFD, NUL kept (escaped), not cut.
#include "tests/unit/emulator/site_driver.h"

#include <gtest/gtest.h>

namespace deskpane::emu::test {
namespace {

// Strict RFC 3629: no overlongs, no surrogates, nothing above U+10FFFF.
bool validUtf8(const std::string& s) {
  for (std::size_t i = 0; i < s.size();) {
    const auto b = [&](std::size_t k) -> unsigned { return i + k < s.size() ? static_cast<unsigned char>(s[i + k]) : 0u; };
    const unsigned c = b(0);
    unsigned lo = 0x80, hi = 0xBF, n = 0;
    if (c < 0x80) n = 0;
    else if (c >= 0xC2 && c <= 0xDF) n = 1;
    else if (c >= 0xE0 && c <= 0xEF) n = 2, lo = c == 0xE0 ? 0xA0 : 0x80, hi = c == 0xED ? 0x9F : 0xBF;
    else if (c >= 0xF0 && c <= 0xF4) n = 3, lo = c == 0xF0 ? 0x90 : 0x80, hi = c == 0xF4 ? 0x8F : 0xBF;
    else return false;
    if (n && (b(1) < lo || b(1) > hi)) return false;
    for (unsigned k = 2; k <= n; ++k) {
      if ((b(k) & 0xC0) != 0x80) return false;
    }
    i += n + 1;
  }
  return true;
}

struct Case {
  const char* title;     // as it appears, still %-encoded, in the URL
  std::string expected;  // the title inside the decoded error message
};

TEST(ErrorBodyEncoding, RequestBytesComeBackAsValidUtf8) {
  const Case cases[] = {
      {"b%ff%c3", "b\xEF\xBF\xBD\xEF\xBF\xBD"},
      {"b%00c", std::string("b\0c", 3)},
      {"%01%1f%7f", "\x01\x1f\x7f"},
      {"caf%c3%a9", "caf\xC3\xA9"},
      {"%e2%82", "\xEF\xBF\xBD"},
      {"%ed%a0%80", "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD"},  // a UTF-16 surrogate is not UTF-8
      {"%c0%af", "\xEF\xBF\xBD\xEF\xBF\xBD"},                 // overlong '/'
      {"%f0%9f%98%80", "\xF0\x9F\x98\x80"},
  };
  SiteDriver site;
  for (const auto& c : cases) {
    const auto r = site.get(std::string("/sites/demo/_api/web/lists/getByTitle('") + c.title + "')");
    EXPECT_EQ(r.status, 404) << c.title;
    EXPECT_TRUE(validUtf8(r.body)) << c.title << ": " << r.body;
    std::string message;
    try {
      message = r.json().at("odata.error").at("message").at("value").as_string();
    } catch (const std::exception& e) {
      ADD_FAILURE() << c.title << ": " << e.what();
    }
    EXPECT_EQ(message, "List '" + c.expected + "' does not exist at site with URL '" + kOrigin + "/sites/demo'.")
        << c.title;
  }
}

}  // namespace
}  // namespace deskpane::emu::test
