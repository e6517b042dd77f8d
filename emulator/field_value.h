#pragma once
// One list-item field value as the store keeps it. Dates are normalised
// "yyyy-MM-ddTHH:mm:ssZ" strings, so ordering them as strings orders them in time.
#include <cstdint>
#include <string>
#include <variant>
#include <vector>

namespace deskpane::emu {

struct UrlValue {
  std::string description;
  std::string url;
  bool operator==(const UrlValue& o) const { return description == o.description && url == o.url; }
};

using FieldValue = std::variant<std::monostate, bool, std::int64_t, double, std::string,
                                std::vector<std::int64_t>, std::vector<std::string>, UrlValue>;

inline bool isNull(const FieldValue& v) { return std::holds_alternative<std::monostate>(v); }

}  // namespace deskpane::emu
