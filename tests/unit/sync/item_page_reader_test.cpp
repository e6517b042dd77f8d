// The item page reader, data-driven: fixtures/item_pages/NAME.json in, the
// items (or the error) of NAME.expect out — read as text and as gzip, in
// chunks of 1 and of 500 (format in fixtures/item_pages/README.md). Then the
// hostile cases that need bytes made here: bombs, cut and corrupt streams.
#include "sync/item_page_reader.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <functional>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "tests/support/gzip.h"
#include "tests/support/files.h"

namespace deskpane::sync {
namespace {

using test::gzip;

namespace fs = std::filesystem;

const fs::path kFixtureDir = fs::path(DESKPANE_SOURCE_DIR) / "tests/unit/sync/fixtures/item_pages";

using deskpane::test::readFile;

std::string render(const FieldValue& v) {
  if (std::holds_alternative<std::monostate>(v)) return "null";
  if (const auto* b = std::get_if<bool>(&v)) return std::string("bool ") + (*b ? "true" : "false");
  if (const auto* i = std::get_if<std::int64_t>(&v)) return "int " + std::to_string(*i);
  if (const auto* d = std::get_if<double>(&v)) {
    char buf[40];
    std::snprintf(buf, sizeof buf, "%.17g", *d);
    // The expectations write the shortest spelling where it is exact.
    char shortest[40];
    std::snprintf(shortest, sizeof shortest, "%g", *d);
    return std::string("double ") + (std::stod(shortest) == *d ? shortest : buf);
  }
  return "text " + std::get<std::string>(v);
}

// What a read gave, in the .expect format.
std::string renderRead(const std::string& body, bool encoded, std::size_t chunk) {
  std::string out;
  std::size_t chunks = 0;
  const auto sink = [&](std::vector<Item>&& items) {
    ++chunks;
    EXPECT_LE(items.size(), chunk);
    for (const auto& item : items) {
      out += "item " + std::to_string(item.id) + " etag=" + item.etag + " guid=" + item.uniqueId +
             " modified=" + item.modified + "\n";
      for (const auto& [name, value] : item.fields) out += "  " + name + " " + render(value) + "\n";
    }
    return true;
  };
  const auto result = encoded ? readEncodedItemPage(gzip(body), "gzip", std::size_t{1} << 20, sink, chunk)
                              : readItemPage(body, sink, chunk);
  if (!result) return "error " + result.failure.message + "\n";
  if (!result.page->nextLink.empty()) out += "next " + result.page->nextLink + "\n";
  out += "items " + std::to_string(result.page->items) + "\n";
  return out;
}

std::string expectation(const fs::path& p) {
  std::istringstream in(readFile(p));
  std::string line, out;
  while (std::getline(in, line))
    if (!line.empty() && line[0] != '#') out += line + "\n";
  return out;
}

std::vector<std::string> fixtureNames() {
  std::vector<std::string> names;
  for (const auto& e : fs::directory_iterator(kFixtureDir))
    if (e.path().extension() == ".json") names.push_back(e.path().stem().string());
  std::sort(names.begin(), names.end());
  return names;
}

class ItemPageFixture : public ::testing::TestWithParam<std::string> {};

TEST_P(ItemPageFixture, GivesWhatItsExpectSays) {
  const auto body = readFile(kFixtureDir / (GetParam() + ".json"));
  const auto expected = expectation(kFixtureDir / (GetParam() + ".expect"));
  ASSERT_FALSE(expected.empty()) << GetParam() << ".expect is missing or empty";
  for (const bool encoded : {false, true}) {
    for (const std::size_t chunk : {std::size_t{1}, std::size_t{500}}) {
      const auto got = renderRead(body, encoded, chunk);
      const auto where = GetParam() + (encoded ? " (gzip" : " (text") + ", chunks of " + std::to_string(chunk) + ")";
      if (expected.rfind("error ", 0) == 0) {
        // An error's expectation is a part of its message.
        ASSERT_EQ(got.rfind("error ", 0), 0u) << where << " read without error:\n" << got;
        EXPECT_NE(got.find(expected.substr(6, expected.size() - 7)), std::string::npos) << where << ": " << got;
      } else {
        EXPECT_EQ(got, expected) << where;
      }
    }
  }
}

TEST_P(ItemPageFixture, ACheckAloneJudgesItAlike) {
  // The fetchers check a page without building its items; the check must
  // refuse exactly what a read refuses, and count and link alike.
  const auto body = readFile(kFixtureDir / (GetParam() + ".json"));
  const auto expected = expectation(kFixtureDir / (GetParam() + ".expect"));
  const auto check = readEncodedItemPage(gzip(body), "gzip", std::size_t{1} << 20, {});
  if (expected.rfind("error ", 0) == 0) {
    ASSERT_FALSE(check) << GetParam();
    EXPECT_NE(check.failure.message.find(expected.substr(6, expected.size() - 7)), std::string::npos)
        << GetParam() << ": " << check.failure.message;
    return;
  }
  ASSERT_TRUE(check) << GetParam() << ": " << check.failure.message;
  std::string got;
  if (!check.page->nextLink.empty()) got += "next " + check.page->nextLink + "\n";
  got += "items " + std::to_string(check.page->items) + "\n";
  EXPECT_NE(expected.find(got), std::string::npos) << GetParam() << ": " << got;
}

INSTANTIATE_TEST_SUITE_P(Fixtures, ItemPageFixture, ::testing::ValuesIn(fixtureNames()),
                         [](const auto& info) { return info.param; });

TEST(ItemPageFixtures, AreThere) { EXPECT_GE(fixtureNames().size(), 25u); }

std::string bigPage(int items) {
  std::string body = R"({"value":[)";
  for (int i = 1; i <= items; ++i) {
    if (i > 1) body += ',';
    body += R"({"odata.etag":"\"1\"","Id":)" + std::to_string(i) + R"(,"Title":"Task )" + std::to_string(i) +
            R"(","Status":"Not Started","AssignedToId":[7]})";
  }
  return body + "]}";
}

