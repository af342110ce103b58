// sentry/spdlog/detail/to_value.hpp: a format argument as a typed value (the
// params of a captured template). Not for direct use.
//
// Numbers and booleans keep their type, strings are copied, anything else is
// formatted with "{}" (it is formattable: the record was just formatted with
// it). Never throws; a value that cannot be made is empty.
#pragma once

#include <string>
#include <string_view>
#include <type_traits>

#include <spdlog/common.h>

#include "sentry/value.hpp"

namespace sentry::spdlog::detail {

template <typename T>
std::string format_as_text(const T& arg) {
#if defined(SPDLOG_USE_STD_FORMAT)
  return std::format("{}", arg);
#else
  return fmt::format("{}", arg);
#endif
}

template <typename T>
value to_value(const T& arg) noexcept {
  using U = std::decay_t<T>;
  try {
    if constexpr (std::is_same_v<U, bool>) {
      return value(arg);
    } else if constexpr (std::is_same_v<U, char>) {
      return value(std::string(1, arg));
    } else if constexpr (std::is_integral_v<U>) {
      return value(arg);
    } else if constexpr (std::is_floating_point_v<U>) {
      return value(static_cast<double>(arg));
    } else if constexpr (std::is_same_v<U, char*> || std::is_same_v<U, const char*>) {
      return value(static_cast<const char*>(arg));
    } else if constexpr (std::is_convertible_v<const T&, std::string_view>) {
      return value(std::string_view(arg));
    } else {
      return value(format_as_text(arg));
    }
  } catch (...) {
    return value();
  }
}

}  // namespace sentry::spdlog::detail
