#pragma once
// A streaming JSON writer that appends to one string. Responses are built
// with it rather than a DOM: key order stays as SharePoint sends it, and a
// page of 100 items costs one buffer instead of thousands of nodes.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace deskpane::emu {

class JsonWriter {
 public:
  JsonWriter& beginObject();
  JsonWriter& endObject();
  JsonWriter& beginArray();
  JsonWriter& endArray();
  JsonWriter& key(std::string_view k);
  JsonWriter& string(std::string_view s);
  JsonWriter& number(std::int64_t n);
  JsonWriter& number(double d);
  JsonWriter& boolean(bool b);
  JsonWriter& null();
  // Appends already-serialised JSON as one value.
  JsonWriter& raw(std::string_view json);

  // Shorthands for "key": value.
  JsonWriter& field(std::string_view k, std::string_view s) { return key(k).string(s); }
  JsonWriter& field(std::string_view k, const char* s) { return key(k).string(s); }
  JsonWriter& field(std::string_view k, std::int64_t n) { return key(k).number(n); }
  JsonWriter& field(std::string_view k, int n) { return key(k).number(static_cast<std::int64_t>(n)); }
  JsonWriter& fieldBool(std::string_view k, bool b) { return key(k).boolean(b); }

  // Room for `bytes` of text: a page of items grown by doubling copied
  // itself (and faulted in fresh memory) a dozen times over.
  void reserve(std::size_t bytes) { out_.reserve(bytes); }
  const std::string& str() const { return out_; }
  std::string take() { return std::move(out_); }

  static void escapeInto(std::string& out, std::string_view s);

 private:
  void separate();
  std::string out_;
  std::vector<bool> hasItems_;
  bool afterKey_ = false;
};

}  // namespace deskpane::emu