TEST(ItemPageReader, HandsItemsOverInChunksOfTheAskedSize) {
  std::vector<std::size_t> sizes;
  std::int64_t lastId = 0;
  const auto result = readItemPage(bigPage(1234), [&](std::vector<Item>&& chunk) {
    sizes.push_back(chunk.size());
    for (const auto& item : chunk) EXPECT_EQ(item.id, ++lastId);
    return true;
  }, 500);
  ASSERT_TRUE(result) << result.failure.message;
  EXPECT_EQ(result.page->items, 1234u);
  EXPECT_EQ(sizes, (std::vector<std::size_t>{500, 500, 234}));
}

TEST(ItemPageReader, ASinkThatStopsEndsTheRead) {
  int calls = 0;
  const auto result = readItemPage(bigPage(2000), [&](std::vector<Item>&&) { return ++calls < 2; }, 500);
  EXPECT_FALSE(result);
  EXPECT_TRUE(result.failure.stopped);
  EXPECT_EQ(calls, 2);
}

TEST(ItemPageReader, AGzipBombStopsAtTheBound) {
  // 64 MiB of spaces after the page compress to ~64 KiB; the bound is 1 MiB.
  std::string body = R"({"value":[{"Id":1,"Title":"a"}])";
  body.append(std::size_t{64} << 20, ' ');
  body += "}";
  const auto bomb = gzip(body);
  ASSERT_LT(bomb.size(), std::size_t{1} << 20);
  const auto result = readEncodedItemPage(bomb, "gzip", std::size_t{1} << 20, [](std::vector<Item>&&) { return true; });
  EXPECT_FALSE(result);
  EXPECT_TRUE(result.failure.tooLarge);
  EXPECT_NE(result.failure.message.find("inflates past the limit"), std::string::npos) << result.failure.message;
}

TEST(ItemPageReader, ABombThatIsNotJsonIsStillABomb) {
  // Zeros fail the parse at the first byte; the rest is inflated to tell a
  // bomb (refused for good) from a broken page (retried).
  const auto bomb = gzip(std::string(std::size_t{8} << 20, '\0'));
  const auto result = readEncodedItemPage(bomb, "gzip", std::size_t{1} << 20, {});
  EXPECT_FALSE(result);
  EXPECT_TRUE(result.failure.tooLarge) << result.failure.message;
  const auto small = readEncodedItemPage(gzip(std::string(1000, '\0')), "gzip", std::size_t{1} << 20, {});
  EXPECT_FALSE(small);
  EXPECT_FALSE(small.failure.tooLarge) << small.failure.message;
}

TEST(ItemPageReader, APlainAnswerPastTheBoundIsRefused) {
  const auto result = readEncodedItemPage(bigPage(100), "", 1000, [](std::vector<Item>&&) { return true; });
  EXPECT_FALSE(result);
  EXPECT_TRUE(result.failure.tooLarge);
}

