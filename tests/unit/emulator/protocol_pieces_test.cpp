#include "emulator/change_token.h"
#include "emulator/faults.h"
#include "emulator/flavour.h"
#include "emulator/form_digest.h"
#include "emulator/guid.h"
#include "emulator/if_match.h"
#include "emulator/json_writer.h"
#include "emulator/sp_error.h"
#include "emulator/time_util.h"

#include <gtest/gtest.h>

#include <stdexcept>
#include <thread>

namespace deskpane::emu {
namespace {

TEST(IfMatch, ReadsEveryEtagFormSharePointClientsSend) {
  struct Case {
    const char* header;
    bool unconditional;
    std::optional<int> version;
  };
  const Case cases[] = {
      {"", true, std::nullopt},
      {"*", true, std::nullopt},
      {"\"3\"", false, 3},
      {"\"34501734-b43e-455e-badb-142ade3ef2f1,17\"", false, 17},
      {"\"{12AD05BB-59B8-43AA-9456-77C44E9BC066},756\"", false, 756},
      {"W/\"5\"", false, 5},
      {"'\"8\"'", false, 8},
      {"\"abc\"", false, std::nullopt},
  };
  for (const auto& c : cases) {
    const auto m = parseIfMatch(c.header);
    EXPECT_EQ(m.unconditional, c.unconditional) << c.header;
    EXPECT_EQ(m.version, c.version) << c.header;
  }
}

TEST(ChangeToken, RoundTripsAndRejectsMalformedTokens) {
  const auto t = parseChangeToken("1;3;5B9D1C5E-3F4A-4B1E-9A57-0C3E2F1D2A11;638400000000000000;290418294");
  ASSERT_TRUE(t);
  EXPECT_EQ(t->scope, 3);
  EXPECT_EQ(t->scopeGuid, "5b9d1c5e-3f4a-4b1e-9a57-0c3e2f1d2a11");
  EXPECT_EQ(t->ticks, 638400000000000000LL);
  EXPECT_EQ(t->number, 290418294);
  EXPECT_EQ(parseChangeToken(t->str())->str(), t->str());
  EXPECT_EQ(parseChangeToken("1;3;5b9d1c5e-3f4a-4b1e-9a57-0c3e2f1d2a11;638396640000000000;-1")->number, -1);
  for (const char* bad : {"", "1;3;x;1;2", "1;3;5b9d1c5e-3f4a-4b1e-9a57-0c3e2f1d2a11;abc;1",
                          "1;3;5b9d1c5e-3f4a-4b1e-9a57-0c3e2f1d2a11;1", "1;3;5b9d1c5e-3f4a-4b1e-9a57-0c3e2f1d2a11;1;2;3"}) {
    EXPECT_FALSE(parseChangeToken(bad)) << bad;
  }
}

TEST(TimeUtil, NormalisesTheDateFormsClientsWrite) {
  struct Case {
    const char* in;
    const char* out;  // nullptr = rejected
  };
  const Case cases[] = {
      {"2024-01-05T09:00:00Z", "2024-01-05T09:00:00Z"},
      {"2024-01-05T09:00:00.000Z", "2024-01-05T09:00:00Z"},
      {"2024-01-05T10:00:00+01:00", "2024-01-05T09:00:00Z"},
      {"2024-01-05T09:00", "2024-01-05T09:00:00Z"},
      {"2024-01-05", "2024-01-05T00:00:00Z"},
      {"2024-13-05", nullptr},
      {"yesterday", nullptr},
  };
  for (const auto& c : cases) {
    const auto got = normaliseIso(c.in);
    if (c.out) {
      ASSERT_TRUE(got) << c.in;
      EXPECT_EQ(*got, c.out) << c.in;
    } else {
      EXPECT_FALSE(got) << c.in;
    }
  }
}

TEST(TimeUtil, TicksMatchDotNet) {
  // 2024-01-01T00:00:00Z in .NET ticks.
  const auto t = *parseIso("2024-01-01T00:00:00Z");
  EXPECT_EQ(ticksFromTimePoint(t), 638396640000000000LL);
  EXPECT_EQ(isoUtc(timePointFromTicks(638396640000000000LL)), "2024-01-01T00:00:00Z");
}

TEST(Flavour, ChosenByAccept) {
  EXPECT_EQ(flavourFromAccept("application/json;odata=verbose"), Flavour::Verbose);
  EXPECT_EQ(flavourFromAccept("application/json; odata=nometadata"), Flavour::NoMetadata);
  EXPECT_EQ(flavourFromAccept("application/json"), Flavour::Minimal);
  EXPECT_EQ(flavourFromAccept(""), Flavour::Minimal);
  EXPECT_EQ(flavourFromAccept("*/*"), Flavour::Minimal);
  EXPECT_STREQ(contentTypeFor(Flavour::Minimal), "application/json;odata=minimalmetadata;streaming=true;charset=utf-8");
}

TEST(ErrorBody, UsesTheFlavoursEnvelope) {
  EXPECT_EQ(errorBody(Flavour::Verbose, "-1, X", "m"),
            "{\"error\":{\"code\":\"-1, X\",\"message\":{\"lang\":\"en-US\",\"value\":\"m\"}}}");
  EXPECT_EQ(errorBody(Flavour::Minimal, "-1, X", "m"),
            "{\"odata.error\":{\"code\":\"-1, X\",\"message\":{\"lang\":\"en-US\",\"value\":\"m\"}}}");
  const auto e = etagMismatch("\"8\"", "\"g,9\"");
  EXPECT_EQ(e.status(), 412);
  EXPECT_STREQ(e.what(), "The request ETag value '\"8\"' does not match the object's ETag value '\"g,9\"'.");
}

TEST(JsonWriter, EscapesAndSeparates) {
  JsonWriter w;
  w.beginObject().field("a", "x\"y\\z\n\x01").key("b").beginArray().number(std::int64_t{1}).number(0.5).null().endArray();
  w.fieldBool("c", true).key("d").beginObject().endObject().endObject();
  EXPECT_EQ(w.str(), "{\"a\":\"x\\\"y\\\\z\\n\\u0001\",\"b\":[1,0.5,null],\"c\":true,\"d\":{}}");
}

TEST(Faults, ParsesTheSpecOfDesign4) {
  const auto rules = parseFaultSpec("429:0.2,503:0.05,reset:0.05,slow:0.1@800ms,truncate:0.02");
  ASSERT_EQ(rules.size(), 5u);
  EXPECT_EQ(rules[0].kind, FaultKind::Status429);
  EXPECT_DOUBLE_EQ(rules[0].probability, 0.2);
  EXPECT_EQ(rules[3].kind, FaultKind::Slow);
  EXPECT_EQ(rules[3].delay.count(), 800);
  EXPECT_EQ(rules[4].kind, FaultKind::Truncate);
  EXPECT_TRUE(parseFaultSpec("").empty());
  for (const char* bad : {"418:0.1", "429", "429:x", "429:1.5", "slow:0.1@fast"}) {
    EXPECT_THROW(parseFaultSpec(bad), std::invalid_argument) << bad;
  }
}

TEST(Faults, DrawsRoughlyTheRequestedShare) {
  FaultInjector always(parseFaultSpec("503:1"));
  EXPECT_EQ(always.draw()->kind, FaultKind::Status503);
  FaultInjector some(parseFaultSpec("429:0.25"));
  int hits = 0;
  for (int i = 0; i < 4000; ++i) hits += some.draw().has_value();
  EXPECT_GT(hits, 800);
  EXPECT_LT(hits, 1200);
  FaultInjector none(parseFaultSpec(""));
  EXPECT_FALSE(none.draw());
}

TEST(FormDigest, ValidatesOnlyItsOwnFreshDigests) {
  FormDigest digest(std::chrono::seconds(1800));
  const auto value = digest.issue();
  EXPECT_EQ(value.rfind("0x", 0), 0u);
  EXPECT_TRUE(digest.valid(value));
  EXPECT_FALSE(digest.valid(""));
  EXPECT_FALSE(digest.valid("undefined"));
  EXPECT_FALSE(digest.valid("0x00," + value.substr(value.find(',') + 1)));
  FormDigest other;
  EXPECT_FALSE(other.valid(value));
  FormDigest expired(std::chrono::seconds(0));
  const auto old = expired.issue();
  std::this_thread::sleep_for(std::chrono::milliseconds(1100));
  EXPECT_FALSE(expired.valid(old));
}

TEST(Guid, DeterministicFromNameAndWellFormed) {
  EXPECT_EQ(guidFromName("list/Tasks"), guidFromName("list/Tasks"));
  EXPECT_NE(guidFromName("list/Tasks"), guidFromName("list/Notes"));
  EXPECT_TRUE(looksLikeGuid(guidFromName("x")));
  EXPECT_TRUE(looksLikeGuid(randomGuid()));
  EXPECT_NE(randomGuid(), randomGuid());
  EXPECT_FALSE(looksLikeGuid("not-a-guid"));
}

}  // namespace
}  // namespace deskpane::emu
