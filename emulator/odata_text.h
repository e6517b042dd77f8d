#pragma once
// Small text and calendar helpers shared by the OData query code
// (odata_query.cpp, odata_filter.cpp). Internal to the emulator.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace deskpane::emu {

std::string_view trim(std::string_view text);

inline char lowerAscii(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }
bool equalsIgnoreCase(std::string_view a, std::string_view b);

// Text comparison for field values, as SharePoint's case-insensitive SQL
// collation does it (approximately): UTF-8 code points compared after simple
// case folding of ASCII, Latin-1, Latin Extended-A, Greek and Cyrillic.
// Invalid UTF-8 bytes compare as themselves, after every valid code point.
int compareText(std::string_view a, std::string_view b);
bool equalsText(std::string_view a, std::string_view b);
bool startsWithText(std::string_view text, std::string_view prefix);
bool containsText(std::string_view haystack, std::string_view needle);

// Whole text is an optionally signed decimal integer within int64.
std::optional<std::int64_t> parseInt64(std::string_view text);
// Whole text is a decimal number (integer, fraction, exponent).
std::optional<double> parseDouble(std::string_view text);

// Cheap pre-check before parseInstant: "dddd-dd-dd…".
bool looksLikeDate(std::string_view text);

// Identifier segments joined by '/': Title, Author/Id, OData__UIVersionString.
bool isFieldPath(std::string_view text);
// "ID" in any case: SharePoint's item ID column (REST also exposes "Id").
bool isIdField(std::string_view field);

// %xx decoding; plusIsSpace turns '+' into ' '. Invalid escapes stay literal.
std::string percentDecode(std::string_view text, bool plusIsSpace);

struct CivilTime {
  int year, month, day, hour, minute, second;
};
CivilTime civilFromTicks(std::int64_t ticks);

inline constexpr std::int64_t kTicksPerSecond = 10'000'000;

}  // namespace deskpane::emu
