#pragma once
// SharePoint's OData v3 query options for list items, as pure functions:
// $filter (parse once, evaluate per item without allocating), $orderby,
// $select, $top and $skiptoken. No I/O, std types only, so the HTTP layer and
// the tests include it cheaply. Wire facts: shared/sharepoint-rest.md §0.1,
// §1.1, §1.2, §4.3.
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

#include "emulator/parse_result.h"

namespace deskpane::emu {

// A field value as the store hands it over. Dates are ISO-8601 UTC strings
// ("2024-01-05T09:00:00Z"); they are compared as instants whenever both sides
// read as dates, so ".000Z", offsets and datetime'…' literals all agree.
using Value = std::variant<std::monostate, bool, std::int64_t, double, std::string>;

// ISO-8601 date/time → 100 ns ticks since 1970-01-01T00:00:00Z. Accepts
// "YYYY-MM-DD", "YYYY-MM-DDTHH:MM[:SS[.fffffff]]" with 'T' or ' ', and a
// zone of "Z", "+hh:mm", "-hhmm" or none (read as UTC, as SharePoint's REST
// layer does). Nullopt for anything else, including impossible dates.
std::optional<std::int64_t> parseInstant(std::string_view text);

// Sort order over values as SharePoint returns rows for $orderby ... asc:
// null first, then booleans (false < true), numbers (int and double
// compared numerically), then strings; two strings that both read as dates
// compare as instants, other strings by code point after simple case
// folding (ASCII, Latin-1, Latin Extended-A, Greek, Cyrillic), close to
// SharePoint's case-insensitive SQL collation. Returns <0, 0, >0.
int compareValues(const Value& a, const Value& b);

// ---------------------------------------------------------------- $filter

// Closed ID intervals [first, second], sorted, disjoint, non-adjacent.
struct IdRanges {
  std::vector<std::pair<std::int64_t, std::int64_t>> ranges;

  bool contains(std::int64_t id) const;
  bool empty() const { return ranges.empty(); }
  // Number of IDs covered, saturating at INT64_MAX.
  std::int64_t count() const;
};

class Filter {
 public:
  // Item accessor by field name (as spelt in the filter, e.g. "Author/Id").
  using FieldGetter = std::function<Value(std::string_view field)>;
  // Faster accessor: the index is into fields(); bind names to columns once,
  // then hand out references so evaluation never copies a string.
  using FieldRefGetter = std::function<const Value&(std::size_t fieldIndex)>;

  Filter();  // matches every item

  // Every value of one field of one item, for multi-value columns
  // (UserMulti, LookupMulti, MultiChoice); a single-value column is one
  // value, no values at all read as null. The storage stays the caller's.
  struct Values {
    const Value* data = nullptr;
    std::size_t size = 0;
  };
  using FieldValuesGetter = std::function<Values(std::size_t fieldIndex)>;

  bool matches(const FieldGetter& get) const;
  bool matchesByIndex(const FieldRefGetter& get) const;
  // SharePoint reads a condition on a multi-value column as "contains":
  // "F eq x" (lt, le, gt, ge, startswith, substringof alike) holds when any
  // value satisfies it, "F ne x" when none equals x.
  bool matchesValuesByIndex(const FieldValuesGetter& get) const;

  // Field paths the filter reads, unique, in order of first use, spelt as
  // written. The caller checks them against indexed columns (list view
  // threshold) and against the list's schema (unknown column → 400).
  const std::vector<std::string>& fields() const;

  // A superset of the IDs that can match, when the filter constrains ID
  // (ID/Id with eq ne lt le gt ge against integers, combined with and/or/not);
  // nullopt when any ID may match.
  const std::optional<IdRanges>& idCandidates() const;
  // True when the filter is exactly an ID condition: then every ID in
  // idCandidates() that exists matches and no evaluation is needed.
  bool idOnly() const;

  // True for the empty filter (no $filter or only whitespace).
  bool matchesAll() const;

