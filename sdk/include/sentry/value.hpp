// sentry/value.hpp: a small JSON-like value for contexts, extra, breadcrumb
// data and log attributes.
//
// A plain value type: copyable, movable, no shared state, so it is as
// thread-safe as an int. Integers keep their type (signed 64-bit; unsigned
// values above INT64_MAX are kept as unsigned and sent as strings where the
// protocol needs it). Objects keep keys sorted.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <variant>
#include <vector>

#include "sentry/export.hpp"

namespace sentry {

class value;
using value_array = std::vector<value>;
using value_object = std::map<std::string, value, std::less<>>;

class value {
 public:
  enum class kind { null, boolean, integer, unsigned_integer, floating, string, array, object };

  value() noexcept = default;
  value(std::nullptr_t) noexcept {}
  value(bool b) noexcept : data_(b) {}
  template <typename T,
            std::enable_if_t<std::is_integral_v<T> && !std::is_same_v<T, bool> &&
                                 !std::is_same_v<T, char>,
                             int> = 0>
  value(T v) noexcept {
    if constexpr (std::is_signed_v<T>) {
      data_ = static_cast<std::int64_t>(v);
    } else if (static_cast<std::uint64_t>(v) <= static_cast<std::uint64_t>(INT64_MAX)) {
      data_ = static_cast<std::int64_t>(v);
    } else {
      data_ = static_cast<std::uint64_t>(v);
    }
  }
  value(double d) noexcept : data_(d) {}
  value(float f) noexcept : data_(static_cast<double>(f)) {}
  value(std::string s) noexcept : data_(std::move(s)) {}
  value(std::string_view s) : data_(std::string(s)) {}
  value(const char* s) : data_(std::string(s ? s : "")) {}
  value(value_array a) noexcept : data_(std::move(a)) {}
  value(value_object o) noexcept : data_(std::move(o)) {}

  kind type() const noexcept { return static_cast<kind>(data_.index()); }
  bool is_null() const noexcept { return type() == kind::null; }
  bool is_string() const noexcept { return type() == kind::string; }
  bool is_object() const noexcept { return type() == kind::object; }
  bool is_array() const noexcept { return type() == kind::array; }

  // Typed access; the pointer is null when the value holds another kind.
  const bool* as_bool() const noexcept { return std::get_if<bool>(&data_); }
  const std::int64_t* as_int() const noexcept { return std::get_if<std::int64_t>(&data_); }
  const std::uint64_t* as_uint() const noexcept { return std::get_if<std::uint64_t>(&data_); }
  const double* as_double() const noexcept { return std::get_if<double>(&data_); }
  const std::string* as_string() const noexcept { return std::get_if<std::string>(&data_); }
  const value_array* as_array() const noexcept { return std::get_if<value_array>(&data_); }
  const value_object* as_object() const noexcept { return std::get_if<value_object>(&data_); }
  value_array* as_array() noexcept { return std::get_if<value_array>(&data_); }
  value_object* as_object() noexcept { return std::get_if<value_object>(&data_); }

  // The value as text: strings as they are, numbers and booleans printed,
  // null as "", arrays and objects as compact JSON.
  SENTRY_API std::string to_text() const;
  // Compact JSON. Invalid UTF-8 in strings is replaced with U+FFFD.
  SENTRY_API std::string to_json() const;
  // Parses JSON text; nullopt when it is not valid JSON. Never throws.
  SENTRY_API static std::optional<value> parse_json(std::string_view text) noexcept;

  friend bool operator==(const value& a, const value& b) { return a.data_ == b.data_; }
  friend bool operator!=(const value& a, const value& b) { return !(a == b); }

 private:
  std::variant<std::monostate, bool, std::int64_t, std::uint64_t, double, std::string,
               value_array, value_object>
      data_;
};

}  // namespace sentry
