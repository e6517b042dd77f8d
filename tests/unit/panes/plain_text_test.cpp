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

TEST(PlainText, WordsEditedFromAStoredValue) {
  struct Row {
    const char* stored;
    const char* words;
    const char* written;  // nullptr: nothing to write
  };
  const Row rows[] = {
      {"<div class=\"ExternalClassA\"><p>Buy <b>milk</b></p></div>", "Buy milk", nullptr},
      {"<div>Buy milk</div>", "Buy milk and eggs", "<div>Buy milk and eggs</div>"},
      {"<p>a</p><p>b</p>", "a\nb", nullptr},
      {"<div>x</div>", "", ""},
      {"plain <b> typed", "plain <b> typed", nullptr},
      {"plain", "plain, changed", "plain, changed"},
      {"", "", nullptr},
      {"", "new words", "new words"},
  };
  for (const auto& r : rows) {
    const auto got = storedForWords(r.words, r.stored);
    if (!r.written) {
      EXPECT_FALSE(got) << r.stored << " -> " << r.words;
    } else {
      ASSERT_TRUE(got) << r.stored << " -> " << r.words;
      EXPECT_EQ(*got, r.written);
    }
    if (!r.written) {
      EXPECT_EQ(wordsOf(r.stored), r.words) << r.stored;
    }
  }
}

TEST(PlainText, RoundTripKeepsTheWords) {
  for (const char* text : {"Buy milk", "two\nlines", "tags <b> stay text", "a & b"})
    EXPECT_EQ(htmlToPlainText(plainTextToHtml(text)), text);
}

}  // namespace
}  // namespace deskpane::overlay
