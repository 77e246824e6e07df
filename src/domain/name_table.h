#pragma once

#include <iterator>
#include <optional>
#include <string_view>
#include <type_traits>

namespace covalue {

// Wire names of enums kept in one table of (value, name) pairs: a C array or std::array.

// The name of value, or fallback when the table has none (a value added to the enum but not to
// its table).
template <typename Table, typename T>
std::string_view NameIn(const Table& table, T value, std::string_view fallback = "unknown") {
  for (const auto& [v, name] : table) {
    if (v == value) {
      return name;
    }
  }
  return fallback;
}

// The value a name names, or nullopt.
template <typename Table>
auto ParseIn(const Table& table, std::string_view name)
    -> std::optional<std::remove_cvref_t<decltype(std::begin(table)->first)>> {
  for (const auto& [v, n] : table) {
    if (n == name) {
      return v;
    }
  }
  return std::nullopt;
}

}  // namespace covalue
