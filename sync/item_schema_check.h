#pragma once
// Does an item the server sent fit the list's schema (list_schema.h)? Run on
// every answer before anything of it is stored: a wrongly typed or oversized
// value is an error for that list, so its change token stays where it was
// and the next sync reads the same changes again.
#include "sync/item.h"
#include "sync/list_kind.h"

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace deskpane::sync {

struct FieldSpec;

// Single-line values (Text, Choice, DateTime, Computed, Lookup): SharePoint
// caps a single line of text at 255 characters, at most 4 bytes each in
// UTF-8, and a path (FileRef) at 400; 4 KiB leaves room for both.
inline constexpr std::size_t kMaxLineFieldBytes = 4096;
// Multi-line values (Note, Html) and fields outside the schema: far above any
// note or description a pane shows (a novel is ~1 MB), far below memory.
inline constexpr std::size_t kMaxTextFieldBytes = std::size_t{4} << 20;

// What is wrong with one field's value in a list of `kind` ("field 'Title'
// is a number, expected text"), or nullopt when it fits (null always does).
std::optional<std::string> fieldProblem(ListKind kind, std::string_view name, const FieldValue& value);
// The same for a text value, read where it lies.
std::optional<std::string> textFieldProblem(ListKind kind, std::string_view name, std::string_view text);
// The same two, for a caller that has looked the field up already (`spec`
// is findField(kind, name): nullptr for a field outside the schema).
std::optional<std::string> fieldProblem(const FieldSpec* spec, std::string_view name, const FieldValue& value);
std::optional<std::string> textFieldProblem(const FieldSpec* spec, std::string_view name, std::string_view text);
// The first problem of `item` for a list of `kind` ("item 7: field 'Title'
// is a number, expected text"), or nullopt when it fits.
std::optional<std::string> schemaProblem(ListKind kind, const Item& item);
// The first problem among `items`.
std::optional<std::string> schemaProblem(ListKind kind, const std::vector<Item>& items);

}  // namespace deskpane::sync
