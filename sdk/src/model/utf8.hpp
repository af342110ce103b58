// Private: decoding, repairing and truncating UTF-8 text.
//
// Pure functions, thread-safe, no exceptions other than std::bad_alloc.
// Invalid input is never rejected: each byte that does not start a
// well-formed sequence (Unicode Table 3-7: no overlongs, no surrogates,
// nothing above U+10FFFF) stands for one U+FFFD. Lengths in characters count
// code points, so a truncation never splits a sequence.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace sentry::detail {

inline constexpr char32_t replacement_character = 0xFFFD;
inline constexpr std::size_t no_limit = static_cast<std::size_t>(-1);

// Decodes the code point starting at s[i] (i < s.size()) into `cp` and
// returns the number of bytes it used: 1 to 4, or 1 with `cp` set to U+FFFD
// when the byte at i does not start a well-formed sequence.
std::size_t decode_utf8(std::string_view s, std::size_t i, char32_t& cp) noexcept;

// Appends the UTF-8 encoding of `cp` (a valid scalar value) to `out`.
void append_utf8(std::string& out, char32_t cp);

// `s` with invalid bytes replaced by U+FFFD, cut after `max_chars` code points.
std::string valid_utf8(std::string_view s, std::size_t max_chars = no_limit);

// True when `s` is well-formed UTF-8.
bool is_valid_utf8(std::string_view s) noexcept;

}  // namespace sentry::detail
