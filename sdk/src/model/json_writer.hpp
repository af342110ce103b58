// Private: a small streaming JSON writer appending compact JSON to a string.
//
// Used by value::to_json, the envelope writer and the event serializer. It
// never throws except std::bad_alloc: strings are written as valid UTF-8
// (invalid bytes become U+FFFD), optionally cut after a number of code points;
// NaN and infinities are written as null. Commas are placed automatically.
// Not thread-safe; one writer per output string.
//
// Cost: small pieces (names, short strings that need no escaping, numbers,
// brackets) are assembled in a buffer inside the writer and appended to the
// string at once: one append per call, or, for a writer made `buffered`, one
// per ~1 KiB. Nesting up to 256 levels is tracked inline: no allocation but
// the output's.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "model/utf8.hpp"
#include "sentry/value.hpp"

namespace sentry::detail {

// Appends `s` as a quoted JSON string, cut after `max_chars` code points.
void append_json_string(std::string& out, std::string_view s, std::size_t max_chars = no_limit);

// Appends the shortest text that reads back as `d` ("1.0", "0.1", "1e+300");
// null for NaN and infinities.
void append_json_double(std::string& out, double d);

class json_writer {
 public:
  // `out` holds everything written as soon as each call returns.
  explicit json_writer(std::string& out) noexcept : out_(out) {}
  // `out` holds everything written only after flush(): for a writer that
  // writes much and whose output is read only at the end.
  struct buffered_t {};
  static constexpr buffered_t buffered{};
  json_writer(std::string& out, buffered_t) noexcept : out_(out), buffered_(true) {}
  json_writer(const json_writer&) = delete;
  json_writer& operator=(const json_writer&) = delete;

  // Appends what is still held back (buffered writers); a writer destroyed
  // without flush() drops it.
  void flush() {
    if (staged_ == 0) return;
    out_.append(stage_, staged_);
    staged_ = 0;
  }

  json_writer& begin_object();
  json_writer& end_object();
  json_writer& begin_array();
  json_writer& end_array();
  json_writer& key(std::string_view k);
  json_writer& string(std::string_view s, std::size_t max_chars = no_limit);
  json_writer& integer(std::int64_t v);
  json_writer& uinteger(std::uint64_t v);
  json_writer& floating(double v);
  json_writer& boolean(bool v);
  json_writer& null();
  // `depth`: how deep the value already is (values nested deeper than 128
  // levels are written as null).
  json_writer& value(const sentry::value& v, int depth = 0);
  json_writer& value(const value_object& o);
  // A complete JSON value written as it is (the caller vouches for it).
  json_writer& raw(std::string_view json);
  // Members of the current object written as they are: `members` is
  // `"name":value` pairs joined by ',' (the caller vouches for it). Nothing
  // for an empty text.
  json_writer& raw_members(std::string_view members);
  // A string written between quotes as it is: the caller vouches that it
  // holds nothing to escape (digits, hex, ASCII letters and punctuation
  // other than '"' and '\').
  json_writer& raw_string(std::string_view s);

  // Shorthands for a member of the current object.
  json_writer& member(std::string_view k, std::string_view s, std::size_t max_chars = no_limit);
  json_writer& member_if(std::string_view k, std::string_view s,
                         std::size_t max_chars = no_limit) {
    return s.empty() ? *this : member(k, s, max_chars);
  }

  // A member name the caller vouches needs no escaping (the SDK's own names:
  // ASCII letters, digits, '_' and '.'; at most 64 bytes): written without
  // being scanned. For writers on a hot path.
  struct name {
    constexpr explicit name(std::string_view n) noexcept : text(n) {}
    std::string_view text;
  };
  json_writer& key(name k);
  json_writer& member(name k, std::string_view s, std::size_t max_chars = no_limit);
  json_writer& member_if(name k, std::string_view s, std::size_t max_chars = no_limit) {
    return s.empty() ? *this : member(k, s, max_chars);
  }
  // A member whose name and text the caller both vouch for (as above).
  json_writer& member(name k, name text);

 private:
  static constexpr std::size_t stage_size = 1024;

  // Room for n bytes (n <= stage_size) at the end of the stage.
  char* room(std::size_t n) {
    if (staged_ + n > stage_size) flush();
    return stage_ + staged_;
  }
  // The stage now ends at `end`; an unbuffered writer appends it at once.
  void staged(char* end) {
    staged_ = static_cast<std::size_t>(end - stage_);
    if (!buffered_) flush();
  }
  // Writes the ',' the next value needs (if any) at p; returns the end.
  char* separator(char* p) {
    if (after_key_) {
      after_key_ = false;
      return p;
    }
    if (depth_ == 0) return p;
    const std::size_t level = depth_ - 1;
    if (level >= inline_levels) return deep_separator(p, level - inline_levels);
    std::uint64_t& word = has_element_[level / 64];
    const std::uint64_t bit = std::uint64_t{1} << (level % 64);
    if (word & bit) *p++ = ',';
    word |= bit;
    return p;
  }
  char* deep_separator(char* p, std::size_t deep_level);
  // The separator, then everything staged appended: the caller appends the
  // value to out_ itself.
  void before_direct_value();
  void open(char bracket);
  void close(char bracket);
  void write_value(const sentry::value& v, int depth);
  void write_object(const value_object& o, int depth);

  std::string& out_;
  char stage_[stage_size];
  std::size_t staged_ = 0;
  bool buffered_ = false;
  // One bit per open container: whether it already holds an element. The
  // first 256 levels live inline; deeper ones (never in practice) in deep_.
  static constexpr std::size_t inline_levels = 256;
  std::uint64_t has_element_[inline_levels / 64] = {};
  std::vector<bool> deep_;
  std::size_t depth_ = 0;
  bool after_key_ = false;
};

}  // namespace sentry::detail
