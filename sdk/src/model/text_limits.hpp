// Private: the string limits Relay applies to event fields (PROTOCOL §3),
// applied by the SDK while writing so nothing is cut server-side at random.
//
// Pure functions, thread-safe. Every result is valid UTF-8 (invalid bytes
// become U+FFFD) and lengths count code points, so no cut splits a sequence.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace sentry::detail {

inline constexpr std::size_t max_message_chars = 8192;     // logentry, exception value
inline constexpr std::size_t max_tag_chars = 200;          // tag keys and values
inline constexpr std::size_t max_logger_chars = 64;
inline constexpr std::size_t max_environment_chars = 64;
inline constexpr std::size_t max_dist_chars = 64;
inline constexpr std::size_t max_release_chars = 200;
inline constexpr std::size_t max_transaction_chars = 200;
inline constexpr std::size_t max_exception_type_chars = 256;
inline constexpr std::size_t max_server_name_chars = 256;

// A tag key Relay accepts: only a-z A-Z 0-9 _ . : - ; a space becomes '-',
// any other character is dropped; at most 200 characters. May be empty (the
// caller then drops the tag).
std::string sanitize_tag_key(std::string_view key);

// `text` on one line (CR and LF become spaces), cut after `max_chars`.
std::string single_line(std::string_view text, std::size_t max_chars);

// Cheap checks that let a writer use a text as it is: true when the key is
// not empty and sanitize_tag_key(key) == key; true when the text is ASCII and
// single_line(text, max_chars) == text (false for any non-ASCII text, which
// takes the full path).
bool is_sanitized_tag_key(std::string_view key) noexcept;
bool is_short_ascii_line(std::string_view text, std::size_t max_chars) noexcept;

}  // namespace sentry::detail
