// Private: a small streaming JSON writer appending compact JSON to a string.
//
// Used by value::to_json, the envelope writer and the event serializer. It
// never throws except std::bad_alloc: strings are written as valid UTF-8
// (invalid bytes become U+FFFD), optionally cut after a number of code points;
// NaN and infinities are written as null. Commas are placed automatically.
// Not thread-safe; one writer per output string.
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
  explicit json_writer(std::string& out) : out_(out) {}

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
  json_writer& value(const sentry::value& v);
  json_writer& value(const value_object& o);
  // A complete JSON value written as it is (the caller vouches for it).
  json_writer& raw(std::string_view json);

  // Shorthands for a member of the current object.
  json_writer& member(std::string_view k, std::string_view s, std::size_t max_chars = no_limit) {
    return key(k).string(s, max_chars);
  }
  json_writer& member_if(std::string_view k, std::string_view s,
                         std::size_t max_chars = no_limit) {
    return s.empty() ? *this : member(k, s, max_chars);
  }

 private:
  void before_value();
  void write_value(const sentry::value& v, int depth);
  void write_object(const value_object& o, int depth);

  std::string& out_;
  // One entry per open container: whether it already holds an element.
  std::vector<bool> has_element_;
  bool after_key_ = false;
};

}  // namespace sentry::detail
