// The sanitiser against a hostile HTML corpus: each fixtures/sanitiser/NAME.html
// is sanitised and compared with NAME.expected (rich_text.h's toMarkup form).
// DESKPANE_UPDATE_FIXTURES=1 prints what differs instead of only failing, for
// writing a new fixture (read the output before keeping it).
#include "overlay/rich_text.h"
#include "tests/support/files.h"

#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace deskpane::overlay {
namespace {

namespace fs = std::filesystem;

const fs::path kFixtures = fs::path(DESKPANE_SOURCE_DIR) / "tests/unit/panes/inbox/fixtures/sanitiser";

using deskpane::test::readFile;

TEST(RichText, HostileCorpusMatchesExpected) {
  int checked = 0;
  for (const auto& entry : fs::directory_iterator(kFixtures)) {
    if (entry.path().extension() != ".html") continue;
    const fs::path expectedPath = fs::path(entry.path()).replace_extension(".expected");
    ASSERT_TRUE(fs::exists(expectedPath)) << expectedPath << " is missing";
    const std::string got = toMarkup(sanitiseHtml(readFile(entry.path())));
    EXPECT_EQ(got, readFile(expectedPath)) << entry.path().filename();
    ++checked;
  }
  EXPECT_GE(checked, 12);
}

// Whatever the fixture, nothing unsafe survives in the model.
TEST(RichText, NoUnsafeLinkOrMarkupInAnyFixture) {
  for (const auto& entry : fs::directory_iterator(kFixtures)) {
    if (entry.path().extension() != ".html") continue;
    const RichDocument doc = sanitiseHtml(readFile(entry.path()));
    for (const auto& block : doc.blocks) {
      for (const auto& span : block.spans) {
        if (!span.link.empty()) {
          const bool allowed = span.link.rfind("http://", 0) == 0 || span.link.rfind("https://", 0) == 0 ||
                               span.link.rfind("mailto:", 0) == 0;
          EXPECT_TRUE(allowed) << entry.path().filename() << ": " << span.link;
        }
      }
    }
  }
}

// What a pane shows and the editor saves (plainTextToHtml) reads back the
// same, for every fixture: HTML collapses runs of whitespace, so the words
// are compared. A noncharacter kept as it was came back as U+FFFD (found by
// the sanitiser fuzzer; fixtures/sanitiser/noncharacters.html).
TEST(RichText, EveryFixtureReadsBackFromTheEditorUnchanged) {
  const auto words = [](const std::string& text) {
    std::string out;
    bool space = false;
    for (char c : text) {
      if (c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r') {
        space = !out.empty();
        continue;
      }
      if (space) out += ' ';
      space = false;
      out += c;
    }
    return out;
  };
  int checked = 0;
  for (const auto& entry : fs::directory_iterator(kFixtures)) {
    if (entry.path().extension() != ".html") continue;
    const RichDocument doc = sanitiseHtml(readFile(entry.path()));
    if (doc.truncated) continue;
    const std::string text = doc.plainText();
    EXPECT_EQ(words(sanitiseHtml(plainTextToHtml(text)).plainText()), words(text)) << entry.path().filename();
    ++checked;
  }
  EXPECT_GT(checked, 10);
}

TEST(RichText, SafeLinkTarget) {
  EXPECT_EQ(safeLinkTarget("https://example.com/"), "https://example.com/");
  EXPECT_EQ(safeLinkTarget("mailto:a@b.c"), "mailto:a@b.c");
  EXPECT_EQ(safeLinkTarget("\x01javascript:alert(1)"), "");
  EXPECT_EQ(safeLinkTarget("jav\tascript:alert(1)"), "");
  EXPECT_EQ(safeLinkTarget("https://exa\xE2\x80\xAEmple.com"), "");  // a bidi override in the target
  EXPECT_EQ(safeLinkTarget("ftp://example.com"), "");
  EXPECT_EQ(safeLinkTarget("mailto:"), "");
  EXPECT_EQ(safeLinkTarget(std::string(3000, 'a').insert(0, "https://x/")), "");
}

TEST(RichText, HugeInputIsCutAndStaysFast) {
  // A megabyte of text after a thousand unclosed nested tags; and ten
  // thousand nested tags alone (cut at kMaxHtmlTags).
  std::string deep;
  for (int i = 0; i < 10000; ++i) deep += "<div><b><i>";
  const auto deepStart = std::chrono::steady_clock::now();
  EXPECT_TRUE(sanitiseHtml(deep + "text").truncated);
  EXPECT_LT(std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - deepStart).count(),
            3000);
  std::string html;
  for (int i = 0; i < 1000; ++i) html += "<div><b><i>";
  while (html.size() < 1024 * 1024) html += "word <a href=\"javascript:x\">link</a> ";
  const auto start = std::chrono::steady_clock::now();
  const RichDocument doc = sanitiseHtml(html);
  const auto ms =
      std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - start).count();
  EXPECT_TRUE(doc.truncated);
  ASSERT_FALSE(doc.empty());
  EXPECT_LE(doc.plainText().size(), kMaxHtmlBytes);
  EXPECT_LT(ms, 3000) << "sanitising took " << ms << " ms";
  for (const auto& block : doc.blocks)
    for (const auto& span : block.spans) EXPECT_TRUE(span.link.empty());
}

TEST(RichText, CutInsideAMultiByteCharacterKeepsValidUtf8) {
  std::string html(kMaxHtmlBytes - 1, 'a');
  html += "\xC3\xA9tail";  // é straddles the limit
  const std::string text = sanitiseHtml(html).plainText();
  EXPECT_EQ(text, std::string(kMaxHtmlBytes - 1, 'a'));
}

TEST(RichText, EmptyAndPlainInput) {
  EXPECT_TRUE(sanitiseHtml("").empty());
  EXPECT_TRUE(sanitiseHtml("   <p> </p><br><div></div>").empty());
  EXPECT_EQ(sanitiseHtml("just text").plainText(), "just text");
}

TEST(RichText, PlainTextToHtml) {
  EXPECT_EQ(plainTextToHtml(""), "");
  EXPECT_EQ(plainTextToHtml("a < b & \"c\""), "<p>a &lt; b &amp; &quot;c&quot;</p>");
  EXPECT_EQ(plainTextToHtml("one\r\ntwo\n\n\nthree  \n"), "<p>one<br>two</p><p>three</p>");
  // What is written reads back as it was typed.
  EXPECT_EQ(sanitiseHtml(plainTextToHtml("Hi <script>\nsecond\n\nnext")).plainText(), "Hi <script>\nsecond\nnext");
}

}  // namespace
}  // namespace deskpane::overlay
