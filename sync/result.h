#pragma once
// A value or an error, for operations whose failure the caller must handle
// (opening a file, parsing settings) rather than an exceptional bug.
#include <string>
#include <utility>
#include <variant>

namespace deskpane::sync {

enum class ErrorCode {
  NotFound,      // the file does not exist
  Malformed,     // the file cannot be parsed
  InvalidValue,  // parsed, but a value is out of range or unknown
  Io,            // read/write/rename/chmod failed
  Database,      // SQLite reported an error
};

struct Error {
  ErrorCode code = ErrorCode::Io;
  std::string message;
  int line = 0;  // 1-based line in a text file when known, else 0
};

template <class T>
class Result {
 public:
  Result(T value) : v_(std::move(value)) {}  // NOLINT: implicit by design
  Result(Error error) : v_(std::move(error)) {}  // NOLINT
  bool ok() const { return v_.index() == 0; }
  explicit operator bool() const { return ok(); }
  T& value() & { return std::get<0>(v_); }
  const T& value() const& { return std::get<0>(v_); }
  T&& value() && { return std::get<0>(std::move(v_)); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  const Error& error() const { return std::get<1>(v_); }

 private:
  std::variant<T, Error> v_;
};

template <>
class Result<void> {
 public:
  Result() = default;
  Result(Error error) : error_(std::move(error)), ok_(false) {}  // NOLINT
  bool ok() const { return ok_; }
  explicit operator bool() const { return ok_; }
  const Error& error() const { return error_; }

 private:
  Error error_;
  bool ok_ = true;
};

}  // namespace deskpane::sync
