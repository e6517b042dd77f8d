#pragma once
// Expected-style result shared by the emulator's pure protocol parsers
// (odata_query, batch_codec): either a value or the error SharePoint would
// report in its 400 body. C++17 has no std::expected, so this is the minimum.
#include <cstddef>
#include <string>
#include <utility>
#include <variant>

namespace deskpane::emu {

struct ParseError {
  std::string message;   // text for SharePoint's error body ("The expression \"…\" is not valid.")
  std::string detail;    // what exactly went wrong and where, for logs and tests
  std::size_t position = 0;  // byte offset into the parsed input
};

template <class T>
class ParseResult {
 public:
  ParseResult(T value) : state_(std::move(value)) {}            // NOLINT: implicit by design
  ParseResult(ParseError error) : state_(std::move(error)) {}   // NOLINT: implicit by design

  bool ok() const { return state_.index() == 0; }
  explicit operator bool() const { return ok(); }

  const T& value() const& { return std::get<0>(state_); }
  T& value() & { return std::get<0>(state_); }
  T&& value() && { return std::get<0>(std::move(state_)); }
  const T* operator->() const { return &std::get<0>(state_); }
  T* operator->() { return &std::get<0>(state_); }
  const T& operator*() const { return std::get<0>(state_); }

  const ParseError& error() const { return std::get<1>(state_); }

 private:
  std::variant<T, ParseError> state_;
};

}  // namespace deskpane::emu