  struct Program;  // parsed form; defined in odata_filter.cpp

 private:
  friend ParseResult<Filter> parseFilter(std::string_view text);
  explicit Filter(std::shared_ptr<const Program> program);
  std::shared_ptr<const Program> program_;
};

// Parses a decoded $filter value. Operators eq ne lt le gt ge, and or not,
// parentheses (precedence: not > comparison > and > or), startswith(F,'x'),
// substringof('x',F); literals 'text' ('' escapes a quote), integers,
// decimals, datetime'…', quoted ISO dates, true/false, null; field paths
// such as Author/Id. Errors carry SharePoint's message
// (The expression "<text>" is not valid.) plus a precise detail.
ParseResult<Filter> parseFilter(std::string_view text);

// ---------------------------------------------------------------- $orderby

struct OrderKey {
  std::string field;
  bool descending = false;
  bool operator==(const OrderKey& o) const { return field == o.field && descending == o.descending; }
};

// "Title asc, Modified desc" → keys. Empty text → no keys.
ParseResult<std::vector<OrderKey>> parseOrderBy(std::string_view text);

// SharePoint pages by ID, so a listing is ordered by the requested keys and
// then by ID ascending; appends {"ID", asc} unless an ID key is present.
std::vector<OrderKey> withIdTiebreak(std::vector<OrderKey> keys);

// Compares two rows given their values for each key, in key order
// (a[i] is row a's value of keys[i]). Returns <0, 0, >0; descending keys
// invert compareValues, so nulls come first for asc and last for desc.
int compareRows(const std::vector<OrderKey>& keys, const Value* a, const Value* b);

// --------------------------------------------------------------- $select

struct SelectList {
  std::vector<std::string> fields;  // trimmed, unique, without "*"
  bool all = true;                  // no $select, empty, or "*" among them

  // Whether a field is requested explicitly (hidden fields need this).
  bool names(std::string_view field) const;
  // Whether a field belongs in the output: all, or named.
  bool includes(std::string_view field) const { return all || names(field); }
};

SelectList parseSelect(std::string_view text);

// ------------------------------------------------------------------ $top

inline constexpr std::int64_t kDefaultTop = 100;
inline constexpr std::int64_t kMaxTop = 5000;

// Empty → kDefaultTop. A non-negative integer is clamped to maxTop.
// Anything else is an error with SharePoint's message.
ParseResult<std::int64_t> parseTop(std::string_view text, std::int64_t maxTop = kMaxTop);

// ------------------------------------------------------------- $skiptoken

struct SkipToken {
  bool paged = false;                // Paged=TRUE
  bool previous = false;             // PagedPrev=TRUE (paging backwards)
  std::optional<std::int64_t> lastId;  // p_ID
  // p_<Field>=value for the sort columns other than ID, in token order,
  // values decoded ("20240105 09:00:00").
  std::vector<std::pair<std::string, std::string>> sortValues;
};

// Accepts the $skiptoken value once decoded by the query-string splitter
// ("Paged=TRUE&p_ID=2"), or still encoded ("Paged%3DTRUE%26p_ID%3D2").
// Unknown parameters are ignored, as SharePoint does; a p_ID that is not an
// integer is an error.
ParseResult<SkipToken> parseSkipToken(std::string_view text);

// The $skiptoken value exactly as SharePoint writes it into next links:
// URL-encoded with lowercase hex, "Paged%3dTRUE%26p_ID%3d100", with any sort
// values before p_ID (their own encoding doubled, as SPO does).
std::string buildSkipToken(const SkipToken& token);
std::string buildSkipToken(std::int64_t lastId);

// Formats an ISO date the way SharePoint puts it into a p_<Field> value:
// "2024-01-05T09:00:00Z" → "20240105 09:00:00". Non-dates are returned as is.
std::string skipTokenDateValue(std::string_view iso);

}  // namespace deskpane::emu
