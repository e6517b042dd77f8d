// Rich-text fields edited as plain text: table of HTML in, text out, and back.
#include "overlay/plain_text.h"

#include <gtest/gtest.h>

namespace deskpane::overlay {
namespace {

struct Case {
  const char* html;
  const char* text;
};

TEST(PlainText, HtmlToText) {
  const Case cases[] = {
      {"", ""},
      {"plain", "plain"},
      {"<div>Call <b>Anna</b> &amp; Bob</div>", "Call Anna & Bob"},
      {"<p>one</p><p>two</p>", "one\ntwo"},
      {"line<br>next<br/>last", "line\nnext\nlast"},
      {"<div class=\"ExternalClass\"><p>a</p><p></p><p></p><p>b</p></div>", "a\n\nb"},
      {"x &lt;tag&gt; &#233;t&#xE9;", "x <tag> été"},
      {"<script>alert(1)</script>safe<style>p{}</style>", "safe"},
      {"AT&T &bogus; &", "AT&T &bogus; &"},
      {"  spaced   out  ", "spaced out"},
      {"unclosed <b", "unclosed"},
  };
  for (const auto& c : cases) EXPECT_EQ(htmlToPlainText(c.html), c.text) << c.html;
}

TEST(PlainText, TextToHtmlEscapesAndKeepsLines) {
  EXPECT_EQ(plainTextToHtml(""), "");
  EXPECT_EQ(plainTextToHtml("a < b & \"c\"\nnext"), "<div>a &lt; b &amp; &quot;c&quot;<br>next</div>");
}

TEST(PlainText, RoundTripKeepsTheWords) {
  for (const char* text : {"Buy milk", "two\nlines", "tags <b> stay text", "a & b"})
    EXPECT_EQ(htmlToPlainText(plainTextToHtml(text)), text);
}

}  // namespace
}  // namespace deskpane::overlay