TEST(ItemPageReader, ACutOrCorruptStreamFails) {
  const auto whole = gzip(bigPage(300));
  const auto cut = whole.substr(0, whole.size() / 2);
  std::size_t seen = 0;
  auto result = readEncodedItemPage(cut, "gzip", std::size_t{1} << 20, [&](std::vector<Item>&& c) {
    seen += c.size();
    return true;
  });
  EXPECT_FALSE(result);
  EXPECT_NE(result.failure.message.find("ends before its stream does"), std::string::npos) << result.failure.message;

  auto corrupt = whole;
  for (std::size_t i = 20; i < corrupt.size(); i += 7) corrupt[i] = static_cast<char>(corrupt[i] ^ 0x5a);
  result = readEncodedItemPage(corrupt, "gzip", std::size_t{1} << 20, [](std::vector<Item>&&) { return true; });
  EXPECT_FALSE(result);

  // Whole, it reads; "deflate" (zlib framing) too.
  EXPECT_TRUE(readEncodedItemPage(whole, "gzip", std::size_t{1} << 20, [](std::vector<Item>&&) { return true; }));
  EXPECT_TRUE(readEncodedItemPage(gzip(bigPage(3), 15), "deflate", std::size_t{1} << 20,
                                  [](std::vector<Item>&&) { return true; }));
}

// A stored gzip page is inflated in one call into a buffer of the size its
// trailer states; whatever that call cannot take is read by zlib, which says
// what is wrong. Each row changes a whole gzip page and names the outcome.
struct GzipCase {
  const char* name;
  std::function<void(std::string&)> change;
  bool accepted;
  const char* message;  // a part of the refusal's message
  bool tooLarge;
};

void setTrailerSize(std::string& gz, std::uint32_t size) {
  for (int k = 0; k < 4; ++k) gz[gz.size() - 4 + static_cast<std::size_t>(k)] = static_cast<char>(size >> (8 * k));
}
std::uint32_t trailerSize(const std::string& gz) {
  std::uint32_t size = 0;
  for (int k = 0; k < 4; ++k) size |= std::uint32_t{static_cast<unsigned char>(gz[gz.size() - 4 + static_cast<std::size_t>(k)])} << (8 * k);
  return size;
}

class GzipTrailer : public ::testing::TestWithParam<GzipCase> {};

TEST_P(GzipTrailer, IsReadAsZlibReadsIt) {
  const auto& c = GetParam();
  std::string gz = gzip(bigPage(300));
  c.change(gz);
  std::size_t items = 0;
  const auto result = readEncodedItemPage(gz, "gzip", std::size_t{1} << 20, [&](std::vector<Item>&& chunk) {
    items += chunk.size();
    return true;
  });
  EXPECT_EQ(static_cast<bool>(result), c.accepted) << result.failure.message;
  if (c.accepted) {
    EXPECT_EQ(items, 300u);
  } else {
    EXPECT_NE(result.failure.message.find(c.message), std::string::npos) << result.failure.message;
    EXPECT_EQ(result.failure.tooLarge, c.tooLarge);
  }
}

INSTANTIATE_TEST_SUITE_P(
    Cases, GzipTrailer,
    ::testing::Values(
        GzipCase{"Whole", [](std::string&) {}, true, "", false},
        GzipCase{"BytesAfterTheMember", [](std::string& gz) { gz += "trailing"; }, true, "", false},
        GzipCase{"WrongCheckValue", [](std::string& gz) { gz[gz.size() - 8] = static_cast<char>(gz[gz.size() - 8] ^ 1); },
                 false, "corrupt", false},
        GzipCase{"SizeStatedTooSmall", [](std::string& gz) { setTrailerSize(gz, trailerSize(gz) - 1); }, false,
                 "corrupt", false},
        GzipCase{"SizeStatedTooLarge", [](std::string& gz) { setTrailerSize(gz, trailerSize(gz) + 1); }, false,
                 "corrupt", false},
        GzipCase{"SizeStatedPastTheBound", [](std::string& gz) { setTrailerSize(gz, 0xffffffffu); }, false, "corrupt",
                 false},
        GzipCase{"CutInTheTrailer", [](std::string& gz) { gz.resize(gz.size() - 2); }, false, "ends before", false}),
    [](const ::testing::TestParamInfo<GzipCase>& info) { return std::string(info.param.name); });

TEST(ItemPageReader, AnUnknownEncodingIsRefused) {
  const auto result = readEncodedItemPage("x", "br", std::size_t{1} << 20, [](std::vector<Item>&&) { return true; });
  EXPECT_FALSE(result);
  EXPECT_NE(result.failure.message.find("unsupported content encoding"), std::string::npos);
}

TEST(ItemPageReader, DeepNestingOutsideItemsIsNoStackOverflow) {
  // Skipped members of the page are bounded like item values.
  std::string body = R"({"odata.metadata":)" + std::string(200000, '[') + std::string(200000, ']') + R"(,"value":[]})";
  const auto result = readItemPage(body, [](std::vector<Item>&&) { return true; });
  EXPECT_FALSE(result);
  EXPECT_NE(result.failure.message.find("nest deeper"), std::string::npos) << result.failure.message;
}

}  // namespace
}  // namespace deskpane::sync
