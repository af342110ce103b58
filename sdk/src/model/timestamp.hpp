// Private: formatting time points as RFC 3339 UTC text.
//
// Pure functions, thread-safe, lock-free. Worker thread only by convention:
// formatting time is not for the caller's thread (DESIGN §4).
#pragma once

#include <chrono>
#include <cstddef>
#include <string>

namespace sentry::detail {

// "2024-01-02T03:04:05.678Z" with `fraction_digits` digits after the second
// (0 to 9; 0 writes no fraction). Time points outside years 0000-9999 are
// clamped to those bounds.
std::string format_rfc3339(std::chrono::system_clock::time_point tp, int fraction_digits);

// The same text written into `buf` (at least max_rfc3339_chars bytes, not
// terminated); returns its length. Allocates nothing.
inline constexpr std::size_t max_rfc3339_chars = 32;
std::size_t format_rfc3339(char* buf, std::chrono::system_clock::time_point tp,
                           int fraction_digits) noexcept;

}  // namespace sentry::detail
